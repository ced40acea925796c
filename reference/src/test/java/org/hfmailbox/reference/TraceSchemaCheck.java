package org.hfmailbox.reference;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/** Validates trace lines against reference/src/main/resources/.../trace.schema.json (test helper). */
public final class TraceSchemaCheck {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchema SCHEMA = load();

    private TraceSchemaCheck() {
    }

    private static JsonSchema load() {
        try (InputStream in = TraceSchemaCheck.class.getResourceAsStream("/org/hfmailbox/reference/trace.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema's complaints about one line (empty when valid). */
    public static Set<ValidationMessage> problems(String line) {
        try {
            return SCHEMA.validate(MAPPER.readTree(line));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Set<ValidationMessage> problems(JsonNode node) {
        return SCHEMA.validate(node);
    }

    /** Fails the test on the first line the schema rejects. */
    public static void assertValid(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            Set<ValidationMessage> p = problems(lines.get(i));
            if (!p.isEmpty()) {
                fail("trace line " + (i + 1) + " violates the schema: " + p + "\n" + lines.get(i));
            }
        }
    }
}
