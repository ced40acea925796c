package org.hfmailbox.reference.trace;

/**
 * Where the hypervisor sends its trace. When {@link #enabled()} is false the hypervisor builds no event at all, so
 * tracing off costs one boolean test per step.
 */
public interface TraceSink {
    boolean enabled();

    void header(TraceHeader header);

    void event(TraceEvent event);

    /** The sink that records nothing. */
    TraceSink NONE = new TraceSink() {
        public boolean enabled() {
            return false;
        }

        public void header(TraceHeader header) {
        }

        public void event(TraceEvent event) {
        }
    };
}
