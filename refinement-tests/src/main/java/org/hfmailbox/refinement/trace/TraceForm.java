package org.hfmailbox.refinement.trace;

/**
 * The two forms of a trace (docs/trace-format.md): {@link #FULL}, whose header carries the initial state and whose
 * events carry every changed variable (the spec's ghosts included), and {@link #OBSERVABLE}, whose events carry only
 * what the code at its level observes (CPU, actor, the handler it ran, the registers, the x0 handed to the guest, the
 * vCPU now running, the message copied) and no spec variable at all.
 */
public enum TraceForm {
    FULL("full"),
    OBSERVABLE("observable");

    private final String jsonName;

    TraceForm(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The header's {@code form} value. */
    public String jsonName() {
        return jsonName;
    }

    /** The form named by a header's {@code form} value, or null for an unknown name. */
    public static TraceForm ofJson(String name) {
        for (TraceForm f : values()) {
            if (f.jsonName.equals(name)) {
                return f;
            }
        }
        return null;
    }
}
