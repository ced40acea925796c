package org.hfmailbox.refinement.value;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A TLA+ value as TLC prints it, parsed into its structure ({@link TlcValueParser}) or read off a TLC value
 * ({@link org.hfmailbox.refinement.tlc.TlcValueBridge}). Equality is structural and independent of the order TLC
 * printed record fields, function entries and set elements in: TLC orders them by its per-JVM string intern order,
 * so two JVMs print the same state differently. A function whose domain is {@code 1..n} is a {@link Tuple} (the
 * value it equals in TLA+), an interval {@code a..b} is the {@link SetOf} its integers.
 */
public sealed interface TlaValue {

    /** The value in TLA+ syntax, on one line. */
    String render();

    /** A record {@code [a |-> 1, b |-> 2]} (fields in printed order; equality ignores the order). */
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

    /** A function printed as {@code (k1 :> v1 @@ k2 :> v2)} (entries in printed order; equality ignores it). */
    record Fun(Map<TlaValue, TlaValue> mapping) implements TlaValue {
        public Fun {
            mapping = Collections.unmodifiableMap(new LinkedHashMap<>(mapping));
        }

        /** The value at an integer argument (a VM id, a CPU), if the function has it. */
        public Optional<TlaValue> at(int key) {
            return Optional.ofNullable(mapping.get(Atom.of(key)));
        }

        @Override
        public String render() {
            return mapping.entrySet().stream().map(e -> e.getKey().render() + " :> " + e.getValue().render())
                    .collect(Collectors.joining(" @@ ", "(", ")"));
        }
    }

    /** A tuple or sequence {@code <<a, b>>} (a function with domain 1..n, including the empty function). */
    record Tuple(List<TlaValue> elements) implements TlaValue {
        public Tuple {
            elements = List.copyOf(elements);
        }

        @Override
        public String render() {
            return elements.stream().map(TlaValue::render).collect(Collectors.joining(", ", "<<", ">>"));
        }
    }

    /** A finite set {@code {a, b}} (elements in printed order; equality ignores it). */
    record SetOf(Set<TlaValue> elements) implements TlaValue {
        public SetOf {
            elements = Collections.unmodifiableSet(new LinkedHashSet<>(elements));
        }

        @Override
        public String render() {
            return elements.stream().map(TlaValue::render).collect(Collectors.joining(", ", "{", "}"));
        }
    }

    /**
     * A number, a string (with its quotes and escapes, as TLA+ writes it), TRUE or FALSE, or a model value, kept as
     * printed.
     */
    record Atom(String text) implements TlaValue {
        public static Atom of(int n) {
            return new Atom(Integer.toString(n));
        }

        /** The string atom holding {@code s} (quotes and backslashes escaped). */
        public static Atom string(String s) {
            return new Atom("\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }

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

        /** The number, if this is an integer. */
        public Optional<Integer> intValue() {
            return text.matches("-?\\d{1,10}") ? Optional.of(Integer.parseInt(text)) : Optional.empty();
        }

        /** The boolean, if this is TRUE or FALSE. */
        public Optional<Boolean> boolValue() {
            return text.equals("TRUE") ? Optional.of(true) : text.equals("FALSE") ? Optional.of(false)
                    : Optional.empty();
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
