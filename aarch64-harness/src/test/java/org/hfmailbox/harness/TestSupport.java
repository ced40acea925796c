package org.hfmailbox.harness;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.stream.Collectors;

/** Shared by the tests: the replayer on the built image (a missing image fails the test, never skips it). */
final class TestSupport {
    static {
        // surefire points java.io.tmpdir into target/ (TLC's SANY deletes its files there at exit)
        try {
            java.nio.file.Files.createDirectories(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private TestSupport() {
    }

    static Replayer replayer() {
        try {
            return Replayer.create();
        } catch (HarnessRunException e) {
            return fail(e.getMessage());
        }
    }

    static Replayer replayer(String accel) {
        try {
            return new Replayer(ImageLocator.locate(), new QemuRunner(
                    System.getProperty("hfmailbox.qemu", "qemu-system-aarch64"), accel));
        } catch (HarnessRunException e) {
            return fail(e.getMessage());
        }
    }

    /** Fails with the first few divergences when any trace disagrees. */
    static void assertAllAgree(List<ReplayOutcome> outcomes) {
        List<ReplayOutcome> bad = outcomes.stream().filter(o -> !o.ok()).toList();
        if (!bad.isEmpty()) {
            fail(bad.size() + " of " + outcomes.size() + " traces diverge:\n" + bad.stream().limit(5)
                    .map(ReplayOutcome::describe).collect(Collectors.joining("\n")));
        }
    }
}
