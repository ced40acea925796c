package org.hfmailbox.refinement.tlc;

import tla2sany.semantic.ASTConstants;
import tla2sany.semantic.ExprOrOpArgNode;
import tla2sany.semantic.LetInNode;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.OpDefNode;
import tla2sany.semantic.SemanticNode;
import tla2sany.semantic.SymbolNode;
import tlc2.tool.EvalControl;
import tlc2.tool.ITool;
import tlc2.tool.TLCState;
import tlc2.util.Context;
import tlc2.value.IValue;
import tlc2.value.impl.BoolValue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Explains why an action does not relate two states, for rejection reports only: TLC evaluates the action's
 * conjuncts, IF conditions and operator bodies on the pair, descending into the first conjunct that is FALSE, down
 * to a conjunct that is not a conjunction, IF, LET or operator application. The report names that conjunct's
 * location and the state variables it reads (e.g. {@code regs_available} for a guard that waits for a register
 * save). It never decides a verdict.
 */
final class GuardExplainer {
    private static final int MAX_DEPTH = 40;

    private final ITool tool;

    GuardExplainer(ITool tool) {
        this.tool = tool;
    }

    /** The failing conjunct's variables and location, or null when TLC finds the action true (nothing to explain). */
    Explanation explain(SemanticNode body, Context ctx, TLCState s, TLCState t) {
        return explain(body, ctx, s, t, 0);
    }

    private Explanation explain(SemanticNode node, Context ctx, TLCState s, TLCState t, int depth) {
        if (depth > MAX_DEPTH || isTrue(node, ctx, s, t)) {
            return null;
        }
        if (node instanceof LetInNode let) {
            Explanation e = explain(let.getBody(), ctx, s, t, depth + 1);
            return e != null ? e : leaf(node);
        }
        if (node instanceof OpApplNode appl) {
            SymbolNode op = appl.getOperator();
            String name = op.getName().toString();
            ExprOrOpArgNode[] args = appl.getArgs();
            if (name.equals("$ConjList") || name.equals("\\land")) {
                for (ExprOrOpArgNode a : args) {
                    if (!isTrue(a, ctx, s, t)) {
                        Explanation e = explain(a, ctx, s, t, depth + 1);
                        return e != null ? e : leaf(a);
                    }
                }
                return leaf(node);
            }
            if (name.equals("$IfThenElse")) {
                Explanation e = explain(isTrue(args[0], ctx, s, t) ? args[1] : args[2], ctx, s, t, depth + 1);
                return e != null ? e : leaf(node);
            }
            if (op instanceof OpDefNode d && op.getKind() == ASTConstants.UserDefinedOpKind && d.getBody() != null
                    && !d.getName().toString().startsWith("$")) {
                try {
                    Context inner = tool.getOpContext(d, args, ctx, true);
                    Explanation e = explain(d.getBody(), inner, s, t, depth + 1);
                    if (e != null) {
                        return e;
                    }
                } catch (RuntimeException notExplainable) {
                    return leaf(node);
                }
            }
        }
        return leaf(node);
    }

    private boolean isTrue(SemanticNode node, Context ctx, TLCState s, TLCState t) {
        try {
            IValue v = tool.eval(node, ctx, s, t, EvalControl.Clear);
            return v instanceof BoolValue b && b.val;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Explanation leaf(SemanticNode node) {
        Set<String> vars = new LinkedHashSet<>();
        collectVariables(node, vars, 0);
        return new Explanation(new ArrayList<>(vars), String.valueOf(node.getLocation()));
    }

    private static void collectVariables(SemanticNode node, Set<String> vars, int depth) {
        if (node == null || depth > 12) {
            return;
        }
        if (node instanceof OpApplNode appl) {
            SymbolNode op = appl.getOperator();
            if (op.getKind() == ASTConstants.VariableDeclKind) {
                vars.add(op.getName().toString());
            } else if (op instanceof OpDefNode d && op.getKind() == ASTConstants.UserDefinedOpKind
                    && d.getBody() != null) {
                collectVariables(d.getBody(), vars, depth + 1);
            }
        }
        SemanticNode[] children = node.getChildren();
        if (children != null) {
            for (SemanticNode c : children) {
                collectVariables(c, vars, depth + 1);
            }
        }
    }

    /** The failing conjunct: the state variables it reads and where it is in the spec. */
    record Explanation(List<String> variables, String location) {
    }
}
