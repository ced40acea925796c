package org.hfmailbox.review.spec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hfmailbox.review.InputError;
import tla2sany.drivers.FrontEndException;
import tla2sany.drivers.SANY;
import tla2sany.modanalyzer.SpecObj;
import tla2sany.semantic.ModuleNode;
import tla2sany.semantic.OpDeclNode;
import tla2sany.semantic.OpDefNode;
import tla2sany.st.Location;
import util.SimpleFilenameToStream;
import util.ToolIO;

/**
 * The declarations of one TLA+ module as SANY (tla2sany) sees them: its variables, its constants, and the
 * operators it defines itself, each with its level (0 constant, 1 state, 2 action, 3 temporal) and its source
 * text (whitespace-normalised, comments kept) so that changed definitions can be found.
 *
 * @param module      the module's name
 * @param variables   declared variables, in order
 * @param constants   declared constants, in order
 * @param definitions the module's own operator definitions by name, in order
 */
public record SpecOutline(String module, List<String> variables, List<String> constants,
        Map<String, Definition> definitions) {

    public SpecOutline {
        variables = List.copyOf(variables);
        constants = List.copyOf(constants);
        definitions = Collections.unmodifiableMap(new LinkedHashMap<>(definitions));
    }

    /** An operator definition: its level and normalised source text. */
    public record Definition(String name, int level, String text) {
        public boolean isAction() {
            return level == 2;
        }
    }

    /** The action-level definitions (level 2), by name. */
    public List<String> actions() {
        return definitions.values().stream().filter(Definition::isAction).map(Definition::name).toList();
    }

    /**
     * Parses {@code dir/module.tla} with SANY. A parse or semantic error is an {@link InputError} naming the file and
     * SANY's message.
     */
    public static SpecOutline read(Path dir, String module) throws IOException {
        Path file = dir.resolve(module + ".tla");
        ModuleNode root = parse(dir, module);
        List<String> source = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> vars = new ArrayList<>();
        for (OpDeclNode v : root.getVariableDecls()) {
            vars.add(v.getName().toString());
        }
        List<String> consts = new ArrayList<>();
        for (OpDeclNode c : root.getConstantDecls()) {
            consts.add(c.getName().toString());
        }
        Map<String, Definition> defs = new LinkedHashMap<>();
        for (OpDefNode d : root.getOpDefs()) {
            Location loc = d.getLocation();
            if (loc == null || !module.equals(loc.source())) {
                continue;
            }
            String name = d.getName().toString();
            defs.put(name, new Definition(name, d.getLevel(), text(source, loc)));
        }
        return new SpecOutline(root.getName().toString(), vars, consts, defs);
    }

    /** SANY's semantic tree of {@code dir/module.tla}; an {@link InputError} when SANY rejects it. */
    static ModuleNode parse(Path dir, String module) throws IOException {
        Path file = dir.resolve(module + ".tla");
        if (!Files.isRegularFile(file)) {
            throw new InputError(file + ": not found");
        }
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        SpecObj spec = new SpecObj(file.toAbsolutePath().toString(),
                new SimpleFilenameToStream(dir.toAbsolutePath().toString()));
        PrintStream savedOut = ToolIO.out;
        try (PrintStream ps = new PrintStream(messages, true, StandardCharsets.UTF_8)) {
            ToolIO.out = ps; // SANY reports "Parsing file ..." there
            int status = SANY.frontEndMain(spec, file.toAbsolutePath().toString(), ps);
            if (status != 0 || spec.getErrorLevel() > 0 || spec.getExternalModuleTable() == null
                    || spec.getExternalModuleTable().getRootModule() == null) {
                throw new InputError(file + ": SANY cannot parse the module: " + lastLines(messages));
            }
        } catch (FrontEndException e) {
            throw new InputError(file + ": SANY cannot parse the module: " + e.getMessage() + " " + lastLines(messages));
        } finally {
            ToolIO.out = savedOut;
        }
        return spec.getExternalModuleTable().getRootModule();
    }

    private static String text(List<String> lines, Location loc) {
        StringBuilder b = new StringBuilder();
        for (int l = loc.beginLine(); l <= loc.endLine() && l <= lines.size(); l++) {
            String line = lines.get(l - 1);
            if (l == loc.endLine()) {
                line = line.substring(0, Math.min(line.length(), loc.endColumn()));
            }
            if (l == loc.beginLine()) {
                line = line.substring(Math.min(line.length(), Math.max(0, loc.beginColumn() - 1)));
            }
            b.append(line).append('\n');
        }
        return b.toString().replaceAll("\\s+", " ").strip();
    }

    private static String lastLines(ByteArrayOutputStream out) {
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        StringBuilder b = new StringBuilder();
        for (int i = Math.max(0, lines.length - 8); i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                b.append(lines[i].strip()).append(' ');
            }
        }
        return b.toString().strip();
    }
}
