package org.hfmailbox.review;

import java.nio.file.Path;

/** Names files in messages relative to the repository root (e.g. {@code spec/small.cfg}) when they lie under it. */
public record PathDisplay(Path root) {
    public PathDisplay {
        root = root.toAbsolutePath().normalize();
    }

    public String of(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
    }
}
