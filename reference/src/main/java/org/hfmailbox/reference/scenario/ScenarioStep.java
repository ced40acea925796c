package org.hfmailbox.reference.scenario;

import java.util.List;

/**
 * One step line: {@code CPU: CALL ARGS... [-> EXPECTATIONS...]}. {@code regs} holds the registers of a hypercall
 * (x0..x3); {@code payload} the bytes written into the sender's send page before a send (null otherwise);
 * {@code mapFailure} the forced failure of a configure ("send"/"recv", or null). Immutable.
 */
public record ScenarioStep(int line, int cpu, String call, long[] regs, byte[] payload, String mapFailure,
                           List<Expectation> expectations, String text) {
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

    public boolean isHypercall() {
        return regs != null;
    }
}
