package dev.lva.run.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a running run sends to the driver: each new checkpoint once, never the one of its last step. */
class CheckpointWatcherTest {
    @TempDir
    Path dir;

    @Test
    void sendsEachNewCheckpointOnceButNotTheLastStepsOne() throws Exception {
        List<CheckpointBytes> sent = new ArrayList<>();
        CheckpointWatcher w = new CheckpointWatcher("run", dir, 20, 60, sent::add);
        Files.write(dir.resolve("checkpoint-00000020.zip"), new byte[] {1});
        w.look();
        assertEquals(0, sent.size(), "the checkpoint the run started from goes not back");
        Files.write(dir.resolve("checkpoint-00000040.zip"), new byte[] {2, 3});
        w.look();
        w.look();
        assertEquals(1, sent.size());
        assertEquals(40, sent.get(0).step());
        assertEquals("checkpoint-00000040.zip", sent.get(0).file());
        // a run resumed from its last step would train no step and report no last-step losses
        Files.write(dir.resolve("checkpoint-00000060.zip"), new byte[] {4});
        w.look();
        assertEquals(1, sent.size());
        w.close();
    }
}
