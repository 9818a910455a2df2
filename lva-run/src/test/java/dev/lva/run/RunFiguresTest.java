package dev.lva.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.Optimizer;
import dev.lva.api.StepLoss;
import dev.lva.api.TrainableModel;
import dev.lva.api.TrainingRun;
import dev.lva.api.plugin.Options;
import dev.lva.core.data.Dataset;
import dev.lva.core.data.Scaler;
import dev.lva.core.data.StandardScaler;
import dev.lva.core.train.Convergence;
import dev.lva.models.IntrinsicDimension;
import dev.lva.models.LatentAnalysis;
import dev.lva.viz.report.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The report of an LVA run: in the data's units, by the command line's names, and never lost to a figure. */
class RunFiguresTest {
    private static final int ROWS = 40;

    /** Three columns in different units: a curve in metres, its square in square metres, a constant offset. */
    private static RunData data() {
        double[][] x = new double[ROWS][3];
        for (int i = 0; i < ROWS; i++) {
            double t = -1 + 2.0 * i / (ROWS - 1);
            x[i][0] = 1000 + 50 * Math.sin(2 * t);
            x[i][1] = t * t;
            x[i][2] = -7 + 0.01 * Math.cos(5 * t);
        }
        Dataset ds = new Dataset(Nd4j.createFromArray(x).castTo(DataType.FLOAT), List.of("a", "b", "c"));
        Scaler s = new StandardScaler();
        return new RunData("/tmp/units.csv", ds, s, s.fitTransform(ds.features()));
    }

    /** Latent dimension 1 kept, dimension 0 collapsed. */
    private static LatentAnalysis analysis() {
        return new LatentAnalysis(new double[] {0.0004, 1.2}, new int[] {1, 0},
                new double[][] {{1.44, 1e-5}, {1e-5, 1.6e-7}}, new double[] {0.0001, 0.97}, new double[] {0.99, 1},
                1e-4, 0.5, 1, 1);
    }

    private static LossHistory history() {
        LossHistory h = new LossHistory(200, 2000);
        long[] step = {0};
        TrainingRun run = new TrainingRun() {
            @Override
            public TrainableModel model() {
                return null;
            }

            @Override
            public Optimizer optimizer() {
                return null;
            }

            @Override
            public long step() {
                return step[0];
            }

            @Override
            public int epoch() {
                return (int) step[0];
            }

            @Override
            public void requestStop(String reason) {
            }
        };
        for (int i = 1; i <= 200; i++) {
            step[0] = i;
            h.onStep(run, StepLoss.of(1.0 / i, 0.01));
        }
        return h;
    }

    private static INDArray latent(double collapsedValue) {
        double[][] z = new double[ROWS][2];
        for (int i = 0; i < ROWS; i++) {
            z[i][1] = -1 + 2.0 * i / (ROWS - 1);
            z[i][0] = collapsedValue + 1e-4 * (i % 3);
        }
        return Nd4j.createFromArray(z);
    }

    @Test
    void parityAndThreeDShowTheDataInItsOwnUnits() {
        RunData d = data();
        // a perfect reconstruction in the model's scaled units comes back as the rows of the file
        RunFigures f = new RunFigures(history(), analysis(), d, latent(0.3), d.scaled().dup());
        INDArray shown = f.unscaled();
        assertArrayEquals(d.dataset().features().toFloatMatrix()[5], shown.toFloatMatrix()[5], 1e-3f);
        assertEquals(1000, shown.getColumn(0).meanNumber().doubleValue(), 50, "column a stays in metres");
    }

    @Test
    void aFigureThatCannotBeDrawnLeavesTheReportAndTheOtherFigures(@TempDir Path dir) throws Exception {
        RunData d = data();
        RunFigures f = new RunFigures(history(), analysis(), d, latent(Double.NaN), d.scaled().dup());
        RunReport report = f.report("run", RunConfig.fitDefaults(), Map.of("reconstruction MSE", 1e-4),
                Duration.ofSeconds(3));

        Path page = report.write(dir);

        String html = Files.readString(page);
        assertEquals(List.of("Latent space (two largest dimensions, one scale)", "Latent pair plot (one scale)"),
                List.copyOf(report.missingFigures().keySet()));
        assertTrue(html.contains("<strong>Figure missing.</strong> scatter &#39;Latent space&#39;: y[0] is NaN"), html);
        for (String drawn : List.of("fig-01-training-loss.png", "fig-02-latent-standard-deviations.png",
                "fig-05-reconstruction-parity-data-units.png")) {
            assertTrue(Files.size(dir.resolve(drawn)) > 1000, drawn);
        }
        assertFalse(Files.exists(dir.resolve("fig-03-latent-space-two-largest-dimensions-one.png")));
    }

    @Test
    void theResultSaysWhichRuleGaveWhichCount(@TempDir Path dir) throws Exception {
        RunFigures f = new RunFigures(history(), analysis(), data(), latent(0.3), data().scaled());
        String html = Files.readString(f.report("run", RunConfig.fitDefaults(), Map.of(), Duration.ofSeconds(1))
                .write(dir));

        assertTrue(html.contains("<th scope=\"row\">intrinsic dimension</th><td>1 (explained reconstruction >= 1%,"
                + " of 2 latent dimensions)</td>") || html.contains("<th scope=\"row\">intrinsic dimension</th><td>1"
                + " (explained reconstruction &gt;= 1%, of 2 latent dimensions)</td>"), html);
        assertTrue(html.contains("<th scope=\"row\">second count (std above 1% of the largest)</th><td>1</td>"), html);
        assertTrue(html.contains("<th scope=\"row\">gap ratio</th><td>3000 (std z1 / std z0: the last kept over the"
                + " first dropped)</td>"), html);
        // the stds are listed by latent index, largest first: z1 is the kept one
        int z1 = html.indexOf("<th scope=\"row\">z1</th><td>1.2</td>");
        int z0 = html.indexOf("<th scope=\"row\">z0</th><td>0.0004</td>");
        assertTrue(z1 > 0 && z0 > z1, html);
        assertTrue(html.contains("<th scope=\"row\">convergence</th><td>not measured: the training had no"
                + " convergence rule</td>"), html);
    }

    @Test
    void theReportCarriesTheTrainingsConvergenceVerdictAndItsWarning(@TempDir Path dir) throws Exception {
        Convergence.Verdict notSettled = new Convergence.Verdict(Convergence.Options.stopping(0.01, 200), 2000, true,
                false, -1, 0.031, 0.052, new double[] {1.1, 0.34}, new double[] {1.2, 0.41});
        RunFigures f = new RunFigures(history(), analysis(), IntrinsicDimension.of(analysis(), notSettled), data(),
                null, latent(0.3), data().scaled());
        String html = Files.readString(f.report("run", RunConfig.fitDefaults(), Map.of(), Duration.ofSeconds(1))
                .write(dir));

        assertTrue(html.contains("<th scope=\"row\">convergence</th><td>not converged after 2000 epochs (from one"
                + " window to the next the loss changed 3.1% and the sorted stds 5.2% of the largest; tolerance 1% over"
                + " windows of 200 epochs)</td>"), html);
        assertTrue(html.contains("<th scope=\"row\">warning</th><td>the dimension count may still fall: the smallest"
                + " kept std (1st largest of 2) went from 1.2 to 1.1 (-8.3%) between the last two windows of 200"
                + " epochs</td>"), html);
    }

    @Test
    void aCollapsedCodeIsReportedAsSuchNotAsACount(@TempDir Path dir) throws Exception {
        // every dimension collapsed: decoding the codes is no better than decoding their mean
        LatentAnalysis collapsed = new LatentAnalysis(new double[] {3e-5, 2e-5}, new int[] {0, 1},
                new double[][] {{9e-10, 0}, {0, 4e-10}}, new double[] {0.6, 0.3}, new double[] {0.7, 1}, 0.99990,
                0.99991, 0, 2, 40, 1.0);
        RunFigures f = new RunFigures(history(), collapsed, IntrinsicDimension.of(collapsed, null), data(), null,
                latent(0.3), data().scaled());
        String html = Files.readString(f.report("run", RunConfig.fitDefaults(), Map.of(), Duration.ofSeconds(1))
                .write(dir));

        assertTrue(html.contains("<th scope=\"row\">intrinsic dimension</th><td>none: no dimension carries the data:"
                + " the penalty is too strong</td>"), html);
        assertTrue(html.contains("<th scope=\"row\">gap ratio</th><td>none: no dimension is kept</td>"), html);
        // no second count beside "none" (the analysis' noise counted 2 stds above 1% of the largest)
        assertTrue(html.contains("<th scope=\"row\">second count (std above 1% of the largest)</th><td>none: no"
                + " dimension carries the data</td>"), html);
    }

    @Test
    void dataWithoutVarianceIsReportedAsSuchWithNoCount(@TempDir Path dir) throws Exception {
        // every column constant: a data variance of 0 and stds of rounding noise
        LatentAnalysis flat = new LatentAnalysis(new double[] {7e-9, 3e-9}, new int[] {0, 1},
                new double[][] {{4.9e-17, 0}, {0, 9e-18}}, new double[] {0.6, 0.3}, new double[] {0.7, 1}, 1e-17,
                2e-17, 2, 2, 40, 0.0);
        IntrinsicDimension v = IntrinsicDimension.of(flat, null);
        RunFigures f = new RunFigures(history(), flat, v, data(), null, latent(0.3), data().scaled());
        String html = Files.readString(f.report("run", RunConfig.fitDefaults(), Map.of(), Duration.ofSeconds(1))
                .write(dir));

        assertTrue(html.contains("<th scope=\"row\">intrinsic dimension</th><td>none: the data has no variance: no"
                + " dimension to count</td>"), html);
        assertTrue(html.contains("<th scope=\"row\">second count (std above 1% of the largest)</th><td>none: the data"
                + " has no variance</td>"), html);
        assertEquals(List.of("z0 (not counted, std 7.0e-09)", "z1 (not counted, std 3.0e-09)"), f.markedNames());
        if (System.getProperty("lva.figures") != null) {
            f.stds().save(Path.of(System.getProperty("lva.figures")).resolve("no-variance-stds.png"));
        }
    }

    /**
     * Four dimensions whose explained reconstruction does not follow their stds: z2 (std 2.49, 0.4%
     * explained) is dropped by the rule, z3 (std 0.94, 1.1%) kept, z0 (0.001) collapsed.
     */
    private static LatentAnalysis crossing() {
        return new LatentAnalysis(new double[] {0.001, 3.0, 2.49, 0.94}, new int[] {1, 2, 3, 0}, new double[4][4],
                new double[] {0, 0.6, 0.004, 0.011}, new double[] {0.6, 0.6, 1, 1}, 0.01, 1.0, 2, 3, 40, 1.0);
    }

    @Test
    void theStdFigureAndTheNamesMarkTheRulesSetNotTheLargestStds(@TempDir Path dir) throws Exception {
        LatentAnalysis a = crossing();
        double[][] z = new double[ROWS][4];
        for (int i = 0; i < ROWS; i++) {
            double t = -1 + 2.0 * i / (ROWS - 1);
            z[i] = new double[] {1e-3 * (i % 2), 3 * t, 2.5 * t * t, Math.sin(3 * t)};
        }
        RunFigures f = new RunFigures(history(), a, IntrinsicDimension.of(a, null), data(), null,
                Nd4j.createFromArray(z), data().scaled());

        // by std: z1, z2, z3, z0; the rule keeps z1 and z3
        assertEquals(List.of("z1", "z2 (below 1% explained, std 2.5)", "z3", "z0 (collapsed, std 0.0010)"),
                f.markedNames());
        Path png = f.stds().save(dir.resolve("stds.png"));
        assertTrue(Files.size(png) > 0);
        if (System.getProperty("lva.figures") != null) {
            // for a person to look at: mvn ... -Dlva.figures=DIR
            Files.copy(png, Path.of(System.getProperty("lva.figures")).resolve("rule-not-rank-stds.png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void aCountOnASampleOfTheRowsSaysSoInTheReport(@TempDir Path dir) throws Exception {
        LatentAnalysis sampled = new LatentAnalysis(new double[] {0.0004, 1.2}, new int[] {1, 0},
                new double[][] {{1.44, 1e-5}, {1e-5, 1.6e-7}}, new double[] {0.0001, 0.97}, new double[] {0.99, 1},
                1e-4, 0.5, 1, 1, 16, 1.0, ROWS);
        RunFigures f = new RunFigures(history(), sampled, IntrinsicDimension.of(sampled, null), data(), null,
                latent(0.3), data().scaled());
        String html = Files.readString(f.report("run", RunConfig.fitDefaults(), Map.of(), Duration.ofSeconds(1))
                .write(dir));
        assertTrue(html.contains("of 2 latent dimensions; computed on 16 of 40 rows)</td>"), html);
    }

    @Test
    void latentZeroIsShownAsTheWidthItGave() {
        assertEquals("0", RunFigures.commandLineOptions(RunConfig.fitDefaults()).get("--latent"), "as configured");
        assertEquals("3 (as many as the data has columns; --latent 0)",
                RunFigures.commandLineOptions(RunConfig.fitDefaults(), data()).get("--latent"));
        RunConfig three = dev.lva.api.plugin.Options.bind(RunConfig.fitDefaults(), Map.of("latent", "2"), "test");
        assertEquals("2", RunFigures.commandLineOptions(three, data()).get("--latent"));
    }

    @Test
    void aTablesReportShowsNoImageOptions() {
        Map<String, String> o = RunFigures.commandLineOptions(RunConfig.fitDefaults(), data());
        assertFalse(o.containsKey("--pad-to") || o.containsKey("--layout") || o.containsKey("--stream"), o.toString());
        assertEquals("auto", RunFigures.commandLineOptions(RunConfig.fitDefaults()).get("--stream"),
                "an image run's report shows how its images were read");
        assertTrue(o.containsKey("--limit"), "--limit cuts a table too: " + o);
    }

    @Test
    void optionsAreNamedAsTheCommandLineTakesThem() {
        Map<String, String> o = RunFigures.commandLineOptions(RunConfig.fitDefaults());

        assertEquals("0", o.get("--prune-from"));
        assertEquals("0", o.get("--checkpoint-every"));
        assertEquals("48,48,48,48", o.get("--hidden"), "lists as typed on the command line");
        assertEquals("false", o.get("pruned-in-penalty (config file)"), "not an option of lva fit: " + o.keySet());
        assertFalse(o.containsKey("pruneFrom"));
        for (String key : o.keySet()) {
            assertTrue(key.startsWith("--") || key.endsWith("(config file)"), key);
        }
    }

    @Test
    void aConvolutionalRunShowsOnlyTheOptionsItsModelUses() {
        RunConfig conv = dev.lva.api.plugin.Options.bind(RunConfig.fitDefaults(),
                Map.of("model", "conv-lvae", "channels", "8;16"), "test");
        Map<String, String> o = RunFigures.commandLineOptions(conv);
        assertEquals("8,16", o.get("--channels"));
        for (String unused : List.of("--hidden", "--scale", "--columns", "--header")) {
            assertFalse(o.containsKey(unused), unused + " in " + o.keySet());
        }
        assertFalse(RunFigures.commandLineOptions(RunConfig.fitDefaults()).containsKey("--channels"));
    }

    @Test
    void theCheckpointScheduleIsTheOneTheWriterFollows() {
        assertEquals("at the end only (--checkpoint-every 0, --checkpoint-seconds 0); the newest 3 kept (--keep)",
                RunFigures.schedule(RunConfig.fitDefaults()));
        RunConfig every = Options.bind(RunConfig.fitDefaults(), Map.of("checkpointEvery", "1000",
                "checkpointSeconds", "30", "keep", "2"), "test");
        assertEquals("every 1000 steps (--checkpoint-every) and every 30 s of training (--checkpoint-seconds), and at"
                + " the end; the newest 2 kept (--keep)", RunFigures.schedule(every));
    }

    @Test
    void largeRunsDrawASampleOfRows() {
        RunData d = data();
        INDArray many = Nd4j.zeros(DataType.DOUBLE, 12_001, 2);
        int[] rows = new RunFigures(history(), analysis(), d, many, d.scaled()).sample();
        assertTrue(rows.length <= RunFigures.MAX_POINTS, rows.length + " rows drawn");
        assertEquals(0, rows[0]);
        assertEquals(3, rows[1], "every third row");
    }
}
