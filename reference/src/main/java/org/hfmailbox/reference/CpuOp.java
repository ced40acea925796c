package org.hfmailbox.reference;

import org.hfmailbox.reference.abi.Ret;

/** The value of {@code cpu_op[c]} (docs/vocabulary.md): where CPU c is in the hypervisor. Immutable. */
public sealed interface CpuOp permits CpuOp.Off, CpuOp.CpuEntry, CpuOp.Guest, CpuOp.MailboxSend,
        CpuOp.MailboxReceive, CpuOp.MailboxSendSwitch, CpuOp.VcpuSwitch {

    /** The JSON {@code op} name. */
    String op();

    CpuOp OFF = new Off();
    CpuOp CPU_ENTRY = new CpuEntry();
    CpuOp GUEST = new Guest();
    CpuOp MAILBOX_RECEIVE = new MailboxReceive();

    record Off() implements CpuOp {
        public String op() {
            return "off";
        }
    }

    record CpuEntry() implements CpuOp {
        public String op() {
            return "cpu_entry";
        }
    }

    record Guest() implements CpuOp {
        public String op() {
            return "guest";
        }
    }

    /** mailbox_send passed checks 1-4; next mailbox_send_deliver. */
    record MailboxSend(int to, int size) implements CpuOp {
        public String op() {
            return "mailbox_send";
        }
    }

    /** mailbox_receive pushed the caller; next mailbox_receive_wait. Holds the caller's vm.lock. */
    record MailboxReceive() implements CpuOp {
        public String op() {
            return "mailbox_receive";
        }
    }

    /** A secondary's send delivered; next the api_switch_to_primary region. */
    record MailboxSendSwitch(Ret primaryRet, Ret userRet) implements CpuOp {
        public String op() {
            return "mailbox_send_switch";
        }
    }

    /** A handler decided to switch to {@code next}; next the register save and context switch. */
    record VcpuSwitch(VcpuId next, Ret userRet) implements CpuOp {
        public String op() {
            return "vcpu_switch";
        }
    }
}
