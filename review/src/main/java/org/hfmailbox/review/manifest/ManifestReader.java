package org.hfmailbox.review.manifest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hfmailbox.review.InputError;

/**
 * Reads spec/manifest.json into a {@link Manifest}. Every problem becomes an {@link InputError} naming the file, the
 * line and the field (as a JSON path such as {@code configurations[2].mode}).
 */
public final class ManifestReader {
    private final ObjectMapper mapper = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** The JSON shape of the file; unknown fields (comments, notes) are allowed and ignored. */
    private record RawManifest(
            @JsonProperty(value = "spec", required = true) String spec,
            @JsonProperty(value = "configurations", required = true) List<ModelConfiguration> configurations) {
    }

    /**
     * @param file        the manifest
     * @param displayName how messages name it
     */
    public Manifest read(Path file, String displayName) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputError(displayName + ": file not found (the model configurations are declared there)");
        } catch (IOException e) {
            throw new InputError(displayName + ": cannot read: " + e.getMessage());
        }
        RawManifest raw;
        try {
            raw = mapper.readValue(text, RawManifest.class);
        } catch (JsonMappingException e) {
            throw new InputError(displayName + ": " + where(e.getLocation(), fieldPath(e)) + firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new InputError(displayName + ": " + where(e.getLocation(), "") + "malformed JSON: "
                    + firstLine(e.getOriginalMessage()));
        }
        Map<String, Integer> lines = fieldLines(text);
        validate(raw, displayName, lines);
        return new Manifest(file, displayName, raw.spec(), raw.configurations());
    }

    private static void validate(RawManifest raw, String file, Map<String, Integer> lines) {
        if (raw.spec().isBlank()) {
            throw error(file, lines, "spec", "must name the root TLA+ module");
        }
        Set<String> names = new HashSet<>();
        List<ModelConfiguration> cs = raw.configurations();
        for (int i = 0; i < cs.size(); i++) {
            ModelConfiguration c = cs.get(i);
            String at = "configurations[" + i + "]";
            if (c == null) {
                throw error(file, lines, at, "must be an object");
            }
            if (c.name().isBlank() || !names.add(c.name())) {
                throw error(file, lines, at + ".name", "\"" + c.name() + "\" is empty or not unique");
            }
            if (c.workers() < 1) {
                throw error(file, lines, at + ".workers", "must be at least 1, got " + c.workers());
            }
            if (c.verdicts().isEmpty()) {
                throw error(file, lines, at + ".verdicts", "must list at least one invariant or property");
            }
            for (Map.Entry<String, Verdict> v : c.verdicts().entrySet()) {
                if (v.getValue() == null) {
                    throw error(file, lines, at + ".verdicts." + v.getKey(), "must be \"holds\" or \"violated\"");
                }
            }
            for (Map.Entry<String, String> e : c.specifications().entrySet()) {
                String field = at + ".specifications." + e.getKey();
                if (!c.verdicts().containsKey(e.getKey())) {
                    throw error(file, lines, field, "names no invariant or property of the configuration");
                }
                if (c.verdicts().get(e.getKey()) != Verdict.HOLDS) {
                    throw error(file, lines, field, "a specification with fewer fairness conditions is sound only"
                            + " for a property expected to hold (a violation under it need not be fair under the"
                            + " cfg's specification)");
                }
                if (e.getValue() == null || !e.getValue().matches("Fair\\w*")) {
                    throw error(file, lines, field, "must name a fair specification of the spec (Fair...), got "
                            + e.getValue());
                }
            }
            if (c.distinctStates() != null && c.distinctStates() < 1) {
                throw error(file, lines, at + ".distinct_states", "must be a positive count or null");
            }
            Shape s = c.shape();
            if (s.cpus() < 1 || s.vcpuCount().isEmpty() || s.vcpuCount().get(0) != s.cpus()) {
                throw error(file, lines, at + ".shape",
                        "needs cpus >= 1 and vcpu_count[0] (the primary) equal to cpus, got " + s.display());
            }
        }
    }

    private static InputError error(String file, Map<String, Integer> lines, String field, String what) {
        Integer line = lines.get(field);
        return new InputError(file + ": " + (line == null ? "" : "line " + line + ", ") + "field " + field + ": " + what);
    }

    private static String where(JsonLocation loc, String field) {
        StringBuilder b = new StringBuilder();
        if (loc != null && loc.getLineNr() > 0) {
            b.append("line ").append(loc.getLineNr()).append(", ");
        }
        if (!field.isEmpty()) {
            b.append("field ").append(field).append(": ");
        }
        return b.toString();
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid value";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The line of every field and array element, keyed by its path in the form used by messages. */
    private static Map<String, Integer> fieldLines(String text) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = new JsonFactory().createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                String pointer = p.getParsingContext().pathAsPointer().toString();
                lines.putIfAbsent(pointerToPath(pointer), p.currentTokenLocation().getLineNr());
            }
        } catch (IOException e) {
            // the text already parsed once; leave lines unknown
        }
        return lines;
    }

    private static String pointerToPath(String pointer) {
        StringBuilder b = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.chars().allMatch(Character::isDigit)) {
                b.append('[').append(part).append(']');
            } else {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(part.replace("~1", "/").replace("~0", "~"));
            }
        }
        return b.toString();
    }
}
