package org.hfmailbox.reference;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The set of enabled corrections. {@link #corrected()} enables all (the default everywhere), {@link #aa039b39()}
 * none; any other set is "custom". Immutable.
 */
public final class Semantics {
    private final Set<Correction> enabled;

    private Semantics(Set<Correction> enabled) {
        this.enabled = Collections.unmodifiableSet(enabled.isEmpty()
                ? EnumSet.noneOf(Correction.class) : EnumSet.copyOf(enabled));
    }

    public static Semantics corrected() {
        return new Semantics(EnumSet.allOf(Correction.class));
    }

    public static Semantics aa039b39() {
        return new Semantics(EnumSet.noneOf(Correction.class));
    }

    /**
     * A semantics from correction names (docs/corrections.md). Throws IllegalArgumentException naming an unknown
     * name, or when {@code wfi-wake-on-interrupt} is enabled without {@code block-on-mailbox} (it requires it).
     */
    public static Semantics of(Collection<String> names) {
        EnumSet<Correction> set = EnumSet.noneOf(Correction.class);
        for (String name : names) {
            Correction c = Correction.ofJsonName(name);
            if (c == null) {
                throw new IllegalArgumentException("unknown correction '" + name + "'; known: " + knownNames());
            }
            set.add(c);
        }
        return ofSet(set);
    }

    public static Semantics ofSet(Set<Correction> set) {
        if (set.contains(Correction.WFI_WAKE_ON_INTERRUPT) && !set.contains(Correction.BLOCK_ON_MAILBOX)) {
            throw new IllegalArgumentException("correction wfi-wake-on-interrupt requires block-on-mailbox");
        }
        return new Semantics(set);
    }

    /** "corrected", "aa039b39", or a correction set given by {@link #of}'s names separated by commas. */
    public static Semantics parse(String text) {
        String t = text.trim();
        if (t.equals("corrected")) {
            return corrected();
        }
        if (t.equals("aa039b39")) {
            return aa039b39();
        }
        List<String> names = new ArrayList<>();
        for (String part : t.split(",")) {
            if (!part.isBlank()) {
                names.add(part.trim());
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("semantics must be 'corrected', 'aa039b39' or correction names");
        }
        return of(names);
    }

    public static String knownNames() {
        List<String> names = new ArrayList<>();
        for (Correction c : Correction.values()) {
            names.add(c.jsonName());
        }
        return String.join(", ", names);
    }

    public boolean has(Correction c) {
        return enabled.contains(c);
    }

    public Set<Correction> enabled() {
        return enabled;
    }

    /** The enabled names in canonical order, as the trace header's {@code corrections}. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (Correction c : Correction.values()) {
            if (enabled.contains(c)) {
                names.add(c.jsonName());
            }
        }
        return List.copyOf(names);
    }

    /** "corrected", "aa039b39" or "custom". */
    public String name() {
        if (enabled.isEmpty()) {
            return "aa039b39";
        }
        return enabled.size() == Correction.values().length ? "corrected" : "custom";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Semantics s && s.enabled.equals(enabled);
    }

    @Override
    public int hashCode() {
        return enabled.hashCode();
    }

    @Override
    public String toString() {
        return name().equals("custom") ? String.join(",", names()) : name();
    }
}
