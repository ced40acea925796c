---------------------------- MODULE Mailbox ----------------------------
(* A toy stand-in for spec/Mailbox.tla, used only by the validator's own unit tests: the same constants,     *)
(* variables and conventions as docs/vocabulary.md, but only four actions, with simplified effects.          *)
EXTENDS Integers, Sequences, FiniteSets

CONSTANTS NumCPUs, SecondaryVCPUCount, Sizes, Corrections

VARIABLES vcpu_state, saved_x0, regs_available, recv_pending, mailbox_state, recv_from_id, recv_bytes,
          send_configured, recv_configured, recv_waiter, current, is_on, cpu_op, delivered, waiting_for,
          wants_send_to, step

vars == <<vcpu_state, saved_x0, regs_available, recv_pending, mailbox_state, recv_from_id, recv_bytes,
          send_configured, recv_configured, recv_waiter, current, is_on, cpu_op, delivered, waiting_for,
          wants_send_to, step>>
ghosts == <<delivered, waiting_for, wants_send_to>>

CPUs == 0 .. NumCPUs - 1
VMCount == Len(SecondaryVCPUCount) + 1
VMIds == 0 .. VMCount - 1
VCPUCount(k) == IF k = 0 THEN NumCPUs ELSE SecondaryVCPUCount[k]
None == [kind |-> "none"]
IntRet(v) == [kind |-> "int", value |-> v]
NoArgs == <<>>
VmIdArgs == 0 .. VMCount
VcpuIdxArgs == 0 .. 2
PageArgs == {"valid", "unaligned"}
CpuArgs == 0 .. NumCPUs
TargetArgs == 0 .. NumCPUs

Init ==
  /\ vcpu_state = [k \in VMIds |-> [i \in 0 .. VCPUCount(k) - 1 |-> IF i = 0 THEN "ready" ELSE "off"]]
  /\ saved_x0 = [k \in VMIds |-> [i \in 0 .. VCPUCount(k) - 1 |-> IntRet(0)]]
  /\ regs_available = [k \in VMIds |-> [i \in 0 .. VCPUCount(k) - 1 |-> TRUE]]
  /\ recv_pending = [k \in VMIds |-> [i \in 0 .. VCPUCount(k) - 1 |-> None]]
  /\ mailbox_state = [k \in VMIds |-> "empty"]
  /\ recv_from_id = [k \in VMIds |-> 0]
  /\ recv_bytes = [k \in VMIds |-> 0]
  /\ send_configured = [k \in VMIds |-> TRUE]
  /\ recv_configured = [k \in VMIds |-> TRUE]
  /\ recv_waiter = [k \in VMIds |-> <<>>]
  /\ current = [c \in CPUs |-> IF c = 0 THEN <<0, 0>> ELSE <<>>]
  /\ is_on = [c \in CPUs |-> c = 0]
  /\ cpu_op = [c \in CPUs |-> IF c = 0 THEN [op |-> "guest"] ELSE [op |-> "off"]]
  /\ delivered = [k \in VMIds |-> None]
  /\ waiting_for = [k \in VMIds |-> [i \in 0 .. VCPUCount(k) - 1 |-> "nothing"]]
  /\ wants_send_to = [k \in VMIds |-> -1]
  /\ step = [cpu |-> 0, actor |-> [cpu |-> 0], action |-> "init", args |-> NoArgs, ret |-> None]

Entry(c) == is_on[c] /\ cpu_op[c].op = "guest"
Actor(c) == [vm |-> current[c][1], vcpu |-> current[c][2]]

vm_get_count(c) ==
  /\ Entry(c)
  /\ step' = [cpu |-> c, actor |-> Actor(c), action |-> "vm_get_count", args |-> NoArgs, ret |-> IntRet(VMCount)]
  /\ UNCHANGED <<vcpu_state, saved_x0, regs_available, recv_pending, mailbox_state, recv_from_id, recv_bytes,
                 send_configured, recv_configured, recv_waiter, current, is_on, cpu_op, ghosts>>

hvc_unknown(c) ==
  /\ Entry(c)
  /\ step' = [cpu |-> c, actor |-> Actor(c), action |-> "hvc_unknown", args |-> NoArgs, ret |-> IntRet(-1)]
  /\ UNCHANGED <<vcpu_state, saved_x0, regs_available, recv_pending, mailbox_state, recv_from_id, recv_bytes,
                 send_configured, recv_configured, recv_waiter, current, is_on, cpu_op, ghosts>>

mailbox_clear(c) ==
  LET m == current[c][1] IN
  /\ Entry(c)
  /\ IF mailbox_state[m] = "read"
       THEN /\ mailbox_state' = [mailbox_state EXCEPT ![m] = "empty"]
            /\ step' = [cpu |-> c, actor |-> Actor(c), action |-> "mailbox_clear", args |-> NoArgs, ret |-> IntRet(0)]
       ELSE /\ UNCHANGED mailbox_state
            /\ step' = [cpu |-> c, actor |-> Actor(c), action |-> "mailbox_clear", args |-> NoArgs, ret |-> IntRet(-1)]
  /\ UNCHANGED <<vcpu_state, saved_x0, regs_available, recv_pending, recv_from_id, recv_bytes,
                 send_configured, recv_configured, recv_waiter, current, is_on, cpu_op, ghosts>>

\* toy: a send from the primary delivers at once (no continuation); to a secondary it is "received"
mailbox_send(c, vm_id, size) ==
  LET m == current[c][1] IN
  /\ Entry(c)
  /\ IF size > 4096 \/ vm_id = m \/ vm_id >= VMCount \/ mailbox_state[vm_id] # "empty"
       THEN /\ UNCHANGED <<mailbox_state, recv_from_id, recv_bytes>>
            /\ step' = [cpu |-> c, actor |-> Actor(c), action |-> "mailbox_send",
                        args |-> [vm_id |-> vm_id, size |-> size], ret |-> IntRet(-1)]
       ELSE /\ mailbox_state' = [mailbox_state EXCEPT ![vm_id] = IF vm_id = 0 THEN "read" ELSE "received"]
            /\ recv_from_id' = [recv_from_id EXCEPT ![vm_id] = m]
            /\ recv_bytes' = [recv_bytes EXCEPT ![vm_id] = size]
            /\ step' = [cpu |-> c, actor |-> Actor(c), action |-> "mailbox_send",
                        args |-> [vm_id |-> vm_id, size |-> size], ret |-> IntRet(IF "message-reports-sender" \in Corrections THEN 0 ELSE 65535)]
  /\ UNCHANGED <<vcpu_state, saved_x0, regs_available, recv_pending,
                 send_configured, recv_configured, recv_waiter, current, is_on, cpu_op, ghosts>>

\* actions the toy does not model
vcpu_get_count(c, vm_id) == FALSE
vcpu_run(c, vm_id, vcpu_idx) == FALSE
vm_configure(c, pages) == FALSE
mailbox_send_deliver(c) == FALSE
mailbox_send_switch(c) == FALSE
mailbox_receive(c, block) == FALSE
mailbox_receive_wait(c) == FALSE
wfi_trap(c) == FALSE
api_yield(c) == FALSE
psci_version(c) == FALSE
psci_migrate_info_type(c) == FALSE
psci_affinity_info(c, target_cpu, level) == FALSE
psci_cpu_on(c, target) == FALSE
psci_cpu_off(c) == FALSE
interrupt_inject(c, vm_id, vcpu_idx) == FALSE
cpu_main(c) == FALSE
vcpu_switch(c) == FALSE

Next ==
  \E c \in CPUs :
    \/ vm_get_count(c)
    \/ hvc_unknown(c)
    \/ mailbox_clear(c)
    \/ \E k \in 0 .. VMCount, n \in Sizes : mailbox_send(c, k, n)

Spec == Init /\ [][Next]_vars
=============================================================================
