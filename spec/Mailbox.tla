------------------------------- MODULE Mailbox -------------------------------
(***************************************************************************)
(* Hafnium's vCPU and mailbox behaviour at commit aa039b39 ("Allow         *)
(* messages to be sent between all VMs"), and the corrected design.        *)
(*                                                                         *)
(* Ground truth: shared/docs/hafnium-aa039b39.md (cited as "§1.5.5",      *)
(* rows as "S5").  Names: docs/vocabulary.md.  Corrections:                *)
(* docs/corrections.md.  What is modelled and abstracted: docs/spec.md.    *)
(*                                                                         *)
(* One action is one atomic step of one physical CPU: a lock region of a   *)
(* Hafnium handler, the register save and context switch of the assembly,  *)
(* or the entry of a CPU started by PSCI CPU_ON.  A handler that spans     *)
(* several lock regions leaves its continuation in cpu_op[c].              *)
(***************************************************************************)
EXTENDS Integers, Sequences, FiniteSets

CONSTANTS
    NumCPUs,            \* physical CPUs 0..NumCPUs-1 (and Hafnium's MAX_CPUS)
    SecondaryVCPUCount, \* tuple: VM k (k = 1..Len) has SecondaryVCPUCount[k] vCPUs
    Sizes,              \* the message sizes callers may pass (a subset of 0..4097)
    Corrections         \* the enabled corrections; {} is the aa039b39 semantics

AllCorrections ==
    {"save-before-publish", "retval-before-publish", "message-reports-sender",
     "block-on-mailbox", "wfi-wake-on-interrupt", "secondary-vcpu-on", "fifo-waiters",
     "block-only-when-deliverable"}

Fixed(name) == name \in Corrections

ASSUME NumCPUs \in Nat \ {0}
ASSUME SecondaryVCPUCount \in Seq(Nat \ {0})
ASSUME Sizes \subseteq 0..4097
ASSUME Corrections \subseteq AllCorrections
ASSUME Fixed("wfi-wake-on-interrupt") => Fixed("block-on-mailbox")

-----------------------------------------------------------------------------
(* System shape and ABI constants (§1.1, §1.6).                            *)

PRIMARY == 0
HF_MAILBOX_SIZE == 4096
HF_INVALID_VCPU == 65535
NoTarget == -1                              \* wants_send_to: no unserved wish

CPUs == 0..NumCPUs-1
NumSecondaries == Len(SecondaryVCPUCount)
vm_count == NumSecondaries + 1              \* counts the primary (§1.5.1)
VMIds == 0..NumSecondaries
Secondaries == 1..NumSecondaries
\* The modelled build has MAX_CPUS = NumCPUs: the primary has one vCPU per CPU.
VcpuCount(k) == IF k = PRIMARY THEN NumCPUs ELSE SecondaryVCPUCount[k]
\* A VM's vCPU indices, looked up in a constant function: TLC evaluates a
\* constant definition once, and VcpuIdx is read on every state (TypeOK).
VcpuIdxOf == [k \in VMIds |-> 0..VcpuCount(k)-1]
VcpuIdx(k) == VcpuIdxOf[k]
VCPUs == UNION {{<<k, i>> : i \in VcpuIdx(k)} : k \in VMIds}
SecondaryVCPUs == {v \in VCPUs : v[1] # PRIMARY}
MaxVCPUs == CHOOSE n \in {VcpuCount(k) : k \in VMIds} :
                \A k \in VMIds : VcpuCount(k) <= n
Primary(c) == <<PRIMARY, c>>                \* Pc belongs to physical CPU c (§1.3)
NoVcpu == <<>>

\* Abstract argument domains (docs/vocabulary.md gives the rule from registers).
VmIdArgs == 0..vm_count                     \* vm_count stands for every unknown id
VcpuIdxArgs == 0..MaxVCPUs
PageArgs == {"valid", "unaligned", "unmapped", "same_page",
             "send_map_fails", "recv_map_fails"}
CpuArgs == 0..NumCPUs                       \* NumCPUs stands for every unknown MPIDR
TargetArgs == 0..(IF NumCPUs > MaxVCPUs THEN NumCPUs ELSE MaxVCPUs)

VcpuStates == {"off", "ready", "running", "blocked_mailbox", "blocked_interrupt"}
MailboxStates == {"empty", "received", "read"}
RunCodes == {"YIELD", "WAIT_FOR_INTERRUPT", "WAKE_UP", "MESSAGE"}

\* Return records: decoded fields of the exact 64-bit values (§1.6).
IntRet(v) == [kind |-> "int", value |-> v]
RunResponse(code, vm, data) ==
    [kind |-> "run", code |-> code, vm_id |-> vm, data |-> data]
RecvResponse(vm, size) == [kind |-> "recv", vm_id |-> vm, size |-> size]
ContextId == [kind |-> "context_id"]
None == [kind |-> "none"]
ERROR == IntRet(-1)
WAIT == RunResponse("WAIT_FOR_INTERRUPT", 0, 0)   \* 0x1
YIELD == RunResponse("YIELD", 0, 0)                \* 0x0, also the placeholder

\* Two return records encode the same 64-bit value.  Records of one kind
\* encode one to one; across kinds the only values that meet in a compared
\* position are the zeros.
IsZero(r) == r \in {IntRet(0), RecvResponse(0, 0), YIELD}
SameValue(a, b) == a = b \/ (IsZero(a) /\ IsZero(b))

PsciSuccess == IntRet(0)
PsciNotSupported == IntRet(-1)
PsciInvalidParameters == IntRet(-2)
PsciAlreadyOn == IntRet(-4)

-----------------------------------------------------------------------------
VARIABLES
    vcpu_state,      \* [vm][vcpu] -> VcpuStates                       vcpu.state
    saved_x0,        \* [vm][vcpu] -> return record                    vcpu.regs.r[0]
    regs_available,  \* [vm][vcpu] -> BOOLEAN   ghost: registers saved in memory
    recv_pending,    \* [vm][vcpu] -> None or RecvResponse   ghost: what a pop owes
    mailbox_state,   \* [vm] -> MailboxStates                          mailbox.state
    recv_from_id,    \* [vm] -> VM id                                  mailbox.recv_from_id
    recv_bytes,      \* [vm] -> 0..4096                                mailbox.recv_bytes
    send_configured, \* [vm] -> BOOLEAN                                mailbox.send != NULL
    recv_configured, \* [vm] -> BOOLEAN                                mailbox.recv != NULL
    recv_waiter,     \* [vm] -> Seq(vcpu index), head first            mailbox.recv_waiter
    current,         \* [cpu] -> <<vm, vcpu>> or <<>>                  cpu.current
    is_on,           \* [cpu] -> BOOLEAN                               cpu.is_on
    cpu_op,          \* [cpu] -> record: the handler continuation CPU c runs next
    \* Ghosts of what the guests asked for and were handed (docs/spec.md,
    \* "Guests' requests"); no action reads them to decide anything.
    delivered,       \* [vm] -> None or RecvResponse  ghost: what VM k was told of its message
    waiting_for,     \* [vm][vcpu] -> {"nothing", "message", "interrupt"}  ghost: the guest's wait
    wants_send_to,   \* [vm] -> VM id or NoTarget     ghost: an unserved wish to send
    step             \* ghost: the step just taken (the trace event); not in View

hyp_vars == <<vcpu_state, saved_x0, regs_available, recv_pending, mailbox_state,
              recv_from_id, recv_bytes, send_configured, recv_configured,
              recv_waiter, current, is_on, cpu_op>>
guest_vars == <<delivered, waiting_for, wants_send_to>>
state_vars == <<hyp_vars, guest_vars>>
vars == <<state_vars, step>>

-----------------------------------------------------------------------------
(* Helpers.                                                                *)

State(v) == vcpu_state[v[1]][v[2]]
Set(f, v, x) == [f EXCEPT ![v[1]][v[2]] = x]
SetVm(f, k, x) == [f EXCEPT ![k] = x]

Guest == [op |-> "guest"]
Running(c) == is_on[c] /\ cpu_op[c] = Guest     \* current[c] executes at EL1
Caller(c) == current[c]
CallerVm(c) == current[c][1]
IsPrimaryCaller(c) == CallerVm(c) = PRIMARY
Actor(c) == [vm |-> current[c][1], vcpu |-> current[c][2]]

\* vm.lock of VM m is held across steps only by a blocking receive between its
\* two vCPU-lock regions (§1.5.6); every other lock is held within one step.
VmLocked(m) ==
    \E d \in CPUs : cpu_op[d].op = "mailbox_receive" /\ current[d][1] = m

OnWaiterStack(v) ==
    \E j \in 1..Len(recv_waiter[v[1]]) : recv_waiter[v[1]][j] = v[2]

\* The step record: what the trace event of this step says.
Step(c, actor, name, args, ret) ==
    step' = [cpu |-> c, actor |-> actor, action |-> name, args |-> args, ret |-> ret]

\* A hypercall that returns to its caller without changing any state.
Return(c, name, args, ret) ==
    /\ Step(c, Actor(c), name, args, ret)
    /\ UNCHANGED state_vars

\* api_switch_to_primary (§1.3) run by the caller v on CPU c: Pc's saved x0
\* becomes primary_ret and v's state becomes secondary_state, under v.lock.
\* Fast-path callers (hypercalls) hand user_ret to the assembly, which writes it
\* into v's saved x0 at the register save (vcpu_switch); with
\* retval-before-publish it is written here, inside the lock region.
\* Slow-path callers (WFI trap, IRQ) saved the guest's own registers on entry:
\* v's saved x0 is then the guest's own x0 (None: no hypervisor value).
SwitchToPrimary(c, name, primary_ret, secondary_state, user_ret, slow_path) ==
    LET v == Caller(c)
        x0 == Set(saved_x0, Primary(c), primary_ret)
    IN
    /\ vcpu_state' = Set(vcpu_state, v, secondary_state)
    /\ saved_x0' = IF slow_path THEN Set(x0, v, None)
                   ELSE IF Fixed("retval-before-publish") THEN Set(x0, v, user_ret)
                   ELSE x0
    /\ cpu_op' = [cpu_op EXCEPT ![c] =
                    [op |-> "vcpu_switch", next |-> Primary(c),
                     user_ret |-> IF slow_path THEN None ELSE user_ret]]
    /\ Step(c, Actor(c), name, <<>>, None)
    /\ UNCHANGED <<regs_available, recv_pending, mailbox_state, recv_from_id,
                   recv_bytes, send_configured, recv_configured, recv_waiter,
                   current, is_on, delivered, wants_send_to>>

-----------------------------------------------------------------------------
(* Hypercalls (§1.4 dispatch, §1.5).                                       *)

\* R1: counts the primary.
vm_get_count(c) ==
    /\ Running(c)
    /\ Return(c, "vm_get_count", <<>>, IntRet(vm_count))

\* R2-R4.
vcpu_get_count(c, vm_id) ==
    /\ Running(c)
    /\ Return(c, "vcpu_get_count", [vm_id |-> vm_id],
              IF ~IsPrimaryCaller(c) \/ vm_id >= vm_count THEN ERROR
              ELSE IntRet(VcpuCount(vm_id)))

\* Whether vcpu_run may resume the target t.  A vCPU in WFI is not: only an
\* interrupt wakes it (interrupt_inject, wfi-wake-on-interrupt).
Runnable(t) == State(t) = "ready"

\* R5-R8, under the target's vcpu.lock.  On success the caller's x0 gets the
\* placeholder 0, overwritten by the exit that returns to Pc (§1.5.3).
vcpu_run(c, vm_id, vcpu_idx) ==
    LET args == [vm_id |-> vm_id, vcpu_idx |-> vcpu_idx]
        t == <<vm_id, vcpu_idx>>
    IN
    /\ Running(c)
    /\ IF \/ ~IsPrimaryCaller(c)                       \* R5
          \/ vm_id = PRIMARY \/ vm_id >= vm_count      \* R6
          \/ vcpu_idx >= VcpuCount(vm_id)
       THEN Return(c, "vcpu_run", args, WAIT)
       ELSE IF ~Runnable(t)                            \* R7
       THEN Return(c, "vcpu_run", args, WAIT)
       ELSE                                            \* R8
            \* save-before-publish: spin until the target's save completed.
            /\ Fixed("save-before-publish") => regs_available[vm_id][vcpu_idx]
            /\ vcpu_state' = Set(vcpu_state, t, "running")
            /\ saved_x0' = IF Fixed("retval-before-publish")
                           THEN Set(saved_x0, Primary(c), YIELD) ELSE saved_x0
            /\ cpu_op' = [cpu_op EXCEPT ![c] =
                            [op |-> "vcpu_switch", next |-> t, user_ret |-> YIELD]]
            /\ Step(c, Actor(c), "vcpu_run", args, None)
            /\ UNCHANGED <<regs_available, recv_pending, mailbox_state, recv_from_id,
                           recv_bytes, send_configured, recv_configured,
                           recv_waiter, current, is_on, guest_vars>>

\* C1-C4.  The alignment check takes no lock; the rest runs under the caller's
\* vm.lock.  The hypervisor's own page table has no lock (§1.5.4): a racing
\* configure on another CPU can only make a mapping fail, which the pages
\* argument "send_map_fails"/"recv_map_fails" stands for.
vm_configure(c, pages) ==
    LET m == CallerVm(c)
        args == [pages |-> pages]
    IN
    /\ Running(c)
    /\ IF pages = "unaligned" THEN Return(c, "vm_configure", args, ERROR)   \* C1
       ELSE
       /\ ~VmLocked(m)
       /\ IF send_configured[m] \/ recv_configured[m] \/ pages # "valid"
          THEN Return(c, "vm_configure", args, ERROR)                        \* C2, C3
          ELSE                                                               \* C4
               /\ send_configured' = SetVm(send_configured, m, TRUE)
               /\ recv_configured' = SetVm(recv_configured, m, TRUE)
               /\ Step(c, Actor(c), "vm_configure", args, IntRet(0))
               /\ UNCHANGED <<vcpu_state, saved_x0, regs_available, recv_pending,
                              mailbox_state, recv_from_id, recv_bytes, recv_waiter,
                              current, is_on, cpu_op, guest_vars>>

\* mailbox_send, first part (S1): the argument checks (no lock), then the
\* sender's send page under the sender's vm.lock, released again.
mailbox_send(c, vm_id, size) ==
    LET f == CallerVm(c)
        args == [vm_id |-> vm_id, size |-> size]
    IN
    /\ Running(c)
    /\ IF size > HF_MAILBOX_SIZE \/ vm_id = f \/ vm_id >= vm_count
       THEN Return(c, "mailbox_send", args, ERROR)
       ELSE
       /\ ~VmLocked(f)
       /\ IF ~send_configured[f]
          THEN Return(c, "mailbox_send", args, ERROR)
          ELSE /\ cpu_op' = [cpu_op EXCEPT ![c] =
                               [op |-> "mailbox_send", to |-> vm_id, size |-> size]]
               /\ Step(c, Actor(c), "mailbox_send", args, None)
               /\ UNCHANGED <<vcpu_state, saved_x0, regs_available, recv_pending,
                              mailbox_state, recv_from_id, recv_bytes,
                              send_configured, recv_configured, recv_waiter,
                              current, is_on, guest_vars>>

\* mailbox_send, second part (S2-S7): under the recipient's vm.lock, with the
\* popped waiter's vcpu.lock nested.  The waiter stack is LIFO at aa039b39;
\* fifo-waiters wakes the longest waiter instead.
mailbox_send_deliver(c) ==
    LET f == CallerVm(c)
        to == cpu_op[c].to
        size == cpu_op[c].size
        waiters == recv_waiter[to]
        has_waiter == waiters # <<>>
        w_idx == IF Fixed("fifo-waiters") THEN waiters[Len(waiters)] ELSE Head(waiters)
        rest == IF Fixed("fifo-waiters") THEN SubSeq(waiters, 1, Len(waiters) - 1)
                ELSE Tail(waiters)
        w == <<to, w_idx>>
        response == RecvResponse(f, size)
        vcpu_report == IF has_waiter THEN w_idx ELSE HF_INVALID_VCPU
        primary_ret ==
            IF to = PRIMARY
            THEN RunResponse("MESSAGE", IF Fixed("message-reports-sender") THEN f ELSE 0, size)
            ELSE RunResponse("WAKE_UP", to, vcpu_report)
    IN
    /\ is_on[c]
    /\ cpu_op[c].op = "mailbox_send"
    /\ ~VmLocked(to)
    /\ IF mailbox_state[to] # "empty" \/ ~recv_configured[to]              \* S2
       THEN /\ cpu_op' = [cpu_op EXCEPT ![c] = Guest]
            /\ Step(c, Actor(c), "mailbox_send_deliver", <<>>, ERROR)
            \* the guest's wish to send to `to` is raised (sticky)
            /\ wants_send_to' = IF wants_send_to[f] = NoTarget
                                THEN SetVm(wants_send_to, f, to) ELSE wants_send_to
            /\ UNCHANGED <<vcpu_state, saved_x0, regs_available, recv_pending,
                           mailbox_state, recv_from_id, recv_bytes,
                           send_configured, recv_configured, recv_waiter,
                           current, is_on, delivered, waiting_for>>
       ELSE
       /\ recv_from_id' = SetVm(recv_from_id, to, f)
       /\ recv_bytes' = SetVm(recv_bytes, to, size)
       /\ wants_send_to' = IF wants_send_to[f] = to
                           THEN SetVm(wants_send_to, f, NoTarget) ELSE wants_send_to
       /\ IF to # PRIMARY /\ has_waiter                                      \* S5, S7
          THEN /\ mailbox_state' = SetVm(mailbox_state, to, "read")
               /\ recv_waiter' = SetVm(recv_waiter, to, rest)
               /\ vcpu_state' = Set(vcpu_state, w, "ready")
               /\ recv_pending' = Set(recv_pending, w, response)
               /\ saved_x0' = Set(saved_x0, w, response)
               \* the message is handed to the VM: the waiter's response
               /\ delivered' = SetVm(delivered, to, response)
               /\ waiting_for' = Set(waiting_for, w, "nothing")
          ELSE /\ mailbox_state' = SetVm(mailbox_state, to,                  \* S3, S4, S6
                                         IF to = PRIMARY THEN "read" ELSE "received")
               \* to the primary the message is handed in the MESSAGE response
               \* (its vm_id and data fields); a secondary's waits in `received`
               /\ delivered' = SetVm(delivered, to,
                                     IF to = PRIMARY
                                     THEN RecvResponse(primary_ret.vm_id, primary_ret.data)
                                     ELSE None)
               /\ UNCHANGED <<recv_waiter, vcpu_state, recv_pending, saved_x0, waiting_for>>
       /\ IF f = PRIMARY                                                     \* S4, S5
          THEN /\ cpu_op' = [cpu_op EXCEPT ![c] = Guest]
               /\ Step(c, Actor(c), "mailbox_send_deliver", <<>>, IntRet(vcpu_report))
          ELSE /\ cpu_op' = [cpu_op EXCEPT ![c] =                            \* S3, S6, S7
                               [op |-> "mailbox_send_switch",
                                primary_ret |-> primary_ret, user_ret |-> IntRet(0)]]
               /\ Step(c, Actor(c), "mailbox_send_deliver", <<>>, None)
       /\ UNCHANGED <<regs_available, send_configured, recv_configured, current, is_on>>

\* mailbox_send, third part for a secondary sender: api_switch_to_primary
\* under the sender's vcpu.lock; the sender becomes ready (§1.5.5).
mailbox_send_switch(c) ==
    /\ is_on[c]
    /\ cpu_op[c].op = "mailbox_send_switch"
    /\ SwitchToPrimary(c, "mailbox_send_switch", cpu_op[c].primary_ret, "ready",
                       cpu_op[c].user_ret, FALSE)
    /\ UNCHANGED waiting_for

\* mailbox_receive (V1-V4 first part) under the caller's vm.lock.  A blocking
\* receive pushes the caller under its vcpu.lock and keeps vm.lock held.
mailbox_receive(c, block) ==
    LET v == Caller(c)
        m == CallerVm(c)
        args == [block |-> block]
    IN
    /\ Running(c)
    /\ IF m = PRIMARY THEN Return(c, "mailbox_receive", args, ERROR)         \* V1
       ELSE
       /\ ~VmLocked(m)
       /\ IF mailbox_state[m] = "received"                                   \* V2
          THEN LET response == RecvResponse(recv_from_id[m], recv_bytes[m]) IN
               /\ mailbox_state' = SetVm(mailbox_state, m, "read")
               /\ delivered' = SetVm(delivered, m, response)
               /\ Step(c, Actor(c), "mailbox_receive", args, response)
               /\ UNCHANGED <<vcpu_state, saved_x0, regs_available, recv_pending,
                              recv_from_id, recv_bytes, send_configured,
                              recv_configured, recv_waiter, current, is_on, cpu_op,
                              waiting_for, wants_send_to>>
          ELSE IF ~block THEN Return(c, "mailbox_receive", args, ERROR)      \* V3
          \* block-only-when-deliverable: block only where a send can deliver
          ELSE IF /\ Fixed("block-only-when-deliverable")
                  /\ ~(mailbox_state[m] = "empty" /\ recv_configured[m])
          THEN Return(c, "mailbox_receive", args, ERROR)
          ELSE /\ vcpu_state' = Set(vcpu_state, v, "blocked_mailbox")         \* V4
               /\ recv_waiter' = SetVm(recv_waiter, m, <<v[2]>> \o recv_waiter[m])
               /\ cpu_op' = [cpu_op EXCEPT ![c] = [op |-> "mailbox_receive"]]
               /\ waiting_for' = Set(waiting_for, v, "message")
               /\ Step(c, Actor(c), "mailbox_receive", args, None)
               /\ UNCHANGED <<saved_x0, regs_available, recv_pending, mailbox_state,
                              recv_from_id, recv_bytes, send_configured,
                              recv_configured, current, is_on, delivered, wants_send_to>>

\* mailbox_receive, second part (V4): api_wait_for_interrupt retakes the
\* caller's vcpu.lock, still under vm.lock, which it then releases.  At
\* aa039b39 the state becomes blocked_interrupt; block-on-mailbox keeps
\* blocked_mailbox.  The caller's return value is the placeholder 0.
mailbox_receive_wait(c) ==
    /\ is_on[c]
    /\ cpu_op[c].op = "mailbox_receive"
    /\ SwitchToPrimary(c, "mailbox_receive_wait", WAIT,
                       IF Fixed("block-on-mailbox") THEN "blocked_mailbox"
                       ELSE "blocked_interrupt",
                       IntRet(0), FALSE)
    /\ UNCHANGED waiting_for

\* L1, L2 under the caller's vm.lock.
mailbox_clear(c) ==
    LET m == CallerVm(c) IN
    /\ Running(c)
    /\ ~VmLocked(m)
    /\ IF mailbox_state[m] = "read"
       THEN /\ mailbox_state' = SetVm(mailbox_state, m, "empty")
            /\ delivered' = SetVm(delivered, m, None)
            /\ Step(c, Actor(c), "mailbox_clear", <<>>, IntRet(0))
            /\ UNCHANGED <<vcpu_state, saved_x0, regs_available, recv_pending,
                           recv_from_id, recv_bytes, send_configured,
                           recv_configured, recv_waiter, current, is_on, cpu_op,
                           waiting_for, wants_send_to>>
       ELSE Return(c, "mailbox_clear", <<>>, ERROR)

\* X5: an unknown function id (by HVC, or a trapped SMC that is not PSCI, or a
\* PSCI id from a secondary without secondary-vcpu-on).
hvc_unknown(c) ==
    /\ Running(c)
    /\ Return(c, "hvc_unknown", <<>>, ERROR)

-----------------------------------------------------------------------------
(* Traps and interrupts from a secondary (§1.4, §1.5.8).                   *)

\* X1: WFI trapped by HCR_EL2.TWI; the PC is not advanced.
wfi_trap(c) ==
    /\ Running(c)
    /\ ~IsPrimaryCaller(c)
    /\ SwitchToPrimary(c, "wfi_trap", WAIT, "blocked_interrupt", None, TRUE)
    /\ waiting_for' = Set(waiting_for, Caller(c), "interrupt")

\* X3: a physical IRQ while a secondary runs: irq_lower calls api_yield.
api_yield(c) ==
    /\ Running(c)
    /\ ~IsPrimaryCaller(c)
    /\ SwitchToPrimary(c, "api_yield", YIELD, "ready", None, TRUE)
    /\ UNCHANGED waiting_for

\* interrupt_inject (wfi-wake-on-interrupt; later Hafnium's
\* HF_INTERRUPT_INJECT, 0xff07): the primary, which owns the physical
\* interrupts, tells the hypervisor that an interrupt arrived for vCPU i of VM
\* vm_id.  The argument checks take no lock; the wake runs under the target's
\* vcpu.lock.  A vCPU in WFI becomes ready and the call returns 1 ("run it");
\* any other vCPU takes the interrupt at EL1 when it runs (not modelled): 0.
\* At aa039b39 the id is unknown (hvc_unknown): nothing wakes a WFI.
interrupt_inject(c, vm_id, vcpu_idx) ==
    LET args == [vm_id |-> vm_id, vcpu_idx |-> vcpu_idx]
        t == <<vm_id, vcpu_idx>>
    IN
    /\ Running(c)
    /\ Fixed("wfi-wake-on-interrupt")
    /\ IF \/ ~IsPrimaryCaller(c)
          \/ vm_id = PRIMARY \/ vm_id >= vm_count
          \/ vcpu_idx >= VcpuCount(vm_id)
       THEN Return(c, "interrupt_inject", args, ERROR)
       ELSE IF State(t) # "blocked_interrupt"
       THEN Return(c, "interrupt_inject", args, IntRet(0))
       ELSE /\ vcpu_state' = Set(vcpu_state, t, "ready")            \* the WFI completes
            /\ waiting_for' = Set(waiting_for, t, "nothing")
            /\ Step(c, Actor(c), "interrupt_inject", args, IntRet(1))
            /\ UNCHANGED <<saved_x0, regs_available, recv_pending, mailbox_state,
                           recv_from_id, recv_bytes, send_configured, recv_configured,
                           recv_waiter, current, is_on, cpu_op, delivered, wants_send_to>>

-----------------------------------------------------------------------------
(* PSCI (§1.9, §1.10).                                                     *)

psci_version(c) ==
    /\ Running(c)
    /\ IsPrimaryCaller(c)
    /\ Return(c, "psci_version", <<>>, IntRet(2))

psci_migrate_info_type(c) ==
    /\ Running(c)
    /\ IsPrimaryCaller(c)
    /\ Return(c, "psci_migrate_info_type", <<>>, IntRet(2))

psci_affinity_info(c, target_cpu, level) ==
    /\ Running(c)
    /\ IsPrimaryCaller(c)
    /\ Return(c, "psci_affinity_info", [target_cpu |-> target_cpu, level |-> level],
              IF target_cpu >= NumCPUs THEN PsciInvalidParameters
              ELSE IF level # 0 THEN PsciNotSupported
              ELSE IF is_on[target_cpu] THEN IntRet(0) ELSE IntRet(1))

\* The primary starts a physical CPU (cpu.lock region, then the primary
\* vCPU's lock: merged, since no other step reads a primary vCPU's state or
\* registers between them; docs/spec.md).  The firmware's CPU_ON succeeds.
\* With secondary-vcpu-on a secondary starts one of its own off vCPUs.
psci_cpu_on(c, target) ==
    LET m == CallerVm(c)
        args == [target |-> target]
        t == <<m, target>>
    IN
    /\ Running(c)
    /\ IsPrimaryCaller(c) \/ Fixed("secondary-vcpu-on")
    /\ IF IsPrimaryCaller(c)
       THEN IF target >= NumCPUs THEN Return(c, "psci_cpu_on", args, PsciInvalidParameters)
            ELSE IF is_on[target] THEN Return(c, "psci_cpu_on", args, PsciAlreadyOn)
            ELSE /\ is_on' = [is_on EXCEPT ![target] = TRUE]
                 /\ vcpu_state' = Set(vcpu_state, Primary(target), "ready")
                 /\ saved_x0' = Set(saved_x0, Primary(target), ContextId)
                 /\ cpu_op' = [cpu_op EXCEPT ![target] = [op |-> "cpu_entry"]]
                 /\ Step(c, Actor(c), "psci_cpu_on", args, PsciSuccess)
                 /\ UNCHANGED <<regs_available, recv_pending, mailbox_state,
                                recv_from_id, recv_bytes, send_configured,
                                recv_configured, recv_waiter, current, guest_vars>>
       ELSE IF target >= VcpuCount(m) THEN Return(c, "psci_cpu_on", args, PsciInvalidParameters)
            ELSE IF State(t) # "off" THEN Return(c, "psci_cpu_on", args, PsciAlreadyOn)
            ELSE /\ vcpu_state' = Set(vcpu_state, t, "ready")
                 /\ saved_x0' = Set(saved_x0, t, ContextId)
                 /\ Step(c, Actor(c), "psci_cpu_on", args, PsciSuccess)
                 /\ UNCHANGED <<regs_available, recv_pending, mailbox_state,
                                recv_from_id, recv_bytes, send_configured,
                                recv_configured, recv_waiter, current, is_on, cpu_op,
                                guest_vars>>

\* The primary turns its own CPU off; current is not changed (§1.10).  The
\* model keeps at least one CPU on (it does not model SYSTEM_OFF).
psci_cpu_off(c) ==
    /\ Running(c)
    /\ IsPrimaryCaller(c)
    /\ \E d \in CPUs \ {c} : is_on[d]
    /\ is_on' = [is_on EXCEPT ![c] = FALSE]
    /\ cpu_op' = [cpu_op EXCEPT ![c] = [op |-> "off"]]
    /\ Step(c, Actor(c), "psci_cpu_off", <<>>, None)
    /\ UNCHANGED <<vcpu_state, saved_x0, regs_available, recv_pending, mailbox_state,
                   recv_from_id, recv_bytes, send_configured, recv_configured,
                   recv_waiter, current, guest_vars>>

\* A CPU started by CPU_ON enters cpu_entry/cpu_main and runs Pc (§1.2.4).
cpu_main(c) ==
    /\ is_on[c]
    /\ cpu_op[c].op = "cpu_entry"
    /\ current' = [current EXCEPT ![c] = Primary(c)]
    /\ regs_available' = Set(regs_available, Primary(c), FALSE)
    /\ cpu_op' = [cpu_op EXCEPT ![c] = Guest]
    /\ Step(c, [cpu |-> c], "cpu_main", <<>>, saved_x0[PRIMARY][c])
    /\ UNCHANGED <<vcpu_state, saved_x0, recv_pending, mailbox_state, recv_from_id,
                   recv_bytes, send_configured, recv_configured, recv_waiter, is_on,
                   guest_vars>>

-----------------------------------------------------------------------------
(* The register save and context switch (§5.1 vcpu_switch), after the     *)
(* handler released its locks: save the old vCPU's registers (at aa039b39  *)
(* the fast path writes user_ret into its x0 here), set current, restore    *)
(* the next vCPU.  The step's ret is the x0 the resumed vCPU sees.          *)
vcpu_switch(c) ==
    LET old == current[c]
        next == cpu_op[c].next
        user_ret == cpu_op[c].user_ret
        x0 == IF ~Fixed("retval-before-publish") /\ user_ret # None
              THEN Set(saved_x0, old, user_ret) ELSE saved_x0
    IN
    /\ is_on[c]
    /\ cpu_op[c].op = "vcpu_switch"
    /\ saved_x0' = x0
    /\ regs_available' = Set(Set(regs_available, old, TRUE), next, FALSE)
    /\ recv_pending' = Set(recv_pending, next, None)
    /\ current' = [current EXCEPT ![c] = next]
    /\ cpu_op' = [cpu_op EXCEPT ![c] = Guest]
    /\ Step(c, [cpu |-> c], "vcpu_switch", <<>>, x0[next[1]][next[2]])
    /\ UNCHANGED <<vcpu_state, mailbox_state, recv_from_id, recv_bytes,
                   send_configured, recv_configured, recv_waiter, is_on, guest_vars>>

-----------------------------------------------------------------------------
(* The views TLC fingerprints (VIEW View, VIEW LiveView).  A view keeps   *)
(* every variable that a checked property or an action reads, and replaces *)
(* only dead values by a constant.  A value is dead when every behaviour    *)
(* overwrites it before any action, invariant or property reads it, so two  *)
(* states that differ only there have the same enabled steps, the same     *)
(* successors up to dead values, and the same verdicts (docs/spec.md, "The  *)
(* views", gives the argument per value and the test that checks it):      *)
(* - Pc's saved x0 is read only when CPU c resumes Pc (vcpu_switch) or     *)
(*   enters (cpu_main), and is written by every exit that leads there;     *)
(* - a secondary vCPU's saved x0 is dead while a CPU runs it and has not   *)
(*   yet decided to switch it out (it is written at or after the decision), *)
(*   and at aa039b39 until the register save that writes user_ret into it;  *)
(* - recv_from_id and recv_bytes are dead while the mailbox is `empty`     *)
(*   (the next delivery overwrites them; every reader looks at a mailbox    *)
(*   that is `received` or `read`);                                       *)
(* - with retval-before-publish the register save ignores user_ret.        *)
(* `step` is left out: no action reads it, and properties read only step', *)
(* the label of the transition being checked, which the transition fixes.   *)
(* View also leaves out wants_send_to, which only liveness properties read *)
(* and no action reads to decide anything (a history variable): safety     *)
(* configurations use View, liveness configurations LiveView.              *)
(* The traces of the reference and the EL2 harness carry the real values.  *)
\* Written for TLC's speed (it evaluates the view on every successor state):
\* constants first, each masked set built once, and a variable's own value
\* reused wherever nothing in it is masked.
DeadX0Ops == {"guest", "mailbox_send", "mailbox_receive", "mailbox_send_switch"}
RetvalBeforePublish == Fixed("retval-before-publish")

\* CPU c has loaded a secondary vCPU whose saved x0 is dead: it has not yet
\* decided to switch it out, or (aa039b39) its register save is about to
\* write user_ret into x0.
SecondaryX0Dead(c) ==
    /\ current[c] # NoVcpu
    /\ current[c][1] # PRIMARY
    /\ \/ cpu_op[c].op \in DeadX0Ops
       \/ /\ cpu_op[c].op = "vcpu_switch"
          /\ ~RetvalBeforePublish
          /\ cpu_op[c].user_ret # None

\* Pc's saved x0 is live only while CPU c is about to enter or resume Pc.
PrimaryX0Live(c) ==
    \/ cpu_op[c].op = "cpu_entry"
    \/ cpu_op[c].op = "vcpu_switch" /\ cpu_op[c].next = Primary(c)

\* saved_x0 with every dead value replaced by None (the dead secondary vCPUs
\* found once, not once per VM).
X0View ==
    LET dead == {current[d] : d \in {d \in CPUs : SecondaryX0Dead(d)}}
    IN
    [k \in VMIds |->
        IF k = PRIMARY
        THEN [c \in CPUs |-> IF PrimaryX0Live(c) THEN saved_x0[PRIMARY][c] ELSE None]
        ELSE IF \A v \in dead : v[1] # k THEN saved_x0[k]
        ELSE [i \in VcpuIdx(k) |-> IF <<k, i>> \in dead THEN None ELSE saved_x0[k][i]]]

\* mailbox_state, with the sender and size of a message that is not `empty`.
MailboxView ==
    [k \in VMIds |-> IF mailbox_state[k] = "empty" THEN <<"empty">>
                     ELSE <<mailbox_state[k], recv_from_id[k], recv_bytes[k]>>]

\* cpu_op, without user_ret in a register save that ignores it.
CpuOpView ==
    IF RetvalBeforePublish /\ \E c \in CPUs : cpu_op[c].op = "vcpu_switch"
    THEN [c \in CPUs |-> IF cpu_op[c].op = "vcpu_switch"
                         THEN [cpu_op[c] EXCEPT !.user_ret = None] ELSE cpu_op[c]]
    ELSE cpu_op

\* The view's tuple, with its three masked parts (PermView in MCMailbox.tla
\* renames VM ids in a tuple of this order).
View ==
    <<vcpu_state, X0View, regs_available, recv_pending, MailboxView,
      send_configured, recv_configured, recv_waiter, current, is_on, CpuOpView,
      delivered, waiting_for>>

\* The view of the liveness configurations: View and the guests' wishes.
LiveView == <<View, wants_send_to>>

\* No value masked, only the ghost `step` left out (which no action reads):
\* what the views are compared with (ViewVerdictsTest).  A run with no view
\* at all also tells states apart by the label of the step that reached
\* them, about 30 times as many states for the same verdicts.
UnmaskedView == state_vars

-----------------------------------------------------------------------------
(* Boot (§1.2): CPU 0 runs P0; vCPU 0 of every secondary is ready.         *)

Init ==
    /\ vcpu_state = [k \in VMIds |-> [i \in VcpuIdx(k) |-> IF i = 0 THEN "ready" ELSE "off"]]
    \* P0's x0 is the FDT address (not a hypervisor return value: None);
    \* a secondary's vCPU 0 starts with x0 = 0 (vm_start_vcpu).
    /\ saved_x0 = [k \in VMIds |-> [i \in VcpuIdx(k) |-> IF k = PRIMARY THEN None ELSE IntRet(0)]]
    /\ regs_available = [k \in VMIds |-> [i \in VcpuIdx(k) |-> ~(k = PRIMARY /\ i = 0)]]
    /\ recv_pending = [k \in VMIds |-> [i \in VcpuIdx(k) |-> None]]
    /\ mailbox_state = [k \in VMIds |-> "empty"]
    /\ recv_from_id = [k \in VMIds |-> 0]
    /\ recv_bytes = [k \in VMIds |-> 0]
    /\ send_configured = [k \in VMIds |-> FALSE]
    /\ recv_configured = [k \in VMIds |-> FALSE]
    /\ recv_waiter = [k \in VMIds |-> <<>>]
    /\ current = [c \in CPUs |-> IF c = 0 THEN Primary(0) ELSE NoVcpu]
    /\ is_on = [c \in CPUs |-> c = 0]
    /\ cpu_op = [c \in CPUs |-> IF c = 0 THEN Guest ELSE [op |-> "off"]]
    /\ delivered = [k \in VMIds |-> None]
    /\ waiting_for = [k \in VMIds |-> [i \in VcpuIdx(k) |-> "nothing"]]
    /\ wants_send_to = [k \in VMIds |-> NoTarget]
    /\ step = [cpu |-> 0, actor |-> [cpu |-> 0], action |-> "boot", args |-> <<>>, ret |-> None]

\* The calls and traps of a CPU executing guest code: each requires
\* Running(c).  The primary is a nondeterministic scheduler and a running
\* secondary chooses its next call nondeterministically.
GuestCall(c) ==
    \/ vm_get_count(c)
    \/ \E k \in VmIdArgs : vcpu_get_count(c, k)
    \/ \E k \in VmIdArgs, i \in VcpuIdxArgs : vcpu_run(c, k, i)
    \/ \E p \in PageArgs : vm_configure(c, p)
    \/ \E k \in VmIdArgs, n \in Sizes : mailbox_send(c, k, n)
    \/ \E b \in BOOLEAN : mailbox_receive(c, b)
    \/ mailbox_clear(c)
    \/ hvc_unknown(c)
    \/ \E k \in VmIdArgs, i \in VcpuIdxArgs : interrupt_inject(c, k, i)
    \/ wfi_trap(c)
    \/ api_yield(c)
    \/ psci_version(c)
    \/ psci_migrate_info_type(c)
    \/ \E t \in CpuArgs, l \in 0..1 : psci_affinity_info(c, t, l)
    \/ \E t \in TargetArgs : psci_cpu_on(c, t)
    \/ psci_cpu_off(c)

\* The steps of a handler that has started on CPU c: each requires the
\* cpu_op[c] that names it, so none is enabled while Running(c).  At most
\* one of them is enabled at a time, so one SF condition over their
\* disjunction is the same as one per step (WF for those enabled until they
\* are taken, SF for mailbox_send_deliver, which waits for a vm.lock; the
\* liveness-fairness configuration checks that TLC agrees).
HandlerContinues(c) ==
    \/ mailbox_send_deliver(c)
    \/ mailbox_send_switch(c)
    \/ mailbox_receive_wait(c)
    \/ vcpu_switch(c)
    \/ cpu_main(c)

\* The steps CPU c may take.  TLC splits this disjunction into one action per
\* hypercall, trap and handler step (the labels of its state graphs);
\* MCMailbox.tla's SafetyCpuNext, with SafetyReturn, is a relation written
\* for speed that reaches the same states.
CpuNext(c) == GuestCall(c) \/ HandlerContinues(c)

Next == \E c \in CPUs : CpuNext(c)

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* Fairness, for the liveness properties (justified condition by          *)
(* condition in docs/spec.md and in the liveness cfg comments):             *)
(* - HandlerContinues(c), per CPU: a handler that has started finishes.     *)
(* - api_yield(c), per CPU: the physical timer keeps interrupting a running *)
(*   secondary.                                                            *)
(* - RunSucceeds(v), per secondary vCPU: the primary's scheduler runs every *)
(*   vCPU it can run infinitely often.                                     *)
(* - InterruptArrives(v), per secondary vCPU: an interrupt keeps arriving   *)
(*   for a vCPU that waits in WFI, and the primary injects it.              *)
(* - HandlesMailbox(k), per VM: a guest reads a `received` message and      *)
(*   clears a `read` one when it runs (the mailbox protocol).              *)
(* Everything else is unfair: guests may make any call or none.  What a    *)
(* guest keeps asking for (retrying a send, sending to a VM) is not forced *)
(* by fairness: the liveness properties take it as their antecedent.  The  *)
(* one assumption only VcpuStartableProp needs (a VM starts its vCPUs) is  *)
(* stated in that property.  Each condition is SF: every one of these      *)
(* steps is enabled only from time to time (a lock, a guest state, the     *)
(* primary running).  TLC checks a property against every combination of   *)
(* the conditions' disjuncts (2^n for n conditions), which is why the      *)
(* conditions are as few as the properties need.  The subscript is        *)
(* state_vars, not vars: a step that changes only the ghost `step` (an     *)
(* error return, an injection into a vCPU not in WFI) is no progress, and  *)
(* fairness that depended on `step` would depend on a variable the views   *)
(* leave out.                                                              *)

RunSucceeds(v) ==
    \E c \in CPUs : vcpu_run(c, v[1], v[2]) /\ State(v)' = "running"
StartsVcpu(v) ==
    \E c \in CPUs : psci_cpu_on(c, v[2]) /\ CallerVm(c) = v[1] /\ State(v)' = "ready"
InterruptArrives(v) ==
    \E c \in CPUs : State(v) = "blocked_interrupt" /\ interrupt_inject(c, v[1], v[2])

ReceivesMessage(k) ==
    \E c \in CPUs :
        /\ Running(c)                 \* first: current[c] is <<>> on a CPU never started
        /\ CallerVm(c) = k
        /\ mailbox_state[k] = "received"
        /\ \E b \in BOOLEAN : mailbox_receive(c, b)
ClearsMessage(k) ==
    \E c \in CPUs :
        /\ Running(c)
        /\ CallerVm(c) = k
        /\ mailbox_state[k] = "read"
        /\ mailbox_clear(c)

\* A VM keeps its mailbox moving: reads a `received` message, clears a `read`
\* one.  The two are never enabled together and a `received` message leaves
\* that state only by a receive of its VM, so one SF condition over the
\* disjunction is the same as one for each (the liveness-fairness
\* configuration checks that TLC agrees).
HandlesMailbox(k) == ReceivesMessage(k) \/ ClearsMessage(k)

Fairness ==
    /\ \A c \in CPUs : SF_state_vars(HandlerContinues(c)) /\ SF_state_vars(api_yield(c))
    /\ \A v \in SecondaryVCPUs : SF_state_vars(RunSucceeds(v)) /\ SF_state_vars(InterruptArrives(v))
    /\ \A k \in VMIds : SF_state_vars(HandlesMailbox(k))

\* What FairSpec's merged conditions must imply, one step at a time
\* (configuration liveness-fairness; expected to hold).
FairnessSplitsProp ==
    /\ \A c \in CPUs :
        /\ SF_state_vars(mailbox_send_deliver(c)) /\ SF_state_vars(mailbox_send_switch(c))
        /\ SF_state_vars(mailbox_receive_wait(c)) /\ SF_state_vars(vcpu_switch(c)) /\ SF_state_vars(cpu_main(c))
    /\ \A k \in VMIds : SF_state_vars(ReceivesMessage(k)) /\ SF_state_vars(ClearsMessage(k))

FairSpec == Spec /\ Fairness

-----------------------------------------------------------------------------
(* Invariants.  Each has a one-line justification in docs/spec.md.         *)

Rets ==
    [kind : {"int"}, value : -6..65535]
    \cup [kind : {"run"}, code : RunCodes, vm_id : VMIds, data : 0..65535]
    \cup [kind : {"recv"}, vm_id : VMIds, size : 0..HF_MAILBOX_SIZE]
    \cup {ContextId, None}

CpuOps ==
    {[op |-> "off"], [op |-> "cpu_entry"], Guest, [op |-> "mailbox_receive"]}
    \cup [op : {"mailbox_send"}, to : VMIds, size : 0..HF_MAILBOX_SIZE]
    \cup [op : {"mailbox_send_switch"}, primary_ret : Rets, user_ret : Rets]
    \cup [op : {"vcpu_switch"}, next : VCPUs, user_ret : Rets]

\* Constants, evaluated once by TLC.
RecvRetsOrNone == {None} \cup [kind : {"recv"}, vm_id : VMIds, size : 0..HF_MAILBOX_SIZE]

PerVcpu(f, S) == DOMAIN f = VMIds /\ \A k \in VMIds : f[k] \in [VcpuIdx(k) -> S]

TypeOK ==
    /\ PerVcpu(vcpu_state, VcpuStates)
    /\ PerVcpu(saved_x0, Rets)
    /\ PerVcpu(regs_available, BOOLEAN)
    /\ PerVcpu(recv_pending, RecvRetsOrNone)
    /\ mailbox_state \in [VMIds -> MailboxStates]
    /\ recv_from_id \in [VMIds -> VMIds]
    /\ recv_bytes \in [VMIds -> 0..HF_MAILBOX_SIZE]
    /\ send_configured \in [VMIds -> BOOLEAN]
    /\ recv_configured \in [VMIds -> BOOLEAN]
    /\ \A k \in VMIds : recv_waiter[k] \in Seq(VcpuIdx(k))
    /\ current \in [CPUs -> VCPUs \cup {NoVcpu}]
    /\ is_on \in [CPUs -> BOOLEAN]
    /\ cpu_op \in [CPUs -> CpuOps]
    /\ delivered \in [VMIds -> RecvRetsOrNone]
    /\ PerVcpu(waiting_for, {"nothing", "message", "interrupt"})
    /\ wants_send_to \in [VMIds -> VMIds \cup {NoTarget}]

\* I1: the send and recv pages are configured together.
ConfiguredTogetherInv ==
    \A k \in VMIds : send_configured[k] = recv_configured[k]

\* I2: a `received` message has a configured page and no waiter.
ReceivedInv ==
    \A k \in VMIds : mailbox_state[k] = "received" =>
        recv_configured[k] /\ recv_waiter[k] = <<>>

\* I7: primary vCPUs are only off or ready, and never wait.
PrimaryVcpuInv ==
    /\ \A c \in CPUs : State(Primary(c)) \in {"off", "ready"}
    /\ recv_waiter[PRIMARY] = <<>>
    /\ mailbox_state[PRIMARY] # "received"

\* I6: a CPU executing guest code runs its own primary vCPU or a running
\* secondary vCPU; every running vCPU is current on a CPU, or is the one a
\* CPU's pending context switch will load.
CurrentInv ==
    /\ \A c \in CPUs : Running(c) =>
           \/ current[c] = Primary(c)
           \/ current[c][1] # PRIMARY /\ State(current[c]) = "running"
    /\ \A v \in SecondaryVCPUs : State(v) = "running" =>
           \E c \in CPUs : \/ current[c] = v
                           \/ cpu_op[c].op = "vcpu_switch" /\ cpu_op[c].next = v

\* Waiter stacks hold distinct vCPUs of their own VM that are blocked, not
\* running anywhere; at aa039b39 blocked_mailbox is transient (I4): only
\* inside the blocking receive's vm.lock region.
WaiterInv ==
    \A k \in Secondaries :
        /\ \A a, b \in 1..Len(recv_waiter[k]) : a # b => recv_waiter[k][a] # recv_waiter[k][b]
        /\ \A j \in 1..Len(recv_waiter[k]) :
               State(<<k, recv_waiter[k][j]>>) \in {"blocked_mailbox", "blocked_interrupt"}
        /\ \A i \in VcpuIdx(k) :
               State(<<k, i>>) = "blocked_mailbox" =>
                   \/ OnWaiterStack(<<k, i>>)
        /\ ~Fixed("block-on-mailbox") =>
               \A i \in VcpuIdx(k) : State(<<k, i>>) = "blocked_mailbox" =>
                   \E c \in CPUs : current[c] = <<k, i>> /\ cpu_op[c].op = "mailbox_receive"

\* Design intent (cpu.h): blocked_mailbox = "waiting for a message".  A vCPU
\* is on a waiter stack exactly when it is blocked_mailbox.
WaiterStateInv ==
    \A v \in SecondaryVCPUs : OnWaiterStack(v) <=> State(v) = "blocked_mailbox"

\* No vCPU runs on two CPUs.
NoDoubleRunInv ==
    \A c, d \in CPUs : c # d /\ current[c] # NoVcpu => current[c] # current[d]

\* No vCPU is resumed from a register context that is not yet saved: a
\* pending switch never loads a secondary vCPU whose save has not completed.
ResumeFromSavedInv ==
    \A c \in CPUs :
        cpu_op[c].op = "vcpu_switch" /\ cpu_op[c].next[1] # PRIMARY =>
            regs_available[cpu_op[c].next[1]][cpu_op[c].next[2]]

\* No return value written for a vCPU is lost: once a popped waiter's
\* registers are saved, its saved x0 is the receive response its waker wrote.
\* Compared as 64-bit values: the placeholder 0 is also the encoding of
\* RecvResponse(0, 0), a message of 0 bytes from the primary.
NoLostReturnValueInv ==
    \A v \in SecondaryVCPUs :
        recv_pending[v[1]][v[2]] # None /\ regs_available[v[1]][v[2]] =>
            SameValue(saved_x0[v[1]][v[2]], recv_pending[v[1]][v[2]])

\* A recipient learns the true sender and size.  A secondary learns them from
\* its receive response (NoLostReturnValueInv covers the woken waiter); the
\* primary, which has no receive call, learns them from the MESSAGE run
\* response: its vm_id field must name the VM whose vCPU sent it (the vCPU
\* still current on that CPU until the switch), and its size is recv_bytes.
RecipientLearnsSenderInv ==
    /\ \A c \in CPUs :
         LET r == saved_x0[PRIMARY][c] IN
         cpu_op[c].op = "vcpu_switch" /\ cpu_op[c].next = Primary(c)
           /\ r.kind = "run" =>
              (r.code = "MESSAGE" => r.vm_id = current[c][1])
    /\ \A v \in SecondaryVCPUs :
         recv_pending[v[1]][v[2]] # None => recv_pending[v[1]][v[2]].vm_id # v[1]

\* The message reached the VM: a mailbox is `read` exactly when the
\* hypervisor has handed its message to the VM (a receive's response, a
\* popped waiter's response, the primary's MESSAGE), and what the VM was
\* told is the message's sender and size.
HandOverInv ==
    \A k \in VMIds :
        /\ mailbox_state[k] = "read" <=> delivered[k] # None
        /\ mailbox_state[k] = "read" =>
               delivered[k] = RecvResponse(recv_from_id[k], recv_bytes[k])

\* No VM sends to itself: the reflexive check of mailbox_send (S1) refuses a
\* send to the caller's own VM, so no CPU is ever in a send to its caller's
\* VM.  SendServedProp relies on it to leave out the pairs f = k, whose
\* antecedent (such sends keep being attempted) it makes false.
NoSendToSelfInv ==
    \A c \in CPUs : cpu_op[c].op = "mailbox_send" => cpu_op[c].to # CallerVm(c)

\* A vCPU is blocked only in the way its guest asked to wait: a blocking
\* receive (blocked_mailbox) or a WFI (blocked_interrupt), and a guest that
\* asked to wait is blocked until it is served.  So a blocked_interrupt vCPU
\* is one that executed WFI, woken only by an interrupt (interrupt_inject),
\* not `ready` under another name.
BlockedAsAskedInv ==
    \A v \in SecondaryVCPUs :
        /\ State(v) = "blocked_mailbox" => waiting_for[v[1]][v[2]] = "message"
        /\ State(v) = "blocked_interrupt" => waiting_for[v[1]][v[2]] = "interrupt"
        /\ waiting_for[v[1]][v[2]] # "nothing" =>
               State(v) \in {"blocked_mailbox", "blocked_interrupt"}

-----------------------------------------------------------------------------
(* Cover checks: invariants that say an interesting state is never reached. *)
(* Each is expected `violated` (configuration `cover`): the counterexample  *)
(* is a witness that the state is reachable, so the other properties are    *)
(* not checked vacuously.                                                   *)

\* A receiver observed blocked_mailbox after its receive returned to the
\* primary (its registers saved, the CPU back in the primary).
CoverBlockedMailboxInv ==
    ~\E v \in SecondaryVCPUs :
        State(v) = "blocked_mailbox" /\ regs_available[v[1]][v[2]]
        /\ \A c \in CPUs : current[c] # v

\* Two waiters on one stack.
CoverTwoWaitersInv ==
    ~\E k \in Secondaries : Len(recv_waiter[k]) >= 2

\* Two senders about to deliver to one mailbox.
CoverRacingSendersInv ==
    ~\E c, d \in CPUs :
        /\ c # d
        /\ cpu_op[c].op = "mailbox_send" /\ cpu_op[d].op = "mailbox_send"
        /\ cpu_op[c].to = cpu_op[d].to

\* A vCPU never runs on another CPU than one it ran on before (violated: a
\* vCPU is resumed on another CPU than the one it left).
CoverMigrationProp ==
    \A v \in SecondaryVCPUs, c, d \in CPUs :
        c # d => [](current[c] = v => [](current[d] # v))

-----------------------------------------------------------------------------
(* Safety properties of steps ([][A]_vars).                                *)

ErrorReturn ==
    \/ step'.ret.kind = "int" /\ step'.ret.value < 0
    \/ step'.action = "vcpu_run" /\ step'.ret = WAIT

\* An error return changes nothing (the handler's continuation ends).
ErrorChangesNothingProp ==
    [][ErrorReturn =>
         UNCHANGED <<vcpu_state, saved_x0, regs_available, recv_pending,
                     mailbox_state, recv_from_id, recv_bytes, send_configured,
                     recv_configured, recv_waiter, current, is_on>>]_vars

\* A message is never overwritten before its recipient has read and cleared
\* it, and a `received` message leaves that state only by being read, so it
\* is neither lost nor handed out twice.  (The first disjunct, a step that
\* changes none of the three, satisfies the rest; TLC tries it first.)
MessageNotOverwrittenProp ==
    [][UNCHANGED <<mailbox_state, recv_from_id, recv_bytes>> \/ \A k \in VMIds :
         /\ mailbox_state[k] # "empty" =>
               /\ recv_from_id'[k] = recv_from_id[k]
               /\ recv_bytes'[k] = recv_bytes[k]
         /\ mailbox_state[k] = "received" => mailbox_state'[k] \in {"received", "read"}
         /\ mailbox_state[k] = "read" => mailbox_state'[k] \in {"read", "empty"}]_vars

\* The value a non-blocking receive returns (V2) is the message in the
\* mailbox: its sender and size, and only when one is `received`.
ReceiveReturnsMessageProp ==
    [][step'.action = "mailbox_receive" /\ step'.ret.kind = "recv" =>
         LET m == step'.actor.vm IN
         /\ mailbox_state[m] = "received"
         /\ step'.ret = RecvResponse(recv_from_id[m], recv_bytes[m])]_vars

\* The message a delivery accepts is the one sent: the sender's VM and the
\* size its mailbox_send passed, into a mailbox that was empty.
MessageAcceptedProp ==
    [][step'.action = "mailbox_send_deliver" /\ step'.ret # ERROR =>
         LET c == step'.cpu
             to == cpu_op[c].to
         IN
         /\ mailbox_state[to] = "empty" /\ mailbox_state'[to] # "empty"
         /\ recv_from_id'[to] = current[c][1]
         /\ recv_bytes'[to] = cpu_op[c].size]_vars

-----------------------------------------------------------------------------
(* Refinement: Mailbox implements the abstract service a guest relies on   *)
(* (spec/MailboxService.tla): per VM one mailbox slot, a message delivered  *)
(* to the VM exactly once and never overwritten, and the vCPU life cycle.   *)
(* The mapping (docs/spec.md, "Refinement"):                                *)
(* - slot: empty, or the sender and size recorded in recv_from_id and      *)
(*   recv_bytes while the mailbox is `received` or `read`;                  *)
(* - told: what the VM was told of it (the ghost `delivered`);             *)
(* - vstate: a secondary vCPU's state, blocked_mailbox as waiting for a    *)
(*   message, blocked_interrupt as waiting for an interrupt.               *)

NoMessage == [from |-> -1, size |-> -1]
AbsMessage(r) == IF r = None THEN NoMessage ELSE [from |-> r.vm_id, size |-> r.size]
AbsVcpuState(st) ==
    CASE st = "blocked_mailbox" -> "waiting_message"
      [] st = "blocked_interrupt" -> "waiting_interrupt"
      [] OTHER -> st

Service == INSTANCE MailboxService WITH
    slot <- [k \in VMIds |-> IF mailbox_state[k] = "empty" THEN NoMessage
                             ELSE [from |-> recv_from_id[k], size |-> recv_bytes[k]]],
    told <- [k \in VMIds |-> AbsMessage(delivered[k])],
    vstate <- [v \in SecondaryVCPUs |-> AbsVcpuState(State(v))]

\* The service step a step of Mailbox implements, found from the step record
\* instead of by trying every disjunct of Service!Next (which TLC would
\* evaluate, with the mapping, for each).  Each arm is one disjunct of
\* Service!Next with its bound variables taken from the step and checked to
\* lie in the sets Service!Next quantifies over, so ServiceStepHint implies
\* Service!Next and ServiceRefinementProp is the same property with it or
\* without it.  A step no arm explains still gets Service!Next.
ServiceStepHint ==
    LET c == step'.cpu
        a == step'.action
        v == <<step'.actor.vm, step'.actor.vcpu>>
        t == <<step'.args.vm_id, step'.args.vcpu_idx>>
        ServiceVcpu(x) == x \in Service!SecondaryVCPUs
    IN
    CASE a = "mailbox_send_deliver" ->
            LET f == current[c][1]
                k == cpu_op[c].to
                n == cpu_op[c].size
            IN /\ f \in Service!VMIds /\ k \in Service!VMIds
               /\ n \in {s \in Sizes : s <= Service!MaxSize}
               /\ Service!Send(f, k, n)
      [] a = "mailbox_receive" -> ServiceVcpu(v) /\ (Service!Receive(v) \/ Service!WaitMessage(v))
      [] a = "mailbox_clear" -> v[1] \in Service!VMIds /\ Service!Clear(v[1])
      [] a = "vcpu_run" -> ServiceVcpu(t) /\ Service!Run(t)
      [] a = "mailbox_send_switch" \/ a = "api_yield" -> ServiceVcpu(v) /\ Service!Preempt(v)
      [] a = "wfi_trap" -> ServiceVcpu(v) /\ Service!WaitInterrupt(v)
      [] a = "interrupt_inject" -> ServiceVcpu(t) /\ Service!Interrupt(t)
      [] a = "psci_cpu_on" -> LET u == <<v[1], step'.args.target>> IN ServiceVcpu(u) /\ Service!Start(u)
      [] OTHER -> FALSE

\* Service!Spec, written with the stuttering case first: TLC evaluates the
\* action of [A]_v before its subscript, and most steps (continuations,
\* register saves, error returns) are stutters of the service.  The first
\* disjunct is the cheapest form of that case (the mapping reads only these
\* variables), so TLC builds the mapping only for the steps that change them.
\* Of those, ServiceStepHint tries the one disjunct of Service!Next the step
\* names (it implies Service!Next: the same property); it comes before the
\* service's own stutter test because nearly every such step is explained by
\* it (of the corrected spec's steps only the primary's CPU_ON, which
\* changes a primary vCPU's state, is a stutter that reaches the third
\* disjunct).
ServiceRefinementProp ==
    Service!Init /\ [][UNCHANGED <<vcpu_state, mailbox_state, recv_from_id, recv_bytes, delivered>>
                        \/ ServiceStepHint \/ UNCHANGED Service!vars \/ Service!Next]_Service!vars

-----------------------------------------------------------------------------
(* Liveness (under FairSpec): what a guest asks for is eventually served.  *)

\* Every vcpu_run that switched to a secondary eventually returns to Pc.
RunReturnsProp ==
    \A c \in CPUs :
        (cpu_op[c].op = "vcpu_switch" /\ cpu_op[c].next # Primary(c))
            ~> (current[c] = Primary(c) /\ cpu_op[c] = Guest)

\* A message sent to a VM with a waiting vCPU is delivered: the woken waiter
\* is resumed (with the response NoLostReturnValueInv guarantees).
MessageDeliveredProp ==
    \A v \in SecondaryVCPUs :
        recv_pending[v[1]][v[2]] # None ~> recv_pending[v[1]][v[2]] = None

\* VM k executes guest code on some CPU.
Executes(k) == \E c \in CPUs : Running(c) /\ CallerVm(c) = k

\* A send from VM f (when f is given) to k has passed its checks and is about
\* to be delivered.
SendAttempted(k) == \E c \in CPUs : cpu_op[c].op = "mailbox_send" /\ cpu_op[c].to = k
SendAttemptedBy(f, k) ==
    \E c \in CPUs : cpu_op[c].op = "mailbox_send" /\ cpu_op[c].to = k /\ current[c][1] = f

\* A VM that wants to send to k (its send to k failed because k's mailbox was
\* full or not configured; the wish lasts until a send of it to k delivers)
\* and keeps asking (its sends to k keep being attempted) eventually delivers
\* to k, once k has configured its mailbox.  The recipient keeps receiving
\* and clearing (fairness); what remains is the protocol.  Left to the
\* environment: a VM that stops asking has given up its wish, and a VM that
\* never configures its mailbox takes part in no messaging.
SendServed(f, k) ==
    ([]<>SendAttemptedBy(f, k) /\ <>recv_configured[k]) =>
        (wants_send_to[f] = k ~> wants_send_to[f] # k)

\* The pairs f = k are left out: no send to oneself is ever attempted
\* (NoSendToSelfInv), so their antecedent never holds, and TLC would spend as
\* long on each of them as on a real pair.  The two directions are stated
\* apart so that each can be checked under the fairness it needs
\* (MCMailbox.tla: FairSpecSendToPrimary, FairSpecSendToSecondary).
SendServedToPrimaryProp == \A f \in Secondaries : SendServed(f, PRIMARY)
SendServedToSecondaryProp ==
    \A f \in VMIds : \A k \in Secondaries \ {f} : SendServed(f, k)
SendServedProp == SendServedToPrimaryProp /\ SendServedToSecondaryProp

\* A vCPU waiting for a message (its blocking receive blocked) is handed
\* one, as long as VMs keep sending to its VM.  The antecedent is about the
\* environment (someone sends), not about the protocol's own state.
ReceiverServedProp ==
    \A v \in SecondaryVCPUs :
        []<>SendAttempted(v[1]) =>
            (waiting_for[v[1]][v[2]] = "message" ~> waiting_for[v[1]][v[2]] # "message")

\* A vCPU waiting in WFI runs again once its interrupt arrives (fairness:
\* interrupts keep arriving for it).
WfiWokenProp ==
    \A v \in SecondaryVCPUs :
        waiting_for[v[1]][v[2]] = "interrupt" ~> State(v) = "running"

\* Every vCPU a VM declares can run: if the VM keeps running (some vCPU of it
\* runs infinitely often) and keeps starting its vCPUs when it can (an SF
\* assumption about the guest that only this property needs, so it is stated
\* here and not in Fairness), each of its vCPUs is eventually started.
VcpuStartableProp ==
    \A v \in SecondaryVCPUs :
        (SF_state_vars(StartsVcpu(v)) /\ []<>Executes(v[1])) => <>(State(v) # "off")

=============================================================================
