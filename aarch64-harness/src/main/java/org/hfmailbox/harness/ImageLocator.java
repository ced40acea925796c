package org.hfmailbox.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Finds the EL2 image: the file named by system property {@code hfmailbox.harness.image}, else the copy the build
 * put into this jar ({@code org/hfmailbox/harness/harness.elf}), extracted to a temporary file. The image exists
 * only where the Maven build found the AArch64 toolchain; without it the error says how to get it.
 */
public final class ImageLocator {
    public static final String RESOURCE = "/org/hfmailbox/harness/harness.elf";

    private ImageLocator() {
    }

    public static Path locate() throws HarnessRunException {
        String prop = System.getProperty("hfmailbox.harness.image");
        if (prop != null && Files.isRegularFile(Path.of(prop))) {
            return Path.of(prop);
        }
        try (InputStream in = ImageLocator.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                Path tmp = Files.createTempFile("hfmailbox-harness", ".elf");
                tmp.toFile().deleteOnExit();
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                return tmp;
            }
        } catch (IOException e) {
            throw new HarnessRunException("cannot extract the EL2 image: " + e.getMessage(), e);
        }
        throw new HarnessRunException("the EL2 image was not built"
                + (prop != null ? " (" + prop + " does not exist)" : "")
                + ": install binutils-aarch64-linux-gnu (aarch64-linux-gnu-as/-ld) and rebuild aarch64-harness "
                + "(mvn -pl aarch64-harness -am install), or run ./mailbox test, which installs the toolchain");
    }
}
