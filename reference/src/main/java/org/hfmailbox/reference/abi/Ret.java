package org.hfmailbox.reference.abi;

/**
 * A return record of docs/vocabulary.md: the decoded fields of a 64-bit x0 value. Immutable. Within one call the
 * record kind is fixed, so records map one to one onto encodings; {@link #encoding()} gives the exact 64 bits.
 */
public sealed interface Ret permits Ret.Int, Ret.Run, Ret.Recv, Ret.ContextId, Ret.None {

    /** The JSON {@code kind}: "int", "run", "recv", "context_id" or "none". */
    String kind();

    /** True unless this is {@code none} (no value reaches the caller). */
    boolean hasEncoding();

    /** The exact 64-bit x0 value; 0 for {@code none}, which has no encoding. */
    long encoding();

    /** 16 lower-case hex digits with "0x", or null for {@code none}. */
    default String hex() {
        return hasEncoding() ? HfAbi.hex(encoding()) : null;
    }

    Ret NONE = new None();
    Ret ZERO = new Int(0);
    Ret MINUS_ONE = new Int(-1);
    /** int 1: interrupt_inject woke its target ("run it"). */
    Ret ONE = new Int(1);
    /** HF_VCPU_RUN_RESPONSE(WAIT_FOR_INTERRUPT, 0, 0) = 0x1: every vcpu_run failure and the WFI exit. */
    Ret RUN_WAIT_FOR_INTERRUPT = new Run(RunCode.WAIT_FOR_INTERRUPT, 0, 0);
    /** HF_VCPU_RUN_RESPONSE(YIELD, 0, 0) = 0x0: the yield exit and the placeholder of a successful run. */
    Ret RUN_YIELD = new Run(RunCode.YIELD, 0, 0);

    static Ret ofInt(long value) {
        if (value == 0) {
            return ZERO;
        }
        if (value == 1) {
            return ONE;
        }
        return value == -1 ? MINUS_ONE : new Int(value);
    }

    /** {@code [kind |-> "int", value |-> v]}: v sign-extended to 64 bits. */
    record Int(long value) implements Ret {
        public String kind() {
            return "int";
        }

        public boolean hasEncoding() {
            return true;
        }

        public long encoding() {
            return value;
        }
    }

    /** {@code [kind |-> "run", code, vm_id, data]}: HF_VCPU_RUN_RESPONSE. */
    record Run(RunCode code, int vmId, long data) implements Ret {
        public Run {
            new RunResponse(code, vmId, data); // validates the field ranges
        }

        public String kind() {
            return "run";
        }

        public boolean hasEncoding() {
            return true;
        }

        public long encoding() {
            return RunResponse.encode(code, vmId, data);
        }
    }

    /** {@code [kind |-> "recv", vm_id, size]}: HF_MAILBOX_RECEIVE_RESPONSE. */
    record Recv(int vmId, long size) implements Ret {
        public Recv {
            new ReceiveResponse(vmId, size); // validates the field ranges
        }

        public String kind() {
            return "recv";
        }

        public boolean hasEncoding() {
            return true;
        }

        public long encoding() {
            return ReceiveResponse.encode(vmId, size);
        }
    }

    /**
     * {@code [kind |-> "context_id"]}: the x3 of the PSCI CPU_ON that started the vCPU. The spec does not model
     * the value (like payload bytes); the reference keeps it so that the guest sees it and {@code hex} shows it.
     */
    record ContextId(long contextId) implements Ret {
        public String kind() {
            return "context_id";
        }

        public boolean hasEncoding() {
            return true;
        }

        public long encoding() {
            return contextId;
        }
    }

    /** {@code [kind |-> "none"]}: no value reaches the caller in this step. */
    record None() implements Ret {
        public String kind() {
            return "none";
        }

        public boolean hasEncoding() {
            return false;
        }

        public long encoding() {
            return 0;
        }
    }
}
