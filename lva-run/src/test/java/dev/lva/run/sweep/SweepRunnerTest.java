package dev.lva.run.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import dev.lva.api.plugin.Options;
import dev.lva.api.plugin.Plugins;
import dev.lva.run.FilesNaming;
import dev.lva.run.LvaRun;
import dev.lva.run.RunConfig;
import dev.lva.run.RunData;
import dev.lva.run.RunSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver with the threads engine: a run that diverges is recorded and the others finish; a
 * second run of the same sweep skips what is finished and resumes from a kept checkpoint to the
 * same numbers as an uninterrupted run; a folder of other options is refused, not reused.
 */
class SweepRunnerTest {
    private static final Plugins PLUGINS = Plugins.discover();

    @TempDir
    static Path dir;
    static Path csv;

    @BeforeAll
    static void data() throws Exception {
        StringBuilder sb = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 40; i++) {
            double t = i / 39.0;
            sb.append(t).append(',').append(t * t).append(',').append(Math.sin(3 * t)).append('\n');
        }
        csv = dir.resolve("curve.csv");
        Files.writeString(csv, sb.toString());
    }

    private static SweepOptions options(Path out) {
        return new SweepOptions().put("data", "--data", List.of(csv.toString()))
                .put("hidden", "--hidden", List.of("8")).put("epochs", "--epochs", List.of("60"))
                .put("out", "--out", List.of(out.toString()));
    }

    private static SweepRunner.Summary sweep(SweepPlan plan) throws InterruptedException {
        try (SweepExecutor executor = new ThreadsEngine().open(new EngineSettings(null, 2, 1, Map.of()))) {
            return SweepRunner.run(plan, executor, 1, new PrintWriter(new StringWriter()));
        }
    }

    private static SweepPlan plan(SweepOptions o) {
        return SweepGrid.plan(o, SweepOptions.defaults(), PLUGINS);
    }

    @Test
    void aFolderCopiedWithItsDataBesideItRerunsItsFinishedRuns() throws Exception {
        // a study keeps its data in STUDY/data beside its sweep folders: a copied study named every run
        // "trained with other options", as the runs record their data's path
        Path study = dir.resolve("study-a");
        Files.createDirectories(study.resolve("data"));
        Files.copy(csv, study.resolve("data").resolve("curve.csv"));
        SweepOptions grid = options(study.resolve("sweep"))
                .put("data", "--data", List.of(study.resolve("data").resolve("curve.csv").toString()));
        assertEquals(1, sweep(plan(grid)).ok());

        Path copy = dir.resolve("study-b");
        try (var walk = Files.walk(study)) {
            for (Path p : walk.toList()) {
                Files.copy(p, copy.resolve(study.relativize(p).toString()));
            }
        }
        SweepOptions moved = options(copy.resolve("sweep"))
                .put("data", "--data", List.of(copy.resolve("data").resolve("curve.csv").toString()));
        SweepRunner.Summary again = sweep(plan(moved));
        assertEquals(1, again.skipped(), "the copied run is finished: " + again);
        assertEquals(0, again.started());

        // the same contents under another name, outside the folder, are other data as before
        Path elsewhere = dir.resolve("elsewhere.csv");
        Files.copy(csv, elsewhere);
        SweepOptions other = options(copy.resolve("sweep")).put("data", "--data", List.of(elsewhere.toString()));
        LvaException e = assertThrows(LvaException.class, () -> sweep(plan(other)));
        assertTrue(e.getMessage().contains("trained with other options"), e.getMessage());
    }

    @Test
    void aDivergedRunIsRecordedAsFailedAndTheOthersFinish() throws Exception {
        Path out = dir.resolve("diverged");
        SweepRunner.Summary s = sweep(plan(options(out).put("lr", "--lr", List.of("1e-3", "1e38"))));
        assertEquals(1, s.ok());
        assertEquals(1, s.failed());
        List<String> lines = Files.readAllLines(out.resolve(SweepFolder.TABLE));
        assertEquals(3, lines.size(), "header and two rows: " + lines);
        assertTrue(lines.get(1).startsWith("volume_lambda0.01_seed0_lr1e-3,1e-3,volume,0.01,0,ok,"), lines.get(1));
        assertTrue(lines.get(2).startsWith("volume_lambda0.01_seed0_lr1e38,1e38,volume,0.01,0,failed,"), lines.get(2));
        // the trainer stops at the first non-finite parameter, before it is used, and says where
        assertTrue(lines.get(2).contains("training stopped: step 1") && lines.get(2).contains("= -Infinity"),
                lines.get(2));
        String record = Files.readString(out.resolve("runs/volume_lambda0.01_seed0_lr1e38/run.json"));
        assertTrue(record.contains("\"status\" : \"failed\""), record);
        assertTrue(Files.isRegularFile(out.resolve("runs/volume_lambda0.01_seed0_lr1e-3/model.zip")));
        assertTrue(Files.isRegularFile(s.report()));

        // failing again would fail the same way: the second sweep does not train it again, unless asked
        SweepRunner.Summary again = sweep(plan(options(out).put("lr", "--lr", List.of("1e-3", "1e38"))));
        assertEquals(2, again.skipped());
        assertEquals(0, again.started());
        try (SweepExecutor executor = new ThreadsEngine().open(new EngineSettings(null, 2, 1, Map.of()))) {
            SweepRunner.Summary retried = SweepRunner.run(plan(options(out).put("lr", "--lr", List.of("1e-3", "1e38"))),
                    executor, 1, new PrintWriter(new StringWriter()), true);
            assertEquals(1, retried.skipped());
            assertEquals(1, retried.started());
            assertEquals(1, retried.failed());
        }
    }

    @Test
    void aCollapsedRunHasNoCountInItsRowItsRecordOrItsLine() throws Exception {
        Path out = dir.resolve("collapsed");
        SweepOptions grid = new SweepOptions().put("data", "--data", List.of(csv.toString()))
                .put("hidden", "--hidden", List.of("8")).put("epochs", "--epochs", List.of("300"))
                .put("batch", "--batch", List.of("40")).put("lambda", "--lambda", List.of("0.01", "1000"))
                .put("out", "--out", List.of(out.toString()));
        SweepRunner.Summary s = sweep(plan(grid));
        assertEquals(2, s.ok());
        List<String> lines = Files.readAllLines(out.resolve(SweepFolder.TABLE));
        List<String> header = List.of(lines.get(0).split(","));
        int dims = header.indexOf("dims_explained");
        String[] kept = lines.get(1).split(",", -1);
        String[] collapsed = lines.get(2).split(",", -1);
        assertTrue(collapsed[0].contains("lambda1000"), lines.get(2));
        // the working run has both counts; the collapsed one neither (it had "0" and its noise's "3")
        assertTrue(Integer.parseInt(kept[dims]) >= 1 && Integer.parseInt(kept[dims + 1]) >= 1, lines.get(1));
        assertEquals("", collapsed[dims], lines.get(2));
        assertEquals("", collapsed[dims + 1], lines.get(2));
        String record = Files.readString(out.resolve("runs").resolve(collapsed[0]).resolve(SweepFolder.RUN_FILE));
        assertTrue(record.contains("\"dims_explained\" : null") && record.contains("\"dims_std\" : null"), record);

        // read back by a second sweep, still no count
        SweepRunner.Summary again = sweep(plan(grid));
        assertEquals(2, again.skipped());
        assertEquals(lines, Files.readAllLines(out.resolve(SweepFolder.TABLE)));
        RunRecord r = new RunRecord(collapsed[0], Map.of(), "volume", 1000, 0, RunOutcome.Status.OK, "",
                new RunMetrics(null, null, 0.5, 1, 0.5, 0.5, 300, true, 1.0, new double[] {1e-6, 1e-7}));
        assertTrue(SweepRunner.describe(r).startsWith("no count (no dimension carries the data, or the data has no"
                + " variance), reconstruction MSE 0.5"), SweepRunner.describe(r));
    }

    @Test
    void aSecondSweepSkipsFinishedRunsAndResumesFromKeptCheckpoints() throws Exception {
        SweepOptions grid = options(dir.resolve("whole")).put("seed", "--seeds", List.of("0", "1"))
                .put("checkpointEvery", "--checkpoint-every", List.of("20"));
        SweepRunner.Summary whole = sweep(plan(grid));
        assertEquals(2, whole.ok());

        Path out = dir.resolve("interrupted");
        SweepPlan plan = plan(options(out).put("seed", "--seeds", List.of("0", "1"))
                .put("checkpointEvery", "--checkpoint-every", List.of("20")));
        sweep(plan);
        SweepPoint second = plan.points().get(1);
        // as if the driver had died while seed 1 trained: its folder gone, a checkpoint of step 40 kept
        PointTrainer.deleteTree(out.resolve("runs").resolve(second.name()));
        byte[] step40 = checkpointAt(second.config(), 40);
        new SweepFolder(out).saveCheckpoint(second, new CheckpointBytes(second.name(), "checkpoint-00000040.zip", 40,
                step40));
        Path firstRecord = out.resolve("runs").resolve(plan.points().get(0).name()).resolve(SweepFolder.RUN_FILE);
        byte[] before = Files.readAllBytes(firstRecord);

        SweepRunner.Summary again = sweep(plan);
        assertEquals(1, again.skipped());
        assertEquals(1, again.resumed());
        assertEquals(0, again.started());
        assertArrayEquals(before, Files.readAllBytes(firstRecord), "the finished run was not touched");
        assertFalse(Files.exists(out.resolve(SweepFolder.CHECKPOINTS)), "kept checkpoints go once their run is done");
        assertEquals(Files.readAllLines(dir.resolve("whole").resolve(SweepFolder.TABLE)).stream().map(SweepRunnerTest::numbers)
                .toList(), Files.readAllLines(out.resolve(SweepFolder.TABLE)).stream().map(SweepRunnerTest::numbers).toList());
    }

    /**
     * A point trains in a scratch folder of whatever machine runs it and comes to the sweep's folder as
     * its files are: none of them (nor any entry of its model) names the scratch or the folder it lies
     * in, its summary gives the sweep's numbers, and moved elsewhere it reads and resumes.
     */
    @Test
    void aFinishedPointsFilesNameNoScratchAndNoFolderAndTheyMove() throws Exception {
        Path out = dir.resolve("point-files");
        SweepPlan plan = plan(options(out).put("checkpointEvery", "--checkpoint-every", List.of("20")));
        SweepRunner.Summary s;
        try (SweepExecutor executor = new ThreadsEngine().open(new EngineSettings(null, 1, 1, Map.of()))) {
            s = SweepRunner.of(plan, Map.of(), 1, new PrintWriter(new StringWriter())).runReports(true).run(executor);
        }
        assertEquals(1, s.ok());
        SweepPoint point = plan.points().get(0);
        Path run = out.resolve("runs").resolve(point.name());
        assertTrue(Files.isRegularFile(run.resolve("report.html")), "the point wrote its report");
        String scratch = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().resolve("lva-sweep-").toString();
        assertEquals(List.of(), FilesNaming.in(run, scratch), "files naming the scratch folder");
        assertEquals(List.of(), FilesNaming.in(run, out.toAbsolutePath().toString()), "files naming the sweep's folder");

        RunSummary summary = RunSummary.read(run);
        RunMetrics row = s.records().get(0).metrics();
        RunMetrics fromSummary = RunMetrics.of(summary);
        assertEquals(row.dimsExplained(), fromSummary.dimsExplained());
        assertEquals(row.steps(), fromSummary.steps());
        assertEquals(row.reconstruction(), fromSummary.reconstruction());
        assertEquals(row.lossTotal(), fromSummary.lossTotal());
        assertArrayEquals(row.sortedStds(), fromSummary.sortedStds());

        Path moved = dir.resolve("moved-point");
        Files.move(run, moved);
        assertEquals(summary.steps(), RunSummary.read(moved).steps());
        Path resumed = dir.resolve("point-resumed");
        LvaRun.Result r = LvaRun.resume(RunSummary.read(moved).modelIn(moved), 120, resumed, (Path) null, PLUGINS,
                null);
        assertEquals(120, r.runSummary().steps(), "60 more full-batch epochs");
        assertArrayEquals(new long[] {60}, RunSummary.read(resumed).resumedAtSteps());
    }

    /**
     * The threads engine moves a run's folder into place instead of reading it into the heap: it
     * trains beside it, in the runs' folder, so no scratch folder goes to the temporary folder; after
     * the sweep none is left, and the run folder holds the run's files but not its periodic
     * checkpoints. A scratch folder a killed driver left there goes with the next sweep.
     */
    @Test
    void theThreadsEngineLeavesNoScratchFolderBehind() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> before = scratchFolders(tmp);
        Path out = dir.resolve("no-scratch");
        SweepPlan plan = plan(options(out).put("seed", "--seeds", List.of("0", "1"))
                .put("checkpointEvery", "--checkpoint-every", List.of("20")));
        assertEquals(2, sweep(plan).ok());
        assertEquals(before, scratchFolders(tmp), "scratch folders left in " + tmp);
        Path runs = out.resolve("runs");
        try (var list = Files.list(runs)) {
            assertEquals(List.of(), list.filter(p -> p.getFileName().toString().startsWith(".")).toList(),
                    "hidden folders left in " + runs);
        }
        Path killed = Files.createDirectories(runs.resolve("." + plan.points().get(0).name() + ".0000.tmp")
                .resolve("run"));
        Files.writeString(killed.resolve("latent.csv"), "z0\n1\n");
        assertEquals(2, sweep(plan).skipped(), "both runs finished before");
        assertFalse(Files.exists(killed.getParent()), "a killed driver's scratch folder is dropped");
        for (SweepPoint point : plan.points()) {
            Path run = out.resolve("runs").resolve(point.name());
            for (String f : List.of("model.zip", "latent.csv", "summary.json", "config.yaml", SweepFolder.RUN_FILE)) {
                assertTrue(Files.isRegularFile(run.resolve(f)), point.name() + " lacks " + f);
            }
            assertFalse(Files.exists(run.resolve(LvaRun.CHECKPOINT_DIR)), "periodic checkpoints stay out");
        }
    }

    private static List<Path> scratchFolders(Path tmp) throws Exception {
        try (var list = Files.list(tmp)) {
            return list.filter(p -> p.getFileName().toString().startsWith("lva-sweep-")).sorted().toList();
        }
    }

    /**
     * A later sweep takes a finished run's numbers from the run's own record, summary.json, as the run's
     * {@link RunSummary} states them, not from the copies in run.json (the table's row); a finished run
     * without its summary is refused naming the file.
     */
    @Test
    void aFinishedRunsNumbersComeFromItsOwnSummary() throws Exception {
        Path out = dir.resolve("own-record");
        SweepPlan plan = plan(options(out));
        SweepRunner.Summary first = sweep(plan);
        assertEquals(1, first.ok());
        Path run = out.resolve("runs").resolve(plan.points().get(0).name());
        RunMetrics own = RunMetrics.of(RunSummary.read(run));
        // the row's copies altered: the run's numbers are still the summary's
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode row =
                (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(run.resolve(SweepFolder.RUN_FILE).toFile());
        row.put("dims_explained", 7).put("dims_std", 7).put("steps", 1).put("reconstruction_mse", 99.0);
        row.putArray("stds_sorted").add(5.0);
        mapper.writeValue(run.resolve(SweepFolder.RUN_FILE).toFile(), row);
        SweepRunner.Summary again = sweep(plan);
        assertEquals(1, again.skipped());
        RunMetrics read = again.records().get(0).metrics();
        assertEquals(own.dimsExplained(), read.dimsExplained());
        assertEquals(own.dimsStd(), read.dimsStd());
        assertEquals(own.steps(), read.steps());
        assertEquals(own.reconstruction(), read.reconstruction());
        assertArrayEquals(own.sortedStds(), read.sortedStds());
        assertEquals(own.paper(), read.paper());

        Files.delete(run.resolve("summary.json"));
        String m = assertThrows(LvaException.class, () -> sweep(plan)).getMessage();
        assertTrue(m.contains(run.resolve("summary.json") + ": no run summary there"), m);
        assertTrue(m.contains("remove that folder to train it again"), m);
    }

    @Test
    void aFolderOfOtherOptionsIsNotTakenForFinished() throws Exception {
        Path out = dir.resolve("changed");
        sweep(plan(options(out)));
        String m = assertThrows(LvaException.class, () -> sweep(plan(options(out).put("epochs", "--epochs",
                List.of("61"))))).getMessage();
        assertTrue(m.contains("runs/volume_lambda0.01_seed0 holds a run trained with other options (epochs 61 now, 60"
                + " then)"), m);
    }

    @Test
    void aFinishedRunRecordedBeforeStreamExistedOrWithAnotherStreamStaysFinished() throws Exception {
        Path out = dir.resolve("stream");
        sweep(plan(options(out)));
        Path record = out.resolve("runs/volume_lambda0.01_seed0/run.json");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode)
                json.readTree(record.toFile());
        assertEquals("auto", root.path("options").path("stream").asText(), "a run records its --stream");
        // as an lva before --stream wrote it
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.path("options")).remove("stream");
        json.writeValue(record.toFile(), root);
        SweepRunner.Summary again = sweep(plan(options(out)));
        assertEquals(0, again.started(), "nothing trained again");
        assertEquals(again.runs(), again.skipped());
        SweepRunner.Summary never = sweep(plan(options(out).put("stream", "--stream", List.of("never"))));
        assertEquals(0, never.started(), "--stream changes no number of a sweep's run (its data is in memory)");
    }

    /**
     * Labels or true parameters that do not fit the data failed every run of the grid, each recorded
     * as failed (so skipped when the sweep ran again) and the sweep's exit code 0: now refused once,
     * before anything is written.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "labels|0\\n1\\n0\\n|--limit 0|3 labels, but",
        "truth|t\\n1\\n2\\n|--limit 0|true parameters for 2 rows, but",
        "labels|0\\n1\\n0\\n|--limit 30|3 labels, but",
        "labels|0\\n\\n1\\n|--limit 0|a blank line among the rows"})
    void evaluationFilesThatDoNotFitTheDataAreRefusedBeforeAnyRun(String option, String text, String limit,
                                                                 String message) throws Exception {
        Path out = dir.resolve("eval-" + Math.abs((option + text + limit).hashCode()));
        Path file = Files.writeString(dir.resolve(option + ".csv"), text.replace("\\n", "\n"));
        SweepOptions o = options(out).put(option, "--" + option, List.of(file.toString()))
                .put("lambda", "--lambda", List.of("0.01", "0.1"));
        if (!limit.endsWith(" 0")) {
            o = o.put("limit", "--limit", List.of(limit.substring("--limit ".length())));
        }
        SweepOptions grid = o;
        String m = assertThrows(LvaException.class, () -> sweep(plan(grid))).getMessage();
        assertTrue(m.contains(message), m);
        assertFalse(Files.exists(out.resolve(SweepFolder.TABLE)), "refused before anything is written");
    }

    @Test
    void seedsEqualModulo2To32AreRefusedAsOneStart() {
        Path out = dir.resolve("same-start");
        String m = assertThrows(LvaException.class, () -> sweep(plan(options(out).put("seed", "--seeds",
                List.of("0", "4294967296"))))).getMessage();
        assertTrue(m.contains("runs volume_lambda0.01_seed0 and volume_lambda0.01_seed4294967296: seeds 0 and"
                + " 4294967296 are the same seed to the weights' generator"), m);
        assertFalse(Files.exists(out.resolve(SweepFolder.TABLE)), "refused before anything is written");
    }

    @Test
    void twoDriversCannotWriteOneSweep() throws Exception {
        Path out = dir.resolve("locked");
        try (AutoCloseable first = new SweepFolder(out).prepare()) {
            String m = assertThrows(LvaException.class, () -> sweep(plan(options(out)))).getMessage();
            assertEquals(out + ": another sweep is writing into this folder; wait for it to end, or give this one"
                    + " another --out", m);
        }
        assertEquals(1, sweep(plan(options(out))).ok(), "the folder is free once the first lets go");
    }

    /** A row without its seconds, which differ from run to run. */
    private static String numbers(String row) {
        String[] cells = row.split(",", -1);
        // seconds, before message, data_digest and the paper's metrics
        cells[cells.length - 3 - SweepTable.PAPER.size()] = "";
        return String.join(",", cells);
    }

    /**
     * The LV paper's metrics of each run are sweep.csv's last columns, read from the run's summary (by a
     * later sweep too), and empty (not 0) where an older lva's summary lacks them.
     */
    @Test
    void thePapersMetricsAreTheLastColumnsAndAFinishedRunKeepsThem() throws Exception {
        Path out = dir.resolve("paper");
        StringBuilder labels = new StringBuilder();
        StringBuilder truth = new StringBuilder("t\n");
        for (int i = 0; i < 40; i++) {
            labels.append(i < 20 ? 0 : 1).append('\n');
            truth.append(i / 39.0).append('\n');
        }
        Path l = Files.writeString(dir.resolve("paper-labels.csv"), labels.toString());
        Path t = Files.writeString(dir.resolve("paper-truth.csv"), truth.toString());
        SweepOptions grid = options(out).put("labels", "--labels", List.of(l.toString()))
                .put("truth", "--truth", List.of(t.toString()));
        SweepRunner.Summary s = sweep(plan(grid));
        assertEquals(1, s.ok());
        List<String> lines = Files.readAllLines(out.resolve(SweepFolder.TABLE));
        List<String> header = List.of(lines.get(0).split(",", -1));
        assertEquals(SweepTable.PAPER, header.subList(header.size() - SweepTable.PAPER.size(), header.size()));
        assertEquals(header.size() - SweepTable.PAPER.size() - 1, header.indexOf("data_digest"),
                "the earlier columns where they were");
        String[] row = lines.get(1).split(",", -1);
        assertEquals(header.size(), row.length, lines.get(1));
        for (String c : SweepTable.PAPER) {
            double v = Double.parseDouble(row[header.indexOf(c)]);
            assertTrue(Double.isFinite(v), c + " in " + lines.get(1));
        }
        double knn = Double.parseDouble(row[header.indexOf("knn_accuracy")]);
        assertTrue(knn >= 0 && knn <= 1, lines.get(1));
        assertTrue(Double.parseDouble(row[header.indexOf("lipschitz_bound")]) > 0, lines.get(1));
        int count = Integer.parseInt(row[header.indexOf("principal_count")]);
        assertTrue(count >= 0 && count <= 3, lines.get(1));

        // as the run's summary states them
        SweepPoint point = plan(grid).points().get(0);
        Map<String, Object> more = RunSummary.read(out.resolve("runs").resolve(point.name())).more();
        assertEquals(((Number) more.get("importance_correlation")).doubleValue(),
                Double.parseDouble(row[header.indexOf("importance_correlation")]));
        assertEquals(((Number) more.get("lipschitz_bound")).doubleValue(),
                Double.parseDouble(row[header.indexOf("lipschitz_bound")]));
        assertEquals(((Number) more.get("knn_accuracy_code")).doubleValue(), knn);
        double r2 = ((Number) ((Map<?, ?>) more.get("truth_r2")).get("t")).doubleValue();
        assertEquals(r2, Double.parseDouble(row[header.indexOf("truth_r2_mean")]));

        // a later sweep reads them back from the run's folder
        assertEquals(1, sweep(plan(grid)).skipped());
        assertEquals(lines, Files.readAllLines(out.resolve(SweepFolder.TABLE)));

        // travels to an executor and back
        RunMetrics m = s.records().get(0).metrics();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream o = new java.io.ObjectOutputStream(bytes)) {
            o.writeObject(m);
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(m.paper(), ((RunMetrics) in.readObject()).paper());
        }

        // a run an older lva wrote, its summary without them: empty cells, the other columns as they were
        Path record = out.resolve("runs").resolve(point.name()).resolve("summary.json");
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode old =
                (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(record.toFile());
        List.of("importance_correlation", "mean_correlation", "principal_count", "principal_std_count",
                "lipschitz_bound", "knn_accuracy_code", "truth_r2").forEach(old::remove);
        mapper.writerWithDefaultPrettyPrinter().writeValue(record.toFile(), old);
        assertEquals(1, sweep(plan(grid)).skipped());
        List<String> after = Files.readAllLines(out.resolve(SweepFolder.TABLE));
        assertEquals(lines.get(0), after.get(0));
        String[] oldRow = after.get(1).split(",", -1);
        int first = header.size() - SweepTable.PAPER.size();
        for (int i = first; i < header.size(); i++) {
            assertEquals("", oldRow[i], header.get(i) + " of an old run.json: " + after.get(1));
        }
        assertArrayEquals(java.util.Arrays.copyOf(row, first), java.util.Arrays.copyOf(oldRow, first));
    }

    /** The checkpoint that lva fit's own path writes at {@code step}. */
    private static byte[] checkpointAt(RunConfig config, int step) throws Exception {
        Path scratch = dir.resolve("fit-" + step);
        RunConfig c = Options.bind(config, Map.of("out", scratch.toString(), "keep", "10"), "test");
        new LvaRun(c, PLUGINS, null).run(RunData.load(c, c.precision().dataType()));
        return Files.readAllBytes(scratch.resolve(LvaRun.CHECKPOINT_DIR).resolve(String.format("checkpoint-%08d.zip",
                step)));
    }

    @Test
    void pathsArePrintedAsLvaFitPrintsThem() {
        Path here = Path.of("").toAbsolutePath();
        assertEquals(Path.of("runs", "sweep", "sweep.csv"), SweepRunner.shown(here.resolve("runs/sweep/sweep.csv")));
        assertEquals(Path.of("runs", "sweep"), SweepRunner.shown(Path.of("runs/./sweep")));
        Path elsewhere = dir.toAbsolutePath().resolve("sweep.csv");
        assertEquals(elsewhere.startsWith(here) ? here.relativize(elsewhere) : elsewhere, SweepRunner.shown(elsewhere));
        assertEquals(Path.of("/tmp/x/sweep.csv"), SweepRunner.shown(Path.of("/tmp/x/sweep.csv")));
    }
}
