package org.hfmailbox.refinement.cover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hfmailbox.refinement.trace.Corrections;
import org.hfmailbox.refinement.trace.SpecConstants;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The spec constants of a model configuration, from spec/manifest.json: its shape, and its corrections from its
 * semantics ({@code corrected}: every correction, {@code aa039b39}: none; a {@code custom} configuration must list
 * its {@code corrections}).
 */
final class ManifestConstants {
    private ManifestConstants() {
    }

    static SpecConstants of(Path specDir, String config) throws IOException, CoverInputException {
        Path manifest = specDir.resolve("manifest.json");
        JsonNode root = new ObjectMapper().readTree(manifest.toFile());
        List<String> names = new ArrayList<>();
        for (JsonNode c : root.path("configurations")) {
            String name = c.path("name").asText();
            names.add(name);
            if (!name.equals(config)) {
                continue;
            }
            List<Integer> counts = new ArrayList<>();
            c.path("shape").path("vcpu_count").forEach(n -> counts.add(n.asInt()));
            String sem = c.path("semantics").asText();
            List<String> corrections;
            if (sem.equals("corrected")) {
                corrections = Corrections.ALL;
            } else if (sem.equals("aa039b39")) {
                corrections = List.of();
            } else if (c.path("corrections").isArray()) {
                List<String> listed = new ArrayList<>();
                c.path("corrections").forEach(n -> listed.add(n.asText()));
                corrections = Corrections.ALL.stream().filter(listed::contains).toList();
            } else {
                throw new CoverInputException(manifest + ": configuration " + config + " has semantics \"" + sem
                        + "\" without a \"corrections\" list, so its spec constants cannot be named");
            }
            return new SpecConstants(c.path("shape").path("cpus").asInt(), counts, corrections);
        }
        throw new CoverInputException(manifest + " has no configuration \"" + config + "\" (it has " + names + ")");
    }
}
