package dev.lva.models.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lva.api.StepLoss;
import dev.lva.api.TrainingData;
import dev.lva.api.TrainingListener;
import dev.lva.api.TrainingResult;
import dev.lva.api.TrainingRun;
import dev.lva.core.checkpoint.CheckpointFile;
import dev.lva.core.checkpoint.CheckpointFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills a training process ({@code kill -9}) while it writes a checkpoint after every step, at
 * random moments, again and again: every time, every checkpoint on disk loads and the newest
 * resumes. Each new process resumes from the newest checkpoint the last one left, so the run goes
 * on across the kills; temporary files of killed writes must be ignored and then removed.
 * Two lanes (folders) run side by side, one process each, to use both cores.
 */
class KillTest {
    private static final Logger LOG = LoggerFactory.getLogger(KillTest.class);
    private static final int LANES = 2;
    private static final int KILLS_PER_LANE = 11;
    private static final int MAX_WAIT_MS = 250;
    private static final Object VERIFY = new Object();

    @TempDir
    Path dir;

    @Test
    void everyKillLeavesALoadableNewestCheckpoint() throws Exception {
        ExecutorService lanes = Executors.newFixedThreadPool(LANES);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int lane = 0; lane < LANES; lane++) {
                int l = lane;
                results.add(lanes.submit(() -> lane(dir.resolve("lane" + l), new Random(100 + l))));
            }
            int kills = 0;
            int tempLeft = 0;
            for (Future<int[]> f : results) {
                int[] r = f.get(5, TimeUnit.MINUTES);
                kills += r[0];
                tempLeft += r[1];
            }
            assertEquals(LANES * KILLS_PER_LANE, kills);
            LOG.info("{} kills; {} of them left the temporary file of a write in progress", kills, tempLeft);
        } finally {
            lanes.shutdownNow();
        }
    }

    /** One folder, killed {@link #KILLS_PER_LANE} times; returns kills and kills that left a temporary file. */
    private int[] lane(Path folderPath, Random rnd) throws Exception {
        CheckpointFolder folder = new CheckpointFolder(folderPath);
        Files.createDirectories(folderPath);
        long lastStep = 0;
        List<Path> leftovers = new ArrayList<>();
        int tempLeft = 0;
        for (int kill = 0; kill < KILLS_PER_LANE; kill++) {
            Path out = folderPath.resolveSibling(folderPath.getFileName() + "-out-" + kill + ".txt");
            Path err = folderPath.resolveSibling(folderPath.getFileName() + "-err-" + kill + ".txt");
            Process p = start(folderPath, out, err);
            try {
                awaitReady(p, out, err);
                Thread.sleep(rnd.nextInt(MAX_WAIT_MS + 1));
            } finally {
                p.destroyForcibly();
                assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the killed process ended");
            }
            for (Path old : leftovers) {
                assertFalse(Files.exists(old), old + " (left by an earlier kill) was removed when the run resumed");
            }
            leftovers = temporaryFiles(folderPath);
            tempLeft += leftovers.isEmpty() ? 0 : 1;
            synchronized (VERIFY) {
                lastStep = verify(folder, lastStep, kill);
            }
        }
        return new int[] {KILLS_PER_LANE, tempLeft};
    }

    /** Every checkpoint loads, the newest is not older than the last one, and it resumes for three steps. */
    private static long verify(CheckpointFolder folder, long lastStep, int kill) {
        List<Path> all = folder.checkpoints();
        assertFalse(all.isEmpty(), "kill " + kill + ": a checkpoint exists");
        for (Path p : all) {
            assertNull(CheckpointFile.read(p).firstNonFiniteValue(), p.toString());
        }
        Path newest = folder.latest().orElseThrow();
        long step = CheckpointFolder.stepOf(newest);
        assertTrue(step >= lastStep, "kill " + kill + ": the run went on, " + lastStep + " -> " + step);
        RunState run = Checkpoints.load(newest, TestRuns.PLUGINS);
        assertEquals(step, run.progress().step());
        TrainingResult r = run.fit(TrainingData.autoencoding(TestRuns.curve(60)), List.of(stopAt(step + 3)));
        assertEquals(step + 3, r.steps(), "kill " + kill + ": resumed for three steps");
        assertTrue(r.lastLoss().isFinite());
        return step;
    }

    private static Process start(Path folder, Path out, Path err) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dorg.nd4j.log.initialization=false",
                "-cp", classpath, KillTarget.class.getName(), folder.toString());
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        return pb.start();
    }

    /** Waits until the process says it trains (its first checkpoint is then on disk). */
    private static void awaitReady(Process p, Path out, Path err) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(out) && Files.readString(out).contains("ready")) {
                return;
            }
            if (!p.isAlive()) {
                fail("the training process ended with " + p.exitValue() + ": " + Files.readString(err));
            }
            Thread.sleep(10);
        }
        fail("the training process did not start training within 60 s: " + Files.readString(err));
    }

    private static List<Path> temporaryFiles(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> CheckpointFile.isTemporaryName(p.getFileName().toString())).toList();
        }
    }

    private static TrainingListener stopAt(long step) {
        return new TrainingListener() {
            @Override
            public void onStep(TrainingRun run, StepLoss loss) {
                if (run.step() == step) {
                    run.requestStop("checked");
                }
            }
        };
    }
}
