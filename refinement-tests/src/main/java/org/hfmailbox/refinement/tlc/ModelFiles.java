package org.hfmailbox.refinement.tlc;

import org.hfmailbox.refinement.trace.SpecConstants;
import org.hfmailbox.refinement.trace.Vocabulary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes the model module and configuration that give the spec's constants their values for one trace header:
 * {@code <workDir>/<key>/MC.tla} (EXTENDS the spec module) and {@code MC.cfg}, next to copies of the spec's modules.
 * {@code Sizes} is {@code 0..4097} for trace validation (docs/vocabulary.md).
 */
public final class ModelFiles {
    public static final String MODEL_MODULE = "MC";

    private ModelFiles() {
    }

    /** Creates the folder and files; returns the folder. */
    public static Path write(SpecSource src, SpecConstants k) {
        Path dir = src.workDir().resolve(k.key());
        try {
            Files.createDirectories(dir);
            StringBuilder text = new StringBuilder();
            try (Stream<Path> files = Files.list(src.specDir())) {
                for (Path f : files.filter(p -> p.toString().endsWith(".tla")).toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    text.append(Files.readString(f)).append('\n');
                }
            }
            Files.writeString(dir.resolve(MODEL_MODULE + ".tla"), module(src.module(), k, definedActions(text)));
            Files.writeString(dir.resolve(MODEL_MODULE + ".cfg"), config());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model files under " + dir, e);
        }
        return dir;
    }

    /** The model module's name for the step check of an action: Next restricted to that action. */
    public static String stepOperator(String action) {
        return "mc_" + action;
    }

    /**
     * The vocabulary's actions that the spec's text defines ({@code name(...) ==} at the start of a line): an older
     * revision of the spec lacks later actions (interrupt_inject), and its model module must still load; a trace
     * step naming an action the spec lacks then finds no step check ({@link LoadedSpec#action} returns null).
     */
    static List<String> definedActions(CharSequence specText) {
        return Vocabulary.ACTIONS.stream()
                .filter(a -> Pattern.compile("(?m)^" + Pattern.quote(a) + "\\s*\\(").matcher(specText).find())
                .toList();
    }

    /**
     * For every action of {@code actions}, {@code mc_<action>(c, args...)}: Next restricted to the named action, i.e. the CPU and
     * the arguments must lie in the sets Next quantifies over (as in spec/TraceMailbox.tla) and the action must
     * hold.
     */
    static String stepOperators(List<String> actions) {
        StringBuilder b = new StringBuilder();
        for (String action : actions) {
            List<String> args = Vocabulary.argsOf(action);
            String params = String.join("", args.stream().map(a -> ", " + a).toList());
            b.append(stepOperator(action)).append("(c").append(params).append(") ==\n    c \\in CPUs");
            for (String a : args) {
                b.append(" /\\ ").append(a).append(" \\in ").append(DOMAINS.get(a));
            }
            b.append(" /\\ ").append(action).append("(c").append(params).append(")\n");
        }
        return b.toString();
    }

    /** The model module's name for the set Next quantifies argument {@code arg} over (a constant operator). */
    public static String domainOperator(String arg) {
        return "mc_domain_" + arg;
    }

    /** For every abstract argument, {@code mc_domain_<arg> == <the set Next quantifies it over>}. */
    static String domainOperators() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> d : new java.util.TreeMap<>(DOMAINS).entrySet()) {
            b.append(domainOperator(d.getKey())).append(" == ").append(d.getValue()).append('\n');
        }
        return b.toString();
    }

    /** The sets Next quantifies each abstract argument over (names of spec/Mailbox.tla). */
    private static final Map<String, String> DOMAINS = Map.of(
            "vm_id", "VmIdArgs",
            "vcpu_idx", "VcpuIdxArgs",
            "pages", "PageArgs",
            "size", "Sizes",
            "block", "BOOLEAN",
            "target_cpu", "CpuArgs",
            "level", "0..1",
            "target", "TargetArgs");

    static String module(String specModule, SpecConstants k, List<String> actions) {
        String counts = k.vcpuCount().subList(1, k.vcpuCount().size()).stream()
                .map(String::valueOf).collect(Collectors.joining(", "));
        String corrections = k.corrections().stream().map(c -> "\"" + c + "\"")
                .collect(Collectors.joining(", "));
        return "---- MODULE " + MODEL_MODULE + " ----\n"
                + "\\* generated by refinement-tests for one set of trace-header constants; do not edit\n"
                + "EXTENDS " + specModule + ", TLC\n"
                + "mc_NumCPUs == " + k.cpus() + "\n"
                + "mc_SecondaryVCPUCount == <<" + counts + ">>\n"
                + "mc_Sizes == 0 .. 4097\n"
                + "mc_Corrections == {" + corrections + "}\n"
                + stepOperators(actions)
                + domainOperators()
                + "====\n";
    }

    static String config() {
        return "CONSTANTS\n"
                + "  NumCPUs <- mc_NumCPUs\n"
                + "  SecondaryVCPUCount <- mc_SecondaryVCPUCount\n"
                + "  Sizes <- mc_Sizes\n"
                + "  Corrections <- mc_Corrections\n"
                + "INIT Init\n"
                + "NEXT Next\n";
    }
}
