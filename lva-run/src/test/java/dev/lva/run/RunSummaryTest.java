package dev.lva.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lva.api.LvaException;
import dev.lva.api.StepLoss;
import dev.lva.models.IntrinsicDimension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code summary.json} both ways: a summary written and read back is the same value and the same
 * bytes; the numbers that are not finite keep their meaning; a file written before the summary was a
 * value (an absolute model path, no last step) still reads, with its paths relative to its folder.
 */
class RunSummaryTest {
    @TempDir
    Path dir;

    private static IntrinsicDimension verdict(double gapRatio, boolean collapsed) {
        return new IntrinsicDimension(collapsed ? 0 : 2, 3, collapsed, "explained reconstruction >= 1%",
                collapsed ? 0 : 2, "std above 1% of the largest", gapRatio, "std z1 / std z2: the last kept over the first"
                + " dropped", true, "converged at epoch 120 (loss and stds changed < 1% over 20 epochs)", null, false,
                null);
    }

    private static RunSummary summary(IntrinsicDimension v, StepLoss last) {
        return new RunSummary("data/curve.csv", "sha256:0123456789abcdef", List.of("step 40: aaaa -> bbbb"), 40, 3, v,
                new double[] {1.5, 0.25, 1e-5}, new int[] {2, 0, 1}, new double[] {0.3, 1e-4, 0.6}, 40, 40, 0.00125,
                0.8, 1.0, new boolean[] {false, true, false}, 1200, 30, "CONVERGED", "converged at epoch 30", 2.5,
                last, Map.of("engine", 1, "openblas", 1, "openmp", 1), new long[] {400, 800}, Path.of("model.zip"),
                Map.of());
    }

    @Test
    void aSummaryWrittenReadsBackAsTheSameValueAndTheSameBytes() throws Exception {
        RunSummary s = summary(verdict(1.9e3, false), new StepLoss(0.5, 0.25, 0.25)).with("pca", Map.of("lvae_mse", 0.5));
        s.write(dir);
        RunSummary back = RunSummary.read(dir);
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.writeValueAsString(s.toJson()), json.writeValueAsString(back.toJson()));
        byte[] first = Files.readAllBytes(dir.resolve(Outputs.SUMMARY_FILE));
        back.write(dir);
        assertArrayEquals(first, Files.readAllBytes(dir.resolve(Outputs.SUMMARY_FILE)), "written again, byte for byte");
        assertEquals(2, back.verdict().count());
        assertEquals(1.9e3, back.verdict().gapRatio());
        assertArrayEquals(new double[] {1.5, 0.25, 1e-5}, back.stdsSorted());
        assertArrayEquals(new int[] {2, 0, 1}, back.order());
        assertArrayEquals(new boolean[] {false, true, false}, back.pruned());
        assertArrayEquals(new long[] {400, 800}, back.resumedAtSteps());
        assertEquals(new StepLoss(0.5, 0.25, 0.25), back.lastStep());
        assertEquals(List.of("step 40: aaaa -> bbbb"), back.dataChanged());
        assertEquals(Path.of("model.zip"), back.model());
        assertEquals(dir.resolve("model.zip"), back.modelIn(dir));
        assertEquals(Map.of("lvae_mse", 0.5), back.more().get("pca"));
        String text = Files.readString(dir.resolve(Outputs.SUMMARY_FILE));
        assertTrue(text.contains("\"model\" : \"model.zip\""), text);
        assertTrue(text.indexOf("\"pca\"") > text.indexOf("\"model\""), "additions come after the run's own fields");
    }

    @Test
    void numbersThatAreNotFiniteKeepTheirMeaning() throws Exception {
        RunSummary infinite = summary(verdict(Double.POSITIVE_INFINITY, false), null);
        infinite.write(dir);
        RunSummary back = RunSummary.read(dir);
        assertEquals(Double.POSITIVE_INFINITY, back.verdict().gapRatio());
        assertEquals(infinite.verdict().gap(), back.verdict().gap());
        assertNull(back.lastStep(), "a run of no step has no last step");

        RunSummary collapsed = summary(verdict(Double.NaN, true), new StepLoss(Double.NaN, 1, 2));
        collapsed.write(dir);
        back = RunSummary.read(dir);
        assertFalse(back.counted());
        assertTrue(Double.isNaN(back.verdict().gapRatio()));
        assertTrue(Double.isNaN(back.lastStep().total()));
        assertTrue(Files.readString(dir.resolve(Outputs.SUMMARY_FILE)).contains("\"intrinsic_dimension\" : null"));
    }

    @Test
    void aSummaryOfAnEarlierLvaReadsWithItsModelInItsOwnFolder() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("run"));
        RunSummary s = summary(verdict(2.0, false), null);
        for (String written : List.of(folder.toAbsolutePath().resolve("model.zip").toString(),
                "/somewhere/it/was/trained/model.zip", "lva-out/fit/model.zip", "model.zip")) {
            Map<String, Object> old = new java.util.LinkedHashMap<>(s.toJson());
            old.put("model", written);
            Outputs.writeJson(folder.resolve(Outputs.SUMMARY_FILE), old);
            assertEquals(Path.of("model.zip"), RunSummary.read(folder).model(), written);
        }
        Map<String, Object> old = new java.util.LinkedHashMap<>(s.toJson());
        old.put("model", "/elsewhere/weights.zip");
        Outputs.writeJson(folder.resolve(Outputs.SUMMARY_FILE), old);
        String m = assertThrows(LvaException.class, () -> RunSummary.read(folder)).getMessage();
        assertTrue(m.contains("its model '/elsewhere/weights.zip' lies outside the run folder"), m);
    }

    @Test
    void aMissingOrBrokenSummaryIsNamed() throws Exception {
        String m = assertThrows(LvaException.class, () -> RunSummary.read(dir)).getMessage();
        assertTrue(m.startsWith(dir.resolve(Outputs.SUMMARY_FILE) + ": no run summary there"), m);
        Files.writeString(dir.resolve(Outputs.SUMMARY_FILE), "{\"rows\": ");
        m = assertThrows(LvaException.class, () -> RunSummary.read(dir)).getMessage();
        assertTrue(m.startsWith(dir.resolve(Outputs.SUMMARY_FILE) + ": cannot read this run summary"), m);
    }

    @Test
    void aSummaryNamesNoPathOutsideItsFolderAndNoFieldTwice() {
        RunSummary s = summary(verdict(2.0, false), null);
        assertThrows(IllegalArgumentException.class, () -> new RunSummary(s.data(), s.dataDigest(), s.dataChanged(),
                s.rows(), s.columns(), s.verdict(), s.stdsSorted(), s.order(), s.explained(), s.explainedRows(),
                s.figureRows(), s.reconstructionMse(), s.reconstructionSpan(), s.dataVariance(), s.pruned(), s.steps(),
                s.epochs(), s.stopReason(), s.stop(), s.trainingSeconds(), s.lastStep(), s.threads(),
                s.resumedAtSteps(), Path.of("/abs/model.zip"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> s.with("steps", 3));
    }
}
