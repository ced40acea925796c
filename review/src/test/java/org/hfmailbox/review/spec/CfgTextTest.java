package org.hfmailbox.review.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The cfg edits the report and the per-property runs make. */
class CfgTextTest {
    private static final String CFG = String.join("\n",
            "CONSTANTS",
            "    CpuNext <- SafetyCpuNext",
            "    Return <- SafetyReturn",
            "    NumCPUs = 2",
            "SPECIFICATION Spec",
            "INVARIANTS",
            "    TypeOK",
            "PROPERTIES",
            "    ServiceRefinementProp",
            "");

    @Test
    void aPerPropertyRunKeepsTheSpeedOverrides() {
        assertEquals(String.join("\n", "CONSTANTS", "    CpuNext <- SafetyCpuNext", "    Return <- SafetyReturn",
                "    NumCPUs = 2", "SPECIFICATION Spec", "PROPERTY TypeOK", ""), CfgText.checkingProperty(CFG, "TypeOK"));
    }

    @Test
    void aStateGraphIsDumpedWithoutThem() {
        assertEquals(String.join("\n", "CONSTANTS", "    NumCPUs = 2", "SPECIFICATION Spec", ""),
                CfgText.forStateGraph(CFG));
    }
}
