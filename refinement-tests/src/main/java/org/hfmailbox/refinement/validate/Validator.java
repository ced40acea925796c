package org.hfmailbox.refinement.validate;

import org.hfmailbox.refinement.tlc.LoadedSpec;
import org.hfmailbox.refinement.tlc.SpecLoadException;
import org.hfmailbox.refinement.tlc.SpecSource;
import org.hfmailbox.refinement.trace.SpecConstants;
import org.hfmailbox.refinement.trace.Trace;
import org.hfmailbox.refinement.trace.TraceFormatException;
import org.hfmailbox.refinement.trace.TraceReader;

import java.nio.file.Path;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-process validator: loads the spec once per set of constants (taken from each trace header) and re-uses the
 * loaded tool for every trace that shares them. {@link #validateAll} groups traces by constants so that each set is
 * loaded once. Coverage of the accepted steps accumulates in {@link #coverage()}.
 *
 * <p>TLC keeps static state, so at most one spec is loaded at a time: switching constants drops the previous one.
 * Use one Validator per JVM at a time, from one thread.
 */
public final class Validator {
    private final SpecSource source;
    private final int threads;
    private final Coverage coverage = new Coverage();
    private LoadedSpec loaded;
    private TraceValidator validator;
    private RowClassifier rows;
    private int loads;

    /** A single-threaded validator. */
    public Validator(SpecSource source) {
        this(source, 1);
    }

    /**
     * @param threads how many threads {@link #validateAll} and {@link #validateFiles} use: they share the loaded
     *                spec (TLC's tool evaluates concurrently, as its model-checking workers do), each with its own
     *                states and coverage
     */
    public Validator(SpecSource source, int threads) {
        this.source = source;
        this.threads = Math.max(1, threads);
    }

    public Coverage coverage() {
        return coverage;
    }

    /** How many times a spec was loaded (once per set of constants when traces are batched). */
    public int loads() {
        return loads;
    }

    /** The validator for {@code k}, loading the spec if the loaded one has other constants. */
    public TraceValidator forConstants(SpecConstants k) throws SpecLoadException {
        if (loaded == null || !loaded.constants().equals(k)) {
            loaded = null;
            validator = null;
            LoadedSpec spec = LoadedSpec.load(source, k);
            rows = SpecRowClassifier.available(spec)
                    ? new SpecRowClassifier(spec, TraceValidator.noArgs(spec)) : new StateRowClassifier(spec);
            coverage.rowSource(rows.source());
            loaded = spec;
            validator = new TraceValidator(spec, rows);
            loads++;
        }
        return validator;
    }

    public Verdict validate(Trace trace) throws SpecLoadException {
        return forConstants(trace.header().constants()).validate(trace, coverage);
    }

    /** Validates every trace, batched by constants; verdicts come back in the input order. */
    public List<Verdict> validateAll(List<Trace> traces) throws SpecLoadException {
        Map<SpecConstants, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < traces.size(); i++) {
            groups.computeIfAbsent(traces.get(i).header().constants(), x -> new ArrayList<>()).add(i);
        }
        if (loaded != null && groups.containsKey(loaded.constants())) {
            Map<SpecConstants, List<Integer>> reordered = new LinkedHashMap<>();
            reordered.put(loaded.constants(), groups.remove(loaded.constants()));
            reordered.putAll(groups);
            groups = reordered;
        }
        Verdict[] out = new Verdict[traces.size()];
        for (Map.Entry<SpecConstants, List<Integer>> g : groups.entrySet()) {
            TraceValidator tv = forConstants(g.getKey());
            List<Integer> idx = g.getValue();
            if (threads == 1 || idx.size() < 4 * threads) {
                for (int i : idx) {
                    out[i] = tv.validate(traces.get(i), coverage);
                }
            } else {
                LoadedSpec spec = loaded;
                RowClassifier r = rows;
                ThreadLocal<TraceValidator> local = ThreadLocal.withInitial(() -> new TraceValidator(spec, r));
                parallel(idx, (i, cov) -> out[i] = local.get().validate(traces.get(i), cov));
            }
        }
        return List.of(out);
    }

    /**
     * Reads, parses and validates trace files ({@code threads} threads parse, then validate), batched by
     * constants. A malformed file gives a {@link TraceFormatException} naming file, line and field.
     */
    public List<Verdict> validateFiles(List<Path> files) throws SpecLoadException, TraceFormatException {
        Trace[] traces = new Trace[files.size()];
        TraceFormatException[] bad = new TraceFormatException[1];
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            all.add(i);
        }
        parallel(all, (i, cov) -> {
            try {
                traces[i] = new TraceReader().read(files.get(i));
            } catch (TraceFormatException e) {
                synchronized (bad) {
                    bad[0] = bad[0] == null ? e : bad[0];
                }
            }
        });
        if (bad[0] != null) {
            throw bad[0];
        }
        return validateAll(List.of(traces));
    }

    private interface Job {
        void run(int index, Coverage coverage);
    }

    /** Runs {@code job} over the indices on {@code threads} threads, each with its own coverage, then merges. */
    private void parallel(List<Integer> indices, Job job) {
        int n = Math.min(threads, Math.max(1, indices.size()));
        Coverage[] parts = new Coverage[n];
        Thread[] workers = new Thread[n];
        RuntimeException[] failure = new RuntimeException[1];
        for (int w = 0; w < n; w++) {
            int me = w;
            parts[w] = new Coverage();
            workers[w] = new Thread(() -> {
                try {
                    for (int j = me; j < indices.size(); j += n) {
                        job.run(indices.get(j), parts[me]);
                    }
                } catch (RuntimeException e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                }
            }, "validator-" + w);
            workers[w].start();
        }
        for (Thread t : workers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        for (Coverage c : parts) {
            coverage.merge(c);
        }
    }
}
