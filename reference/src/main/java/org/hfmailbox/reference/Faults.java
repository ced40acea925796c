package org.hfmailbox.reference;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Test-only fault injection: a set of {@link Fault}s and of corrections switched off in behaviour (CORRECTION_OFF)
 * while the trace header still claims them. Default {@link #none()}. Immutable.
 */
public final class Faults {
    private static final Faults NONE = new Faults(EnumSet.noneOf(Fault.class), EnumSet.noneOf(Correction.class));

    private final Set<Fault> faults;
    private final Set<Correction> correctionsOff;

    private Faults(Set<Fault> faults, Set<Correction> correctionsOff) {
        this.faults = Collections.unmodifiableSet(faults.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(faults));
        this.correctionsOff = Collections.unmodifiableSet(correctionsOff.isEmpty()
                ? EnumSet.noneOf(Correction.class) : EnumSet.copyOf(correctionsOff));
    }

    public static Faults none() {
        return NONE;
    }

    public static Faults of(Fault... faults) {
        EnumSet<Fault> set = EnumSet.noneOf(Fault.class);
        set.addAll(java.util.Arrays.asList(faults));
        return new Faults(set, EnumSet.noneOf(Correction.class));
    }

    /** CORRECTION_OFF(name): the correction behaves as disabled although the header claims it. */
    public static Faults correctionOff(Correction correction) {
        return new Faults(EnumSet.noneOf(Fault.class), EnumSet.of(correction));
    }

    public Faults plus(Fault fault) {
        EnumSet<Fault> set = faults.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(faults);
        set.add(fault);
        return new Faults(set, correctionsOff);
    }

    public Faults plusCorrectionOff(Correction correction) {
        EnumSet<Correction> set = correctionsOff.isEmpty() ? EnumSet.noneOf(Correction.class)
                : EnumSet.copyOf(correctionsOff);
        set.add(correction);
        return new Faults(faults, set);
    }

    public boolean has(Fault fault) {
        return faults.contains(fault);
    }

    public boolean isCorrectionOff(Correction correction) {
        return correctionsOff.contains(correction);
    }

    public boolean isNone() {
        return faults.isEmpty() && correctionsOff.isEmpty();
    }

    @Override
    public String toString() {
        return "faults " + faults + " corrections off " + correctionsOff;
    }
}
