package org.hfmailbox.review.tlc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TLC's {@code -tool} output split into its messages (in the order they end) and the plain lines printed outside any
 * message (SANY's parse reports).
 */
public record ToolOutput(List<ToolMessage> messages, List<String> plainLines) {
    private static final Pattern START = Pattern.compile("@!@!@STARTMSG (\\d+):(\\d+) @!@!@");
    private static final Pattern END = Pattern.compile("@!@!@ENDMSG (\\d+) @!@!@");

    public ToolOutput {
        messages = List.copyOf(messages);
        plainLines = List.copyOf(plainLines);
    }

    private static final class Open {
        final int code;
        final int severity;
        final StringBuilder body = new StringBuilder();

        Open(int code, int severity) {
            this.code = code;
            this.severity = severity;
        }

        void add(String text) {
            if (body.length() > 0) {
                body.append('\n');
            }
            body.append(text);
        }
    }

    /** Splits the output; tolerant of messages nested in other messages' text. */
    public static ToolOutput parse(List<String> lines) {
        List<ToolMessage> messages = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        Deque<Open> open = new ArrayDeque<>();
        for (String line : lines) {
            Matcher start = START.matcher(line);
            Matcher end = END.matcher(line);
            if (start.find()) {
                String before = line.substring(0, start.start());
                if (!before.isBlank()) {
                    addText(open, plain, before);
                }
                open.push(new Open(Integer.parseInt(start.group(1)), Integer.parseInt(start.group(2))));
            } else if (end.find()) {
                if (open.isEmpty()) {
                    continue;
                }
                Open done = open.pop();
                String body = done.body.toString();
                messages.add(new ToolMessage(done.code, done.severity, body));
                if (!open.isEmpty()) {
                    open.peek().add(body);
                }
            } else {
                addText(open, plain, line);
            }
        }
        while (!open.isEmpty()) {
            Open done = open.pop();
            messages.add(new ToolMessage(done.code, done.severity, done.body.toString()));
        }
        return new ToolOutput(messages, plain);
    }

    private static void addText(Deque<Open> open, List<String> plain, String text) {
        if (open.isEmpty()) {
            plain.add(text);
        } else {
            open.peek().add(text);
        }
    }

    public List<ToolMessage> withCode(int code) {
        return messages.stream().filter(m -> m.code() == code).toList();
    }
}
