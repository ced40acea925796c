package org.hfmailbox.harness;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** QEMU's human monitor over its Unix socket ({@code -monitor unix:PATH,server=on,wait=off}): commands and replies. */
final class QemuMonitor implements AutoCloseable {
    private static final String PROMPT = "(qemu) ";
    private static final Pattern WORD = Pattern.compile("([0-9a-f]{16}): 0x([0-9a-f]{16})(?: 0x([0-9a-f]{16}))?");
    private static final Pattern PC = Pattern.compile("CPU#(\\d+)\\s+PC=([0-9a-f]{16})[\\s\\S]*?PSTATE=[0-9a-f]+ \\S+ (EL\\d)");

    private final SocketChannel channel;

    private QemuMonitor(SocketChannel channel) {
        this.channel = channel;
    }

    static QemuMonitor connect(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        QemuMonitor m = new QemuMonitor(ch);
        m.readUntilPrompt();
        return m;
    }

    /** One command's reply (the monitor's echo of the command line included). */
    String command(String line) throws IOException {
        channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
        return readUntilPrompt();
    }

    /** {@code n} 64-bit words of physical memory from {@code address}. */
    long[] words(long address, int n) throws IOException {
        String reply = command("xp /" + n + "gx 0x" + Long.toHexString(address));
        List<Long> out = new ArrayList<>();
        Matcher m = WORD.matcher(reply);
        while (m.find()) {
            out.add(Long.parseUnsignedLong(m.group(2), 16));
            if (m.group(3) != null) {
                out.add(Long.parseUnsignedLong(m.group(3), 16));
            }
        }
        if (out.size() < n) {
            throw new IOException("the monitor answered " + out.size() + " of " + n + " words at 0x"
                    + Long.toHexString(address));
        }
        return out.subList(0, n).stream().mapToLong(Long::longValue).toArray();
    }

    /** Per CPU its PC and exception level, from {@code info registers -a}. */
    List<CpuState> cpuStates() throws IOException {
        String reply = command("info registers -a");
        List<CpuState> out = new ArrayList<>();
        Matcher m = PC.matcher(reply);
        while (m.find()) {
            out.add(new CpuState(Integer.parseInt(m.group(1)), Long.parseUnsignedLong(m.group(2), 16), m.group(3)));
        }
        return out;
    }

    /** Copies physical memory into a host file. */
    void save(long address, long size, Path file) throws IOException {
        command("pmemsave 0x" + Long.toHexString(address) + " " + size + " \"" + file.toAbsolutePath() + "\"");
    }

    /** A CPU's program counter and exception level when the monitor stopped it. */
    record CpuState(int cpu, long pc, String el) {
    }

    private String readUntilPrompt() throws IOException {
        StringBuilder sb = new StringBuilder();
        ByteBuffer buf = ByteBuffer.allocate(8192);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (sb.length() < PROMPT.length() || !sb.substring(sb.length() - PROMPT.length()).equals(PROMPT)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("no monitor prompt within 10 s");
            }
            buf.clear();
            int n = channel.read(buf);
            if (n < 0) {
                throw new IOException("the monitor closed its socket");
            }
            sb.append(new String(buf.array(), 0, n, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
