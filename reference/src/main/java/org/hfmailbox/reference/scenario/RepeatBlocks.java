package org.hfmailbox.reference.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands {@code repeat N [as NAME] { ... }} blocks of a scenario into the lines they stand for. Inside a block,
 * {@code {EXPR}} in a line is replaced by the value of EXPR ({@link NumberExpression} over the indices of the
 * enclosing blocks, 0-based; {@code {EXPR:0W}} pads it with zeros to W digits), and the indices may be used by
 * name in the line's numbers ({@code page(1,i)}, {@code i*16+1}).
 */
final class RepeatBlocks {
    /** At most this many lines after expansion: a typo in a count should not hang the tool. */
    static final int MAX_LINES = 1_000_000;

    /** One line to read: its line number in the file, its text, and the repeat indices it was expanded under. */
    record Line(int number, String text, Map<String, Long> names) {
        Line {
            names = Collections.unmodifiableMap(new LinkedHashMap<>(names));
        }

        /** {@code i=3, j=0} inside repeat blocks, else empty. */
        String where() {
            List<String> parts = new ArrayList<>();
            names.forEach((k, v) -> parts.add(k + "=" + v));
            return String.join(", ", parts);
        }
    }

    private sealed interface Node permits Leaf, Block {
    }

    private record Leaf(int number, String text) implements Node {
    }

    private record Block(int number, Token count, String name, int nameColumn, List<Node> body) implements Node {
    }

    private final String file;
    private int produced;

    private RepeatBlocks(String file) {
        this.file = file;
    }

    /** The lines of {@code lines} with every repeat block expanded; blank and comment-only lines are dropped. */
    static List<Line> expand(String file, String[] lines) throws ScenarioException {
        RepeatBlocks r = new RepeatBlocks(file);
        List<Line> out = new ArrayList<>();
        r.expand(r.tree(lines), new LinkedHashMap<>(), out);
        return out;
    }

    private List<Node> tree(String[] lines) throws ScenarioException {
        List<Node> top = new ArrayList<>();
        List<List<Node>> open = new ArrayList<>();
        List<Block> openBlocks = new ArrayList<>();
        open.add(top);
        for (int ln = 1; ln <= lines.length; ln++) {
            List<Token> t = Token.split(lines[ln - 1]);
            if (t.isEmpty()) {
                continue;
            }
            List<Node> into = open.get(open.size() - 1);
            if (t.get(0).text().equals("repeat")) {
                Block b = block(ln, t, openBlocks);
                into.add(b);
                open.add(b.body());
                openBlocks.add(b);
            } else if (t.get(0).text().equals("}")) {
                if (t.size() > 1) {
                    throw new ScenarioException(file, ln, t.get(1).column(), "nothing may follow '}' on its line");
                }
                if (openBlocks.isEmpty()) {
                    throw new ScenarioException(file, ln, t.get(0).column(), "'}' without a 'repeat N {' to close");
                }
                open.remove(open.size() - 1);
                openBlocks.remove(openBlocks.size() - 1);
            } else {
                into.add(new Leaf(ln, lines[ln - 1]));
            }
        }
        if (!openBlocks.isEmpty()) {
            Block b = openBlocks.get(openBlocks.size() - 1);
            throw new ScenarioException(file, b.number(), 1, "'repeat' block opened here is never closed with '}'");
        }
        return top;
    }

    private Block block(int ln, List<Token> t, List<Block> enclosing) throws ScenarioException {
        boolean named = t.size() == 5 && t.get(2).text().equals("as");
        if (!(t.size() == 3 || named) || !t.get(t.size() - 1).text().equals("{")) {
            throw new ScenarioException(file, ln, t.get(0).column(),
                    "expected 'repeat N {' or 'repeat N as NAME {' (the '{' ends the line, '}' closes on its own line)");
        }
        String name = named ? t.get(3).text() : "i";
        int column = named ? t.get(3).column() : t.get(0).column();
        if (!name.matches("[a-z][a-z0-9_]*") || name.equals("page")) {
            throw new ScenarioException(file, ln, column, "a repeat index is a lower-case name other than 'page', got '"
                    + name + "'");
        }
        for (Block b : enclosing) {
            if (b.name().equals(name)) {
                throw new ScenarioException(file, ln, column, "the enclosing repeat at line " + b.number()
                        + " already names its index '" + name + "': write 'repeat N as OTHER {'");
            }
        }
        return new Block(ln, t.get(1), name, column, new ArrayList<>());
    }

    private void expand(List<Node> nodes, Map<String, Long> names, List<Line> out) throws ScenarioException {
        for (Node n : nodes) {
            if (n instanceof Leaf leaf) {
                String text = names.isEmpty() ? leaf.text() : substitute(leaf, names);
                if (++produced > MAX_LINES) {
                    throw new ScenarioException(file, leaf.number(), 1, "repeat blocks expand to more than "
                            + MAX_LINES + " lines");
                }
                out.add(new Line(leaf.number(), text, names));
            } else {
                Block b = (Block) n;
                long count;
                try {
                    count = NumberExpression.eval(b.count().text(), names, null);
                } catch (NumberExpression.Error e) {
                    throw new ScenarioException(file, b.number(), b.count().column() + e.offset(),
                            "repeat count '" + b.count().text() + "': " + e.getMessage());
                }
                if (count < 0 || count > MAX_LINES) {
                    throw new ScenarioException(file, b.number(), b.count().column(), "repeat count must be 0.."
                            + MAX_LINES + ", got " + count);
                }
                for (long k = 0; k < count; k++) {
                    Map<String, Long> inner = new LinkedHashMap<>(names);
                    inner.put(b.name(), k);
                    expand(b.body(), inner, out);
                }
            }
        }
    }

    /** The line with each {@code {EXPR}} or {@code {EXPR:0W}} replaced by its value. */
    private String substitute(Leaf leaf, Map<String, Long> names) throws ScenarioException {
        String s = leaf.text();
        int hash = Token.commentStart(s);
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '{' || (hash >= 0 && i >= hash)) {
                b.append(c);
                i++;
                continue;
            }
            int close = s.indexOf('}', i);
            if (close < 0) {
                throw new ScenarioException(file, leaf.number(), i + 1, "'{' without '}': inside a repeat block,"
                        + " {EXPR} stands for a number (write literal braces with hex=)");
            }
            String inside = s.substring(i + 1, close);
            int width = 0;
            int colon = inside.indexOf(':');
            if (colon >= 0) {
                String w = inside.substring(colon + 1);
                if (!w.matches("0?[1-9][0-9]?")) {
                    throw new ScenarioException(file, leaf.number(), i + 2 + colon, "{EXPR:0W} pads to W digits"
                            + " (1..99), got ':" + w + "'");
                }
                width = Integer.parseInt(w);
                inside = inside.substring(0, colon);
            }
            long v;
            try {
                v = NumberExpression.eval(inside, names, null);
            } catch (NumberExpression.Error e) {
                throw new ScenarioException(file, leaf.number(), i + 2 + e.offset(), "{" + inside + "}: "
                        + e.getMessage());
            }
            String digits = Long.toString(v);
            b.append(width > digits.length() ? "0".repeat(width - digits.length()) + digits : digits);
            i = close + 1;
        }
        return b.toString();
    }
}
