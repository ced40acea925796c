package org.hfmailbox.review.mutation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hfmailbox.review.InputError;

/** Reads spec/mutants.json: {@code {"mutants": [{name, defect, find, replace, config, killed_by}, ...]}}. */
public final class MutantList {
    private static final List<String> FIELDS = List.of("name", "defect", "find", "replace", "config", "killed_by");

    private MutantList() {
    }

    /** The mutants in file order; a malformed file is an InputError naming the file, the mutant and the field. */
    public static List<Mutant> read(Path file, String displayName) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new InputError(displayName + ": not readable JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        JsonNode list = root == null ? null : root.get("mutants");
        if (list == null || !list.isArray()) {
            throw new InputError(displayName + ": field mutants: missing or not an array");
        }
        List<Mutant> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode m = list.get(i);
            String where = displayName + ": mutants[" + i + "]";
            List<String> v = new ArrayList<>();
            for (String f : FIELDS) {
                JsonNode n = m.get(f);
                if (n == null || !n.isTextual() || n.asText().isBlank()) {
                    throw new InputError(where + ": field " + f + ": missing, empty or not a string");
                }
                v.add(n.asText());
            }
            if (!names.add(v.get(0))) {
                throw new InputError(where + ": field name: " + v.get(0) + " is used twice");
            }
            out.add(new Mutant(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5)));
        }
        return out;
    }
}
