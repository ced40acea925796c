package org.hfmailbox.review.tlc;

import java.nio.file.Path;

/**
 * One TLC model-checking run.
 *
 * @param specDir   the folder holding the root module and the modules it extends
 * @param module    the root module's name (without .tla)
 * @param cfg       the model configuration file
 * @param workers   TLC worker threads
 * @param metaDir   TLC's metadata folder (a fresh one per run)
 * @param rawOutput where TLC's raw {@code -tool} output is kept
 */
public record TlcRequest(Path specDir, String module, Path cfg, int workers, Path metaDir, Path rawOutput) {
    public TlcRequest {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
    }

    /**
     * TLC's command-line arguments for this run. The cfg is named relative to the spec's folder: TLC finds a cfg
     * elsewhere only that way (an absolute path outside the spec's folder is "not found"). Liveness is checked once,
     * when the state graph is complete ({@code -lncheck final}): TLC 2.18's periodic checks on the partial graph
     * reported loops that violate the spec's own strong fairness (measured on the liveness configuration), and one
     * final check is also cheaper.
     */
    public String[] arguments() {
        Path dir = specDir.toAbsolutePath().normalize();
        String config = dir.relativize(cfg.toAbsolutePath().normalize()).toString();
        return new String[] {"-tool", "-lncheck", "final", "-workers", Integer.toString(workers), "-config", config, "-metadir", metaDir.toAbsolutePath().toString(),
            specDir.resolve(module + ".tla").toAbsolutePath().toString()};
    }
}
