---------------------------- MODULE TraceMailbox ----------------------------
(***************************************************************************)
(* Trace validation of one reference (or harness) trace against Mailbox,  *)
(* in the public trace-validation pattern: a cursor l over the trace; each *)
(* event's changed variables (and its step record) bind the primed         *)
(* variables, every other variable keeps its value, and Next restricted to *)
(* the action the event names, with the event's CPU and arguments, must    *)
(* hold.  The trace is accepted when TLC reaches l = Len(TraceLog) + 1,    *)
(* which violates the invariant TraceUnfinished; a trace TLC cannot follow *)
(* stops in a state with no successor (deadlock) whose l is the event that *)
(* was rejected.  See docs/refinement.md.                                  *)
(*                                                                         *)
(* The trace comes from Java through an operator override (the TLC jar    *)
(* has no Json module): tlc2.overrides.TLCOverrides in refinement-tests    *)
(* reads the NDJSON file named by the system property hfmailbox.trace and  *)
(* supplies TraceHeader and TraceLog below; their bodies here are dummies. *)
(* This is the one-TLC-process-per-trace path; the fast path validates in  *)
(* process (org.hfmailbox.refinement.validate.TraceValidator).             *)
(***************************************************************************)
EXTENDS Mailbox, TLC

\* [cpus |-> n, secondaries |-> <<vCPU counts of VM 1..>>, corrections |-> {...},
\*  init |-> ("vcpu_state" :> value @@ ...)]  (overridden)
TraceHeader == [cpus |-> 1, secondaries |-> <<>>, corrections |-> {}, init |-> <<>>]

\* <<[cpu, actor, action, args, ret, changes, call, call_args], ...>> where changes
\* is a function from the changed variables' names to their new values, action and
\* args are what the event claims (they go into step'), and call/call_args are the
\* action and arguments its registers make (CallAbstraction; equal to action/args
\* in a correct trace), the action that must hold (overridden)
TraceLog == <<>>

TraceNumCPUs == TraceHeader.cpus
TraceSecondaryVCPUCount == TraceHeader.secondaries
TraceSizes == 0..4097
TraceCorrections == TraceHeader.corrections

VARIABLE l

TraceVars == <<vars, l>>

TraceInit ==
    /\ Init
    /\ LET h == TraceHeader.init IN
       /\ vcpu_state = h["vcpu_state"]
       /\ saved_x0 = h["saved_x0"]
       /\ regs_available = h["regs_available"]
       /\ recv_pending = h["recv_pending"]
       /\ mailbox_state = h["mailbox_state"]
       /\ recv_from_id = h["recv_from_id"]
       /\ recv_bytes = h["recv_bytes"]
       /\ send_configured = h["send_configured"]
       /\ recv_configured = h["recv_configured"]
       /\ recv_waiter = h["recv_waiter"]
       /\ current = h["current"]
       /\ is_on = h["is_on"]
       /\ cpu_op = h["cpu_op"]
       /\ delivered = h["delivered"]
       /\ waiting_for = h["waiting_for"]
       /\ wants_send_to = h["wants_send_to"]
    /\ l = 1

Ev == TraceLog[l]

\* The value the event claims for a variable after the step.
Post(name, old) == IF name \in DOMAIN Ev.changes THEN Ev.changes[name] ELSE old

BindPost ==
    /\ vcpu_state' = Post("vcpu_state", vcpu_state)
    /\ saved_x0' = Post("saved_x0", saved_x0)
    /\ regs_available' = Post("regs_available", regs_available)
    /\ recv_pending' = Post("recv_pending", recv_pending)
    /\ mailbox_state' = Post("mailbox_state", mailbox_state)
    /\ recv_from_id' = Post("recv_from_id", recv_from_id)
    /\ recv_bytes' = Post("recv_bytes", recv_bytes)
    /\ send_configured' = Post("send_configured", send_configured)
    /\ recv_configured' = Post("recv_configured", recv_configured)
    /\ recv_waiter' = Post("recv_waiter", recv_waiter)
    /\ current' = Post("current", current)
    /\ is_on' = Post("is_on", is_on)
    /\ cpu_op' = Post("cpu_op", cpu_op)
    /\ delivered' = Post("delivered", delivered)
    /\ waiting_for' = Post("waiting_for", waiting_for)
    /\ wants_send_to' = Post("wants_send_to", wants_send_to)
    /\ step' = [cpu |-> Ev.cpu, actor |-> Ev.actor, action |-> Ev.action,
                args |-> Ev.args, ret |-> Ev.ret]

\* Next restricted to the named action: the CPU and the arguments range over
\* the sets Next quantifies over, and the action with them must hold.
NamedAction ==
    LET c == Ev.cpu
        a == Ev.call_args
        name == Ev.call
    IN
    /\ c \in CPUs
    /\ CASE name = "vm_get_count" -> vm_get_count(c)
         [] name = "vcpu_get_count" -> a.vm_id \in VmIdArgs /\ vcpu_get_count(c, a.vm_id)
         [] name = "vcpu_run" ->
                a.vm_id \in VmIdArgs /\ a.vcpu_idx \in VcpuIdxArgs /\ vcpu_run(c, a.vm_id, a.vcpu_idx)
         [] name = "vm_configure" -> a.pages \in PageArgs /\ vm_configure(c, a.pages)
         [] name = "mailbox_send" ->
                a.vm_id \in VmIdArgs /\ a.size \in Sizes /\ mailbox_send(c, a.vm_id, a.size)
         [] name = "mailbox_send_deliver" -> mailbox_send_deliver(c)
         [] name = "mailbox_send_switch" -> mailbox_send_switch(c)
         [] name = "mailbox_receive" -> a.block \in BOOLEAN /\ mailbox_receive(c, a.block)
         [] name = "mailbox_receive_wait" -> mailbox_receive_wait(c)
         [] name = "mailbox_clear" -> mailbox_clear(c)
         [] name = "wfi_trap" -> wfi_trap(c)
         [] name = "api_yield" -> api_yield(c)
         [] name = "hvc_unknown" -> hvc_unknown(c)
         [] name = "interrupt_inject" ->
                a.vm_id \in VmIdArgs /\ a.vcpu_idx \in VcpuIdxArgs
                /\ interrupt_inject(c, a.vm_id, a.vcpu_idx)
         [] name = "psci_version" -> psci_version(c)
         [] name = "psci_migrate_info_type" -> psci_migrate_info_type(c)
         [] name = "psci_affinity_info" ->
                a.target_cpu \in CpuArgs /\ a.level \in 0..1
                /\ psci_affinity_info(c, a.target_cpu, a.level)
         [] name = "psci_cpu_on" -> a.target \in TargetArgs /\ psci_cpu_on(c, a.target)
         [] name = "psci_cpu_off" -> psci_cpu_off(c)
         [] name = "cpu_main" -> cpu_main(c)
         [] name = "vcpu_switch" -> vcpu_switch(c)
         [] OTHER -> FALSE

TraceNext ==
    /\ l <= Len(TraceLog)
    /\ BindPost
    /\ NamedAction
    /\ l' = l + 1

TraceSpec == TraceInit /\ [][TraceNext]_TraceVars

\* Violated exactly when every event was accepted: the verdict "accepted".
TraceUnfinished == l <= Len(TraceLog)
=============================================================================
