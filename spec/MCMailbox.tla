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

=============================================================================
