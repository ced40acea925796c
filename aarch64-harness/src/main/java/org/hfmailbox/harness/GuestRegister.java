package org.hfmailbox.harness;

import java.util.List;

/**
 * The registers of the guest's check (guest.S: ids 0..30 = x0..x30, 31 = SP_EL1, 32.. its EL1 system registers;
 * 63 = EL2's own comparison of the x0 the guest saw with the x0 EL2 delivered), by name.
 */
public final class GuestRegister {
    private static final List<String> SYSTEM = List.of("SCTLR_EL1", "CPACR_EL1", "TTBR0_EL1", "TTBR1_EL1",
            "TCR_EL1", "ESR_EL1", "FAR_EL1", "MAIR_EL1", "VBAR_EL1", "CONTEXTIDR_EL1", "TPIDR_EL0", "TPIDRRO_EL0",
            "TPIDR_EL1", "CNTKCTL_EL1", "SP_EL0", "PAR_EL1", "CSSELR_EL1", "ELR_EL1", "SPSR_EL1");
    /** The id of EL2's comparison of the x0 the guest saw with the x0 EL2 delivered (layout.inc GR_X0_SEEN). */
    public static final int X0_SEEN = 63;

    private GuestRegister() {
    }

    /** The name of a check id (the event's {@code guestCheck} minus 1). */
    public static String name(int id) {
        if (id >= 0 && id <= 30) {
            return "x" + id;
        }
        if (id == 31) {
            return "SP_EL1";
        }
        if (id >= 32 && id < 32 + SYSTEM.size()) {
            return SYSTEM.get(id - 32);
        }
        return id == X0_SEEN ? "x0 (the value EL2 delivered)" : "register #" + id;
    }
}
