package org.hfmailbox.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Examines a QEMU run that did not finish in time, through QEMU's monitor, before it is killed: each CPU's PC and
 * exception level, the word each CPU waits on (its CPU_SPIN, named from the image's diagnostic block at
 * {@link #DIAG_BLOCK}), and the event records the image had not flushed yet, so that the traces it finished before
 * the hang are kept.
 */
final class Watchdog {
    /** The image's diagnostic block: its load address + 8 (boot.S diag_block). */
    static final long DIAG_BLOCK = 0x4010_0008L;
    private static final long MAGIC = 0x4741494446424d48L;
    private static final int WORDS = 18;

    private Watchdog() {
    }

    /** What a stopped run's probe found: the report, and the unflushed event bytes (possibly empty). */
    record Probe(HangReport report, byte[] salvaged) {
    }

    static Probe probe(QemuMonitor m, Path workDir) throws IOException {
        long[] d = m.words(DIAG_BLOCK, WORDS);
        if (d[0] != MAGIC) {
            throw new IOException("no diagnostic block at 0x" + Long.toHexString(DIAG_BLOCK));
        }
        Diag diag = new Diag(d);
        List<QemuMonitor.CpuState> states = m.cpuStates();
        int nphys = (int) m.words(diag.nphys, 1)[0];
        List<HangReport.Cpu> cpus = new ArrayList<>();
        for (QemuMonitor.CpuState s : states) {
            long spin = s.cpu() < nphys ? m.words(diag.cpus + s.cpu() * diag.cpuSize + diag.cpuSpin, 1)[0] : 0;
            cpus.add(new HangReport.Cpu(s.cpu(), s.pc(), s.el(), spin, spin == 0 ? null : diag.name(spin)));
        }
        long trace = m.words(diag.traceIdx, 1)[0];
        long[] st = m.words(diag.traceStatus, 7);
        El2TraceEnd end = st[0] == 0 ? null : new El2TraceEnd((int) trace, (int) st[0], st[1], st[2], st[3], st[4],
                st[5], st[6]);
        long pos = m.words(diag.evPos, 1)[0];
        byte[] salvaged = new byte[0];
        if (pos > 0 && pos <= (1 << 20)) {
            Path f = workDir.resolve("salvaged.bin");
            m.save(diag.evbuf, pos, f);
            for (int i = 0; i < 50 && (!Files.exists(f) || Files.size(f) < pos); i++) {
                sleep();
            }
            salvaged = Files.exists(f) ? Files.readAllBytes(f) : salvaged;
        }
        return new Probe(new HangReport(trace, cpus, salvaged.length, end == null ? null : end.describe()), salvaged);
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The diagnostic block's words (boot.S diag_block, in this order). */
    private static final class Diag {
        final long cpus;
        final long cpuSize;
        final long cpuSpin;
        final long vms;
        final long vmSize;
        final long vcpus;
        final long vcpuSize;
        final long maxVcpus;
        final long evbuf;
        final long evPos;
        final long traceIdx;
        final long seq;
        final long stepIdx;
        final long gen;
        final long stepLock;
        final long nphys;
        final long traceStatus;

        Diag(long[] d) {
            cpus = d[1];
            cpuSize = d[2];
            cpuSpin = d[3];
            vms = d[4];
            vmSize = d[5];
            vcpus = d[6];
            vcpuSize = d[7];
            maxVcpus = d[8];
            evbuf = d[9];
            evPos = d[10];
            traceIdx = d[11];
            seq = d[12];
            stepIdx = d[13];
            gen = d[14];
            stepLock = d[15];
            nphys = d[16];
            traceStatus = d[17];
        }

        /** The name of a word a CPU waits on. */
        String name(long a) {
            if (a >= vms && a < vms + El2Layout.MAX_VMS * vmSize) {
                long k = (a - vms) / vmSize;
                return (a - vms) % vmSize == 0 ? "vm.lock of VM " + k : field(a, "VM " + k);
            }
            if (a >= vcpus && a < vcpus + El2Layout.MAX_VMS * maxVcpus * vcpuSize) {
                long n = (a - vcpus) / vcpuSize;
                String v = "<<" + n / maxVcpus + ", " + n % maxVcpus + ">>";
                return switch ((int) ((a - vcpus) % vcpuSize)) {
                    case 0 -> "vcpu.lock of " + v;
                    case 40 -> "regs_available of " + v + " (its register save on another CPU)";
                    case 104 -> "the register buffer lock of " + v;
                    default -> field(a, v);
                };
            }
            if (a >= cpus && a < cpus + El2Layout.MAX_CPUS * cpuSize) {
                long c = (a - cpus) / cpuSize;
                return switch ((int) ((a - cpus) % cpuSize)) {
                    case 56 -> "cpu.lock of CPU " + c;
                    case 88 -> "CPU " + c + " to finish the trace";
                    case 24 -> "cpu_op of CPU " + c;
                    default -> field(a, "CPU " + c);
                };
            }
            if (a == seq) {
                return "the sequence number (a register save delayed to aim at a window)";
            }
            if (a == stepIdx) {
                return "the replay step counter (another CPU's step)";
            }
            if (a == gen) {
                return "the next trace of the batch";
            }
            if (a == stepLock + 8) {
                return "the serialised mode's step lock";
            }
            return "the word at 0x" + Long.toHexString(a);
        }

        private static String field(long a, String of) {
            return "a word of " + of + " (0x" + Long.toHexString(a) + ")";
        }
    }
}
