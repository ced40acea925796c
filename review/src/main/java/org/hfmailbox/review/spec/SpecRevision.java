package org.hfmailbox.review.spec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hfmailbox.review.InputError;
import org.hfmailbox.review.Trees;

/**
 * One revision of the spec folder, copied into a work folder: a path (a spec folder, a repository holding
 * {@code spec/}, or a .tla file in a spec folder) or a git revision of the repository ({@code HEAD~1}, a commit,
 * a branch). Only the files TLC and the manifest reader need are copied: *.tla, *.cfg, manifest.json.
 */
public final class SpecRevision {
    private SpecRevision() {
    }

    /** Copies revision {@code what} into {@code dest}; returns a description ({@code git HEAD~1 (abc1234)}, a path). */
    public static String materialize(Path repoRoot, String what, Path dest) throws IOException {
        Trees.deleteRecursively(dest);
        Files.createDirectories(dest);
        Path p = Path.of(what);
        if (Files.exists(p)) {
            Path dir = Files.isDirectory(p) ? p : p.toAbsolutePath().getParent();
            if (!Files.isRegularFile(dir.resolve("Mailbox.tla")) && Files.isDirectory(dir.resolve("spec"))) {
                dir = dir.resolve("spec");
            }
            if (!Files.isRegularFile(dir.resolve("Mailbox.tla"))) {
                throw new InputError(what + ": no Mailbox.tla there (give a spec folder, a repository or a git revision)");
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    if (wanted(f.getFileName().toString()) && Files.isRegularFile(f)) {
                        Files.copy(f, dest.resolve(f.getFileName()));
                    }
                }
            }
            return dir.toAbsolutePath().normalize().toString();
        }
        String commit = git(repoRoot, "rev-parse", "--verify", "--quiet", what + "^{commit}").strip();
        if (commit.isEmpty()) {
            throw new InputError(what + ": neither an existing path nor a git revision of " + repoRoot);
        }
        List<String> names = new ArrayList<>();
        for (String line : git(repoRoot, "ls-tree", "--name-only", commit, "spec/").split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && wanted(Path.of(name).getFileName().toString())) {
                names.add(name);
            }
        }
        if (!names.contains("spec/Mailbox.tla")) {
            throw new InputError(what + ": revision " + commit.substring(0, 10) + " has no spec/Mailbox.tla");
        }
        for (String name : names) {
            Files.writeString(dest.resolve(Path.of(name).getFileName()), git(repoRoot, "show", commit + ":" + name),
                    StandardCharsets.UTF_8);
        }
        return "git " + what + " (" + commit.substring(0, 10) + ")";
    }

    private static boolean wanted(String name) {
        return name.endsWith(".tla") || name.endsWith(".cfg") || name.equals("manifest.json");
    }

    /** Runs git in the repository; the empty string when git fails (e.g. an unknown revision). */
    private static String git(Path repoRoot, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.add("-C");
        command.add(repoRoot.toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        try {
            return p.waitFor() == 0 ? out.toString(StandardCharsets.UTF_8) : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running git", e);
        }
    }
}
