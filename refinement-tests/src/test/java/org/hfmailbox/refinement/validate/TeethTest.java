package org.hfmailbox.refinement.validate;

import org.hfmailbox.refinement.support.TeethCases;
import org.hfmailbox.refinement.tlc.SpecSource;
import org.hfmailbox.refinement.trace.ObservableProjection;
import org.hfmailbox.refinement.trace.TraceReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Teeth: each fault injected into the reference (test-only Faults hook) is rejected by TLC at the injected step,
 * and the rejection names that step's action and a variable the fault corrupts. Prints faults injected/caught.
 */
class TeethTest {
    /** The faulty traces, generated once for both tests of this class (one JVM per test class). */
    private static Map<TeethCases.Injection, List<TeethCases.Case>> cases;

    private static synchronized Map<TeethCases.Injection, List<TeethCases.Case>> cases() {
        if (cases == null) {
            cases = TeethCases.generate(1, 300);
        }
        return cases;
    }

    @Test
    void everyInjectedFaultIsRejectedAtTheInjectedStep() throws Exception {
        Validator v = new Validator(SpecSource.mailbox(SpecSource.projectRoot(), Path.of("target", "tlc")));
        Map<TeethCases.Injection, List<TeethCases.Case>> all = cases();
        int injected = 0;
        int caught = 0;
        int traces = 0;
        List<String> problems = new ArrayList<>();
        for (Map.Entry<TeethCases.Injection, List<TeethCases.Case>> e : all.entrySet()) {
            List<TeethCases.Case> cases = e.getValue();
            if (cases.isEmpty()) {
                problems.add(e.getKey().name() + ": no scenario or workload reaches it");
                continue;
            }
            injected++;
            boolean allCaught = true;
            for (TeethCases.Case c : cases) {
                traces++;
                Verdict verdict = v.validate(new TraceReader().parse(c.label(), c.lines()));
                String why = check(c, verdict);
                System.out.println((why == null ? "caught  " : "MISSED  ") + c.fault() + " in " + c.source()
                        + " at seq " + c.injectedSeq() + " " + c.injectedAction()
                        + verdict.rejection().map(r -> " -> " + r.describe()).orElse(" -> accepted"));
                if (why != null) {
                    allCaught = false;
                    problems.add(c.fault() + " in " + c.source() + ": " + why);
                }
            }
            caught += allCaught ? 1 : 0;
        }
        System.out.printf("teeth: %d faults, %d injected (reached), %d caught, over %d faulty traces%n",
                all.size(), injected, caught, traces);
        v.coverage();
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /**
     * The faults in the observable-only form (no spec variable, docs/trace-format.md). For every fault, the faulty
     * traces above and the first run in which the fault becomes observable ({@link TeethCases#firstObservable}) are
     * projected to that form; each is rejected at the first event whose observable form differs from the run
     * without the fault (the injected step, or the first later step where the wrong value becomes observable), and a
     * trace in which the fault never becomes observable is accepted. Prints, per fault, where it was injected and
     * where it was caught.
     */
    @Test
    void everyInjectedFaultIsRejectedInObservableFormWhereItBecomesObservable() throws Exception {
        Validator v = new Validator(SpecSource.mailbox(SpecSource.projectRoot(), Path.of("target", "tlc")));
        List<String> problems = new ArrayList<>();
        int caught = 0;
        for (Map.Entry<TeethCases.Injection, List<TeethCases.Case>> e : cases().entrySet()) {
            List<TeethCases.Case> all = new ArrayList<>(e.getValue());
            TeethCases.Case observable = e.getKey().ghostOnly() ? null : TeethCases.firstObservable(e.getKey(), 1_000);
            if (observable == null && !e.getKey().ghostOnly()) {
                problems.add(e.getKey().name() + ": never observable in any scenario or in 1,000 workloads");
            } else if (observable != null && all.stream().noneMatch(c -> c.source().equals(observable.source()))) {
                all.add(observable);
            }
            List<String> report = new ArrayList<>();
            boolean ok = observable != null || e.getKey().ghostOnly();
            for (TeethCases.Case c : all) {
                int first = TeethCases.firstObservableDifference(c);
                Verdict verdict = v.validate(new TraceReader().parse(c.label() + " (observable)",
                        ObservableProjection.project(c.lines())));
                String at = verdict.rejection().map(r -> "rejected at seq " + r.seq() + " naming "
                        + r.variables()).orElse("accepted");
                if (first != 0 && e.getKey().ghostOnly()) {
                    ok = false;
                    problems.add(c.fault() + " in " + c.source() + ": a ghost-only fault became observable at seq "
                            + first);
                }
                if (first == 0) {
                    report.add(c.source() + ": injected at seq " + c.injectedSeq() + ", never observable, " + at);
                    if (!verdict.accepted()) {
                        ok = false;
                        problems.add(c.fault() + " in " + c.source() + ": no observable difference but " + at);
                    }
                    continue;
                }
                report.add(c.source() + ": injected at seq " + c.injectedSeq() + " " + c.injectedAction()
                        + ", observable at seq " + first + " (+" + (first - c.injectedSeq()) + "), " + at);
                if (verdict.accepted() || verdict.rejection().orElseThrow().seq() != first) {
                    ok = false;
                    List<String> bad = ObservableProjection.project(c.lines());
                    List<String> clean = ObservableProjection.project(c.clean());
                    problems.add(c.fault() + " in " + c.source() + ": first observable difference at seq " + first
                            + ", " + at + verdict.rejection().map(r -> ": " + r.describe()).orElse("")
                            + "\n  faulty: " + (first < bad.size() ? bad.get(first) : "(ends)")
                            + "\n  clean:  " + (first < clean.size() ? clean.get(first) : "(ends)"));
                }
            }
            System.out.println("observable teeth " + e.getKey().name() + ": " + String.join("; ", report));
            caught += ok ? 1 : 0;
        }
        System.out.printf("observable teeth: %d faults, %d caught in observable form%n", cases().size(), caught);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** Null when the verdict rejects the case's injected step naming its action and an expected variable. */
    static String check(TeethCases.Case c, Verdict v) {
        if (v.accepted()) {
            return "accepted";
        }
        Rejection r = v.rejection().orElseThrow();
        if (r.seq() != c.injectedSeq()) {
            return "rejected at seq " + r.seq() + ", injected at " + c.injectedSeq();
        }
        if (!r.call().contains(c.injectedAction())) {
            return "names " + r.call() + ", the injected step is " + c.injectedAction();
        }
        if (r.variables().stream().noneMatch(c.expectedVariables()::contains)) {
            return "names " + r.variables() + ", expected one of " + c.expectedVariables();
        }
        return null;
    }
}
