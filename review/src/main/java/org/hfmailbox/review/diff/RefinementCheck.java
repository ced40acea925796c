package org.hfmailbox.review.diff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hfmailbox.review.InputError;
import org.hfmailbox.review.Trees;
import org.hfmailbox.review.spec.CfgText;
import org.hfmailbox.review.spec.SpecOutline;
import org.hfmailbox.review.tlc.ForkedTlc;
import org.hfmailbox.review.tlc.TlcReport;
import org.hfmailbox.review.tlc.TlcRequest;
import org.hfmailbox.review.tlc.TlcRunner;

/**
 * Decides with TLC whether one revision of the spec refines another under the identity mapping of their shared
 * variables: a generated module {@code Refines} EXTENDS the implementation's model module and INSTANCEs the
 * abstract revision's model module (renamed {@code Abs_*} so that both can live in one folder) with every variable
 * substituted by the implementation's variable of the same name (or by a documented expression, {@code mapping}),
 * and with the constants the abstract revision's own cfg gives them. TLC then checks {@code AbsSpec} as a PROPERTY
 * of the implementation's model, with one worker so that the first behaviour that breaks refinement is a shortest
 * one; its last step is the first step the abstract revision does not allow.
 */
public final class RefinementCheck {
    /** The prefix of the abstract revision's renamed modules. */
    public static final String PREFIX = "Abs_";
    private static final Pattern CONSTANT_LINE = Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(=|<-)\\s*(.+?)\\s*$");

    /** The result: TLC's report and the run's time; {@code refines} when TLC explored everything without violation. */
    public record Result(String implementation, String abstraction, String configuration, TlcReport report,
            Duration wallTime) {
        public boolean refines() {
            return report.exitStatus() == 0;
        }

        public boolean brokenAtStep() {
            // TLC reports a violated action property with the liveness exit status (13)
            return (report.exitStatus() == 12 || report.exitStatus() == 13) && !report.trace().isEmpty()
                    && report.loopBackTo().isEmpty() && !report.stuttering();
        }
    }

    private RefinementCheck() {
    }

    /**
     * The abstract revision's variables that neither the implementation has nor {@code mapping} defines: refinement
     * cannot be stated without an expression for each (a new ghost, for instance, has none in an older revision).
     */
    public static List<String> unmapped(Path implDir, Path absDir, String module, Map<String, String> mapping)
            throws IOException {
        SpecOutline impl = SpecOutline.read(implDir, module);
        List<String> out = new ArrayList<>();
        for (String v : SpecOutline.read(absDir, module).variables()) {
            if (!mapping.containsKey(v) && !impl.variables().contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * @param implDir   the implementation revision's spec folder (its model generates the behaviours)
     * @param absDir    the abstract revision's spec folder
     * @param module    the model module in both (MCMailbox)
     * @param cfgName   the configuration's cfg file name, read from both folders
     * @param mapping   expressions for variables of the abstract revision the implementation lacks
     * @param workDir   an empty folder for the generated modules and TLC's output
     */
    public static Result run(String implName, Path implDir, String absName, Path absDir, String module, String cfgName,
            Map<String, String> mapping, Path workDir) throws IOException {
        Trees.deleteRecursively(workDir);
        Files.createDirectories(workDir);
        copyTla(implDir, workDir, "");
        List<String> absModules = moduleNames(absDir);
        copyTla(absDir, workDir, PREFIX, absModules);
        SpecOutline impl = SpecOutline.read(implDir, module);
        SpecOutline abs = SpecOutline.read(absDir, module);
        List<String> substitutions = new ArrayList<>();
        for (String v : abs.variables()) {
            if (mapping.containsKey(v)) {
                substitutions.add(v + " <- " + mapping.get(v));
            } else if (impl.variables().contains(v)) {
                substitutions.add(v + " <- " + v);
            } else {
                throw new InputError(absName + ": variable " + v + " has no counterpart in " + implName
                        + "; give one with --map " + v + "=EXPRESSION (an expression over " + implName + "'s variables)");
            }
        }
        for (String c : abs.constants()) {
            if (!impl.constants().contains(c)) {
                throw new InputError(absName + ": constant " + c + " is not a constant of " + implName
                        + " (refinement is decided only between revisions with the same constants)");
            }
        }
        Path implCfg = implDir.resolve(cfgName);
        Path absCfg = absDir.resolve(cfgName);
        for (Path p : List.of(implCfg, absCfg)) {
            if (!Files.isRegularFile(p)) {
                throw new InputError(p + ": not found (configuration " + cfgName + ")");
            }
        }
        Map<String, String> absConstants = constants(Files.readString(absCfg, StandardCharsets.UTF_8), absCfg);
        List<String> constantSubs = new ArrayList<>();
        for (String c : abs.constants()) {
            String value = absConstants.get(c);
            if (value == null) {
                throw new InputError(absCfg + ": field CONSTANTS: no value for " + c);
            }
            constantSubs.add(c + " <- " + value);
        }
        String vars = String.join(",\n        ", substitutions);
        String text = "---- MODULE Refines ----\n"
                + "\\* generated by ./mailbox diff-spec: does " + implName + " refine " + absName + "?\n"
                + "EXTENDS " + module + "\n"
                + "AbsDefs == INSTANCE " + PREFIX + module + " WITH\n        " + vars + "\n"
                + "Abs == INSTANCE " + PREFIX + module + " WITH\n        "
                + String.join(",\n        ", constantSubs) + (substitutions.isEmpty() ? "" : ",\n        " + vars) + "\n"
                + "AbsSpec == Abs!Spec\n"
                + "====\n";
        Files.writeString(workDir.resolve("Refines.tla"), text, StandardCharsets.UTF_8);
        String cfg = "\\* generated by ./mailbox diff-spec from " + implName + "'s " + cfgName + "\n"
                + CfgText.checkingProperty(Files.readString(implCfg, StandardCharsets.UTF_8), "AbsSpec")
                + "CHECK_DEADLOCK FALSE\n";
        Files.writeString(workDir.resolve("refines.cfg"), cfg, StandardCharsets.UTF_8);
        TlcRequest request = new TlcRequest(workDir, "Refines", workDir.resolve("refines.cfg"), 1,
                workDir.resolve("meta"), workDir.resolve("refines.out"));
        TlcRunner.Result r = new ForkedTlc(Duration.ofSeconds(30), s -> { }).run(request);
        Trees.deleteRecursively(workDir.resolve("meta"));
        TlcReport report = r.report();
        if (report.exitStatus() == 150 || report.exitStatus() == 151) {
            throw new InputError(workDir.resolve("Refines.tla") + ": TLC cannot parse the generated refinement module"
                    + " (exit " + report.exitStatus() + "): " + String.join(" ", report.errors()).replace('\n', ' '));
        }
        return new Result(implName, absName, cfgName, report, r.wallTime());
    }

    /**
     * The constants of a cfg's CONSTANT(S) section as INSTANCE substitutions: {@code N = 2} gives {@code 2},
     * {@code S <- Def} gives {@code AbsDefs!Def} (the definition of the abstract revision's model module).
     */
    static Map<String, String> constants(String cfg, Path file) {
        Map<String, String> out = new LinkedHashMap<>();
        boolean inConstants = false;
        int lineNo = 0;
        for (String raw : cfg.split("\n", -1)) {
            lineNo++;
            String line = raw.replaceAll("\\\\\\*.*$", "");
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            String first = t.split("\\s+")[0];
            if (first.equals("CONSTANT") || first.equals("CONSTANTS")) {
                inConstants = true;
                t = t.substring(first.length()).strip();
                if (t.isEmpty()) {
                    continue;
                }
            } else if (first.equals(first.toUpperCase()) && first.chars().allMatch(ch -> Character.isLetter(ch)
                    || ch == '_') && first.length() > 3) {
                inConstants = false;
            }
            if (!inConstants) {
                continue;
            }
            Matcher m = CONSTANT_LINE.matcher(t);
            if (!m.matches()) {
                throw new InputError(file + ":" + lineNo + ": field CONSTANTS: cannot read '" + t + "'");
            }
            out.put(m.group(1), m.group(2).equals("=") ? m.group(3) : "AbsDefs!" + m.group(3));
        }
        return out;
    }

    private static List<String> moduleNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tla"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        }
    }

    private static void copyTla(Path from, Path to, String prefix) throws IOException {
        copyTla(from, to, prefix, List.of());
    }

    /** Copies every .tla (renaming the modules in {@code rename} with the prefix, in headers, EXTENDS and INSTANCE). */
    private static void copyTla(Path from, Path to, String prefix, List<String> rename) throws IOException {
        for (String name : moduleNames(from)) {
            String text = Files.readString(from.resolve(name + ".tla"), StandardCharsets.UTF_8);
            if (!prefix.isEmpty()) {
                StringBuilder b = new StringBuilder();
                for (String line : text.split("\n", -1)) {
                    String s = line;
                    if (s.contains("MODULE") || s.strip().startsWith("EXTENDS") || s.contains("INSTANCE")) {
                        for (String m : rename) {
                            s = s.replaceAll("\\b" + Pattern.quote(m) + "\\b", prefix + m);
                        }
                    }
                    b.append(s).append('\n');
                }
                text = b.substring(0, b.length() - 1);
            }
            Files.writeString(to.resolve(prefix + name + ".tla"), text, StandardCharsets.UTF_8);
        }
    }
}
