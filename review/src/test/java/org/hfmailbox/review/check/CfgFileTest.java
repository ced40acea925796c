package org.hfmailbox.review.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hfmailbox.review.check.CfgFile;
import org.junit.jupiter.api.Test;

class CfgFileTest {
    private static final String CFG = String.join("\n",
            "\\* a comment naming INVARIANT Fake",
            "CONSTANTS N = 3",
            "SPECIFICATION Spec",
            "VIEW View",
            "INVARIANTS",
            "    TypeOK",
            "    (* a (* nested *) comment with PROPERTY Ghost *)",
            "    BelowTwo",
            "INVARIANT Third",
            "PROPERTIES Live1 Live2",
            "CHECK_DEADLOCK FALSE",
            "");

    @Test
    void findsInvariantsAndPropertiesIgnoringComments() {
        CfgFile cfg = CfgFile.parse(CFG);
        assertEquals(List.of("TypeOK", "BelowTwo", "Third"), cfg.invariants());
        assertEquals(List.of("Live1", "Live2"), cfg.properties());
    }

    @Test
    void onlyCheckingKeepsEverythingElseAndChecksOneName() {
        String one = CfgFile.parse(CFG).onlyChecking("BelowTwo");
        CfgFile reparsed = CfgFile.parse(one);
        assertEquals(List.of("BelowTwo"), reparsed.invariants());
        assertEquals(List.of(), reparsed.properties());
        assertTrue(one.contains("CONSTANTS N = 3"));
        assertTrue(one.contains("VIEW View"));
        assertTrue(one.contains("CHECK_DEADLOCK FALSE"));
        assertFalse(one.contains("Live1"));

        CfgFile prop = CfgFile.parse(CfgFile.parse(CFG).onlyChecking("Live2"));
        assertEquals(List.of(), prop.invariants());
        assertEquals(List.of("Live2"), prop.properties());
    }

    @Test
    void onlyCheckingSeveralNamesKeepsTheirKinds() {
        CfgFile some = CfgFile.parse(CfgFile.parse(CFG).onlyChecking(List.of("TypeOK", "Live2", "Third")));
        assertEquals(List.of("TypeOK", "Third"), some.invariants());
        assertEquals(List.of("Live2"), some.properties());
        assertThrows(IllegalArgumentException.class, () -> CfgFile.parse(CFG).onlyChecking(List.of("TypeOK", "Nope")));
    }

    @Test
    void readsTheSpecificationAndWhetherItChecksLiveness() {
        assertTrue(CfgFile.parse("SPECIFICATION FairSpec\nPROPERTY P\n").checksLiveness());
        assertFalse(CfgFile.parse("SPECIFICATION Spec\nPROPERTY P\n").checksLiveness());
        assertFalse(CfgFile.parse("SPECIFICATION FairSpec\nINVARIANT I\n").checksLiveness());
        assertEquals("FairSpec", CfgFile.parse("\\* c\nSPECIFICATION FairSpec\n").specification());
    }

    @Test
    void rejectsUnknownNamesAndUnclosedComments() {
        assertThrows(IllegalArgumentException.class, () -> CfgFile.parse(CFG).onlyChecking("Nope"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CfgFile.parse("SPECIFICATION Spec\n(* open\nINVARIANT X\n"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void replacesTheSpecificationKeepingTheRest() {
        CfgFile cfg = CfgFile.parse(CfgFile.parse(CFG).onlyChecking("Live1"));
        String weaker = cfg.withSpecification("FairSpecCpus");
        CfgFile parsed = CfgFile.parse(weaker);
        assertEquals("FairSpecCpus", parsed.specification());
        assertEquals(List.of("Live1"), parsed.properties());
        assertTrue(weaker.contains("VIEW View") && weaker.contains("CONSTANTS N = 3"), weaker);
        assertThrows(IllegalArgumentException.class, () -> CfgFile.parse("CONSTANT N = 1\n").withSpecification("X"));
    }
}
