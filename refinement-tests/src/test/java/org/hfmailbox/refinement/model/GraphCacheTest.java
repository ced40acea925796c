package org.hfmailbox.refinement.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kept state graphs: a graph is reused only under the key of exactly the files and options it was dumped from. */
class GraphCacheTest {
    @TempDir
    Path tmp;

    private Path spec() throws Exception {
        Path spec = Files.createDirectories(tmp.resolve("spec"));
        Files.writeString(spec.resolve("Mailbox.tla"), "---- MODULE Mailbox ----\nVARIABLE x\n====\n");
        Files.writeString(spec.resolve("MCMailbox.tla"), "---- MODULE MCMailbox ----\nEXTENDS Mailbox\n====\n");
        Files.writeString(spec.resolve("small.cfg"), "CONSTANTS\n    NumCPUs = 2\nSPECIFICATION Spec\nINVARIANT\n"
                + "    TypeOK\nVIEW View\n");
        Files.writeString(spec.resolve("notes.txt"), "not a module");
        return spec;
    }

    @Test
    void theKeyFollowsEveryModuleAndTheConfigurationAsDumped() throws Exception {
        Path spec = spec();
        String key = GraphCache.key(spec, "small");
        assertEquals(key, GraphCache.key(spec, "small"), "same files, same key");

        Files.writeString(spec.resolve("notes.txt"), "edited");
        assertEquals(key, GraphCache.key(spec, "small"), "a file that is not a module does not count");
        Files.writeString(spec.resolve("small.cfg"), "CONSTANTS\n    NumCPUs = 2\nSPECIFICATION Spec\nINVARIANT\n"
                + "    TypeOK\n    OtherInv\nVIEW View\n");
        assertEquals(key, GraphCache.key(spec, "small"), "the dump drops invariants, so they do not count");

        Files.writeString(spec.resolve("small.cfg"), "CONSTANTS\n    NumCPUs = 3\nSPECIFICATION Spec\nVIEW View\n");
        String constants = GraphCache.key(spec, "small");
        assertNotEquals(key, constants, "another constant, another graph");

        Files.writeString(spec.resolve("Mailbox.tla"), "---- MODULE Mailbox ----\nVARIABLE x, y\n====\n");
        String module = GraphCache.key(spec, "small");
        assertNotEquals(constants, module, "an edited module");

        Files.writeString(spec.resolve("Extra.tla"), "---- MODULE Extra ----\n====\n");
        assertNotEquals(module, GraphCache.key(spec, "small"), "a new module");
    }

    @Test
    void aStoredGraphIsFoundOnlyUnderItsKeyAndReplacedByTheNextStore() throws Exception {
        GraphCache cache = new GraphCache(tmp.resolve("graph-cache"));
        assertEquals(Optional.empty(), cache.lookup("small", "k1"));

        Path dot = Files.writeString(tmp.resolve("small.dot"), "strict digraph DiskGraph { first }");
        Path kept = cache.store("small", "k1", dot);
        assertFalse(Files.exists(dot), "the dump is moved, not copied");
        assertEquals(Optional.of(kept), cache.lookup("small", "k1"));
        assertEquals(Optional.empty(), cache.lookup("small", "k2"));
        assertEquals(Optional.empty(), cache.lookup("liveness", "k1"));

        Path second = Files.writeString(tmp.resolve("small.dot"), "strict digraph DiskGraph { second }");
        cache.store("small", "k2", second);
        assertEquals(Optional.empty(), cache.lookup("small", "k1"));
        Optional<Path> now = cache.lookup("small", "k2");
        assertTrue(now.isPresent());
        assertEquals("strict digraph DiskGraph { second }", Files.readString(now.get()));

        Files.delete(now.get());
        assertEquals(Optional.empty(), cache.lookup("small", "k2"), "a key without its graph is no graph");
    }
}
