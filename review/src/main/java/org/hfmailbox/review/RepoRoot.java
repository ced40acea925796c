package org.hfmailbox.review;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the root of the kit's repository: the folder holding spec/, the launcher and the parent pom. */
public final class RepoRoot {
    /** The system property the launcher and Surefire set to the repository root. */
    public static final String PROPERTY = "mailbox.root";

    private RepoRoot() {
    }

    /** The root named by {@value #PROPERTY}, else the nearest ancestor of the working directory with spec/ and pom.xml. */
    public static Path locate() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("spec")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        return dir;
    }
}
