package org.hfmailbox.refinement.tlc;

import org.hfmailbox.refinement.trace.SpecConstants;
import org.hfmailbox.refinement.trace.Vocabulary;
import tla2sany.semantic.FormalParamNode;
import tla2sany.semantic.OpDefNode;
import tlc2.tool.Action;
import tlc2.tool.StateVec;
import tlc2.tool.TLCState;
import tlc2.tool.impl.FastTool;
import tlc2.util.Context;
import tlc2.util.FP64;
import tlc2.value.IValue;
import tlc2.value.impl.Value;
import util.SimpleFilenameToStream;
import util.ToolIO;
import util.UniqueString;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The spec loaded once by TLC's own classes (SANY + {@link FastTool}) for one set of constants. Everything that
 * decides a step goes through TLC: {@link #allows} is {@code Tool.isValid(action, s, t)} on the named action's
 * body with its parameters bound, {@link #successors} is {@code Tool.getNextStates}.
 *
 * <p>TLC keeps static state (the variable layout of states, interned strings), so only one LoadedSpec is in use in
 * a JVM at a time: load, use, drop, then load the next.
 */
public final class LoadedSpec {
    private final SpecConstants constants;
    private final FastTool tool;
    private final Map<String, OpDefNode> defs;
    private final UniqueString[] variables;
    private final UniqueString step;
    private final List<TLCState> initStates;

    private LoadedSpec(SpecConstants constants, FastTool tool) {
        this.constants = constants;
        this.tool = tool;
        this.defs = new HashMap<>();
        for (OpDefNode d : tool.getRootModule().getOpDefs()) {
            defs.put(d.getName().toString(), d);
        }
        this.variables = Vocabulary.VARIABLES.stream().map(UniqueString::uniqueStringOf).toArray(UniqueString[]::new);
        this.step = UniqueString.uniqueStringOf(Vocabulary.STEP);
        StateVec inits = tool.getInitStates();
        List<TLCState> list = new ArrayList<>();
        for (int i = 0; i < inits.size(); i++) {
            list.add(inits.elementAt(i));
        }
        this.initStates = List.copyOf(list);
    }

    /** Parses the spec for {@code k} (model files generated under the source's work folder) and loads it. */
    public static LoadedSpec load(SpecSource src, SpecConstants k) throws SpecLoadException {
        if (FP64.getIrredPoly() == 0) {
            FP64.Init(0); // TLC's fingerprints, initialised as TLC's own main does (polynomial 0)
        }
        Path dir = ModelFiles.write(src, k);
        forgetEarlierSpecs();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = ToolIO.out;
        PrintStream err = ToolIO.err;
        ToolIO.out = new PrintStream(log, true, StandardCharsets.UTF_8);
        ToolIO.err = ToolIO.out;
        try {
            FastTool tool = new FastTool(dir.toString(), ModelFiles.MODEL_MODULE, ModelFiles.MODEL_MODULE,
                    new SimpleFilenameToStream(dir.toString()));
            return new LoadedSpec(k, tool);
        } catch (RuntimeException e) {
            String text = log.toString(StandardCharsets.UTF_8);
            int at = Math.max(text.indexOf("*** Errors"), text.indexOf("rror"));
            String why = at >= 0 ? text.substring(Math.max(0, at - 40)).trim() : "";
            throw new SpecLoadException("TLC could not load " + src.specDir().resolve(src.module() + ".tla")
                    + " for " + k + ": " + e.getMessage() + (why.isEmpty() ? "" : "\n" + why), e);
        } finally {
            ToolIO.out = out;
            ToolIO.err = err;
        }
    }

    /**
     * TLC keeps each name's variable or definition slot in the interned name itself ({@code UniqueString.loc}),
     * and a definition keeps its slot when the next spec is processed. A second spec with other definitions or
     * variables loaded in this JVM then gives two definitions one slot, and TLC evaluates the wrong one (diff-spec
     * deriving the current spec's walks after 082541c's failed with "Attempted to compare the function <<1, 0>>
     * with the value: TRUE"). Every slot is cleared before a spec is processed, as a fresh JVM would have them.
     */
    private static void forgetEarlierSpecs() {
        UniqueString.internTbl.toMap().values().forEach(name -> name.setLoc(-1));
        UniqueString.setVariableCount(0);
    }

    public SpecConstants constants() {
        return constants;
    }

    /** The spec's initial states (for these constants). */
    public List<TLCState> initStates() {
        return initStates;
    }

    /** A state with no variable bound. */
    public TLCState emptyState() {
        return TLCState.Empty.createEmpty();
    }

    public UniqueString variable(int i) {
        return variables[i];
    }

    /** The interned name of state variable {@code name}. */
    public UniqueString variable(String name) {
        return variables[Vocabulary.VARIABLES.indexOf(name)];
    }

    public UniqueString stepVariable() {
        return step;
    }

    public boolean hasOperator(String name) {
        return defs.containsKey(name);
    }

    public int arity(String name) {
        OpDefNode d = defs.get(name);
        return d == null ? -1 : d.getArity();
    }

    /** The value of a constant-level, zero-argument operator of the spec, or null when it is not defined. */
    public Value constantOperator(String name) {
        OpDefNode d = defs.get(name);
        if (d == null || d.getArity() != 0) {
            return null;
        }
        return (Value) tool.eval(d.getBody(), Context.Empty, TLCState.Empty);
    }

    /**
     * The step check of action {@code name} with {@code params} (the CPU, then the abstract arguments): Next
     * restricted to that action ({@link ModelFiles#stepOperator}), with the formal parameters bound. Returns null
     * when the spec has no such action of that arity.
     */
    public Action action(String name, List<Value> params) {
        OpDefNode d = defs.get(ModelFiles.stepOperator(name));
        if (d == null || d.getArity() != params.size()) {
            return null;
        }
        return new Action(d.getBody(), bind(d, params), d);
    }

    /**
     * The values Next quantifies abstract argument {@code arg} over (for the constants loaded), in TLC's order;
     * empty when the model module defines no such set.
     */
    public List<Value> argumentDomain(String arg) {
        Value set = constantOperator(ModelFiles.domainOperator(arg));
        List<Value> out = new ArrayList<>();
        if (set instanceof tlc2.value.impl.Enumerable en) {
            tlc2.value.impl.ValueEnumeration it = en.elements();
            for (Value v = it.nextElement(); v != null; v = it.nextElement()) {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * A fingerprint of a state's variables other than {@code step} (within this JVM: TLC's fingerprints depend on
     * its per-JVM string interning). Two states with equal keys have the same futures: {@code step} is only the
     * record of the step just taken.
     */
    public long stateKey(TLCState s) {
        long fp = FP64.New();
        for (UniqueString v : variables) {
            fp = ((Value) s.lookup(v)).fingerPrint(fp);
        }
        return fp;
    }

    /** TLC's fingerprint of a value (within this JVM). */
    public static long fingerprint(IValue v) {
        return ((Value) v).fingerPrint(FP64.New());
    }

    /** The spec's next-state relation as a whole. */
    public Action next() {
        return tool.getNextStateSpec();
    }

    /** TLC decides whether the action relates {@code s} to {@code t}. */
    public boolean allows(Action a, TLCState s, TLCState t) {
        return tool.isValid(a, s, t);
    }

    /** Every successor of {@code s} under the action, computed by TLC. */
    public List<TLCState> successors(Action a, TLCState s) {
        StateVec v = tool.getNextStates(a, s);
        List<TLCState> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            out.add(v.elementAt(i));
        }
        return out;
    }

    /**
     * For a rejection report: why the action does not relate {@code s} to {@code t} (the first FALSE conjunct TLC
     * finds, its location and the variables it reads). Empty variables when nothing can be said.
     */
    public Guard explainFalse(Action a, TLCState s, TLCState t) {
        GuardExplainer.Explanation e = new GuardExplainer(tool).explain(a.pred, a.con, s, t);
        return e == null ? new Guard(List.of(), "") : new Guard(e.variables(), e.location());
    }

    /** The conjunct of an action that TLC found FALSE: the variables it reads, and its location in the spec. */
    public record Guard(List<String> variables, String location) {
        public Guard {
            variables = List.copyOf(variables);
        }
    }

    /** Evaluates operator {@code name(args...)} on state {@code s} (a state-level expression). */
    public IValue evaluate(String name, List<Value> args, TLCState s) {
        OpDefNode d = defs.get(name);
        if (d == null || d.getArity() != args.size()) {
            throw new IllegalArgumentException("the spec has no operator " + name + " of arity " + args.size());
        }
        return tool.eval(d.getBody(), bind(d, args), s);
    }

    private static Context bind(OpDefNode d, List<Value> params) {
        Context ctx = Context.Empty;
        FormalParamNode[] formals = d.getParams();
        for (int i = 0; i < formals.length; i++) {
            ctx = ctx.cons(formals[i], params.get(i));
        }
        return ctx;
    }
}
