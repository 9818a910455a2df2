package dev.lva.run.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lva.api.LvaException;
import dev.lva.api.plugin.Plugins;
import dev.lva.run.sweep.EngineSettings;
import dev.lva.run.sweep.SweepExecutor;
import dev.lva.run.sweep.SweepFolder;
import dev.lva.run.sweep.ThreadsEngine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny study on synthetic images (2 penalties x 2 lambdas x 1 seed, 2 epochs): its folder, its
 * report's figures, a rerun that trains nothing, and the options it refuses.
 */
class StudyTest {
    private static final Plugins PLUGINS = Plugins.discover();

    @TempDir
    Path dir;

    /** The tiny study's folder, run once for the tests that read it. */
    @TempDir
    static Path shared;

    private static Path tinyOut;
    private static Study.Result tinyResult;

    @BeforeAll
    static void runTheTinyStudy() throws Exception {
        tinyOut = shared.resolve("study");
        tinyResult = run(Study.plan(tiny(tinyOut).build(), PLUGINS));
    }

    private static StudyOptions.Builder tiny(Path out) {
        return StudyOptions.builder(out).datasets(List.of("synth")).penalties(List.of("volume", "lasso"))
                .lambdas(List.of("1e-4", "1e-3")).seeds(List.of(0L)).epochs(60).synthImages(120).synthSize(16)
                .channels(List.of(4)).latent(3);
    }

    private static Study.Result run(Study study) throws InterruptedException {
        try (SweepExecutor executor = new ThreadsEngine().open(new EngineSettings(null, 2, 1, Map.of()))) {
            return study.run(executor, 1, 2, false, new PrintWriter(new StringWriter()));
        }
    }

    @Test
    void aTinyStudyWritesItsFolderAndReportAndARerunTrainsNothing() throws Exception {
        Path out = tinyOut;
        Study study = Study.plan(tiny(out).build(), PLUGINS);
        assertEquals(4, study.runs());
        assertTrue(study.sizeText().startsWith("4 runs: synth 4"), study.sizeText());
        Study.Result r = tinyResult;
        assertEquals(0, r.errors());
        assertEquals(4, r.sweeps().get(StudyData.SYNTH).ok(), "every run finished");

        for (String f : List.of("report.html", "study.csv", "synth/sweep.csv", "synth/report.html",
                "data/synth/images.npy", "data/synth/parameters.csv", "data/synth/synth.txt")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        List<String> runs;
        try (Stream<Path> s = Files.list(out.resolve("synth/runs"))) {
            runs = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("lasso_lambda1e-3_seed0", "lasso_lambda1e-4_seed0", "volume_lambda1e-3_seed0",
                "volume_lambda1e-4_seed0"), runs);
        // the synthetic parameters are only the five that vary: the truth has nothing constant to recover
        assertEquals("rotation,translate_x,translate_y,scale,shear",
                Files.readAllLines(out.resolve("data/synth/parameters.csv")).get(0));

        // every figure the page shows is a file, and every figure file is on the page
        String html = Files.readString(out.resolve("report.html"));
        List<String> shown = new ArrayList<>();
        Matcher m = Pattern.compile("src=\"([^\"]+\\.png)\"").matcher(html);
        while (m.find()) {
            shown.add(m.group(1));
        }
        List<String> files;
        try (Stream<Path> s = Files.list(out)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).sorted().toList();
        }
        assertEquals(files, shown.stream().sorted().toList(), html);
        // dimensions, pruning curves, importance correlation, truth recovery (no labels: no kNN figure)
        assertEquals(4, files.size(), files + Files.readString(out.resolve("synth/sweep.csv")));
        assertTrue(files.stream().anyMatch(f -> f.contains("pruning-curves")), files.toString());
        assertTrue(files.stream().anyMatch(f -> f.contains("recovery")), files.toString());
        assertFalse(html.contains("class=\"missing\""), "no figure is missing: " + html);
        assertTrue(html.contains("closest"), "the page says which runs the pruning curves compare");

        List<String> table = Files.readAllLines(out.resolve("study.csv"));
        assertEquals(3, table.size(), table.toString());
        assertTrue(table.get(1).startsWith("synth,volume,2,2,"), table.get(1));
        assertEquals(2, r.rows().size());
        assertTrue(r.rows().get(0).truthR2() != null, "the synthetic runs recover parameters: " + r.rows());
        StudyReport.Headline volume = r.rows().get(0);
        assertTrue(volume.truthKnnR2() != null && volume.truthKnnR2Min() != null
                && volume.truthKnnR2Min() <= volume.truthKnnR2(), "nearest-neighbour recovery, worst <= mean: " + volume);
        assertTrue(table.get(0).contains(",truth_r2_mean_median,truth_knn_r2_mean_median,truth_knn_r2_min_median,"),
                table.get(0));
        assertTrue(html.contains("predicted from the kept code by the mean of its nearest training rows"), html);
        // every synthetic run's R^2 of each parameter is on the page, both ways
        assertTrue(html.contains("volume_lambda1e-3_seed0") && html.contains("shear ")
                && html.contains("(linear "), html);

        // a rerun finds every run finished: nothing trains, no run folder is rewritten
        Path record = out.resolve("synth/runs/volume_lambda1e-3_seed0").resolve(SweepFolder.RUN_FILE);
        FileTime before = Files.getLastModifiedTime(record);
        FileTime images = Files.getLastModifiedTime(out.resolve("data/synth/images.npy"));
        Study.Result again = run(Study.plan(tiny(out).build(), PLUGINS));
        assertEquals(4, again.sweeps().get(StudyData.SYNTH).skipped());
        assertEquals(0, again.sweeps().get(StudyData.SYNTH).started());
        assertEquals(before, Files.getLastModifiedTime(record));
        assertEquals(images, Files.getLastModifiedTime(out.resolve("data/synth/images.npy")), "not drawn again");
        assertEquals(table, Files.readAllLines(out.resolve("study.csv")));
    }

    /**
     * The check of the quick study on reduced settings: its report, opened in headless
     * Chromium from disk, shows every figure it names, each decoded; .ci/run installs chromium, so CI
     * always runs this.
     */
    @Test
    void theReportLoadsInChromiumWithEveryFigureDecoded() throws Exception {
        assertEquals(0, tinyResult.errors());
        Path page = tinyOut.resolve("report.html");
        // dimensions, pruning curves, importance correlation, truth recovery
        assertEveryFigureDecodesInChromium(page, 4, shared.resolve("chromium-tiny"));
        try (Stream<Path> s = Files.list(tinyOut)) {
            assertTrue(s.noneMatch(f -> f.getFileName().toString().startsWith("chromium-check")),
                    "the checked copy is removed");
        }
    }

    /** The check can fail: a figure the page names but the folder lacks comes back broken. */
    @Test
    void aFigureMissingFromTheFolderIsReportedBroken() throws Exception {
        assumeTrue(Files.isExecutable(ChromiumPage.BINARY), "chromium not installed: apt-get install chromium");
        Path copy = Files.createDirectories(dir.resolve("copy"));
        String html = Files.readString(tinyOut.resolve("report.html"));
        List<String> figures = ChromiumPage.images(html);
        Files.writeString(copy.resolve("report.html"), html);
        for (String f : figures.subList(1, figures.size())) {
            Files.copy(tinyOut.resolve(f), copy.resolve(f));
        }
        List<String> lines = ChromiumPage.check(copy.resolve("report.html"), dir.resolve("chromium"));
        assertTrue(lines.contains("broken:" + figures.get(0)), lines.toString());
        assertTrue(lines.contains("ok:" + figures.get(1)), lines.toString());
    }

    /**
     * A study folder whose runs were evaluated by an older lva (no nearest-neighbour R^2 in their
     * summaries) gets a report saying the recovery figure is missing and why, not a figure of nothing.
     */
    @Test
    void summariesWithoutNeighbourRecoveryLeaveTheFigureOutSayingWhy() throws Exception {
        Path copy = dir.resolve("older");
        try (Stream<Path> s = Files.walk(tinyOut)) {
            for (Path p : s.toList()) {
                Path to = copy.resolve(tinyOut.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        try (Stream<Path> s = Files.list(copy.resolve("synth/runs"))) {
            for (Path run : s.toList()) {
                Path summary = run.resolve("summary.json");
                var tree = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(summary.toFile());
                assertTrue(tree.has("truth_knn_r2"), tree.toString());
                tree.remove("truth_knn_r2");
                json.writeValue(summary.toFile(), tree);
            }
        }
        Study older = Study.plan(tiny(copy).build(), PLUGINS);
        Map<StudyData, List<dev.lva.run.sweep.RunRecord>> records = new java.util.LinkedHashMap<>();
        tinyResult.sweeps().forEach((d, s) -> records.put(d, s.records()));
        StudyReport.Written w = StudyReport.write(older.options(), older.plans(), records);
        String html = Files.readString(w.report());
        assertTrue(html.contains("class=\"missing\"") && html.contains("an older lva wrote its summary"), html);
        assertEquals(3, ChromiumPage.images(html).size(), "the other three figures stay");
        assertTrue(w.rows().get(0).truthKnnR2() == null && w.rows().get(0).truthR2() != null, w.rows().toString());
        assertTrue(Files.readAllLines(w.table()).get(1).contains(",,,"), "empty cells, not zeros");
    }

    /**
     * Opens {@code page} in headless Chromium and asserts that it shows {@code figures} images, each
     * decoded, and nothing else (no other image, no script error). Skipped, saying so, without
     * chromium.
     */
    private static void assertEveryFigureDecodesInChromium(Path page, int figures, Path work) throws Exception {
        assumeTrue(Files.isExecutable(ChromiumPage.BINARY), "chromium not installed: apt-get install chromium");
        List<String> shown = ChromiumPage.images(Files.readString(page));
        assertEquals(figures, shown.size(), shown.toString());
        List<String> lines = ChromiumPage.check(page, work);
        for (String f : shown) {
            assertTrue(lines.contains("ok:" + f), f + " did not decode in Chromium: " + lines);
        }
        assertTrue(lines.contains("broken:" + ChromiumPage.PROBE), "the check tells a broken image: " + lines);
        assertEquals(figures + 1, lines.size(), "an image or a script error the page does not name: " + lines);
    }

    @Test
    void onFashionMnistWithItsLabelsTheReportDrawsKnnAccuracyBesidePcas() throws Exception {
        Path images = StudyOptions.FASHION_DIR.resolve("train-images-idx3-ubyte.gz");
        Path labels = StudyOptions.FASHION_DIR.resolve("train-labels-idx1-ubyte.gz");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(images) && Files.isRegularFile(labels),
                "Debian's dataset-fashion-mnist is not installed");
        Path out = dir.resolve("fashion");
        Study.Result r = run(Study.plan(StudyOptions.builder(out).datasets(List.of("fashion")).fashion(images, labels)
                .penalties(List.of("volume")).lambdas(List.of("1e-4")).seeds(List.of(0L)).epochs(30).images(200)
                .channels(List.of(4)).latent(3).build(), PLUGINS));
        assertEquals(1, r.sweeps().get(StudyData.FASHION).ok());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("kNN accuracy of the kept code against the dimensions kept"), html);
        assertFalse(html.contains("class=\"missing\""), "no figure is missing: " + html);
        assertTrue(r.rows().get(0).knn() != null && r.rows().get(0).knnPca() != null, r.rows().toString());
        // dimensions, pruning curves, importance correlation, kNN accuracy
        assertEveryFigureDecodesInChromium(out.resolve("report.html"), 4, dir.resolve("chromium"));
    }

    @Test
    void recoveryByNeighboursIsTheMeanAndTheWorstOfEveryParameterOrNoneWhenOneHasNone() {
        Map<String, Double> r2 = new java.util.LinkedHashMap<>();
        r2.put("rotation", 0.9);
        r2.put("shear", 0.3);
        r2.put("scale", 0.6);
        StudyReport.Run run = new StudyReport.Run(null, new double[0], null, null, null, Map.of(), r2);
        assertEquals(0.6, run.knnR2Mean(), 1e-12);
        assertEquals(0.3, run.knnR2Min(), 1e-12);
        // a parameter without a number (NaN in summary.json reads as null) would flatter the mean: none
        r2.put("shear", null);
        StudyReport.Run holed = new StudyReport.Run(null, new double[0], null, null, null, Map.of(), r2);
        assertEquals(null, holed.knnR2Mean());
        assertEquals(null, holed.knnR2Min());
        StudyReport.Run none = new StudyReport.Run(null, new double[0], null, null, null, Map.of(), Map.of());
        assertEquals(null, none.knnR2Mean(), "an older summary without truth_knn_r2");
    }

    @Test
    void theSynthesisDrawsShearWiderThanLvaSynthsDefault() {
        var ranges = StudySynthData.ranges();
        assertEquals(-StudyOptions.SYNTH_SHEAR, ranges.range(dev.lva.core.synth.Parameter.SHEAR).lo());
        assertEquals(StudyOptions.SYNTH_SHEAR, ranges.range(dev.lva.core.synth.Parameter.SHEAR).hi());
        assertEquals(dev.lva.core.synth.TransformRanges.defaults(false).range(dev.lva.core.synth.Parameter.ROTATION),
                ranges.range(dev.lva.core.synth.Parameter.ROTATION));
        assertEquals(StudyOptions.SYNTH_VARIED, ranges.varied().stream().map(p -> p.key()).toList());
        assertTrue(new StudySynthData(dir, 10, 16).note().contains("shear [-35.0, 35.0]"),
                new StudySynthData(dir, 10, 16).note());
    }

    @Test
    void synthImagesDrawnOtherwiseAreRefusedNotReplaced() throws Exception {
        Path out = dir.resolve("other");
        Study.plan(tiny(out).build(), PLUGINS);
        StudySynthData first = new StudySynthData(out.resolve("data/synth"), 40, 16);
        assertTrue(first.ensure());
        assertFalse(first.ensure(), "found, not drawn again");
        LvaException e = assertThrows(LvaException.class, () -> new StudySynthData(out.resolve("data/synth"), 50, 16)
                .ensure());
        assertTrue(e.getMessage().contains("drawn otherwise") && e.getMessage().contains("50 images"), e.getMessage());
    }

    @Test
    void anUnknownPenaltyIsRefusedBeforeAnythingRuns() {
        Path out = dir.resolve("bad");
        LvaException e = assertThrows(LvaException.class, () -> Study.plan(tiny(out)
                .penalties(List.of("volume", "volumee")).build(), PLUGINS));
        assertTrue(e.getMessage().startsWith("--penalties") && e.getMessage().contains("volumee"), e.getMessage());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void badOptionsAreRefusedNamingTheOption() {
        Path out = dir.resolve("bad");
        assertMessage("--lambda: the list is empty", () -> tiny(out).lambdas(List.of()).build());
        assertMessage("--datasets 'mnist': no such data set; a study runs on fashion, synth",
                () -> tiny(out).datasets(List.of("mnist")).build());
        assertMessage("--quick sets", () -> tiny(out).quick(true).build());
        assertMessage("leave out --lambda", () -> StudyOptions.builder(out).datasets(List.of("synth")).quick(true)
                .lambdas(List.of("1e-3")).build());
        assertMessage("--lambda '-1'", () -> tiny(out).lambdas(List.of("-1")).build());
        assertMessage("--lambda 'x'", () -> tiny(out).lambdas(List.of("x")).build());
        assertMessage("--seeds names 0 twice", () -> tiny(out).seeds(List.of(0L, 0L)).build());
        assertMessage("--penalties volume:lambda=0.1: the study sweeps lambda itself",
                () -> tiny(out).penalties(List.of("volume:lambda=0.1")).build());
        assertMessage("--synth-size 10: conv-lvae halves", () -> tiny(out).synthSize(10).channels(List.of(4, 8))
                .build());
        assertMessage("--epochs 0", () -> tiny(out).epochs(0).build());
        assertMessage("--channels 4,0: one or more channel counts >= 1", () -> tiny(out).channels(List.of(4, 0))
                .build());
        assertMessage("Fashion-MNIST is not installed", () -> tiny(out).datasets(List.of("fashion"))
                .fashion(dir.resolve("none.gz"), null).build());
        assertMessage("--datasets names synth twice", () -> tiny(out).datasets(List.of("synth", "synth")).build());
        // the report groups runs by penalty: two specs of one penalty would merge into one curve
        assertMessage("--penalties names volume twice", () -> tiny(out).penalties(List.of("volume",
                "volume:eta=0.1")).build());
        assertMessage("the study sweeps lambda itself", () -> tiny(out).penalties(List.of("lasso: lambda = 1"))
                .build());
    }

    @Test
    void aFolderOfAnotherCommandIsRefusedNotOverwritten() throws Exception {
        for (String foreign : List.of("sweep.json", "sweep.csv", "summary.json", "model.zip")) {
            Path out = Files.createDirectories(dir.resolve("foreign-" + foreign));
            Files.writeString(out.resolve(foreign), "{}");
            LvaException e = assertThrows(LvaException.class, () -> Study.plan(tiny(out).build(), PLUGINS));
            assertTrue(e.getMessage().contains("holds " + foreign) && e.getMessage().contains("another --out"),
                    e.getMessage());
        }
        Path page = Files.createDirectories(dir.resolve("page"));
        Files.writeString(page.resolve("report.html"), "<html></html>");
        LvaException e = assertThrows(LvaException.class, () -> Study.plan(tiny(page).build(), PLUGINS));
        assertTrue(e.getMessage().contains("report.html that lva study did not write"), e.getMessage());
        assertEquals("<html></html>", Files.readString(page.resolve("report.html")));
    }

    @Test
    void imagesLeftWithoutTheirNoteByAKilledStudyAreDrawnAgain() throws Exception {
        Path synth = Files.createDirectories(dir.resolve("killed/data/synth"));
        Files.writeString(synth.resolve("images.npy"), "half");
        StudySynthData d = new StudySynthData(synth, 20, 16);
        assertTrue(d.ensure(), "no note: drawn again");
        assertEquals(5, Files.readAllLines(d.parameters()).get(0).split(",").length);
        assertTrue(Files.size(d.images()) > 20 * 16 * 16, "whole images replace the half file");
    }

    @Test
    void theQuickSettingNeedsNoConfirmationAndTheFullOneDoesAndSaysItsTime() {
        Path out = dir.resolve("sizes");
        Study quick = Study.plan(StudyOptions.builder(out).datasets(List.of("synth")).quick(true).build(), PLUGINS);
        assertEquals(12, quick.runs());
        assertTrue(Study.plan(tiny(out).penalties(List.of("volume")).lambdas(List.of("1e-3")).epochs(1).build(),
                PLUGINS).sizeText().startsWith("1 run: synth 1 ("), "one run, one epoch: no plural");
        StudyOptions one = tiny(out).penalties(List.of("volume")).lambdas(List.of("1e-3")).epochs(1).synthImages(5)
                .build();
        assertTrue(one.describe().contains("at most 1 epoch, batch"), one.describe());
        String time = StudyEstimate.of(one, 2).text();
        assertTrue(time.startsWith("expected time: under a second (1 run, 2 at a time"), time);
        // the estimate counts the synthetic images' side (it took every image as 32 x 32): four times the
        // pixels, up to four times the time (each run's fixed cost does not grow)
        StudyOptions small = tiny(out).synthImages(1000).synthSize(32).build();
        StudyOptions large = tiny(out).synthImages(1000).synthSize(64).build();
        double ratio = StudyEstimate.of(large, 2).seconds() / StudyEstimate.of(small, 2).seconds();
        assertTrue(ratio > 2 && ratio <= 4, "64 x 64 against 32 x 32: " + ratio);
        quick.requireConfirmed(false, 2);
        Study full = Study.plan(StudyOptions.builder(out).datasets(List.of("synth")).build(), PLUGINS);
        assertEquals(60, full.runs());
        full.requireConfirmed(false, 2); // 60: under the sweep's limit of 100
        Study both = Study.plan(StudyOptions.builder(out).datasets(List.of("synth")).penalties(List.of("volume",
                "l1-std", "lasso", "student-t", "volume:eta=0.1", "volume:eta=1", "lasso:eta=0.1")
                .subList(0, 4)).seeds(List.of(0L, 1L, 2L, 3L, 4L, 5L)).build(), PLUGINS);
        assertEquals(120, both.runs());
        LvaException e = assertThrows(LvaException.class, () -> both.requireConfirmed(false, 2));
        assertTrue(e.getMessage().contains("120 runs") && e.getMessage().contains("expected time: about")
                && e.getMessage().contains("--yes"), e.getMessage());
        both.requireConfirmed(true, 2);
    }

    private static void assertMessage(String start, org.junit.jupiter.api.function.Executable build) {
        LvaException e = assertThrows(LvaException.class, build);
        assertTrue(e.getMessage().contains(start), "expected '" + start + "' in: " + e.getMessage());
    }
}
