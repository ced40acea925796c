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
import java.util.List;
import org.hfmailbox.reference.Action;
import org.hfmailbox.reference.Semantics;
import org.hfmailbox.reference.StateView;
import org.hfmailbox.reference.abi.Ret;

/**
 * Streams a trace as NDJSON (one header line, then one line per event) to a file or stream, through one buffered
 * Jackson generator. Several traces may follow each other (a hypervisor's {@code reset()} starts a new one with
 * its header). A {@link DirectTraceSink}: the hypervisor's steps are written straight from its state.
 */
public final class NdjsonTraceWriter implements DirectTraceSink, AutoCloseable {
    private static final JsonFactory FACTORY = new JsonFactory();
    private final JsonGenerator g;
    private final EventWriter writer;

    public NdjsonTraceWriter(OutputStream out) {
        try {
            g = FACTORY.createGenerator(new BufferedOutputStream(out, 1 << 18));
            g.setRootValueSeparator(new SerializedString("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writer = new EventWriter(g);
    }

    public static NdjsonTraceWriter toFile(Path path) throws IOException {
        return new NdjsonTraceWriter(Files.newOutputStream(path));
    }

    public boolean enabled() {
        return true;
    }

    public void header(TraceHeader header) {
        try {
            writer.header(header);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void header(Semantics semantics, StateView init) {
        try {
            writer.header(semantics, init);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void event(TraceEvent event) {
        try {
            writer.event(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void step(long seq, int cpu, Actor actor, Action action, Regs regs, byte[] payload, int payloadLength,
                     List<Arg> args, Ret ret, long x0, StateView state, int changed) {
        try {
            writer.event(seq, cpu, actor, action, regs, payload, payloadLength, args, ret, x0, state, changed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the last line and closes the generator and the stream. */
    @Override
    public void close() throws IOException {
        g.writeRaw('\n');
        g.close();
    }
}
