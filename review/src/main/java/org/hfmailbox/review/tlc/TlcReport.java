package org.hfmailbox.review.tlc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tlc2.output.EC;

/**
 * What one TLC run found, read from its {@code -tool} output.
 *
 * @param exitStatus      TLC's exit status (0 ok, 11 deadlock, 12 safety, 13 liveness, 150/151 parse errors, ...)
 * @param distinctStates  distinct states found, when reported
 * @param statesGenerated states generated, when reported
 * @param depth           depth of the complete search, when the run explored the whole space
 * @param violatedInvariant the invariant TLC reported violated
 * @param violatedProperty the action property TLC reported violated ("Action property X is violated", or a property
 *                        violated by the initial state); a violated liveness property is not named by TLC
 * @param temporalViolated whether a temporal property was violated
 * @param deadlock        whether TLC reached a deadlock
 * @param trace           the counterexample's states, in order
 * @param loopBackTo      for a liveness counterexample, the state number the behaviour returns to
 * @param loopAction      for a liveness counterexample, the action of the step that returns there, as TLC names it
 *                        (the operator of its label; TLC prints no other detail of that step)
 * @param stuttering      for a liveness counterexample, whether it ends by stuttering
 * @param errors          the text of every error message
 * @param output          the whole parsed output
 */
public record TlcReport(int exitStatus, OptionalLong distinctStates, OptionalLong statesGenerated, OptionalInt depth,
        Optional<String> violatedInvariant, Optional<String> violatedProperty, boolean temporalViolated,
        boolean deadlock, List<TraceState> trace, OptionalInt loopBackTo, Optional<String> loopAction,
        boolean stuttering, List<String> errors, ToolOutput output) {

    private static final Pattern STATS = Pattern.compile(
            "([\\d,]+) states generated.*?([\\d,]+) distinct states found");
    private static final Pattern DEPTH = Pattern.compile("depth of the complete state graph search is (\\d+)");
    private static final Pattern INVARIANT = Pattern.compile("Invariant (\\S+) is violated");
    private static final Pattern PROPERTY = Pattern.compile("(?:Action property|Property) (.+?) is violated");
    private static final Pattern LOCATION = Pattern.compile("line (\\d+), col \\d+ to line \\d+, col \\d+ of module (\\w+)");
    private static final Pattern DEFINITION = Pattern.compile("^(\\w+)\\s*(?:\\([^)]*\\))?\\s*==");
    private static final Pattern BACK_TO = Pattern.compile("^(\\d+): Back to state: <(.*)>\\s*$");
    private static final Pattern NUMBER_PREFIX = Pattern.compile("^(\\d+):");

    public TlcReport {
        trace = List.copyOf(trace);
        errors = List.copyOf(errors);
    }

    /** Reads a run's output. */
    public static TlcReport from(int exitStatus, ToolOutput out) {
        OptionalLong distinct = OptionalLong.empty();
        OptionalLong generated = OptionalLong.empty();
        OptionalInt depth = OptionalInt.empty();
        Optional<String> invariant = Optional.empty();
        Optional<String> property = Optional.empty();
        Optional<String> loopAction = Optional.empty();
        boolean temporal = false;
        boolean deadlock = false;
        List<TraceState> trace = new ArrayList<>();
        OptionalInt loop = OptionalInt.empty();
        boolean stuttering = false;
        List<String> errors = new ArrayList<>();
        for (ToolMessage m : out.messages()) {
            int code = m.code();
            if (code == EC.TLC_STATS || code == EC.TLC_PROGRESS_STATS) {
                Matcher s = STATS.matcher(m.body());
                if (s.find()) {
                    generated = OptionalLong.of(number(s.group(1)));
                    distinct = OptionalLong.of(number(s.group(2)));
                }
            } else if (code == EC.TLC_SEARCH_DEPTH) {
                Matcher d = DEPTH.matcher(m.body());
                if (d.find()) {
                    depth = OptionalInt.of(Integer.parseInt(d.group(1)));
                }
            } else if (code == EC.TLC_INVARIANT_VIOLATED_BEHAVIOR || code == EC.TLC_INVARIANT_VIOLATED_INITIAL) {
                Matcher i = INVARIANT.matcher(m.body());
                invariant = Optional.of(i.find() ? i.group(1) : m.body().strip());
            } else if (code == EC.TLC_ACTION_PROPERTY_VIOLATED_BEHAVIOR
                    || code == EC.TLC_PROPERTY_VIOLATED_INITIAL) {
                Matcher p = PROPERTY.matcher(m.body());
                property = p.find() ? Optional.of(p.group(1)) : Optional.empty();
            } else if (code == EC.TLC_TEMPORAL_PROPERTY_VIOLATED) {
                temporal = true;
            } else if (code == EC.TLC_DEADLOCK_REACHED) {
                deadlock = true;
            } else if (code == EC.TLC_STATE_PRINT1 || code == EC.TLC_STATE_PRINT2) {
                trace.add(TraceState.parse(m.body()));
            } else if (code == EC.TLC_STATE_PRINT3) {
                stuttering = true;
            } else if (code == EC.TLC_BACK_TO_STATE) {
                Matcher n = NUMBER_PREFIX.matcher(m.body().strip());
                if (n.find()) {
                    loop = OptionalInt.of(Integer.parseInt(n.group(1)));
                }
                Matcher b = BACK_TO.matcher(m.body().strip());
                if (b.matches()) {
                    loopAction = Optional.of(new TraceState(0, "<" + b.group(2) + ">", java.util.Map.of())
                            .labelAction());
                }
            }
            if (m.isError()) {
                errors.add(m.body().strip());
            }
        }
        return new TlcReport(exitStatus, distinct, generated, depth, invariant, property, temporal, deadlock, trace,
                loop, loopAction, stuttering, errors, out);
    }

    /**
     * The same report with a violated action property that TLC named by its location ("line 970, col 21 to line 970,
     * col 75 of module Mailbox": TLC 2.18 does so for a conjunct of a property such as {@code Init /\ [][A]_v})
     * named by the definition that contains that line in {@code specDir/<module>.tla}. Unchanged when the file or a
     * definition cannot be found.
     */
    public TlcReport resolvingLocations(java.nio.file.Path specDir) {
        if (violatedProperty.isEmpty()) {
            return this;
        }
        Matcher m = LOCATION.matcher(violatedProperty.get());
        if (!m.matches()) {
            return this;
        }
        java.nio.file.Path file = specDir.resolve(m.group(2) + ".tla");
        List<String> lines;
        try {
            lines = java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return this;
        }
        for (int i = Math.min(Integer.parseInt(m.group(1)), lines.size()) - 1; i >= 0; i--) {
            Matcher d = DEFINITION.matcher(lines.get(i));
            if (d.find()) {
                return new TlcReport(exitStatus, distinctStates, statesGenerated, depth, violatedInvariant,
                        Optional.of(d.group(1)), temporalViolated, deadlock, trace, loopBackTo, loopAction, stuttering,
                        errors, output);
            }
        }
        return this;
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }

    /**
     * What the counterexample shows, naming the invariant or property where TLC names it or where the run checked
     * only one temporal property ({@code temporalChecked}).
     */
    public String violationText(List<String> temporalChecked) {
        if (violatedInvariant.isPresent()) {
            return "invariant " + violatedInvariant.get() + " is violated";
        }
        if (violatedProperty.isPresent()) {
            return "action property " + violatedProperty.get() + " is violated";
        }
        if (temporalViolated) {
            return temporalChecked.size() == 1 ? "temporal property " + temporalChecked.get(0) + " is violated"
                    : "a temporal property among " + temporalChecked + " is violated (TLC does not say which)";
        }
        return deadlock ? "deadlock reached" : "TLC stopped";
    }

    /** Whether TLC explored the whole reachable state space (no violation, no error). */
    public boolean complete() {
        return exitStatus == 0;
    }
}
