package org.hfmailbox.refinement.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The state graphs {@link DotDump} wrote, kept under {@code <dir>/<config>/} (one per configuration: the dot file
 * and its key), so that a covering run of an unchanged configuration does not dump it again. The key is a SHA-256
 * of everything the dump depends on: every {@code .tla} file of spec/ (name and bytes), the configuration as the
 * dump runs it (invariants and properties dropped), TLC's version and the dump's options. Any change gives another
 * key, and the next run dumps again and replaces the kept graph.
 */
public final class GraphCache {
    /** What the dump's command line fixes besides the files (a change here must change the key). */
    private static final String DUMP_OPTIONS = "-fp 0 -dump dot,actionlabels";

    private final Path dir;

    /** @param dir the folder that holds one subfolder per configuration (e.g. {@code target/graph-cache}) */
    public GraphCache(Path dir) {
        this.dir = dir;
    }

    /** The key of {@code config}'s graph for the spec in {@code specDir}. */
    public static String key(Path specDir, String config) throws IOException {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        List<Path> modules;
        try (Stream<Path> files = Files.list(specDir)) {
            modules = files.filter(p -> p.toString().endsWith(".tla")).sorted().toList();
        }
        for (Path m : modules) {
            update(d, "module " + m.getFileName());
            d.update(Files.readAllBytes(m));
        }
        update(d, "cfg");
        for (String line : DotDump.graphConfig(Files.readAllLines(specDir.resolve(config + ".cfg")))) {
            update(d, line);
        }
        update(d, "tlc " + tlc2.TLCGlobals.versionOfTLC);
        update(d, DUMP_OPTIONS);
        return HexFormat.of().formatHex(d.digest());
    }

    private static void update(MessageDigest d, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        d.update((byte) (b.length >>> 24));
        d.update((byte) (b.length >>> 16));
        d.update((byte) (b.length >>> 8));
        d.update((byte) b.length);
        d.update(b);
    }

    /** The kept dot file of {@code config} when it was dumped under {@code key}, else empty. */
    public Optional<Path> lookup(String config, String key) throws IOException {
        Path k = dir.resolve(config).resolve("key");
        Path dot = dir.resolve(config).resolve(config + ".dot");
        if (Files.isRegularFile(k) && Files.isRegularFile(dot) && Files.readString(k).trim().equals(key)) {
            return Optional.of(dot);
        }
        return Optional.empty();
    }

    /**
     * Moves a freshly dumped dot file into the cache under {@code key} (replacing what was kept for the
     * configuration) and returns its new place. The key is written last, so an interrupted store is never taken for
     * a valid one.
     */
    public Path store(String config, String key, Path dot) throws IOException {
        Path d = Files.createDirectories(dir.resolve(config));
        Files.deleteIfExists(d.resolve("key"));
        Path kept = d.resolve(config + ".dot");
        Files.move(dot, kept, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(d.resolve("key"), key + "\n");
        return kept;
    }
}
