package org.hfmailbox.review.manifest;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The one manifest of model configurations (spec/manifest.json).
 *
 * @param file           where it was read from
 * @param displayName    how messages name the file (relative to the repository root)
 * @param spec           the root TLA+ module TLC checks (e.g. MCMailbox)
 * @param configurations every configuration, in manifest order
 */
public record Manifest(Path file, String displayName, String spec, List<ModelConfiguration> configurations) {

    public Manifest {
        configurations = List.copyOf(configurations);
    }

    /** The folder holding the manifest, the spec and the cfgs. */
    public Path specDir() {
        return file.toAbsolutePath().getParent();
    }

    public Optional<ModelConfiguration> find(String name) {
        return configurations.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
