package dev.lva.run.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's files on their way to the sweep's folder: as bytes (from an executor) or as the folder on
 * this machine, which is moved, its periodic checkpoints left behind, and removed when discarded.
 */
class RunFilesTest {
    @TempDir
    Path dir;

    private Path runFolder(Path scratch) throws Exception {
        Path run = scratch.resolve("run");
        Files.createDirectories(run.resolve("checkpoints"));
        Files.createDirectories(run.resolve("figures"));
        Files.writeString(run.resolve("summary.json"), "{}");
        Files.write(run.resolve("model.zip"), new byte[] {1, 2, 3});
        Files.writeString(run.resolve("figures").resolve("a.png"), "png");
        Files.writeString(run.resolve("checkpoints").resolve("checkpoint-10.zip"), "periodic");
        return run;
    }

    @Test
    void aFolderOnThisMachineIsMovedWithoutItsCheckpointsAndRemovedWhenDiscarded() throws Exception {
        Path scratch = dir.resolve("scratch");
        Path run = runFolder(scratch);
        RunFiles files = new RunFiles.OnDisk(run, run.resolve("checkpoints"), scratch);
        assertTrue(files.has("summary.json"));
        assertTrue(files.has("figures/a.png"));
        assertFalse(files.has("config.yaml"), "absent");
        assertFalse(files.has("checkpoints/checkpoint-10.zip"), "a periodic checkpoint is not the run's");
        assertFalse(files.has("../scratch/run/summary.json"), "outside the folder");

        Path target = dir.resolve("target");
        Files.createDirectories(target);
        files.writeTo(target, "r");
        try (Stream<Path> walk = Files.walk(target)) {
            assertEquals(List.of("figures/a.png", "model.zip", "summary.json"), walk.filter(Files::isRegularFile)
                    .map(p -> target.relativize(p).toString().replace('\\', '/')).sorted().toList());
        }
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target.resolve("model.zip")));
        assertFalse(Files.exists(run.resolve("model.zip")), "moved, not copied");
        assertTrue(Files.exists(run.resolve("checkpoints").resolve("checkpoint-10.zip")), "left behind");
        files.discard();
        assertFalse(Files.exists(scratch), "the scratch folder is gone");
        files.discard();
    }

    @Test
    void bytesAreReadTheSameWayAndWrittenBack() throws Exception {
        Path run = runFolder(dir.resolve("scratch"));
        RunFiles files = RunFiles.read(run, run.resolve("checkpoints"));
        assertEquals(List.of("figures/a.png", "model.zip", "summary.json"),
                ((RunFiles.InMemory) files).bytes().keySet().stream().sorted().toList());
        Path target = dir.resolve("target");
        Files.createDirectories(target);
        files.writeTo(target, "r");
        assertEquals("png", Files.readString(target.resolve("figures").resolve("a.png")));
        assertTrue(Files.exists(run.resolve("model.zip")), "reading leaves the folder as it was");
    }

    @Test
    void aFileNamedOutsideItsFolderIsRefused() throws Exception {
        RunFiles files = new RunFiles.InMemory(Map.of("../escape.txt", new byte[] {1}));
        Path target = dir.resolve("target");
        Files.createDirectories(target);
        LvaException e = assertThrows(LvaException.class, () -> files.writeTo(target, "volume-1"));
        assertTrue(e.getMessage().contains("run volume-1 sent a file outside its folder: ../escape.txt"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("escape.txt")));
    }

    @Test
    void aFailedRunHasNoFiles() {
        RunOutcome failed = RunOutcome.failed("r", RunOutcome.Status.FAILED, "diverged");
        assertFalse(failed.files().has("summary.json"));
    }
}
