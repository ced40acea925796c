package org.hfmailbox.review.diff;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hfmailbox.refinement.model.Concretiser;
import org.hfmailbox.refinement.model.ModelScenarios;
import org.hfmailbox.refinement.tlc.SpecLoadException;
import org.hfmailbox.refinement.tlc.SpecSource;
import org.hfmailbox.refinement.trace.SpecConstants;
import org.hfmailbox.review.Trees;
import tlc2.tool.TLCState;

/**
 * Derives walks from the state graph of one revision's configuration with the refinement module's generator
 * ({@link ModelScenarios}: TLC's {@code -dump dot} of the cfg, greedy walks that take untaken edges, each edge
 * concretised by TLC from the previous concrete state), and keeps each walk as text ({@link DerivedWalks}) while
 * that revision's spec is still the one loaded in this JVM (TLC keeps static state).
 */
final class WalkDeriver {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WalkDeriver() {
    }

    /**
     * @param revision the revision's name (OLD, NEW)
     * @param specDir  its spec folder (the cfg, manifest.json and the modules)
     * @param config   the configuration (a manifest entry with a cfg of that name)
     * @param constants its constants as the generator takes them from the manifest (recorded in the result)
     * @param walks    at most this many walks
     * @param steps    at most this many steps per walk
     * @param work     an output folder (dot dump, scenario files, model modules)
     */
    static DerivedWalks derive(String revision, Path specDir, String config, SpecConstants constants, int walks,
            int steps, Path work) throws IOException, SpecLoadException {
        long t0 = System.nanoTime();
        ModelScenarios.Result r = new ModelScenarios(new SpecSource(specDir, "Mailbox", work.resolve("tlc")), work)
                .generate(config, walks, steps);
        List<DerivedWalks.Walk> out = new ArrayList<>();
        int n = 0;
        for (ModelScenarios.Generated g : r.scenarios()) {
            out.add(walk(String.format("walk-%03d", n++), g, r.initial()));
        }
        Duration time = Duration.ofNanos(System.nanoTime() - t0);
        org.hfmailbox.review.Trees.deleteRecursively(work.resolve("graph"));
        org.hfmailbox.review.Trees.deleteRecursively(work.resolve("tlc"));
        return new DerivedWalks(revision, config, constants, r.graphStates(), r.graphEdges(), r.edgesTaken(),
                r.actionsTaken(), out, time, Optional.empty());
    }

    /** The walk as text: init and events in the trace's JSON forms, every state as TLC prints it. */
    static DerivedWalks.Walk walk(String name, ModelScenarios.Generated g, TLCState init) throws IOException {
        List<String> events = new ArrayList<>();
        List<String> states = new ArrayList<>();
        states.add(init.toString());
        TLCState pre = init;
        long seq = 1;
        for (Concretiser.Step s : g.steps()) {
            events.add(JSON.writeValueAsString(TlcJson.event(seq++, pre, s.post())));
            states.add(s.post().toString());
            pre = s.post();
        }
        return new DerivedWalks.Walk(name, g.file().toString(), JSON.writeValueAsString(TlcJson.state(init)), events,
                states);
    }
}
