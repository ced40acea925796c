package org.hfmailbox.refinement.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs TLC (its own JVM) on a model configuration of spec/ with {@code -dump dot,actionlabels}: the configuration's
 * CONSTANTS, SPECIFICATION/INIT/NEXT and VIEW are kept, its invariants and properties dropped (the graph is all that
 * is wanted); {@code -fp 0} makes the node ids the same from run to run.
 */
public final class DotDump {
    private DotDump() {
    }

    /** Writes {@code <work>/<config>.dot} from {@code spec/<config>.cfg} and returns it. */
    public static Path dump(Path specDir, String config, Path work, int workers) throws IOException {
        Files.createDirectories(work.resolve("tmp"));
        try (Stream<Path> files = Files.list(specDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".tla")).toList()) {
                Files.copy(f, work.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        List<String> cfg = Files.readAllLines(specDir.resolve(config + ".cfg"));
        Files.write(work.resolve(config + "-graph.cfg"), graphConfig(cfg));
        Path dot = work.resolve(config + ".dot").toAbsolutePath();
        String classpath = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString()).collect(Collectors.joining(java.io.File.pathSeparator));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xss8m", "-XX:+UseParallelGC", "-Djava.io.tmpdir=" + work.resolve("tmp").toAbsolutePath(),
                "-cp", classpath, "tlc2.TLC", "-workers", String.valueOf(workers), "-fp", "0",
                "-metadir", work.resolve("meta").toAbsolutePath().toString(),
                "-config", config + "-graph.cfg", "-dump", "dot,actionlabels", dot.toString(), "MCMailbox"));
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException("TLC could not dump the state graph of " + config + " (exit "
                        + (p.isAlive() ? "timeout" : p.exitValue()) + "):\n" + new String(output,
                        StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return dot;
    }

    /**
     * The configuration a state graph is dumped with: minus its INVARIANT(S)/PROPERTY(IES) and CHECK_DEADLOCK sections
     * and the speed overrides ({@link SpeedOverrides}). Also the report's state-machine dump uses it.
     */
    public static List<String> graphConfig(List<String> cfg) {
        List<String> out = new ArrayList<>();
        boolean skipping = false;
        for (String line : cfg) {
            String t = line.trim();
            boolean header = !t.isEmpty() && !line.startsWith(" ") && !line.startsWith("\t") && !t.startsWith("\\*");
            if (header) {
                String word = t.split("\\s+")[0];
                skipping = word.startsWith("INVARIANT") || word.startsWith("PROPERT") || word.equals("CHECK_DEADLOCK");
            }
            if (!skipping && !SpeedOverrides.isOverride(line)) {
                out.add(line);
            }
        }
        return out;
    }
}
