package org.hfmailbox.reference.scenario;

import java.util.List;

/**
 * One step line: {@code CPU: CALL ARGS... [-> EXPECTATIONS...]}. {@code regs} holds the registers of a hypercall
 * (x0..x3); {@code payload} the bytes written into the sender's send page before a send (null otherwise, and for
 * {@code echo}); {@code echo} whether the send writes back the bytes last delivered to the caller; {@code mapFailure}
 * the forced failure of a configure ("send"/"recv", or null); {@code text} the line as read (after repeat
 * expansion); {@code where} the repeat indices it was expanded under ({@code i=3}), empty outside repeats.
 * Immutable.
 */
public record ScenarioStep(int line, int cpu, String call, long[] regs, byte[] payload, boolean echo,
                           String mapFailure, List<Expectation> expectations, String text, String where) {
    public ScenarioStep {
        regs = regs == null ? null : regs.clone();
        payload = payload == null ? null : payload.clone();
        expectations = List.copyOf(expectations);
    }

    @Override
    public long[] regs() {
        return regs == null ? null : regs.clone();
    }

    @Override
    public byte[] payload() {
        return payload == null ? null : payload.clone();
    }

    /** {@code FILE:LINE} for messages, with the repeat indices when the line was expanded from a repeat block. */
    public String location(String file) {
        return file + ":" + line + (where.isEmpty() ? "" : " (" + where + ")");
    }

    public boolean isHypercall() {
        return regs != null;
    }
}
