package org.hfmailbox.reference.scenario;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.hfmailbox.reference.Action;
import org.hfmailbox.reference.Faults;
import org.hfmailbox.reference.Hypervisor;
import org.hfmailbox.reference.Invariants;
import org.hfmailbox.reference.MapFailure;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.StepResult;
import org.hfmailbox.reference.VcpuId;
import org.hfmailbox.reference.abi.Ret;
import org.hfmailbox.reference.trace.TraceJson;
import org.hfmailbox.reference.trace.TraceSink;

/**
 * Runs a {@link Scenario} on the reference: one hypervisor step per step line ({@code settle}: until the CPU is
 * back in a guest), a step table on the given writer, and the first failed expectation as the outcome.
 */
public final class ScenarioRunner {

    /** The outcome: passed, or the failure message naming file and line; counts for the report. */
    public record Outcome(boolean passed, String failure, int stepsTaken, int expectationsChecked) {
    }

    private final Scenario scenario;
    private final Semantics semantics;
    private final PrintWriter table;
    private final Hypervisor hv;
    private final Map<Integer, byte[]> pendingPayload = new HashMap<>();
    private final Map<Integer, byte[]> lastDelivered = new HashMap<>();
    private int taken;
    private int checked;
    /** The VM.vCPU current on the step's CPU when the step began: the one a step line's call is made by. */
    private VcpuId currentCaller = VcpuId.NONE;

    private ScenarioRunner(Scenario scenario, Semantics semantics, TraceSink sink, Faults faults, PrintWriter table) {
        this.scenario = scenario;
        this.semantics = semantics;
        this.table = table;
        this.hv = new Hypervisor(scenario.shape(), semantics, scenario.layout(), faults, sink);
    }

    /** Runs the scenario under {@code semantics} (the scenario's own when null); {@code table} may be null. */
    public static Outcome run(Scenario scenario, Semantics semantics, TraceSink sink, PrintWriter table) {
        return run(scenario, semantics, sink, Faults.none(), table);
    }

    public static Outcome run(Scenario scenario, Semantics semantics, TraceSink sink, Faults faults,
                              PrintWriter table) {
        Semantics s = semantics == null ? scenario.semantics() : semantics;
        return new ScenarioRunner(scenario, s, sink, faults, table).runAll();
    }

    private Outcome runAll() {
        if (!scenario.isValidFor(semantics)) {
            return new Outcome(false, scenario.file() + ": the scenario is valid only for " + scenario.validFor()
                    + ", not " + semantics.name(), 0, 0);
        }
        row("line", "cpu", "caller", "step", "outcome", "ret");
        for (ScenarioStep step : scenario.steps()) {
            String failure = echoProblem(step);
            if (failure == null) {
                failure = check(step, execute(step));
            }
            if (failure != null) {
                return new Outcome(false, step.location(scenario.file()) + ": " + failure, taken, checked);
            }
        }
        return new Outcome(true, null, taken, checked);
    }

    /** Why an {@code echo} send cannot take its bytes: nothing delivered to the caller yet, or another size. */
    private String echoProblem(ScenarioStep step) {
        if (!step.echo() || !hv.isOn(step.cpu()) || hv.current(step.cpu()).isNone()) {
            return null;
        }
        int vm = hv.current(step.cpu()).vm();
        byte[] last = lastDelivered.get(vm);
        long size = step.regs()[2];
        if (last == null) {
            return "'" + step.text() + "': echo sends the bytes last delivered to the caller, VM " + vm
                    + ", and none has been delivered to it yet";
        }
        if (last.length != size) {
            return "'" + step.text() + "': echo sends the " + last.length + " bytes last delivered to VM " + vm
                    + ", the size argument says " + size;
        }
        return null;
    }

    private StepResult execute(ScenarioStep step) {
        int cpu = step.cpu();
        currentCaller = hv.isOn(cpu) ? hv.current(cpu) : VcpuId.NONE;
        switch (step.call()) {
            case "wfi":
                return record(step, hv.wfiTrap(cpu));
            case "irq":
                return record(step, hv.irq(cpu));
            case "continue":
                return record(step, hv.continueStep(cpu));
            case "settle": {
                StepResult last = null;
                while (hv.nextStepKind(cpu).isContinuation()) {
                    StepResult r = record(step, hv.continueStep(cpu));
                    last = r;
                    if (!r.took()) {
                        break;
                    }
                }
                return last == null ? record(step, hv.continueStep(cpu)) : last;
            }
            default:
                break;
        }
        long[] regs = step.regs();
        VcpuId caller = hv.current(cpu);
        byte[] payload = step.echo() && !caller.isNone() ? lastDelivered.get(caller.vm()) : step.payload();
        if (hv.isOn(cpu) && !caller.isNone()) {
            if (payload != null && hv.sendPageIpa(caller.vm()) >= 0) {
                hv.writeGuest(caller.vm(), hv.sendPageIpa(caller.vm()), payload);
            }
            if (step.mapFailure() != null) {
                hv.forceMapFailure(caller.vm(), step.mapFailure().equals("send") ? MapFailure.SEND : MapFailure.RECV);
            }
        }
        StepResult r = hv.hvc(cpu, regs[0], regs[1], regs[2], regs[3]);
        if (step.mapFailure() != null && !caller.isNone()) {
            hv.forceMapFailure(caller.vm(), null); // forced for this step only: withdrawn if not consumed
        }
        if (r.action() == Action.MAILBOX_SEND && r.outcome() == StepResult.Outcome.CONTINUES) {
            long size = regs[2];
            byte[] p = payload == null ? new byte[0] : payload;
            pendingPayload.put(cpu, Arrays.copyOf(p, (int) size));
            sendTarget.put(cpu, (int) (regs[1] & 0xffffffffL));
        }
        return record(step, r);
    }

    private StepResult record(ScenarioStep step, StepResult r) {
        if (r.took()) {
            taken++;
            if (r.action() == Action.MAILBOX_SEND_DELIVER && !r.ret().equals(Ret.MINUS_ONE)) {
                Integer to = sendTarget.get(step.cpu());
                if (to != null) {
                    lastDelivered.put(to, pendingPayload.get(step.cpu()));
                }
            }
        }
        String name = r.action() == null ? step.call() : r.action().jsonName();
        row(step.line() + (step.where().isEmpty() ? "" : " " + step.where()), String.valueOf(step.cpu()),
                currentCaller.isNone() ? "-" : currentCaller.vm() + "." + currentCaller.idx(), name,
                r.outcome().name().toLowerCase(java.util.Locale.ROOT) + (r.reason() == null ? "" : " (" + r.reason() + ")"),
                r.ret().hasEncoding() ? TraceJson.hex64(r.x0()) + " " + retText(r.ret()) : "-");
        return r;
    }

    /** The recipient of the send each CPU has in flight (from the send's x1). */
    private final Map<Integer, Integer> sendTarget = new HashMap<>();

    private void row(String line, String cpu, String caller, String step, String outcome, String ret) {
        if (table != null) {
            table.printf("%-5s %-3s %-6s %-22s %-12s %s%n", line, cpu, caller, step, outcome, ret);
        }
    }

    private String check(ScenarioStep step, StepResult r) {
        boolean expectsOutcome = false;
        for (Expectation e : step.expectations()) {
            expectsOutcome |= e.key().equals("outcome") && applies(e);
        }
        if (!r.took() && !expectsOutcome) {
            return "step '" + step.text() + "' did not take effect: " + r.outcome().name().toLowerCase()
                    + (r.reason() == null ? "" : " (" + r.reason() + ")");
        }
        for (Expectation e : step.expectations()) {
            if (!applies(e)) {
                continue;
            }
            checked++;
            String actual = actual(e, r);
            if (!matches(e, actual, r)) {
                return "expectation " + e + " (column " + e.column() + ") failed: got " + actual;
            }
        }
        return null;
    }

    private boolean applies(Expectation e) {
        return e.onlyFor() == null || e.onlyFor().equals(semantics.name());
    }

    private boolean matches(Expectation e, String actual, StepResult r) {
        String want = e.value();
        if (e.key().equals("ret") && isNumber(want)) {
            return r.ret().hasEncoding() && parseNumber(want) == r.x0();
        }
        if (e.key().equals("invariants")) {
            return sortedList(want.equals("ok") ? "" : want).equals(sortedList(actual.equals("ok") ? "" : actual));
        }
        if (e.key().equals("recv_page") && want.equals("sent")) {
            byte[] sent = lastDelivered.get(e.index(0));
            return sent != null && actual.equals(TraceJson.hexBytes(sent));
        }
        return want.equals(actual);
    }

    private static List<String> sortedList(String csv) {
        List<String> out = new ArrayList<>(new TreeSet<>(Arrays.asList(csv.split(","))));
        out.remove("");
        return out;
    }

    private String actual(Expectation e, StepResult r) {
        return switch (e.key()) {
            case "ret" -> retText(r.ret());
            case "outcome" -> r.outcome().name().toLowerCase(java.util.Locale.ROOT);
            case "action" -> r.action() == null ? "none" : r.action().jsonName();
            case "invariants" -> {
                List<String> v = Invariants.violations(hv, semantics);
                yield v.isEmpty() ? "ok" : String.join(",", v);
            }
            case "vcpu_state" -> hv.vcpuState(e.index(0), e.index(1)).jsonName();
            case "saved_x0" -> retText(hv.savedX0(e.index(0), e.index(1)));
            case "regs_available" -> String.valueOf(hv.regsAvailable(e.index(0), e.index(1)));
            case "recv_pending" -> retText(hv.recvPending(e.index(0), e.index(1)));
            case "mailbox_state" -> hv.mailboxState(e.index(0)).jsonName();
            case "recv_from_id" -> String.valueOf(hv.recvFromId(e.index(0)));
            case "recv_bytes" -> String.valueOf(hv.recvBytes(e.index(0)));
            case "send_configured" -> String.valueOf(hv.sendConfigured(e.index(0)));
            case "recv_configured" -> String.valueOf(hv.recvConfigured(e.index(0)));
            case "recv_waiter" -> {
                List<Integer> w = hv.recvWaiter(e.index(0));
                yield w.isEmpty() ? "empty" : String.join(",", w.stream().map(String::valueOf).toList());
            }
            case "recv_page" -> {
                int k = e.index(0);
                long ipa = hv.recvPageIpa(k);
                yield ipa < 0 ? "unconfigured" : TraceJson.hexBytes(hv.readGuest(k, ipa, hv.recvBytes(k)));
            }
            case "current" -> {
                VcpuId v = hv.current(e.index(0));
                yield v.isNone() ? "none" : v.vm() + "." + v.idx();
            }
            case "is_on" -> String.valueOf(hv.isOn(e.index(0)));
            case "cpu_op" -> hv.cpuOp(e.index(0)).op();
            case "delivered" -> retText(hv.delivered(e.index(0)));
            case "waiting_for" -> hv.waitingFor(e.index(0), e.index(1)).jsonName();
            case "wants_send_to" -> String.valueOf(hv.wantsSendTo(e.index(0)));
            default -> "?";
        };
    }

    /** The text form of a return record used by expectations: int(V), run(CODE,VM,DATA), recv(VM,SIZE), ... */
    public static String retText(Ret r) {
        if (r instanceof Ret.Int i) {
            return "int(" + i.value() + ")";
        } else if (r instanceof Ret.Run run) {
            return "run(" + run.code().name() + "," + run.vmId() + "," + run.data() + ")";
        } else if (r instanceof Ret.Recv recv) {
            return "recv(" + recv.vmId() + "," + recv.size() + ")";
        }
        return r.kind();
    }

    private static boolean isNumber(String s) {
        return s.matches("-?\\d+|0x[0-9a-fA-F]+");
    }

    private static long parseNumber(String s) {
        return s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
    }
}
