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
\* same way, so FairSpec implies each of them: a property that holds under
\* one of them holds under FairSpec.  The manifest allows them only for
\* properties expected to hold (a violation found under fewer conditions need
\* not be fair under FairSpec).  Why: TLC's liveness check costs about 2^n in
\* the number n of fairness conditions, and the exploration evaluates every
\* condition on every state.
CpuFairness == \A c \in CPUs : SF_state_vars(HandlerContinues(c)) /\ SF_state_vars(api_yield(c))
RunFairness == \A v \in SecondaryVCPUs : SF_state_vars(RunSucceeds(v))
InterruptFairness == \A v \in SecondaryVCPUs : SF_state_vars(InterruptArrives(v))
MailboxFairness == \A k \in VMIds : SF_state_vars(HandlesMailbox(k))

\* Handlers finish and the timer interrupts secondaries (RunReturnsProp).
FairSpecCpus == Spec /\ CpuFairness
\* ... and the primary's scheduler runs runnable vCPUs (MessageDeliveredProp).
FairSpecRuns == Spec /\ CpuFairness /\ RunFairness
\* ... and interrupts arrive for vCPUs in WFI (WfiWokenProp).
FairSpecWfi == Spec /\ CpuFairness /\ RunFairness /\ InterruptFairness
\* ... and VMs handle their mailboxes: not enough for ReceiverServedProp or
\* SendServedProp (TLC reports violations without InterruptArrives), so no
\* configuration uses it; kept as the measured case (docs/spec.md, Figures).
FairSpecMailbox == Spec /\ CpuFairness /\ RunFairness /\ MailboxFairness
\* No fairness condition of Fairness: VcpuStartableProp states the one
\* assumption it needs (a VM starts its vCPUs) in its antecedent.
FairSpecNone == Spec

=============================================================================
