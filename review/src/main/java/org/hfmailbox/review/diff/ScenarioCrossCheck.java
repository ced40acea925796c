package org.hfmailbox.review.diff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.hfmailbox.review.manifest.Manifest;
import org.hfmailbox.review.manifest.ModelConfiguration;
import org.hfmailbox.review.spec.SpecOutline;
import org.hfmailbox.refinement.tlc.SpecLoadException;
import org.hfmailbox.refinement.trace.Corrections;
import org.hfmailbox.refinement.trace.SpecConstants;

/**
 * diff-spec's second view of behaviour (issue 6: "complemented by validating each revision's model-derived scenarios
 * against the other"): for each revision, walks derived from the state graph of one configuration
 * ({@link WalkDeriver}, the refinement module's generator, capped in walks and steps) are validated step by step
 * against the other revision's spec ({@link WalkValidation}). A walk is a behaviour of the revision it comes from;
 * the other revision either allows every step of it or rejects a first one.
 *
 * <p>Walks of identical revisions (same modules, cfgs and manifest) are derived once per instance and reused.
 */
public final class ScenarioCrossCheck {
    /** Both directions. */
    public record Result(String config, int walkCap, int stepCap, boolean identical, WalkCheck oldOnNew,
            WalkCheck newOnOld) {
        /** A walk of one revision has a step the other rejects. */
        public boolean differs() {
            return oldOnNew.first().isPresent() || newOnOld.first().isPresent();
        }

        /** A direction could not be decided. */
        public boolean undecided() {
            return oldOnNew.undecided().isPresent() || newOnOld.undecided().isPresent();
        }
    }

    private final Map<String, DerivedWalks> derived = new HashMap<>();
    private final Consumer<String> progress;

    /** @param progress receives one line when each long stage starts */
    public ScenarioCrossCheck(Consumer<String> progress) {
        this.progress = progress;
    }

    /**
     * @param oldManifest OLD's manifest (gives the configuration's shape and semantics)
     * @param config      the configuration whose state graph the walks follow (e.g. {@code small})
     * @param walks       at most this many walks per revision
     * @param steps       at most this many steps per walk
     * @param work        where the walks, their trace files and TLC's files go
     */
    public Result run(String oldName, Path oldDir, Manifest oldManifest, String newName, Path newDir,
            Manifest newManifest, String config, int walks, int steps, Path work) throws IOException {
        Optional<SpecConstants> oldK = constants(oldManifest, config);
        Optional<SpecConstants> newK = constants(newManifest, config);
        String oldKey = key(oldDir, config, walks, steps);
        String newKey = key(newDir, config, walks, steps);
        boolean identical = oldKey.equals(newKey);
        Derivation od = derive(oldName, oldDir, oldManifest, oldK, oldKey, config, walks, steps, work.resolve("walks-"
                + slug(oldName)));
        WalkCheck oldOnNew = check(od, oldDir, newName, newDir, newManifest, newK, config, work.resolve(slug(oldName)
                + "-walks-on-" + slug(newName)));
        Derivation nd = derive(newName, newDir, newManifest, newK, newKey, config, walks, steps, work.resolve("walks-"
                + slug(newName)));
        WalkCheck newOnOld = check(nd, newDir, oldName, oldDir, oldManifest, oldK, config, work.resolve(slug(newName)
                + "-walks-on-" + slug(oldName)));
        return new Result(config, walks, steps, identical, oldOnNew, newOnOld);
    }

    /** Walks of one revision, or why there are none. */
    private record Derivation(String revision, Optional<DerivedWalks> walks, String failure, Duration time) {
    }

    private Derivation derive(String name, Path dir, Manifest manifest, Optional<SpecConstants> k, String key,
            String config, int walks, int steps, Path work) throws IOException {
        if (k.isEmpty()) {
            return new Derivation(name, Optional.empty(), why(manifest, config), Duration.ZERO);
        }
        DerivedWalks cached = derived.get(key);
        if (cached != null) {
            DerivedWalks again = new DerivedWalks(name, cached.config(), cached.constants(), cached.graphStates(),
                    cached.graphEdges(), cached.edgesTaken(), cached.actions(), cached.walks(), cached.time(),
                    Optional.of(cached.revision()));
            return new Derivation(name, Optional.of(again), "", Duration.ZERO);
        }
        progress.accept("deriving " + name + "'s walks from the state graph of " + config + " (TLC -dump dot; at most "
                + walks + " walks of " + steps + " steps) ...");
        long t0 = System.nanoTime();
        try {
            DerivedWalks w = WalkDeriver.derive(name, dir, config, k.get(), walks, steps, work);
            derived.put(key, w);
            return new Derivation(name, Optional.of(w), "", w.time());
        } catch (SpecLoadException | IOException | RuntimeException e) {
            return new Derivation(name, Optional.empty(), "its walks could not be derived: " + e.getMessage()
                    .replace('\n', ' '), Duration.ofNanos(System.nanoTime() - t0));
        }
    }

    private WalkCheck check(Derivation d, Path ownDir, String otherName, Path otherDir, Manifest otherManifest,
            Optional<SpecConstants> otherK, String config, Path work) throws IOException {
        if (d.walks().isEmpty()) {
            return WalkCheck.undecided(d.revision(), otherName, Optional.empty(), d.revision() + ": " + d.failure(),
                    d.time());
        }
        if (otherK.isEmpty()) {
            return WalkCheck.undecided(d.revision(), otherName, d.walks(), otherName + ": "
                    + why(otherManifest, config), d.time());
        }
        Optional<String> differ = variablesDiffer(d.revision(), ownDir, otherName, otherDir, otherManifest.spec());
        if (differ.isPresent()) {
            return WalkCheck.undecided(d.revision(), otherName, d.walks(), differ.get(), d.time());
        }
        progress.accept("validating " + d.revision() + "'s " + d.walks().get().walks().size() + " walks against "
                + otherName + "'s spec ...");
        return WalkValidation.validate(d.walks().get(), otherName, otherDir, otherK.get(), work);
    }

    /**
     * Why walks of one revision cannot be validated against the other when their variables differ (a walk's states
     * bind every variable of its own revision, and trace validation binds every variable of the spec it checks);
     * empty when both declare the same variables.
     */
    static Optional<String> variablesDiffer(String ownName, Path ownDir, String otherName, Path otherDir, String module)
            throws IOException {
        List<String> own = SpecOutline.read(ownDir, module).variables();
        List<String> other = SpecOutline.read(otherDir, module).variables();
        List<String> onlyOwn = own.stream().filter(v -> !other.contains(v)).toList();
        List<String> onlyOther = other.stream().filter(v -> !own.contains(v)).toList();
        if (onlyOwn.isEmpty() && onlyOther.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the revisions declare different variables (only " + ownName + ": "
                + (onlyOwn.isEmpty() ? "none" : String.join(", ", onlyOwn)) + "; only " + otherName + ": "
                + (onlyOther.isEmpty() ? "none" : String.join(", ", onlyOther)) + "), and a walk binds every variable"
                + " of its own revision");
    }

    /**
     * The constants of a configuration as the walk generator takes them: the manifest's shape, no correction for
     * {@code aa039b39}, all for {@code corrected}; empty for a configuration the manifest lacks or whose corrections
     * it does not list ({@code custom}).
     */
    static Optional<SpecConstants> constants(Manifest manifest, String config) {
        Optional<ModelConfiguration> c = manifest.find(config);
        if (c.isEmpty()) {
            return Optional.empty();
        }
        List<String> corrections = switch (c.get().semantics()) {
            case "aa039b39" -> List.of();
            case "corrected" -> Corrections.ALL;
            default -> null;
        };
        return corrections == null ? Optional.empty()
                : Optional.of(new SpecConstants(c.get().shape().cpus(), c.get().shape().vcpuCount(), corrections));
    }

    private static String why(Manifest manifest, String config) {
        return manifest.find(config).map(c -> "configuration " + config + " has semantics \"" + c.semantics()
                + "\": the manifest does not list its corrections, which the walks need")
                .orElse("manifest.json has no configuration " + config);
    }

    /** A digest of what the walks depend on: the folder's modules, cfgs and manifest, the configuration, the caps. */
    static String key(Path specDir, String config, int walks, int steps) throws IOException {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update((config + "/" + walks + "/" + steps + "\n").getBytes(StandardCharsets.UTF_8));
            try (Stream<Path> files = Files.list(specDir)) {
                for (Path f : files.sorted().toList()) {
                    String n = f.getFileName().toString();
                    if (Files.isRegularFile(f) && (n.endsWith(".tla") || n.endsWith(".cfg")
                            || n.equals("manifest.json"))) {
                        d.update((n + "\n").getBytes(StandardCharsets.UTF_8));
                        d.update(Files.readAllBytes(f));
                    }
                }
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String slug(String name) {
        return name.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }
}
