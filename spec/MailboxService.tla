--------------------------- MODULE MailboxService ---------------------------
(***************************************************************************)
(* The mailbox as a guest may rely on it, with no CPUs, locks, registers   *)
(* or waiter stacks: what Mailbox.tla must implement (Mailbox.tla's        *)
(* ServiceRefinementProp checks the refinement; docs/spec.md explains the  *)
(* mapping).                                                               *)
(*                                                                         *)
(* - Per VM one slot.  A message (sender, size) is accepted only into an   *)
(*   empty slot, so it is never overwritten, and stays until the VM clears *)
(*   it after it was handed over.                                          *)
(* - A message is handed to its VM exactly once: to a vCPU that waits for  *)
(*   one when it arrives, by a receive when none waits, and to the primary *)
(*   (which has no receive call) in the result of its vcpu_run.  `told[k]` *)
(*   is what VM k was told: the message's sender and size, or nothing.     *)
(* - The life cycle of a secondary's vCPU as its guest sees it: off,       *)
(*   ready, running, waiting for a message, waiting for an interrupt.  A   *)
(*   vCPU waits only because it asked to, and leaves a wait only by what   *)
(*   it waited for: a message handed to it, or an interrupt.               *)
(***************************************************************************)
EXTENDS Integers, Sequences

CONSTANTS
    SecondaryVCPUCount, \* tuple: VM k (k = 1..Len) has SecondaryVCPUCount[k] vCPUs
    Sizes               \* the message sizes senders may pass (those over MaxSize fail)

PRIMARY == 0
VMIds == 0..Len(SecondaryVCPUCount)
SecondaryVCPUs ==
    UNION {{<<k, i>> : i \in 0..SecondaryVCPUCount[k]-1} : k \in 1..Len(SecondaryVCPUCount)}
MaxSize == 4096

NoMessage == [from |-> -1, size |-> -1]
Messages == [from : VMIds, size : {n \in Sizes : n <= MaxSize}]
VcpuStates == {"off", "ready", "running", "waiting_message", "waiting_interrupt"}

VARIABLES
    slot,    \* [vm] -> the message in VM k's mailbox, or NoMessage
    told,    \* [vm] -> what VM k was told of that message, or NoMessage
    vstate   \* [secondary vCPU] -> VcpuStates

vars == <<slot, told, vstate>>

TypeOK ==
    /\ slot \in [VMIds -> Messages \cup {NoMessage}]
    /\ told \in [VMIds -> Messages \cup {NoMessage}]
    /\ vstate \in [SecondaryVCPUs -> VcpuStates]

\* A message is told to its VM only as it is, and only while it is there.
ToldInv == \A k \in VMIds : told[k] # NoMessage => told[k] = slot[k]

Init ==
    /\ slot = [k \in VMIds |-> NoMessage]
    /\ told = [k \in VMIds |-> NoMessage]
    /\ vstate = [v \in SecondaryVCPUs |-> IF v[2] = 0 THEN "ready" ELSE "off"]

\* VM k executes: the primary always may; a secondary through a running vCPU.
Executes(k) == k = PRIMARY \/ \E v \in SecondaryVCPUs : v[1] = k /\ vstate[v] = "running"
Waiters(k) == {v \in SecondaryVCPUs : v[1] = k /\ vstate[v] = "waiting_message"}
Queued(k) == slot[k] # NoMessage /\ told[k] = NoMessage
SetV(v, st) == vstate' = [vstate EXCEPT ![v] = st]

\* VM f sends n bytes to VM k, whose slot is empty.  The primary is told at
\* once; a secondary with waiting vCPUs has the message handed to one of them,
\* which becomes ready; otherwise the message is queued for a receive.
Send(f, k, n) ==
    LET msg == [from |-> f, size |-> n] IN
    /\ f # k
    /\ Executes(f)
    /\ slot[k] = NoMessage
    /\ slot' = [slot EXCEPT ![k] = msg]
    /\ \/ /\ k = PRIMARY
          /\ told' = [told EXCEPT ![k] = msg]
          /\ UNCHANGED vstate
       \/ /\ k # PRIMARY /\ Waiters(k) = {}
          /\ UNCHANGED <<told, vstate>>
       \/ /\ k # PRIMARY
          /\ \E w \in Waiters(k) : SetV(w, "ready")
          /\ told' = [told EXCEPT ![k] = msg]

\* A running vCPU receives its VM's queued message.
Receive(v) ==
    /\ vstate[v] = "running"
    /\ Queued(v[1])
    /\ told' = [told EXCEPT ![v[1]] = slot[v[1]]]
    /\ UNCHANGED <<slot, vstate>>

\* VM k clears a message it was told.
Clear(k) ==
    /\ Executes(k)
    /\ told[k] # NoMessage
    /\ slot' = [slot EXCEPT ![k] = NoMessage]
    /\ told' = [told EXCEPT ![k] = NoMessage]
    /\ UNCHANGED vstate

\* The vCPU life cycle.
Start(v) == vstate[v] = "off" /\ Executes(v[1]) /\ SetV(v, "ready") /\ UNCHANGED <<slot, told>>
Run(v) == vstate[v] = "ready" /\ SetV(v, "running") /\ UNCHANGED <<slot, told>>
Preempt(v) == vstate[v] = "running" /\ SetV(v, "ready") /\ UNCHANGED <<slot, told>>
\* A receive waits only when no message is queued for its VM.
WaitMessage(v) ==
    vstate[v] = "running" /\ ~Queued(v[1]) /\ SetV(v, "waiting_message") /\ UNCHANGED <<slot, told>>
WaitInterrupt(v) == vstate[v] = "running" /\ SetV(v, "waiting_interrupt") /\ UNCHANGED <<slot, told>>
Interrupt(v) == vstate[v] = "waiting_interrupt" /\ SetV(v, "ready") /\ UNCHANGED <<slot, told>>

Next ==
    \/ \E f, k \in VMIds, n \in {s \in Sizes : s <= MaxSize} : Send(f, k, n)
    \/ \E k \in VMIds : Clear(k)
    \/ \E v \in SecondaryVCPUs :
          \/ Receive(v) \/ Start(v) \/ Run(v) \/ Preempt(v)
          \/ WaitMessage(v) \/ WaitInterrupt(v) \/ Interrupt(v)

Spec == Init /\ [][Next]_vars

=============================================================================
