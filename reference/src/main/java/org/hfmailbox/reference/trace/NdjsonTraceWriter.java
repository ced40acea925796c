package org.hfmailbox.reference.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Streams a trace as NDJSON (one header line, then one line per event) to a file or stream. */
public final class NdjsonTraceWriter implements TraceSink, AutoCloseable {
    private final JsonGenerator g;

    public NdjsonTraceWriter(OutputStream out) {
        try {
            JsonFactory f = new JsonFactory();
            g = f.createGenerator(new BufferedOutputStream(out, 1 << 16));
            g.setRootValueSeparator(new SerializedString("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static NdjsonTraceWriter toFile(Path path) throws IOException {
        return new NdjsonTraceWriter(Files.newOutputStream(path));
    }

    public boolean enabled() {
        return true;
    }

    public void header(TraceHeader header) {
        try {
            TraceJson.writeHeader(g, header);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void event(TraceEvent event) {
        try {
            TraceJson.writeEvent(g, event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        g.writeRaw('\n');
        g.close();
    }
}
