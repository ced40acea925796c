---------------------------- MODULE BenchCounter ----------------------------
(* A trivial spec with a large state space, the ceiling for ./mailbox bench check: four counters modulo N, one of *)
(* which steps at a time. Every one of the N^4 states is reachable; each has 4 successors. No invariant can fail. *)
EXTENDS Naturals

CONSTANT N

VARIABLES a, b, c, d

vars == <<a, b, c, d>>

Init == a = 0 /\ b = 0 /\ c = 0 /\ d = 0

Next == \/ a' = (a + 1) % N /\ UNCHANGED <<b, c, d>>
        \/ b' = (b + 1) % N /\ UNCHANGED <<a, c, d>>
        \/ c' = (c + 1) % N /\ UNCHANGED <<a, b, d>>
        \/ d' = (d + 1) % N /\ UNCHANGED <<a, b, c>>

Spec == Init /\ [][Next]_vars

TypeOK == {a, b, c, d} \subseteq 0..(N - 1)
=============================================================================
