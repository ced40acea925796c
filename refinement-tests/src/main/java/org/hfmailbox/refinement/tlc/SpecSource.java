package org.hfmailbox.refinement.tlc;

import java.nio.file.Path;

/**
 * Where the spec lives: a folder holding {@code <module>.tla} and the modules it extends, and a work folder (under
 * a {@code target/}) for the generated model modules.
 */
public record SpecSource(Path specDir, String module, Path workDir) {

    /** spec/Mailbox.tla under the project root, generated files under {@code workDir}. */
    public static SpecSource mailbox(Path projectRoot, Path workDir) {
        return new SpecSource(projectRoot.resolve("spec"), "Mailbox", workDir);
    }

    /**
     * The project root: the system property {@code mailbox.root} (set by the parent pom for tests and by the
     * launcher), else the nearest folder upwards from the working directory holding spec/Mailbox.tla.
     */
    public static Path projectRoot() {
        String prop = System.getProperty("mailbox.root");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        Path p = Path.of("").toAbsolutePath();
        for (Path q = p; q != null; q = q.getParent()) {
            if (q.resolve("spec").resolve("Mailbox.tla").toFile().isFile()) {
                return q;
            }
        }
        return p;
    }
}
