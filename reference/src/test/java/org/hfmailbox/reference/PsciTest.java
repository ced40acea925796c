package org.hfmailbox.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hfmailbox.reference.abi.Psci;
import org.hfmailbox.reference.abi.Ret;
import org.hfmailbox.reference.trace.StateSnapshot;
import org.hfmailbox.reference.trace.TraceEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One test per PSCI call of the semantics page §1.9 and §1.10, on the default shape (2 CPUs, vcpu_count [2,2,1]). */
class PsciTest {
    private static final long VERSION = Psci.PSCI_VERSION & 0xffffffffL;
    private static final long MIGRATE_INFO_TYPE = Psci.PSCI_MIGRATE_INFO_TYPE & 0xffffffffL;
    private static final long AFFINITY_INFO = Psci.PSCI_AFFINITY_INFO & 0xffffffffL;
    private static final long CPU_ON = Psci.PSCI_CPU_ON & 0xffffffffL;
    private static final long CPU_OFF = Psci.PSCI_CPU_OFF & 0xffffffffL;
    private static final long SMC64 = 1L << 30;

    private HvFixture f = new HvFixture(SystemShape.defaultShape(), Semantics.corrected());

    @AfterEach
    void traceIsValidAndInvariantsHold() {
        f.assertTraceValid();
        List<String> bad = Invariants.check(f.hv, f.hv.semantics());
        assertTrue(bad.isEmpty(), "invariants violated: " + bad);
    }

    private StepResult hvc(int cpu, long x0, long x1, long x2, long x3) {
        StepResult r = f.hv.hvc(cpu, x0, x1, x2, x3);
        if (r.took()) {
            assertEquals(r.action(), f.trace.last().action());
        }
        return r;
    }

    /** An HVC that returns at once with no state change: its x0, its event's action and its event's args. */
    private long unchanged(int cpu, long x0, long x1, long x2, long x3, Action action) {
        StateSnapshot before = f.hv.snapshot();
        StepResult r = hvc(cpu, x0, x1, x2, x3);
        assertEquals(StepResult.Outcome.RETURNED, r.outcome(), r.toString());
        assertEquals(action, r.action());
        assertEquals(before, f.hv.snapshot(), "no state change");
        assertTrue(f.trace.last().changes().isEmpty());
        return r.x0();
    }

    @Test
    void versionIs02ForSmc32AndSmc64IdsAndIgnoresTheUpperHalfOfX0() {
        assertEquals(2, unchanged(0, VERSION, 0, 0, 0, Action.PSCI_VERSION));
        assertEquals(2, unchanged(0, VERSION | SMC64, 0, 0, 0, Action.PSCI_VERSION));
        assertEquals(2, unchanged(0, 0xdead_beef_0000_0000L | VERSION, 0, 0, 0, Action.PSCI_VERSION));
        TraceEvent e = f.trace.last();
        assertEquals(new Ret.Int(2), e.ret());
        assertEquals("0x0000000000000002", e.retHex());
    }

    @Test
    void migrateInfoTypeIs2() {
        assertEquals(2, unchanged(0, MIGRATE_INFO_TYPE, 0, 0, 0, Action.PSCI_MIGRATE_INFO_TYPE));
        assertEquals(2, unchanged(0, MIGRATE_INFO_TYPE | SMC64, 7, 7, 7, Action.PSCI_MIGRATE_INFO_TYPE));
    }

    @Test
    void affinityInfoOfKnownCpusAtLevel0() {
        assertEquals(0, unchanged(0, AFFINITY_INFO, 0, 0, 0, Action.PSCI_AFFINITY_INFO), "CPU 0 is on");
        assertEquals(1, unchanged(0, AFFINITY_INFO, 1, 0, 0, Action.PSCI_AFFINITY_INFO), "CPU 1 is off");
        assertEquals(1, f.trace.last().arg("target_cpu"));
        assertEquals(0, f.trace.last().arg("level"));
        assertEquals(1, unchanged(0, AFFINITY_INFO | SMC64, 1, 0, 0, Action.PSCI_AFFINITY_INFO));
    }

    @Test
    void affinityInfoOfAnUnknownCpuIsInvalidParametersBeforeTheLevelCheck() {
        assertEquals(-2, unchanged(0, AFFINITY_INFO, 2, 0, 0, Action.PSCI_AFFINITY_INFO));
        assertEquals(2, f.trace.last().arg("target_cpu"), "unknown CPUs are represented by NumCPUs");
        assertEquals(-2, unchanged(0, AFFINITY_INFO, 1L << 32, 0, 0, Action.PSCI_AFFINITY_INFO),
                "the MPIDR is compared as 64 bits: 2^32 is not CPU 0");
        assertEquals(-2, unchanged(0, AFFINITY_INFO, -1, 0, 0, Action.PSCI_AFFINITY_INFO));
        assertEquals(-2, unchanged(0, AFFINITY_INFO, 2, 1, 0, Action.PSCI_AFFINITY_INFO), "lookup first");
        assertEquals(0xffff_ffff_ffff_fffeL, f.trace.last().ret().encoding(), "-2 sign-extended");
    }

    @Test
    void affinityInfoAtALevelOtherThan0IsNotSupported() {
        assertEquals(-1, unchanged(0, AFFINITY_INFO, 0, 1, 0, Action.PSCI_AFFINITY_INFO));
        assertEquals(1, f.trace.last().arg("level"));
        assertEquals(-1, unchanged(0, AFFINITY_INFO, 1, 1L << 40, 0, Action.PSCI_AFFINITY_INFO));
        assertEquals(1, f.trace.last().arg("level"), "any non-zero x2 is level 1");
    }

    @Test
    void cpuOnOfAnUnknownCpuIsInvalidParameters() {
        assertEquals(-2, unchanged(0, CPU_ON, 2, 0x80000, 0x11, Action.PSCI_CPU_ON));
        assertEquals(2, f.trace.last().arg("target"));
        assertEquals(-2, unchanged(0, CPU_ON, (1L << 32) + 1, 0x80000, 0x11, Action.PSCI_CPU_ON));
        assertFalse(f.hv.isOn(1));
    }

    @Test
    void cpuOnOfACpuThatIsOnIsAlreadyOn() {
        assertEquals(-4, unchanged(0, CPU_ON, 0, 0x80000, 0x11, Action.PSCI_CPU_ON), "CPU 0 runs the caller");
        assertEquals(0, hvc(0, CPU_ON, 1, 0x80000, 0x11).x0());
        assertEquals(-4, unchanged(0, CPU_ON, 1, 0x80000, 0x22, Action.PSCI_CPU_ON));
        assertEquals(new Ret.ContextId(0x11), f.hv.savedX0(0, 1), "the first context id stays");
    }

    @Test
    void cpuOnStartsTheCpuWhichEntersItsPrimaryVcpuWithTheContextId() {
        StepResult r = hvc(0, CPU_ON | SMC64, 1, 0x80000, 0x1234);
        assertEquals(0, r.x0());
        assertEquals(Action.PSCI_CPU_ON, r.action());
        assertTrue(f.hv.isOn(1));
        assertEquals(VcpuState.READY, f.hv.vcpuState(0, 1));
        assertEquals(CpuOp.CPU_ENTRY, f.hv.cpuOp(1));
        assertEquals(VcpuId.NONE, f.hv.current(1), "current is set by cpu_main");
        assertEquals(new Ret.ContextId(0x1234), f.hv.savedX0(0, 1));
        assertEquals(NextStep.CPU_MAIN, f.hv.nextStepKind(1));
        assertEquals(StepResult.Outcome.NOT_ENABLED, f.hv.hvc(1, 0xff01, 0, 0, 0).outcome(), "not a guest yet");
        StepResult main = f.cont(1);
        assertEquals(Action.CPU_MAIN, main.action());
        assertEquals(StepResult.Outcome.RESUMED, main.outcome());
        assertEquals(0x1234, main.x0());
        assertEquals(new VcpuId(0, 1), f.hv.current(1));
        assertEquals(3, f.ret(1, 0xff01, 0, 0), "P1 runs");
        assertEquals(0, unchanged(0, AFFINITY_INFO, 1, 0, 0, Action.PSCI_AFFINITY_INFO));
    }

    @Test
    void cpuOffTakesTheCallingCpuDownAndItCanBeStartedAgain() {
        hvc(0, CPU_ON, 1, 0x80000, 0x1);
        f.cont(1);
        StepResult off = hvc(1, CPU_OFF | SMC64, 0, 0, 0);
        assertEquals(StepResult.Outcome.POWERED_OFF, off.outcome());
        assertEquals(Action.PSCI_CPU_OFF, off.action());
        assertFalse(f.hv.isOn(1));
        assertEquals(CpuOp.OFF, f.hv.cpuOp(1));
        assertEquals(new VcpuId(0, 1), f.hv.current(1), "current is not changed");
        assertEquals(VcpuState.READY, f.hv.vcpuState(0, 1), "the primary vCPU keeps its state");
        assertEquals(StepResult.Outcome.CPU_OFF, f.hv.hvc(1, 0xff01, 0, 0, 0).outcome());
        assertEquals(1, unchanged(0, AFFINITY_INFO, 1, 0, 0, Action.PSCI_AFFINITY_INFO));
        assertEquals(0, hvc(0, CPU_ON, 1, 0x90000, 0x2).x0());
        assertEquals(0x2, f.cont(1).x0(), "restarted with the new context id");
    }

    @Test
    void cpuOffOfTheLastCpuThatIsOnIsNotEnabled() {
        StateSnapshot before = f.hv.snapshot();
        int events = f.trace.events().size();
        StepResult r = f.hv.hvc(0, CPU_OFF, 0, 0, 0);
        assertEquals(StepResult.Outcome.NOT_ENABLED, r.outcome());
        assertEquals(before, f.hv.snapshot());
        assertEquals(events, f.trace.events().size(), "no event");
    }

    @Test
    void systemOffAndResetAreNotModelled() {
        assertEquals(StepResult.Outcome.NOT_MODELLED,
                f.hv.hvc(0, Psci.PSCI_SYSTEM_OFF & 0xffffffffL, 0, 0, 0).outcome());
        assertEquals(StepResult.Outcome.NOT_MODELLED,
                f.hv.hvc(0, (Psci.PSCI_SYSTEM_RESET & 0xffffffffL) | SMC64, 0, 0, 0).outcome());
    }

    @Test
    void otherPsciIdsFallThroughToTheHafniumDispatch() {
        assertEquals(-1, unchanged(0, 0x84000001L, 0, 0, 0, Action.HVC_UNKNOWN), "CPU_SUSPEND");
        assertEquals(-1, unchanged(0, 0xC4000005L, 0, 0, 0, Action.HVC_UNKNOWN), "MIGRATE (SMC64)");
    }

    @Test
    void aSecondaryHasNoPsciForTheSystem() {
        f.run(0, 1, 0);
        for (long id : new long[] {VERSION, MIGRATE_INFO_TYPE, AFFINITY_INFO, CPU_OFF, VERSION | SMC64}) {
            assertEquals(-1, unchanged(0, id, 0, 0, 0, Action.HVC_UNKNOWN), Long.toHexString(id));
        }
    }

    @Test
    void secondaryCpuOnStartsItsOwnVcpuWithSecondaryVcpuOn() {
        f.run(0, 1, 0);
        StepResult r = hvc(0, CPU_ON, 1, 0x1000, 0x42);
        assertEquals(0, r.x0());
        assertEquals(Action.PSCI_CPU_ON, r.action());
        assertEquals(1, f.trace.last().arg("target"));
        assertEquals(VcpuState.READY, f.hv.vcpuState(1, 1));
        assertEquals(new Ret.ContextId(0x42), f.hv.savedX0(1, 1));
        assertFalse(f.hv.isOn(1), "no physical CPU is started");
        assertEquals(-4, unchanged(0, CPU_ON, 1, 0x1000, 0x43, Action.PSCI_CPU_ON), "vCPU 1 is ready");
        assertEquals(-4, unchanged(0, CPU_ON | SMC64, 0, 0x1000, 0x43, Action.PSCI_CPU_ON), "vCPU 0 runs");
        assertEquals(-2, unchanged(0, CPU_ON, 2, 0x1000, 0x43, Action.PSCI_CPU_ON), "VM 1 has 2 vCPUs");
        assertEquals(2, f.trace.last().arg("target"), "unknown indices are represented by vcpu_count");
        assertEquals(-2, unchanged(0, CPU_ON, (1L << 32) + 1, 0, 0, Action.PSCI_CPU_ON), "64-bit compare");
        f.hv.irq(0);
        f.backToPrimary(0);
        f.run(0, 1, 1);
        assertEquals(new VcpuId(1, 1), f.hv.current(0));
    }

    @Test
    void secondaryCpuOnWithSmc64IdStartsTheVcpu() {
        f.run(0, 1, 0);
        assertEquals(0, hvc(0, CPU_ON | SMC64, 1, 0x1000, 0x7).x0());
        assertEquals(VcpuState.READY, f.hv.vcpuState(1, 1));
    }

    @Test
    void secondaryCpuOnAtAa039b39ReachesTheHafniumDispatch() {
        f = new HvFixture(SystemShape.defaultShape(), Semantics.aa039b39());
        f.run(0, 1, 0);
        assertEquals(-1, unchanged(0, CPU_ON, 1, 0x1000, 0x42, Action.HVC_UNKNOWN));
        assertEquals(-1, unchanged(0, CPU_ON | SMC64, 1, 0x1000, 0x42, Action.HVC_UNKNOWN));
        assertEquals(VcpuState.OFF, f.hv.vcpuState(1, 1));
    }

    @Test
    void secondaryCpuOnWithoutTheCorrectionAloneIsUnknown() {
        Semantics noVcpuOn = Semantics.ofSet(java.util.EnumSet.complementOf(
                java.util.EnumSet.of(Correction.SECONDARY_VCPU_ON)));
        f = new HvFixture(SystemShape.defaultShape(), noVcpuOn);
        f.run(0, 1, 0);
        assertEquals(-1, unchanged(0, CPU_ON, 1, 0x1000, 0x42, Action.HVC_UNKNOWN));
        assertEquals(VcpuState.OFF, f.hv.vcpuState(1, 1));
    }
}
