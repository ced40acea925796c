package org.hfmailbox.reference.trace;

import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.SystemShape;

/** The trace's first line: format, version, semantics, corrections, shape and the initial state. Immutable. */
public record TraceHeader(Semantics semantics, SystemShape shape, StateSnapshot init) {
    public static final String FORMAT = "hafnium-mailbox-trace";
    public static final int VERSION = 1;
}
