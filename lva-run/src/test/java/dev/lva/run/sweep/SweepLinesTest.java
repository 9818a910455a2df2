package dev.lva.run.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.plugin.Options;
import dev.lva.api.plugin.Plugins;
import dev.lva.run.LvaRun;
import dev.lva.run.RunConfig;
import dev.lva.run.RunData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a sweep's console says where it used to leave the user guessing: each row a sweep set up in
 * a folder, the lines it printed, and what they must say (and how often).
 */
class SweepLinesTest {
    private static final Plugins PLUGINS = Plugins.discover();

    @TempDir
    static Path dir;
    static Path curve;
    static Path constant;

    @BeforeAll
    static void data() throws Exception {
        StringBuilder sb = new StringBuilder("a,b,c\n");
        StringBuilder flat = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 40; i++) {
            double t = i / 39.0;
            sb.append(t).append(',').append(t * t).append(',').append(Math.sin(3 * t)).append('\n');
            flat.append("1,2,3\n");
        }
        curve = Files.writeString(dir.resolve("curve.csv"), sb.toString());
        constant = Files.writeString(dir.resolve("constant.csv"), flat.toString());
    }

    /** A sweep's setup: it runs whatever sweeps it needs and returns the lines of the one that matters. */
    interface Setup {
        String lines(Path out) throws Exception;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("1-thread checkpoints resumed by a sweep on 2 threads", (Setup) SweepLinesTest::resumedOnTwo,
                        "sweep: 2 runs resume from checkpoints trained on 1 thread and go on with --threads 2: the"
                                + " resumed numbers will differ from an uninterrupted run's by rounding (--threads 1"
                                + " continues them exactly)", 1),
                Arguments.of("the same resumed on the threads they trained with", (Setup) SweepLinesTest::resumedOnOne,
                        "resume from checkpoints trained on", 0),
                Arguments.of("a run on data without variance", (Setup) out -> sweep(grid(constant, out), 1),
                        "no count (the data has no variance: nothing to count)", 1),
                Arguments.of("a run whose code collapsed on data that vary", (Setup) out -> sweep(grid(curve, out)
                        .put("lambda", "--lambda", List.of("1000")).put("epochs", "--epochs", List.of("300"))
                        .put("batch", "--batch", List.of("40")), 1),
                        "no count (the data vary but no dimension carries them: the code collapsed)", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void saysWhatApplies(String what, Setup setup, String expected, int times) throws Exception {
        String lines = setup.lines(dir.resolve(what.replaceAll("[^a-z0-9]+", "-")));
        int found = lines.split(java.util.regex.Pattern.quote(expected), -1).length - 1;
        assertEquals(times, found, () -> what + ": '" + expected + "' " + times + " time(s) in\n" + lines);
        assertTrue(!lines.contains("or the data has no variance"), () -> what + ": says both reasons:\n" + lines);
    }

    private static SweepOptions grid(Path data, Path out) {
        return new SweepOptions().put("data", "--data", List.of(data.toString()))
                .put("hidden", "--hidden", List.of("8")).put("epochs", "--epochs", List.of("60"))
                .put("out", "--out", List.of(out.toString()));
    }

    private static SweepPlan plan(SweepOptions o) {
        return SweepGrid.plan(o, SweepOptions.defaults(), PLUGINS);
    }

    private static String sweep(SweepOptions grid, int threads) throws InterruptedException {
        return sweep(plan(grid), threads);
    }

    private static String sweep(SweepPlan plan, int threads) throws InterruptedException {
        StringWriter log = new StringWriter();
        try (SweepExecutor executor = new ThreadsEngine().open(new EngineSettings(null, 1, threads, Map.of()))) {
            SweepRunner.run(plan, executor, threads, new PrintWriter(log, true));
        }
        return log.toString();
    }

    private static String resumedOnTwo(Path out) throws Exception {
        return interruptedThenResumedOn(out, 2);
    }

    private static String resumedOnOne(Path out) throws Exception {
        return interruptedThenResumedOn(out, 1);
    }

    /** Two runs trained on one thread, as if the driver had died at step 40 of each, then the sweep again on {@code threads}. */
    private static String interruptedThenResumedOn(Path out, int threads) throws Exception {
        SweepPlan plan = plan(grid(curve, out).put("seed", "--seeds", List.of("0", "1"))
                .put("checkpointEvery", "--checkpoint-every", List.of("20")));
        sweep(plan, 1);
        for (SweepPoint p : plan.points()) {
            PointTrainer.deleteTree(out.resolve("runs").resolve(p.name()));
            new SweepFolder(out).saveCheckpoint(p, new CheckpointBytes(p.name(), "checkpoint-00000040.zip", 40,
                    checkpointAt(p.config(), 40, out.resolveSibling(out.getFileName() + "-" + p.name()))));
        }
        return sweep(plan, threads);
    }

    /** The checkpoint that lva fit's own path writes at {@code step}, on one thread. */
    private static byte[] checkpointAt(RunConfig config, int step, Path scratch) throws Exception {
        RunConfig c = Options.bind(config, Map.of("out", scratch.toString(), "keep", "10"), "test");
        new LvaRun(c, PLUGINS, null).run(RunData.load(c, c.precision().dataType()));
        return Files.readAllBytes(scratch.resolve(LvaRun.CHECKPOINT_DIR).resolve(String.format("checkpoint-%08d.zip",
                step)));
    }
}
