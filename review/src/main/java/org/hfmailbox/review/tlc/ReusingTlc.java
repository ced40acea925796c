package org.hfmailbox.review.tlc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps, beside each run's raw output ({@code NAME.out}), the key of what the run depended on ({@code NAME.key.json}:
 * {@link RunKey}, TLC's exit status, the run's time, a hash of the output), and reuses that output instead of running
 * TLC again when the key is unchanged and reuse is allowed. Only runs that finished with a verdict are reused (exit
 * status 0, or 10 to 14: assumption, deadlock, safety, liveness, assert); the key is removed before a run starts,
 * so an interrupted run is never reused.
 */
public final class ReusingTlc {
    private static final Set<Integer> FINISHED = Set.of(0, 10, 11, 12, 13, 14);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean reuse;
    private String jarHash;

    /** @param reuse whether earlier results may be reused (false: always run, still recording keys) */
    public ReusingTlc(boolean reuse) {
        this.reuse = reuse;
    }

    /** {@code delegate} behind this store: reuses a recorded result, or runs and records. */
    public TlcRunner around(TlcRunner delegate) {
        return request -> {
            RunKey key = RunKey.of(request, jarHash());
            Path keyFile = keyFile(request.rawOutput());
            if (reuse) {
                Optional<TlcRunner.Result> earlier = earlier(key, keyFile, request.rawOutput());
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            Files.deleteIfExists(keyFile);
            TlcRunner.Result r = delegate.run(request);
            record(key, keyFile, request.rawOutput(), r);
            return r;
        };
    }

    /** The file holding a run's key, beside its raw output. */
    public static Path keyFile(Path rawOutput) {
        return rawOutput.resolveSibling(rawOutput.getFileName().toString().replaceAll("\\.out$", "") + ".key.json");
    }

    private String jarHash() throws IOException {
        if (jarHash == null) {
            jarHash = RunKey.jarHash();
        }
        return jarHash;
    }

    private static Optional<TlcRunner.Result> earlier(RunKey key, Path keyFile, Path raw) throws IOException {
        if (!Files.isRegularFile(keyFile) || !Files.isRegularFile(raw)) {
            return Optional.empty();
        }
        JsonNode k;
        try {
            k = JSON.readTree(keyFile.toFile());
        } catch (IOException unreadable) {
            return Optional.empty();
        }
        byte[] output = Files.readAllBytes(raw);
        int exit = k.path("exitStatus").asInt(-1);
        if (!key.digest().equals(k.path("digest").asText()) || !FINISHED.contains(exit)
                || !RunKey.sha256(output).equals(k.path("output").asText())) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(raw, StandardCharsets.UTF_8);
        return Optional.of(new TlcRunner.Result(TlcReport.from(exit, ToolOutput.parse(lines)),
                Duration.ofMillis(k.path("wallMillis").asLong()), true));
    }

    private static void record(RunKey key, Path keyFile, Path raw, TlcRunner.Result r) throws IOException {
        if (!FINISHED.contains(r.report().exitStatus()) || !Files.isRegularFile(raw)) {
            return;
        }
        ObjectNode k = JSON.createObjectNode();
        k.put("digest", key.digest());
        k.put("exitStatus", r.report().exitStatus());
        k.put("wallMillis", r.wallTime().toMillis());
        k.put("output", RunKey.sha256(Files.readAllBytes(raw)));
        k.put("finished", Instant.now().toString());
        ObjectNode in = k.putObject("inputs");
        key.inputs().forEach(in::put);
        Files.writeString(keyFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(k) + "\n",
                StandardCharsets.UTF_8);
    }
}
