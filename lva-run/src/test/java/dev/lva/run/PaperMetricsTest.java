package dev.lva.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.plugin.Options;
import dev.lva.api.plugin.Plugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's summary and report carry the LV paper's evaluation of the model they describe. */
class PaperMetricsTest {
    private static final Plugins PLUGINS = Plugins.discover();

    @TempDir
    Path dir;

    static Path curve(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 40; i++) {
            double t = i / 39.0;
            sb.append(t).append(',').append(t * t).append(',').append(Math.sin(3 * t)).append('\n');
        }
        return Files.writeString(dir.resolve("curve.csv"), sb.toString());
    }

    static RunConfig config(Path data, Map<String, String> more) {
        Map<String, String> values = new java.util.LinkedHashMap<>(Map.of("data", data.toString(), "hidden", "8",
                "epochs", "20"));
        values.putAll(more);
        return Options.bind(RunConfig.fitDefaults(), values, "test");
    }

    @Test
    void theSummaryAndTheReportHoldTheEvaluationOfTheSavedModel() throws Exception {
        RunConfig config = config(curve(dir), Map.of());
        Path out = dir.resolve("run");
        LvaRun.Result result = LvaRun.fit(config, RunData.load(config, config.precision().dataType()), out, PLUGINS);
        Map<String, Object> more = RunSummary.read(out).more();
        assertTrue(more.containsKey("importance_correlation"), more.keySet().toString());
        assertTrue(more.containsKey("lipschitz_bound"), more.keySet().toString());
        assertEquals(40, ((Number) more.get("evaluation_rows")).intValue(), "40 rows: all are evaluated");
        @SuppressWarnings("unchecked")
        List<Number> byStd = (List<Number>) more.get("pruning_curve_by_std");
        int latent = result.analysis().stds().length;
        assertEquals(latent + 1, byStd.size(), "k = 0..D");
        // every dimension kept is the model's own reconstruction, measured by the analysis on the same rows
        assertEquals(result.runSummary().reconstructionMse(), byStd.get(latent).doubleValue(),
                1e-5 * Math.max(1, result.runSummary().reconstructionMse()));
        assertTrue(((Number) more.get("lipschitz_bound")).doubleValue() > 0);
        assertTrue(!more.containsKey("knn_accuracy_code") && !more.containsKey("truth_r2"),
                "no labels, no truth: no downstream metrics");

        Path report = LvaRun.report(result).file();
        assertNotNull(report);
        String html = Files.readString(report);
        for (String shown : List.of("importance correlation", "mean correlation", "pruning curve by std",
                "principal counts", "decoder Lipschitz bound", "Pruning curve: reconstruction MSE")) {
            assertTrue(html.contains(shown), "the report shows " + shown);
        }
        assertTrue(html.contains("Pearson correlation, over latent dimensions"), "each metric with its definition");
    }

    @Test
    void labelsAndTrueParametersAddDownstreamAccuracyAndRecovery() throws Exception {
        Path data = curve(dir);
        StringBuilder labels = new StringBuilder("label\n");
        StringBuilder truth = new StringBuilder("t,constant\n");
        for (int i = 0; i < 40; i++) {
            labels.append(i < 20 ? 0 : 1).append('\n');
            truth.append(i / 39.0).append(",1\n");
        }
        Path l = Files.writeString(dir.resolve("labels.csv"), labels);
        Path t = Files.writeString(dir.resolve("truth.csv"), truth);
        RunConfig config = config(data, Map.of("labels", l.toString(), "truth", t.toString()));
        Path out = dir.resolve("run");
        LvaRun.fit(config, RunData.load(config, config.precision().dataType()), out, PLUGINS);
        Map<String, Object> more = RunSummary.read(out).more();
        assertTrue(more.containsKey("knn_accuracy_code") && more.containsKey("knn_accuracy_raw"), more.keySet().toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> r2 = (Map<String, Object>) more.get("truth_r2");
        assertEquals(java.util.Set.of("t"), r2.keySet(), "the constant parameter has nothing to recover");
    }

    @Test
    void labelsOfAnotherLengthFailTheRunBeforeTraining() throws Exception {
        Path data = curve(dir);
        Path l = Files.writeString(dir.resolve("labels.csv"), "0\n1\n0\n");
        RunConfig config = config(data, Map.of("labels", l.toString()));
        Path out = dir.resolve("run");
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> LvaRun.fit(config, RunData.load(config, config.precision().dataType()), out, PLUGINS));
        assertTrue(e.getMessage().contains("3 labels") && e.getMessage().contains("40 rows"), e.getMessage());
        assertTrue(!Files.exists(out.resolve(LvaRun.MODEL_FILE)), "no model was written");
        Path checkpoints = out.resolve(LvaRun.CHECKPOINT_DIR);
        try (var files = Files.exists(checkpoints) ? Files.list(checkpoints) : java.util.stream.Stream.<Path>empty()) {
            assertEquals(0, files.count(), "no step was taken: no checkpoint");
        }
    }

    @Test
    void withLimitTheLabelsAreTheirFirstRowsAsTheDataAre() throws Exception {
        Path data = curve(dir);
        StringBuilder labels = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            labels.append(i % 2).append('\n');
        }
        Path l = Files.writeString(dir.resolve("labels.csv"), labels);
        RunConfig config = config(data, Map.of("labels", l.toString(), "limit", "30"));
        Path out = dir.resolve("run");
        LvaRun.fit(config, RunData.load(config, config.precision().dataType()), out, PLUGINS);
        Map<String, Object> more = RunSummary.read(out).more();
        assertEquals(30, ((Number) more.get("knn_train_rows")).intValue() + ((Number) more.get("knn_test_rows")).intValue());
    }

    /**
     * A blank line among the rows of a CSV that pairs rows (labels, true parameters, or the data they
     * pair with) would shift every later row: the CSV reader skips it. With --limit the counts still
     * agree, so only this check stops labels landing on the wrong rows.
     */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> blankRows() {
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("labels", "--labels", ":6: a blank line among the rows"),
                org.junit.jupiter.params.provider.Arguments.of("truth", "--truth", ":7: a blank line among the rows"),
                org.junit.jupiter.params.provider.Arguments.of("data", "--data", ":7: a blank line among the rows"));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("blankRows")
    void aBlankLineAmongPairedRowsIsRefused(String blankIn, String option, String message) throws Exception {
        Path data = curve(dir);
        StringBuilder labels = new StringBuilder();
        StringBuilder truth = new StringBuilder("t\n");
        for (int i = 0; i < 40; i++) {
            labels.append(i == 5 && blankIn.equals("labels") ? "" : String.valueOf(i % 2)).append('\n');
            truth.append(i == 5 && blankIn.equals("truth") ? "" : String.valueOf(i)).append('\n');
        }
        if (blankIn.equals("data")) {
            List<String> lines = new java.util.ArrayList<>(Files.readAllLines(data));
            lines.add(6, "");
            Files.write(data, lines);
        }
        Path l = Files.writeString(dir.resolve("labels.csv"), labels + "\n\n");
        Path t = Files.writeString(dir.resolve("truth.csv"), truth.toString());
        RunConfig config = config(data, Map.of("labels", l.toString(), "truth", t.toString(), "limit", "30"));
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> LvaRun.fit(config, RunData.load(config, config.precision().dataType()), dir.resolve("run"),
                        PLUGINS));
        assertTrue(e.getMessage().startsWith(option + " ") && e.getMessage().contains(message), e.getMessage());
    }

    /** A missing file or a folder is refused naming the option, before the data's rows are compared. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1}")
    @org.junit.jupiter.params.provider.CsvSource({"labels,missing.npy,no such file", "labels,.,'a folder, not a file'",
        "truth,missing.csv,no such file", "truth,.,'a folder, not a file'"})
    void aMissingFileOrAFolderIsRefusedNamingTheOption(String option, String name, String message) throws Exception {
        Path data = curve(dir);
        RunConfig config = config(data, Map.of(option, dir.resolve(name).toString()));
        String m = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> PaperMetrics.Given.load(config, 40, data.toString())).getMessage();
        assertTrue(m.startsWith("--" + option + " ") && m.contains(message), m);
    }
}
