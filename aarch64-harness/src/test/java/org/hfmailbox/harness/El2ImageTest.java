package org.hfmailbox.harness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The build produced an AArch64 ELF image; without the toolchain this fails with the locator's instructions. */
class El2ImageTest {
    @Test
    void imageIsAnAarch64Elf() throws Exception {
        Path image = ImageLocator.locate();
        byte[] head = Files.readAllBytes(image);
        assertTrue(head.length > 64, "image too small");
        assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F'}, java.util.Arrays.copyOf(head, 4));
        int machine = (head[18] & 0xff) | (head[19] & 0xff) << 8;
        assertTrue(machine == 183, "ELF machine " + machine + " is not EM_AARCH64 (183)");
    }
}
