package org.hfmailbox.refinement.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.hfmailbox.reference.Correction;
import org.hfmailbox.reference.Fault;
import org.hfmailbox.reference.Faults;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.SystemShape;
import org.hfmailbox.reference.scenario.Scenario;
import org.hfmailbox.reference.workload.Workload;
import org.hfmailbox.reference.workload.WorkloadGenerator;
import org.hfmailbox.refinement.trace.ObservableProjection;
import org.hfmailbox.refinement.workload.WorkloadTraces;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Teeth: every fault of the reference's test-only {@link Faults} hook (each {@link Fault}, and each correction
 * switched off while the header claims it), injected into runs that reach it: every scenario valid for the corrected
 * semantics (among them the aa039b39 defects' counterexamples, run under the corrected header) and seeded generated
 * workloads. A run reaches the fault when its trace differs from the same run without the fault; the first event
 * that differs is the injected step. Deterministic.
 */
public final class TeethCases {
    /**
     * One faulty trace: which fault, from which run, the injected step (event seq), its action; {@code clean} is the
     * same run's trace without the fault.
     */
    public record Case(String fault, String source, List<String> lines, int injectedSeq, String injectedAction,
                       Set<String> expectedVariables, List<String> clean) {
        public String label() {
            return fault.replaceAll("[^A-Za-z0-9_-]", "_") + "__" + source.replaceAll("[^A-Za-z0-9_.@-]", "_");
        }
    }

    /**
     * A fault to inject, its name, and the variables a rejection of its injected step may name. {@code ghostOnly}: the
     * fault corrupts only a ghost of what guests asked for (docs/vocabulary.md), which no step reads; it is caught in
     * full-state traces and, by construction, never becomes observable.
     */
    public record Injection(String name, Faults faults, Set<String> expected, boolean ghostOnly) {
        Injection(String name, Faults faults, Set<String> expected) {
            this(name, faults, expected, false);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TeethCases() {
    }

    public static List<Injection> injections() {
        List<Injection> out = new ArrayList<>();
        for (Fault f : Fault.values()) {
            out.add(new Injection(f.name(), Faults.of(f), switch (f) {
                case WRONG_RETURN_ENCODING -> Set.of("step.ret", "saved_x0", "cpu_op");
                case SKIP_WAITER_POP -> Set.of("recv_waiter");
                case WRONG_MAILBOX_STATE -> Set.of("mailbox_state");
                case PUBLISH_READY_WITHOUT_SAVE -> Set.of("regs_available");
                case FORGET_WISH -> Set.of("wants_send_to");
            }, f == Fault.FORGET_WISH));
        }
        for (Correction c : Correction.values()) {
            out.add(new Injection("CORRECTION_OFF(" + c.jsonName() + ")", Faults.correctionOff(c), switch (c) {
                case SAVE_BEFORE_PUBLISH -> Set.of("regs_available");
                case RETVAL_BEFORE_PUBLISH -> Set.of("saved_x0");
                case MESSAGE_REPORTS_SENDER -> Set.of("cpu_op", "saved_x0", "step.ret");
                case BLOCK_ON_MAILBOX -> Set.of("vcpu_state");
                case WFI_WAKE_ON_INTERRUPT -> Set.of("vcpu_state", "waiting_for", "step.ret", "step.action");
                case SECONDARY_VCPU_ON -> Set.of("step.action", "step.args", "step.ret", "vcpu_state");
                case FIFO_WAITERS -> Set.of("recv_waiter", "vcpu_state", "saved_x0", "recv_pending", "step.ret");
                case BLOCK_ONLY_WHEN_DELIVERABLE -> Set.of("vcpu_state", "recv_waiter", "cpu_op", "waiting_for",
                        "step.ret");
            }));
        }
        return out;
    }

    /**
     * For every injection, up to {@code perSource} faulty traces from scenarios and up to {@code perSource} from
     * workloads (random seeds 0..{@code seeds}-1); an injection no run reaches gets no case.
     */
    public static Map<Injection, List<Case>> generate(int perSource, int seeds) {
        List<Scenario> scenarios = ScenarioTraces.all().stream()
                .filter(s -> s.isValidFor(Semantics.corrected())).toList();
        Map<Injection, List<Case>> out = new LinkedHashMap<>();
        for (Injection inj : injections()) {
            List<Case> cases = new ArrayList<>();
            int fromScenarios = 0;
            for (Scenario s : scenarios) {
                if (fromScenarios >= perSource) {
                    break;
                }
                List<String> clean = ScenarioTraces.run(s, Semantics.corrected(), Faults.none()).lines();
                List<String> bad = ScenarioTraces.run(s, Semantics.corrected(), inj.faults()).lines();
                Case c = compare(inj, "scenario " + java.nio.file.Path.of(s.file()).getFileName(), clean, bad);
                if (c != null) {
                    cases.add(c);
                    fromScenarios++;
                }
            }
            int fromWorkloads = 0;
            for (long seed = 0; seed < seeds && fromWorkloads < perSource; seed++) {
                SystemShape shape = inj.name().contains("fifo") || inj.name().contains("secondary-vcpu-on")
                        ? SystemShape.of(2, 3, 1) : SystemShape.defaultShape();
                Workload w = WorkloadGenerator.generate(seed, shape, Semantics.corrected(), 150);
                Case c = compare(inj, "workload seed " + seed, WorkloadTraces.trace(w, Faults.none()),
                        WorkloadTraces.trace(w, inj.faults()));
                if (c != null) {
                    cases.add(c);
                    fromWorkloads++;
                }
            }
            out.put(inj, cases);
        }
        return out;
    }

    /**
     * The first run (scenarios valid for the corrected semantics, then workloads of random seeds 0..{@code seeds}-1)
     * in which the injection becomes observable: its observable-only trace ({@link ObservableProjection}) differs
     * from the same run's without the fault in some event both have, or has more events. Null when none does.
     */
    public static Case firstObservable(Injection inj, int seeds) {
        for (Scenario s : ScenarioTraces.all()) {
            if (!s.isValidFor(Semantics.corrected())) {
                continue;
            }
            Case c = compare(inj, "scenario " + java.nio.file.Path.of(s.file()).getFileName(),
                    ScenarioTraces.run(s, Semantics.corrected(), Faults.none()).lines(),
                    ScenarioTraces.run(s, Semantics.corrected(), inj.faults()).lines());
            if (c != null && firstObservableDifference(c) > 0) {
                return c;
            }
        }
        for (long seed = 0; seed < seeds; seed++) {
            SystemShape shape = inj.name().contains("fifo") || inj.name().contains("secondary-vcpu-on")
                    ? SystemShape.of(2, 3, 1) : SystemShape.defaultShape();
            Workload w = WorkloadGenerator.generate(seed, shape, Semantics.corrected(), 150);
            Case c = compare(inj, "workload seed " + seed, WorkloadTraces.trace(w, Faults.none()),
                    WorkloadTraces.trace(w, inj.faults()));
            if (c != null && firstObservableDifference(c) > 0) {
                return c;
            }
        }
        return null;
    }

    /**
     * The seq of the first event whose observable-only form differs between the faulty and the clean run, or 0 when
     * the fault never becomes observable (a faulty run that merely stops earlier, because the reference's own
     * expectation failed, shows nothing).
     */
    public static int firstObservableDifference(Case c) {
        List<String> bad = ObservableProjection.project(c.lines());
        List<String> clean = ObservableProjection.project(c.clean());
        int first = 1;
        while (first < bad.size() && first < clean.size() && bad.get(first).equals(clean.get(first))) {
            first++;
        }
        return first < Math.min(bad.size(), clean.size()) || bad.size() > clean.size() ? first : 0;
    }

    private static Case compare(Injection inj, String source, List<String> clean, List<String> bad) {
        int i = 0;
        while (i < clean.size() && i < bad.size() && clean.get(i).equals(bad.get(i))) {
            i++;
        }
        if (i >= bad.size()) {
            return null;
        }
        if (i == 0) {
            throw new IllegalStateException(inj.name() + " changed the header of " + source);
        }
        String action;
        try {
            action = MAPPER.readTree(bad.get(i)).path("action").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new Case(inj.name(), source, bad, i, action, inj.expected(), clean);
    }
}
