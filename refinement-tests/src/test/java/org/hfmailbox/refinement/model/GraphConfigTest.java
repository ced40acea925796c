package org.hfmailbox.refinement.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The cfg a state graph is dumped with keeps the shape and drops the checks and the speed overrides. */
class GraphConfigTest {
    private static final List<String> CFG = List.of(
            "\\* a configuration with default's speed overrides",
            "CONSTANTS",
            "    CpuNext <- SafetyCpuNext",
            "    Return <- SafetyReturn",
            "    NumCPUs = 2",
            "    Sizes <- SmallSizes",
            "SPECIFICATION Spec",
            "VIEW View",
            "INVARIANTS",
            "    TypeOK",
            "PROPERTIES",
            "    ServiceRefinementProp");

    @Test
    void dropsChecksAndSpeedOverridesOnly() {
        assertEquals(List.of(
                "\\* a configuration with default's speed overrides",
                "CONSTANTS",
                "    NumCPUs = 2",
                "    Sizes <- SmallSizes",
                "SPECIFICATION Spec",
                "VIEW View"), DotDump.graphConfig(CFG));
    }

    @Test
    void recognisesOnlyTheSpeedOverrides() {
        assertTrue(SpeedOverrides.isOverride("    CpuNext <- SafetyCpuNext"));
        assertTrue(SpeedOverrides.isOverride("Return<-SafetyReturn"));
        assertFalse(SpeedOverrides.isOverride("    Sizes <- SmallSizes"));
        assertFalse(SpeedOverrides.isOverride("\\* Speed: SafetyCpuNext and SafetyReturn (MCMailbox.tla) leave out work"));
    }
}
