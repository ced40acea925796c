package org.hfmailbox.reference.workload;

import java.util.Arrays;
import java.util.Locale;
import org.hfmailbox.reference.Hypervisor;
import org.hfmailbox.reference.MapFailure;
import org.hfmailbox.reference.StepResult;
import org.hfmailbox.reference.abi.HfAbi;
import org.hfmailbox.reference.trace.TraceJson;
import org.hfmailbox.reference.trace.TraceSink;

/**
 * Prints a workload as a scenario file (docs/scenario-format.md) that {@code ./mailbox run} replays: it replays
 * the workload once to mark the steps that do not take effect with their outcome, so the file runs as printed.
 */
public final class ScenarioPrinter {
    private ScenarioPrinter() {
    }

    public static String print(Workload w, String comment) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(comment).append('\n');
        sb.append("# from --random-seed ").append(w.randomSeed()).append('\n');
        sb.append("shape cpus=").append(w.shape().cpus()).append(" vcpu_count=");
        for (int k = 0; k < w.shape().vmCount(); k++) {
            sb.append(k == 0 ? "" : ",").append(w.shape().vcpuCount(k));
        }
        sb.append('\n');
        sb.append("semantics ").append(w.semantics()).append('\n');
        Hypervisor hv = new Hypervisor(w.shape(), w.semantics(), TraceSink.NONE);
        for (WorkloadStep s : w.steps()) {
            StepResult r = WorkloadRunner.step(hv, s);
            sb.append(s.cpu()).append(": ");
            switch (s.kind()) {
                case WFI -> sb.append("wfi");
                case IRQ -> sb.append("irq");
                case CONTINUE -> sb.append("continue");
                default -> {
                    byte[] p = s.payloadUnsafe();
                    int fid = HfAbi.functionId(s.x0());
                    if (fid == HfAbi.HF_MAILBOX_SEND && p != null) {
                        sb.append("mailbox_send ").append(TraceJson.hex64(s.x1())).append(' ')
                                .append(TraceJson.hex64(s.x2())).append(' ').append(payloadOption(p));
                    } else if (fid == HfAbi.HF_VM_CONFIGURE && s.mapFailure() != null) {
                        sb.append("vm_configure ").append(TraceJson.hex64(s.x1())).append(' ')
                                .append(TraceJson.hex64(s.x2())).append(" map_fails=")
                                .append(s.mapFailure() == MapFailure.SEND ? "send" : "recv");
                    } else {
                        sb.append("hvc ").append(TraceJson.hex64(s.x0())).append(' ').append(TraceJson.hex64(s.x1()))
                                .append(' ').append(TraceJson.hex64(s.x2())).append(' ')
                                .append(TraceJson.hex64(s.x3()));
                    }
                }
            }
            if (!r.took()) {
                sb.append(" -> outcome=").append(r.outcome().name().toLowerCase(Locale.ROOT));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The shortest scenario form of a payload: a pattern (docs/scenario-format.md) when it is one, else hex. */
    static String payloadOption(byte[] p) {
        if (Arrays.equals(p, Payloads.seq(p.length))) {
            return "pattern=seq:" + p.length;
        }
        if (Arrays.equals(p, Payloads.fill(p.length))) {
            return "pattern=fill:" + p.length;
        }
        return "hex=" + TraceJson.hexBytes(p);
    }
}
