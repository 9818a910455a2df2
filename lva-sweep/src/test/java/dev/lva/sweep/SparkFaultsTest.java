package dev.lva.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lva.run.sweep.EngineSettings;
import dev.lva.run.sweep.SweepExecutor;
import dev.lva.run.sweep.SweepFolder;
import dev.lva.run.sweep.SweepPlan;
import dev.lva.run.sweep.SweepRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Machines that fail. A real standalone cluster (a master and two workers, separate JVMs on the
 * loopback interface) loses a worker while two runs train: the sweep completes with the numbers of
 * the embedded run. A driver killed in the middle of a sweep: running it again trains only what was
 * missing, resuming the runs that had sent checkpoints, to the same numbers.
 */
class SparkFaultsTest {
    /** Bounds on waits, so that a broken cluster fails the test instead of hanging the build. */
    private static final Duration WAIT = Duration.ofSeconds(180);

    @TempDir
    static Path dir;
    static Path csv;
    static Map<String, List<String>> reference;

    /**
     * Four runs of at least 3 s each on any machine (1500 steps of at least 2 ms: the test plugin
     * {@link PacedRegularizer}), checkpointing often enough that the driver holds some mid-run.
     */
    static List<String> grid(Path out) {
        return List.of("--data", csv.toString(), "--regularizer", "paced:of=volume,paced:of=lasso", "--lambda", "1e-2",
                "--seeds", "0-1", "--hidden", "16,16", "--epochs", "1500", "--checkpoint-every", "250", "--out",
                out.toString());
    }

    @BeforeAll
    static void embeddedReference() throws Exception {
        csv = TestData.curve(dir);
        SweepPlan plan = TestData.plan(grid(dir.resolve("embedded")));
        try (SweepExecutor spark = new SparkEngine().open(new EngineSettings(null, 2, 1, Map.of()))) {
            SweepRunner.Summary s = SweepRunner.run(plan, spark, 1, new PrintWriter(new StringWriter()));
            assertEquals(4, s.ok());
            reference = TestData.table(s.table());
        }
    }

    @Test
    void aClusterThatLosesAWorkerWhileRunsTrainStillGivesTheEmbeddedNumbers() throws Exception {
        Path out = dir.resolve("cluster-sweep");
        SweepPlan plan = TestData.plan(grid(out));
        StringWriter log = new StringWriter();
        ExecutorService driver = Executors.newSingleThreadExecutor();
        try (StandaloneCluster cluster = StandaloneCluster.start(dir.resolve("cluster"), 2)) {
            Map<String, String> conf = Map.of("spark.executor.extraClassPath", JavaProcesses.classPath(),
                    "spark.driver.host", "127.0.0.1", "spark.executor.memory", "512m",
                    "spark.executor.heartbeatInterval", "1s");
            Future<SweepRunner.Summary> sweep = driver.submit(() -> {
                try (SweepExecutor spark = new SparkEngine().open(new EngineSettings(cluster.url(), 1, 1, conf))) {
                    assertTrue(spark.describe().contains(cluster.url()), spark.describe());
                    return SweepRunner.run(plan, spark, 1, new PrintWriter(log, true));
                }
            });
            // two runs hold checkpoints at the driver: both workers' single cores are training
            await(() -> unfinishedWithCheckpoints(out).size() >= 2 || sweep.isDone(),
                    () -> "two runs training at once; log:\n" + log + logs(cluster));
            assertFalse(sweep.isDone(), "the sweep ended before a worker could be lost:\n" + log);
            cluster.killWorker(0);

            SweepRunner.Summary s = sweep.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(4, s.ok(), log + logs(cluster));
            assertEquals(0, s.errors(), log.toString());
            assertEquals(reference, TestData.table(s.table()));
        } finally {
            driver.shutdownNow();
        }
    }

    @Test
    void aKilledDriverLosesNothingTheRerunFinishesOnlyWhatWasMissing() throws Exception {
        Path out = dir.resolve("killed-sweep");
        List<String> args = grid(out);
        Path driverLog = dir.resolve("driver.log");
        Process driver = JavaProcesses.start(SweepDriver.class.getName(), args, "1g", Map.of(), driverLog);
        try {
            await(() -> !finished(out).isEmpty() && !unfinishedWithCheckpoints(out).isEmpty() || !driver.isAlive(),
                    () -> "a finished run and a checkpoint of an unfinished one; driver log:\n" + read(driverLog));
            assertTrue(driver.isAlive(), "the driver ended before it could be killed:\n" + read(driverLog));
        } finally {
            JavaProcesses.kill(driver);
        }
        List<String> done = finished(out);
        List<String> resumable = unfinishedWithCheckpoints(out);
        assertTrue(done.size() < 4, "runs still to do when the driver died: " + done);
        Map<String, byte[]> records = new LinkedHashMap<>();
        for (String name : done) {
            records.put(name, Files.readAllBytes(out.resolve("runs").resolve(name).resolve(SweepFolder.RUN_FILE)));
        }

        StringWriter log = new StringWriter();
        SweepRunner.Summary s = SweepDriver.sweep(args, new PrintWriter(log, true));
        assertEquals(4, s.ok(), log.toString());
        assertEquals(0, s.errors(), log.toString());
        assertEquals(done.size(), s.skipped(), "finished runs are skipped: " + log);
        assertTrue(s.resumed() >= resumable.size(), "runs with checkpoints resume: " + log);
        for (String name : done) {
            assertFalse(log.toString().contains("] " + name + ":"), name + " was trained again:\n" + log);
            assertArrayEquals(records.get(name), Files.readAllBytes(out.resolve("runs").resolve(name)
                    .resolve(SweepFolder.RUN_FILE)), name + " was rewritten");
        }
        assertEquals(reference, TestData.table(out.resolve(SweepFolder.TABLE)));
    }

    private static List<String> finished(Path out) {
        return names(out.resolve(SweepFolder.RUNS)).stream()
                .filter(n -> Files.isRegularFile(out.resolve(SweepFolder.RUNS).resolve(n).resolve(SweepFolder.RUN_FILE)))
                .toList();
    }

    /** Runs not finished whose checkpoint the driver keeps. */
    private static List<String> unfinishedWithCheckpoints(Path out) {
        List<String> done = finished(out);
        return names(out.resolve(SweepFolder.CHECKPOINTS)).stream().filter(n -> !done.contains(n))
                .filter(n -> !names(out.resolve(SweepFolder.CHECKPOINTS).resolve(n)).stream()
                        .filter(f -> f.endsWith(".zip")).toList().isEmpty())
                .toList();
    }

    private static List<String> names(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void await(BooleanSupplier condition, java.util.function.Supplier<String> what)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("waited " + WAIT.toSeconds() + " s for " + what.get());
            }
            Thread.sleep(200);
        }
    }

    private static String logs(StandaloneCluster c) {
        try {
            return c.logs();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
