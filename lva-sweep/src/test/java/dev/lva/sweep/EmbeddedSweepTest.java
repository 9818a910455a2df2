package dev.lva.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lva.run.sweep.EngineSettings;
import dev.lva.run.sweep.PaperScores;
import dev.lva.run.sweep.RunRecord;
import dev.lva.run.sweep.SweepExecutor;
import dev.lva.run.sweep.SweepPlan;
import dev.lva.run.sweep.SweepPoint;
import dev.lva.run.sweep.SweepRunner;
import dev.lva.run.sweep.SweepTable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark embedded in the process, as {@code lva sweep} runs by default: 2 penalties x 2 weights x 2
 * seeds give 8 runs whose numbers are those of 8 separate runs of {@code lva fit}'s own path, and a
 * report that loads in headless Chromium.
 */
class EmbeddedSweepTest {
    @TempDir
    static Path dir;
    static SweepPlan plan;
    static SweepRunner.Summary summary;
    static String log;

    @BeforeAll
    static void sweep() throws Exception {
        Path csv = TestData.curve(dir);
        plan = TestData.plan(List.of("--data", csv.toString(), "--regularizer", "volume,lasso", "--lambda", "1e-3,1e-2",
                "--seeds", "0-1", "--hidden", "8,8", "--epochs", "100", "--out", dir.resolve("sweep").toString()));
        StringWriter progress = new StringWriter();
        try (SweepExecutor spark = new SparkEngine().open(new EngineSettings(null, 2, 1, Map.of()))) {
            assertTrue(spark.describe().startsWith("Spark 3.5."), spark.describe());
            assertTrue(spark.describe().contains("local[2,2]"), spark.describe());
            summary = SweepRunner.run(plan, spark, 1, new PrintWriter(progress));
        }
        log = progress.toString();
    }

    @Test
    void eightRunsWithTheNumbersOfEightSeparateFits() throws Exception {
        assertEquals(8, summary.runs());
        assertEquals(8, summary.ok(), log);
        List<String> lines = Files.readAllLines(summary.table());
        assertEquals(9, lines.size(), "a header and 8 rows");
        Map<String, List<String>> table = TestData.table(summary.table());
        for (SweepPoint p : plan.points()) {
            TestData.FitNumbers fit = TestData.fit(p.config(), dir.resolve("fit").resolve(p.name()));
            assertEquals(fit.cells(), table.get(p.name()), p.name());
            assertTrue(Files.isRegularFile(plan.runDir(p.name()).resolve("model.zip")), p.name());
        }
        assertFalse(Files.exists(plan.out().resolve("checkpoints")), "no checkpoints left once every run is done");
    }

    /** The paper's metrics travel back from Spark's executors with each run's numbers, into the table's last columns. */
    @Test
    void thePapersMetricsComeBackFromTheExecutors() throws Exception {
        List<String> lines = Files.readAllLines(summary.table());
        List<String> header = List.of(lines.get(0).split(",", -1));
        assertEquals(SweepTable.PAPER, header.subList(header.size() - SweepTable.PAPER.size(), header.size()));
        for (RunRecord r : summary.records()) {
            PaperScores p = r.metrics().paper();
            assertTrue(p.importanceCorrelation() != null && p.lipschitzBound() != null && p.principalCount() != null,
                    r.name() + ": " + p);
            assertEquals(null, p.knnAccuracy(), "no --labels, no kNN accuracy: " + r.name());
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            double bound = Double.parseDouble(cells[header.indexOf("lipschitz_bound")]);
            assertTrue(Double.isFinite(bound) && bound > 0, line);
            assertEquals("", cells[header.indexOf("knn_accuracy")], line);
        }
    }

    @Test
    void everyRunFinishedOnceAndInTheLog() {
        for (SweepPoint p : plan.points()) {
            Matcher m = Pattern.compile("\\] " + Pattern.quote(p.name()) + ": ").matcher(log);
            assertTrue(m.find(), p.name() + " not in " + log);
            assertFalse(m.find(), p.name() + " twice in " + log);
        }
    }

    @Test
    void theReportLoadsInHeadlessChromium() throws Exception {
        assumeTrue(Files.isExecutable(Chromium.BINARY), "chromium not installed: apt-get install chromium");
        String html = Files.readString(summary.report());
        Matcher img = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        List<String> images = img.results().map(r -> r.group(1)).toList();
        assertEquals(5, images.size(), "dimensions (two counts) and reconstruction against lambda, the trade-off"
                + " front, the spectra: " + images);
        List<String> lines = Chromium.check(summary.report(), dir);
        for (String src : images) {
            assertTrue(lines.contains("ok:" + src), src + " did not decode: " + lines);
        }
        assertTrue(lines.contains("broken:missing-probe.png"), "the check tells a broken image: " + lines);
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("error:")), "script errors: " + lines);
        for (SweepPoint p : plan.points()) {
            assertTrue(html.contains(p.name()), p.name() + " is listed in the report");
        }
    }
}
