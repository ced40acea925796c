package org.hfmailbox.refinement.tlc;

import tlc2.value.IValue;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;

/**
 * Prints TLC values in TLA+ syntax for rejection reports. (This TLC build's own toString fails on functions whose
 * domain is an interval, which is how both the spec and the validator build per-VM and per-CPU values.)
 */
public final class TlaPrinter {
    private TlaPrinter() {
    }

    public static String print(IValue v) {
        StringBuilder b = new StringBuilder();
        print(v, b);
        return b.toString();
    }

    private static void print(IValue v, StringBuilder b) {
        if (v == null) {
            b.append("(unbound)");
        } else if (v instanceof RecordValue r) {
            b.append('[');
            for (int i = 0; i < r.names.length; i++) {
                b.append(i == 0 ? "" : ", ").append(r.names[i]).append(" |-> ");
                print(r.values[i], b);
            }
            b.append(']');
        } else if (v instanceof TupleValue t) {
            b.append("<<");
            IValue[] el = t.getElems();
            for (int i = 0; i < el.length; i++) {
                b.append(i == 0 ? "" : ", ");
                print(el[i], b);
            }
            b.append(">>");
        } else if (v instanceof FcnRcdValue f) {
            Value[] dom = f.getDomainAsValues();
            b.append('(');
            for (int i = 0; i < dom.length; i++) {
                b.append(i == 0 ? "" : " @@ ");
                print(dom[i], b);
                b.append(" :> ");
                print(f.values[i], b);
            }
            b.append(')');
        } else {
            b.append(v);
        }
    }
}
