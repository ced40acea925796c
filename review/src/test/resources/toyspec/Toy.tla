-------------------------------- MODULE Toy --------------------------------
(* A toy stand-in for spec/Mailbox.tla, for the CLI's own tests: two CPUs push their ids onto a stack and a     *)
(* reset empties it. The ghost variable step describes each step as docs/vocabulary.md does; VIEW excludes it. *)
EXTENDS Naturals, Sequences

CONSTANT N

VARIABLES count, stack, mode, step

vars == <<count, stack, mode, step>>

None == [kind |-> "none"]

Init == /\ count = 0
        /\ stack = <<>>
        /\ mode = [c \in 0..1 |-> "off"]
        /\ step = [cpu |-> 0, actor |-> [cpu |-> 0], action |-> "init", args |-> <<>>, ret |-> None]

Push(c) == /\ count < N
           /\ count' = count + 1
           /\ stack' = <<c>> \o stack
           /\ mode' = [mode EXCEPT ![c] = "on"]
           /\ step' = [cpu |-> c, actor |-> [vm |-> 1, vcpu |-> c], action |-> "push",
                       args |-> [value |-> c], ret |-> [kind |-> "int", value |-> count + 1]]

Reset(c) == /\ count = N
            /\ count' = 0
            /\ stack' = <<>>
            /\ UNCHANGED mode
            /\ step' = [cpu |-> c, actor |-> [cpu |-> c], action |-> "reset", args |-> <<>>, ret |-> None]

Next == \E c \in 0..1 : Push(c) \/ Reset(c)

Spec == Init /\ [][Next]_vars /\ WF_vars(Next)

View == <<count, stack, mode>>

TypeOK == /\ count \in 0..N
          /\ Len(stack) = count
          /\ mode \in [0..1 -> {"off", "on"}]

BelowTwo == count < 2

ReachesFull == []<>(count = N)

NeverFullTwice == <>[](count # N)
=============================================================================
