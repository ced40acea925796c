package org.hfmailbox.cli.value;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** A TLA+ value as TLC prints it, parsed into its structure (records, functions, tuples, sets, atoms). */
public sealed interface TlaValue {

    /** The value in TLA+ syntax, on one line. */
    String render();

    /** A record {@code [a |-> 1, b |-> 2]}. */
    record Rec(Map<String, TlaValue> fields) implements TlaValue {
        public Rec {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        public Optional<TlaValue> get(String field) {
            return Optional.ofNullable(fields.get(field));
        }

        @Override
        public String render() {
            return fields.entrySet().stream().map(e -> e.getKey() + " |-> " + e.getValue().render())
                    .collect(Collectors.joining(", ", "[", "]"));
        }
    }

    /** A function printed as {@code (k1 :> v1 @@ k2 :> v2)}. */
    record Fun(Map<TlaValue, TlaValue> mapping) implements TlaValue {
        public Fun {
            mapping = Collections.unmodifiableMap(new LinkedHashMap<>(mapping));
        }

        @Override
        public String render() {
            return mapping.entrySet().stream().map(e -> e.getKey().render() + " :> " + e.getValue().render())
                    .collect(Collectors.joining(" @@ ", "(", ")"));
        }
    }

    /** A tuple or sequence {@code <<a, b>>} (a function with domain 1..n). */
    record Tuple(List<TlaValue> elements) implements TlaValue {
        public Tuple {
            elements = List.copyOf(elements);
        }

        @Override
        public String render() {
            return elements.stream().map(TlaValue::render).collect(Collectors.joining(", ", "<<", ">>"));
        }
    }

    /** A finite set {@code {a, b}}. */
    record SetOf(List<TlaValue> elements) implements TlaValue {
        public SetOf {
            elements = List.copyOf(elements);
        }

        @Override
        public String render() {
            return elements.stream().map(TlaValue::render).collect(Collectors.joining(", ", "{", "}"));
        }
    }

    /** A number, string (with its quotes), boolean, model value or interval, kept as printed. */
    record Atom(String text) implements TlaValue {
        @Override
        public String render() {
            return text;
        }

        /** The string's content without quotes, if this is a string. */
        public Optional<String> stringValue() {
            if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
                return Optional.of(text.substring(1, text.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\"));
            }
            return Optional.empty();
        }
    }

    /** The text of a string atom, or the rendering of anything else. */
    static String plain(TlaValue v) {
        if (v instanceof Atom a) {
            return a.stringValue().orElse(a.text());
        }
        return v.render();
    }
}
