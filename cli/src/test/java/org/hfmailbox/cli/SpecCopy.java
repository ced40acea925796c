package org.hfmailbox.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A copy of a spec/ folder's files, for tests that check a changed configuration or spec. */
final class SpecCopy {
    private SpecCopy() {
    }

    /** Copies the regular files of {@code from} into {@code to} (created) and returns {@code to}. */
    static Path of(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
