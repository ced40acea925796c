package org.hfmailbox.review.tlc;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a TLC run's result depends on, as hashes: every {@code .tla} file of the spec's folder (any may be extended
 * or instantiated), the cfg, the jar TLC runs from, the root module and the worker count (the counterexample TLC
 * finds first may depend on it). Two runs with the same key give the same verdicts, counts and counterexamples.
 */
public record RunKey(Map<String, String> inputs) {
    public RunKey {
        inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    }

    /** The key of {@code request} run from {@code jar} (whose hash the caller computes once: {@link #jarHash}). */
    public static RunKey of(TlcRequest request, String jarHash) throws IOException {
        return of(request.specDir(), request.module(), request.cfg(), jarHash, List.of("workers " + request.workers()));
    }

    /** The key of a run of {@code module} with {@code cfg}, with further settings that change its result. */
    public static RunKey of(Path specDir, String module, Path cfg, String jarHash, List<String> settings)
            throws IOException {
        Map<String, String> in = new LinkedHashMap<>();
        List<Path> modules;
        try (Stream<Path> files = Files.list(specDir)) {
            modules = files.filter(f -> f.getFileName().toString().endsWith(".tla")).sorted().toList();
        }
        for (Path m : modules) {
            in.put("spec " + m.getFileName(), sha256(Files.readAllBytes(m)));
        }
        in.put("cfg", sha256(Files.readAllBytes(cfg)));
        in.put("jar", jarHash);
        in.put("module", module);
        for (String s : settings) {
            in.put("setting " + s, "");
        }
        return new RunKey(in);
    }

    /** One hash of every input. */
    public String digest() {
        StringBuilder b = new StringBuilder();
        inputs.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        return sha256(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The hash of the jar (or classes folder) TLC's classes are loaded from, as {@code NAME SHA256}. */
    public static String jarHash() throws IOException {
        Path where;
        try {
            where = Path.of(tlc2.TLC.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IOException("cannot locate the jar TLC runs from: " + e.getMessage(), e);
        }
        if (!Files.isRegularFile(where)) {
            return where.getFileName() + " (a folder: not hashed, " + Files.getLastModifiedTime(where) + ")";
        }
        MessageDigest d = digestAlgorithm();
        try (InputStream in = Files.newInputStream(where)) {
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                d.update(buf, 0, n);
            }
        }
        return where.getFileName() + " " + HexFormat.of().formatHex(d.digest());
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digestAlgorithm().digest(bytes));
    }

    private static MessageDigest digestAlgorithm() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
