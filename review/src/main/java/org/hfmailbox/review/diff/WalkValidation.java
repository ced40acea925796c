package org.hfmailbox.review.diff;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hfmailbox.review.Trees;
import org.hfmailbox.review.tlc.TraceState;
import org.hfmailbox.refinement.tlc.SpecLoadException;
import org.hfmailbox.refinement.tlc.SpecSource;
import org.hfmailbox.refinement.trace.Corrections;
import org.hfmailbox.refinement.trace.SpecConstants;
import org.hfmailbox.refinement.trace.Trace;
import org.hfmailbox.refinement.trace.TraceFormatException;
import org.hfmailbox.refinement.trace.TraceReader;
import org.hfmailbox.refinement.validate.Rejection;
import org.hfmailbox.refinement.validate.Validator;
import org.hfmailbox.refinement.validate.Verdict;

/**
 * Validates one revision's walks against another revision's spec, in process: each walk becomes a trace (a header
 * with the other revision's constants for the configuration and the walk's initial state, then one event per step,
 * {@link TlcJson}) and the refinement module's {@link Validator} loads the other revision's spec folder and asks TLC,
 * step by step, whether its action with the event's CPU and arguments relates the two states. The walk's states are
 * the first revision's own states, so the trace is the walk: no reference run is involved.
 */
final class WalkValidation {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WalkValidation() {
    }

    /**
     * @param walks          the walks (of revision {@code walks.revision()})
     * @param otherName      the other revision's name
     * @param otherSpecDir   its spec folder
     * @param otherConstants its constants for the configuration (from its manifest)
     * @param work           a folder for the trace files and the generated model modules (emptied first)
     */
    static WalkCheck validate(DerivedWalks walks, String otherName, Path otherSpecDir, SpecConstants otherConstants,
            Path work) throws IOException {
        long t0 = System.nanoTime();
        String mine = walks.revision();
        Optional<DerivedWalks> graph = Optional.of(walks);
        if (otherConstants.cpus() != walks.constants().cpus()
                || !otherConstants.vcpuCount().equals(walks.constants().vcpuCount())) {
            return WalkCheck.undecided(mine, otherName, graph, "the configuration " + walks.config()
                    + " has another shape in " + otherName + " (" + shape(otherConstants) + ") than in " + mine + " ("
                    + shape(walks.constants()) + "): its walks are not states of " + otherName, Duration.ZERO);
        }
        Trees.deleteRecursively(work);
        Files.createDirectories(work);
        List<Trace> traces = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        try {
            for (DerivedWalks.Walk w : walks.walks()) {
                List<String> lines = new ArrayList<>();
                lines.add(header(otherConstants, w.init()));
                lines.addAll(w.events());
                Path file = work.resolve(w.name() + ".ndjson");
                Files.write(file, lines, StandardCharsets.UTF_8);
                files.add(file);
                traces.add(new TraceReader().parse(file.toString(), lines));
            }
        } catch (TraceFormatException e) {
            return WalkCheck.undecided(mine, otherName, graph, "a walk of " + mine + " is not a well-formed trace: "
                    + e.getMessage(), elapsed(t0));
        }
        List<Verdict> verdicts;
        try {
            verdicts = new Validator(new SpecSource(otherSpecDir, "Mailbox", work.resolve("tlc"))).validateAll(traces);
        } catch (SpecLoadException e) {
            return WalkCheck.undecided(mine, otherName, graph, "TLC could not load " + otherName + "'s spec: "
                    + e.getMessage().replace('\n', ' '), elapsed(t0));
        } catch (RuntimeException e) {
            return WalkCheck.undecided(mine, otherName, graph, "TLC failed while validating against " + otherName
                    + ": " + e, elapsed(t0));
        } finally {
            Trees.deleteRecursively(work.resolve("tlc"));
        }
        int accepted = 0;
        int steps = 0;
        int stepsAccepted = 0;
        int best = -1;
        for (int i = 0; i < verdicts.size(); i++) {
            Verdict v = verdicts.get(i);
            steps += v.events();
            stepsAccepted += v.eventsAccepted();
            if (v.accepted()) {
                accepted++;
            } else if (best < 0 || v.rejection().orElseThrow().seq() < verdicts.get(best).rejection().orElseThrow()
                    .seq()) {
                best = i;
            }
        }
        Optional<WalkCheck.FirstRejection> first = Optional.empty();
        if (best >= 0) {
            DerivedWalks.Walk w = walks.walks().get(best);
            first = Optional.of(firstRejection(w, files.get(best), verdicts.get(best).rejection().orElseThrow()));
        }
        return new WalkCheck(mine, otherName, graph, verdicts.size(), steps, accepted, stepsAccepted, first,
                Optional.empty(), elapsed(t0));
    }

    private static WalkCheck.FirstRejection firstRejection(DerivedWalks.Walk w, Path file, Rejection r) {
        int last = (int) Math.min(r.seq(), w.events().size());
        List<TraceState> prefix = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            prefix.add(state(i, w.states().get(i)));
        }
        return new WalkCheck.FirstRejection(w.name(), file.toString(), r.seq(), r.call(), r.action(), r.variables(),
                r.detail(), prefix);
    }

    /** A walk's state as a step-table state: number {@code i} (0 is the initial state). */
    static TraceState state(int i, String text) {
        return TraceState.parse(i + ": " + (i == 0 ? "<Initial predicate>" : "<walk step>") + "\n" + text);
    }

    /** The trace header: the other revision's constants, the walk's initial state. */
    static String header(SpecConstants k, String init) throws IOException {
        ObjectNode h = JSON.createObjectNode();
        h.put("format", "hafnium-mailbox-trace");
        h.put("version", 1);
        h.put("semantics", semantics(k.corrections()));
        ArrayNode c = h.putArray("corrections");
        k.corrections().forEach(c::add);
        ObjectNode shape = h.putObject("shape");
        shape.put("cpus", k.cpus());
        ArrayNode counts = shape.putArray("vcpu_count");
        k.vcpuCount().forEach(counts::add);
        h.set("init", JSON.readTree(init));
        return JSON.writeValueAsString(h);
    }

    static String semantics(List<String> corrections) {
        return corrections.isEmpty() ? "aa039b39" : corrections.equals(Corrections.ALL) ? "corrected" : "custom";
    }

    private static String shape(SpecConstants k) {
        return "cpus " + k.cpus() + ", vcpu_count " + k.vcpuCount();
    }

    private static Duration elapsed(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }
}
