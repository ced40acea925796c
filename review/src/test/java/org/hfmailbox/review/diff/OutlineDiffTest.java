package org.hfmailbox.review.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hfmailbox.review.InputError;
import org.hfmailbox.review.SpecCopy;
import org.hfmailbox.review.spec.SpecOutline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** diff-spec's declaration comparison, read by SANY. */
class OutlineDiffTest {
    @Test
    void renamedAndEditedActionsAreReported(@TempDir Path tmp) throws Exception {
        Path old = SpecCopy.copy(tmp.resolve("old"));
        Path edited = SpecCopy.copy(tmp.resolve("new"));
        Path tla = edited.resolve("Mailbox.tla");
        Files.writeString(tla, Files.readString(tla, StandardCharsets.UTF_8).replace("api_yield(c)", "timer_yield(c)"),
                StandardCharsets.UTF_8);
        SpecCopy.replace(tla, "IF Fixed(\"message-reports-sender\") THEN f ELSE 0", "f");
        SpecCopy.replace(tla, "    step             \\* ghost", "    extra_ghost,\n    step             \\* ghost");

        SpecOutline a = SpecOutline.read(old, "Mailbox");
        SpecOutline b = SpecOutline.read(edited, "Mailbox");
        assertTrue(a.variables().contains("vcpu_state") && a.constants().contains("Corrections"));
        assertTrue(a.actions().contains("mailbox_send_deliver") && !a.actions().contains("TypeOK"));
        OutlineDiff d = OutlineDiff.of(a, b);
        assertEquals(List.of("timer_yield"), d.actionsAdded());
        assertEquals(List.of("api_yield"), d.actionsRemoved());
        assertEquals(List.of("extra_ghost"), d.variablesAdded());
        assertTrue(d.actionsChanged().contains("mailbox_send_deliver"), d.lines().toString());
        assertTrue(d.actionsChanged().contains("GuestCall"), d.lines().toString());
        assertTrue(OutlineDiff.of(a, a).isEmpty());
    }

    @Test
    void aModuleSanyRejectsIsAnInputErrorNamingTheFile(@TempDir Path tmp) throws Exception {
        Path copy = SpecCopy.copy(tmp.resolve("bad"));
        SpecCopy.replace(copy.resolve("Mailbox.tla"), "Fixed(name) == name \\in Corrections", "Fixed(name) == name \\in");
        InputError e = org.junit.jupiter.api.Assertions.assertThrows(InputError.class,
                () -> SpecOutline.read(copy, "Mailbox"));
        assertTrue(e.getMessage().contains("Mailbox.tla"), e.getMessage());
    }
}
