package org.hfmailbox.review.spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hfmailbox.review.InputError;
import tla2sany.semantic.ExprOrOpArgNode;
import tla2sany.semantic.ModuleNode;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.OpDefNode;

/**
 * Tells safety properties from temporal ones, from SANY's semantic tree: a property is safety when it is a state
 * predicate, {@code []P} with P of state or action level (which covers {@code [][A]_v}), a conjunction or a
 * bounded {@code \A} of safety properties, or a name defined as one. Everything else (leads-to, {@code <>}, fairness
 * implications) is temporal: distributed TLC in this jar does not check those.
 */
public final class PropertyKinds {
    private PropertyKinds() {
    }

    /** The properties among {@code names} that are temporal (not safety), in order. */
    public static List<String> temporal(Path specDir, String module, List<String> names) throws IOException {
        ModuleNode root = SpecOutline.parse(specDir, module);
        List<String> out = new ArrayList<>();
        for (String name : names) {
            OpDefNode def = root.getOpDef(name);
            if (def == null) {
                throw new InputError(specDir.resolve(module + ".tla") + ": property " + name + " is not defined");
            }
            if (!isSafety(def.getBody(), 0)) {
                out.add(name);
            }
        }
        return out;
    }

    private static boolean isSafety(ExprOrOpArgNode e, int depth) {
        if (depth > 50) {
            return false;
        }
        if (e != null && e.getLevel() <= 1) {
            return true;
        }
        if (!(e instanceof OpApplNode a)) {
            return false;
        }
        String op = a.getOperator().getName().toString();
        ExprOrOpArgNode[] args = a.getArgs();
        switch (op) {
            case "[]":
                return args.length == 1 && args[0] != null && args[0].getLevel() <= 2;
            case "$ConjList":
            case "\\land":
                for (ExprOrOpArgNode arg : args) {
                    if (!isSafety(arg, depth + 1)) {
                        return false;
                    }
                }
                return true;
            case "$BoundedForall":
                return args.length == 1 && isSafety(args[0], depth + 1);
            default:
                if (a.getOperator() instanceof OpDefNode d && d.getArity() == 0 && d.getBody() != null) {
                    return isSafety(d.getBody(), depth + 1);
                }
                return false;
        }
    }
}
