package org.hfmailbox.review;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A copy of spec/ in a test's folder, with edits that must change the text (else the test would prove nothing). */
public final class SpecCopy {
    /** One CPU, one secondary with one vCPU, the corrected semantics: a model TLC explores in seconds. */
    public static final String TINY_CFG = String.join("\n", "CONSTANTS", "    NumCPUs = 1",
            "    SecondaryVCPUCount <- OneSecondaryOneVcpu", "    Sizes <- SmallSizes", "    Corrections <- Corrected",
            "SPECIFICATION Spec", "VIEW View", "");

    private SpecCopy() {
    }

    public static Path copy(Path to) throws IOException {
        Path from = RepoRoot.locate().resolve("spec");
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
        return to;
    }

    public static void replace(Path file, String old, String replacement) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.contains(old), file + " no longer contains '" + old + "': update the test");
        Files.writeString(file, text.replace(old, replacement), StandardCharsets.UTF_8);
    }
}
