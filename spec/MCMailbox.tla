------------------------------ MODULE MCMailbox ------------------------------
(***************************************************************************)
(* Model-checking values for Mailbox.tla: system shapes and correction     *)
(* sets that a .cfg file cannot write as literals.  Each *.cfg beside this *)
(* module picks one of each and says what it bounds; spec/manifest.json    *)
(* lists them all (./mailbox check --list).                                *)
(***************************************************************************)
EXTENDS Mailbox

\* Shapes: vCPU counts of the secondaries (VM 1, VM 2, ...).
OneSecondaryOneVcpu == <<1>>
OneSecondaryTwoVcpus == <<2>>
TwoSecondaries == <<2, 1>>          \* the default shape: VM 1 has 2 vCPUs, VM 2 has 1
ThreeSecondaries == <<2, 1, 1>>
TwoSecondariesOneVcpu == <<1, 1>>   \* two sender VMs of one vCPU each
OneSecondaryThreeVcpus == <<3>>     \* three waiters on one stack

\* Semantics.
Corrected == AllCorrections
AA039B39 == {}
\* The corrected design without fifo-waiters: shows the LIFO starvation that
\* secondary-vcpu-on makes reachable.
CorrectedLifo == AllCorrections \ {"fifo-waiters"}

\* Message sizes: the boundaries and one invalid value.
BoundarySizes == {0, 4096, 4097}
SmallSizes == {0, 4097}
ZeroSize == {0}                     \* liveness shapes: one valid size suffices

\* Fair specifications with fewer fairness conditions, for per-property
\* liveness runs (the manifest's "specifications" of a configuration).  Each
\* conjoins some of the conditions of Fairness (Mailbox.tla), written the
\* same way, or VcpuFairness, which two of them imply, so FairSpec implies
\* each of them: a property that holds under one of them holds under
\* FairSpec.  The manifest allows them only for
\* properties expected to hold (a violation found under fewer conditions need
\* not be fair under FairSpec).  Why: TLC's liveness check costs about 2^n in
\* the number n of fairness conditions, and the exploration evaluates every
\* condition on every state.
HandlerFairness == \A c \in CPUs : SF_state_vars(HandlerContinues(c))
TimerFairness == \A c \in CPUs : SF_state_vars(api_yield(c))
CpuFairness == HandlerFairness /\ TimerFairness
RunFairness == \A v \in SecondaryVCPUs : SF_state_vars(RunSucceeds(v))
MailboxFairnessOf(vms) == \A k \in vms : SF_state_vars(HandlesMailbox(k))
MailboxFairness == MailboxFairnessOf(VMIds)
\* RunSucceeds(v) and InterruptArrives(v) merged into one SF condition per
\* secondary vCPU.  SF(A) /\ SF(B) implies SF(A \/ B) (if A \/ B is enabled
\* infinitely often, one of them is, and is taken infinitely often), so the
\* split conditions of Fairness imply it.  It may be weaker than the two (a
\* behaviour could take one step infinitely often and never the other), and
\* weaker fairness only makes a verdict of "holds" stronger.  Each merge
\* halves the cases TLC's liveness check goes through (measured on liveness,
\* SendServedProp, two vCPUs: 32 s of checking under FairSpec, 9 s under
\* FairSpecMerged).
VcpuFairness == \A v \in SecondaryVCPUs : SF_state_vars(RunSucceeds(v) \/ InterruptArrives(v))

\* Handlers finish and the timer interrupts secondaries (RunReturnsProp).
FairSpecCpus == Spec /\ CpuFairness
\* ... and the primary's scheduler runs runnable vCPUs (MessageDeliveredProp).
FairSpecRuns == Spec /\ CpuFairness /\ RunFairness
\* ... and interrupts arrive for vCPUs in WFI, merged with the scheduler's
\* promise per vCPU (WfiWokenProp).
FairSpecWfi == Spec /\ CpuFairness /\ VcpuFairness
\* ... and VMs handle their mailboxes: not enough for ReceiverServedProp or
\* SendServedProp (TLC reports violations without InterruptArrives), so no
\* configuration uses it; kept as the measured case (docs/spec.md, Figures).
FairSpecMailbox == Spec /\ CpuFairness /\ RunFairness /\ MailboxFairness
\* Every condition of Fairness, RunSucceeds(v) and InterruptArrives(v)
\* merged (ReceiverServedProp): FairSpec implies it.
FairSpecMerged == Spec /\ CpuFairness /\ VcpuFairness /\ MailboxFairness
\* One direction of SendServedProp each.  A secondary sending to the primary
\* needs every CPU condition (a secondary that keeps failing its send must
\* be interrupted so that the primary runs: without api_yield TLC reports
\* that lasso on liveness-3waiters) and the VMs handling their
\* mailboxes; no vCPU condition, since its antecedent (the sends keep being
\* attempted) already runs the sender (SendServedToPrimaryProp).
FairSpecSendToPrimary == Spec /\ CpuFairness /\ MailboxFairness
\* A send to a secondary needs its handlers to finish, the recipient's
\* vCPUs to run or be woken, and the recipient to handle its mailbox; not
\* the timer (the sender's attempts bring it back) nor the primary's own
\* mailbox (SendServedToSecondaryProp).
FairSpecSendToSecondary == Spec /\ HandlerFairness /\ VcpuFairness /\ MailboxFairnessOf(Secondaries)
\* No fairness condition of Fairness: VcpuStartableProp states the one
\* assumption it needs (a VM starts its vCPUs) in its antecedent.
FairSpecNone == Spec

\* Symmetry for safety runs (SymView): secondaries with the same vCPU count
\* are interchangeable.  Init treats every secondary alike, no action orders
\* VM ids (arguments range over 0..vm_count, which every permutation below
\* maps onto itself), and every invariant and step property quantifies over
\* VMs alike, so a state and its image under such a permutation have the same
\* verdicts and their successors are images of each other.  SymView is the
\* set of the images of View under every such permutation: equal for a state
\* and each of its images, so TLC explores one state of each orbit.  Unlike
\* TLC's SYMMETRY it needs no model values, and every counterexample TLC
\* prints is a real behaviour (TLC rebuilds traces by running Next).
\* Only for safety: TLC's liveness check is unsound under symmetry, and the
\* manifest rejects SymView in a configuration with a fair specification.
SymPerms ==
    {p \in [VMIds -> VMIds] :
        /\ p[PRIMARY] = PRIMARY
        /\ \A j \in VMIds : \E k \in VMIds : p[k] = j
        /\ \A k \in VMIds : VcpuCount(p[k]) = VcpuCount(k)}
\* Each non-identity permutation with its inverse.
SymPairs ==
    {<<p, [j \in VMIds |-> CHOOSE k \in VMIds : p[k] = j]>> :
        p \in {p \in SymPerms : \E k \in VMIds : p[k] # k}}

PermRet(p, r) == IF r.kind \in {"run", "recv"} THEN [r EXCEPT !.vm_id = p[@]] ELSE r
PermVcpu(p, v) == IF v = NoVcpu THEN v ELSE <<p[v[1]], v[2]>>
PermOp(p, o) ==
    CASE o.op = "mailbox_send" -> [o EXCEPT !.to = p[@]]
      [] o.op = "mailbox_send_switch" ->
            [o EXCEPT !.primary_ret = PermRet(p, @), !.user_ret = PermRet(p, @)]
      [] o.op = "vcpu_switch" -> [o EXCEPT !.next = PermVcpu(p, @), !.user_ret = PermRet(p, @)]
      [] OTHER -> o

\* View's tuple (Mailbox.tla) with VM ids renamed by p (q its
\* inverse): VM k's entry is the one VM q[k] had, and every VM id inside a value
\* (senders, vCPUs, return records, send targets) is renamed.
PermView(p, q, x0, mbox, op) ==
    <<[k \in VMIds |-> vcpu_state[q[k]]],
      [k \in VMIds |-> [i \in DOMAIN x0[q[k]] |-> PermRet(p, x0[q[k]][i])]],
      [k \in VMIds |-> regs_available[q[k]]],
      [k \in VMIds |-> [i \in DOMAIN recv_pending[q[k]] |-> PermRet(p, recv_pending[q[k]][i])]],
      [k \in VMIds |-> IF Len(mbox[q[k]]) = 1 THEN mbox[q[k]]
                       ELSE <<mbox[q[k]][1], p[mbox[q[k]][2]], mbox[q[k]][3]>>],
      [k \in VMIds |-> send_configured[q[k]]],
      [k \in VMIds |-> recv_configured[q[k]]],
      [k \in VMIds |-> recv_waiter[q[k]]],
      [c \in CPUs |-> PermVcpu(p, current[c])],
      is_on,
      [c \in CPUs |-> PermOp(p, op[c])],
      [k \in VMIds |-> PermRet(p, delivered[q[k]])],
      [k \in VMIds |-> waiting_for[q[k]]]>>

SymView ==
    LET x0 == X0View
        mbox == MailboxView
        op == CpuOpView
    IN {View} \cup {PermView(pq[1], pq[2], x0, mbox, op) : pq \in SymPairs}

\* Two overrides that make the big safety runs faster (default.cfg,
\* large.cfg and safety-3cpu.cfg name them, always together; ./mailbox
\* bench check measures default).  They change no verdict and no number of
\* distinct states; the argument is here and in docs/spec.md ("Where
\* default's time goes"), and SpeedOverridesTest checks it.
\*
\* SafetyReturn (for Return): the hypercalls that change nothing but the
\* ghost `step` (error returns, queries) are left out, except the two kinds
\* a step property can reject.  Such a step cannot reach a new state (View
\* leaves `step` out), so the states and the invariants' verdicts are the
\* same, and of the step properties of the safety configurations:
\* - ErrorChangesNothingProp, MessageNotOverwrittenProp and
\*   ServiceRefinementProp hold on every step that changes no state variable;
\* - ReceiveReturnsMessageProp can fail on a receive that returns a message
\*   and MessageAcceptedProp on a delivery that returns no error: those are
\*   kept (Mailbox.tla has none: they are here for a defect that adds one).
\* A new step property must be checked against this list.  Not for liveness
\* configurations (nothing is gained there: their shapes are small), nor
\* for trace validation, which follows every step.  The left-out steps
\* are most of TLC's successors: on small 797,984 of 964,181 (83 %).
\* Its last two conjuncts are Return's body, written out: the override
\* replaces Return everywhere, this module included, so it cannot call it.
SafetyReturn(c, name, args, ret) ==
    /\ \/ name = "mailbox_receive" /\ ret.kind = "recv"
       \/ name = "mailbox_send_deliver" /\ ret # ERROR
    /\ Step(c, Actor(c), name, args, ret)
    /\ UNCHANGED state_vars

\* SafetyCpuNext (for CpuNext), only together with SafetyReturn: CpuNext
\* with Running(c) tested once, choosing between the guest calls and the
\* handler steps, and of GuestCall's argument tuples only
\* those that can take a step under SafetyReturn.  Every tuple left out
\* takes only Return steps whatever the state (SafetyGuestCall says which
\* check of Mailbox.tla returns, disjunct by disjunct), and SafetyReturn
\* drops those, so under SafetyReturn it has CpuNext's steps.  TLC would
\* otherwise evaluate each of about 60 tuples per running CPU and drop
\* nearly all.
\* SpeedOverridesTest checks that TLC generates exactly as many successors
\* with SafetyCpuNext as without it, in both semantics.  Left out for every
\* caller: vm_get_count, vcpu_get_count, hvc_unknown, psci_version,
\* psci_migrate_info_type, psci_affinity_info (they only return); a page
\* argument other than "valid" (C1-C3); a send of more than
\* HF_MAILBOX_SIZE bytes, to the caller's own VM or to an unknown VM (S1).
\* The narrowing trusts those checks: a change that lets a left-out tuple
\* step (a send to one's own VM accepted, say) goes unseen by the
\* configurations with the overrides; small and the others keep every
\* tuple, and SpeedOverridesTest then fails.  TLC labels all guest calls
\* with one name here, so the state-graph dumps (cover, report pictures)
\* leave both overrides out (SpeedOverrides).
ValidSizes == {n \in Sizes : n <= HF_MAILBOX_SIZE}

SafetyGuestCall(c) ==
    IF IsPrimaryCaller(c)
    THEN \* Left out: a run or interrupt of a vCPU that does not exist
         \* (R6), a receive (V1), CPU_ON of an unknown CPU.
         \/ \E v \in SecondaryVCPUs : vcpu_run(c, v[1], v[2])
         \/ vm_configure(c, "valid")
         \/ \E k \in Secondaries, n \in ValidSizes : mailbox_send(c, k, n)
         \/ mailbox_clear(c)
         \/ \E v \in SecondaryVCPUs : interrupt_inject(c, v[1], v[2])
         \/ \E t \in CPUs : psci_cpu_on(c, t)
         \/ psci_cpu_off(c)
    ELSE \* Left out: the primary's calls (R5, interrupt_inject,
         \* psci_cpu_off), CPU_ON of a vCPU the VM does not have.
         \/ vm_configure(c, "valid")
         \/ \E k \in VMIds \ {CallerVm(c)}, n \in ValidSizes : mailbox_send(c, k, n)
         \/ \E b \in BOOLEAN : mailbox_receive(c, b)
         \/ mailbox_clear(c)
         \/ wfi_trap(c)
         \/ api_yield(c)
         \/ \E t \in VcpuIdx(CallerVm(c)) : psci_cpu_on(c, t)

\* Every HandlerContinues step requires a cpu_op[c] other than Guest, so
\* none is enabled while Running(c), and no guest call is enabled otherwise.
SafetyCpuNext(c) == IF Running(c) THEN SafetyGuestCall(c) ELSE HandlerContinues(c)

\* ACTION_CONSTRAINT of liveness-2senders' SendServedProp run (an expected
\* violation): every step of an action with a fairness condition (FairSteps
\* lists the actions of Fairness in Mailbox.tla: keep the two alike), and of
\* the unfair guest calls only those the race needs: configuring valid
\* pages, sending to the primary, and the primary starting the other CPU.
\* TLC evaluates ENABLED on the whole next-state relation, not the
\* constrained one, and no step of a fair action is dropped, so a lasso TLC
\* reports fair in the constrained graph is a fair behaviour of FairSpec:
\* dropping steps can hide a violation, never invent one. Not for properties
\* expected to hold (the dropped calls could break them).
FairSteps ==
    \/ \E c \in CPUs : HandlerContinues(c) \/ api_yield(c)
    \/ \E v \in SecondaryVCPUs : RunSucceeds(v) \/ InterruptArrives(v)
    \/ \E k \in VMIds : HandlesMailbox(k)
RaceSteps ==
    \/ FairSteps
    \/ \E c \in CPUs :
         \/ vm_configure(c, "valid")
         \/ mailbox_send(c, PRIMARY, 0)
         \/ \E t \in CPUs : psci_cpu_on(c, t)
=============================================================================
