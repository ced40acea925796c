package org.hfmailbox.refinement.validate;

import org.hfmailbox.refinement.support.TeethCases;
import org.hfmailbox.refinement.tlc.SpecSource;
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
    @Test
    void everyInjectedFaultIsRejectedAtTheInjectedStep() throws Exception {
        Validator v = new Validator(SpecSource.mailbox(SpecSource.projectRoot(), Path.of("target", "tlc")));
        Map<TeethCases.Injection, List<TeethCases.Case>> all = TeethCases.generate(1, 300);
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
