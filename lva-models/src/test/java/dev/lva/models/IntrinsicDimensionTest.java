package dev.lva.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.TrainingData;
import dev.lva.core.optim.Adam;
import dev.lva.core.train.Convergence;
import dev.lva.core.train.GradientTrainer;
import dev.lva.core.train.TrainerOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** What a least-volume analysis concludes, each count with its rule, read by the command, the report and a sweep. */
class IntrinsicDimensionTest {

    private static INDArray curve() {
        INDArray x = Nd4j.create(DataType.FLOAT, 60, 3);
        for (int i = 0; i < 60; i++) {
            double t = -1 + 2.0 * i / 59;
            x.putScalar(i, 0, Math.sin(2 * t));
            x.putScalar(i, 1, t * t);
            x.putScalar(i, 2, Math.cos(5 * t));
        }
        return x;
    }

    private static LeastVolumeAutoencoder trained(double lambda, int steps) {
        LeastVolumeAutoencoder m = new LeastVolumeAutoencoder(LeastVolumeAutoencoder.Options.defaults(3, 3)
                .withRegularizer("volume:lambda=" + lambda + ",eta=0.01").withSeed(1));
        new GradientTrainer(TrainerOptions.fullBatch(steps)).fit(m, Adam.adam(1e-3), TrainingData.autoencoding(curve()),
                List.of());
        return m;
    }

    @Test
    void aPenaltyFarTooStrongIsReportedAsACollapsedCodeNotAsACount() {
        LatentAnalysis a = LatentAnalysis.of(trained(1000, 300), curve());

        assertTrue(a.collapsed(), "span " + a.reconstructionSpan() + " of variance " + a.dataVariance());
        assertEquals(0, a.intrinsicDimension(), "nothing counts in a collapsed code");
        assertTrue(Math.abs(a.spanShare()) < LatentAnalysis.COLLAPSED_SHARE);
        IntrinsicDimension v = IntrinsicDimension.of(a, null);
        assertTrue(v.collapsed());
        assertEquals("intrinsic dimension: none of 3 latent dimensions: no dimension carries the data: the penalty"
                + " is too strong", v.lines().get(0));
        // the stds of a collapsed code are noise: no second count beside "none" either
        assertEquals("second count: none (no dimension carries the data)", v.lines().get(1));
        assertEquals("gap ratio: none: no dimension is kept", v.lines().get(2));
        assertTrue(v.warning().contains("lower the penalty's lambda"), v.warning());
        assertFalse(v.counted());
        Map<String, Object> json = v.summary();
        assertEquals(true, json.get("collapsed"));
        assertEquals(false, json.get("no_variance"));
        assertTrue(json.containsKey("intrinsic_dimension") && json.get("intrinsic_dimension") == null, json::toString);
        assertTrue(json.containsKey("std_count") && json.get("std_count") == null, json::toString);
        assertNull(json.get("gap_ratio"));

        // the same code from a run too short for its convergence rule: a too strong penalty is one cause
        Convergence.Verdict tooShort = new Convergence.Verdict(Convergence.Options.stopping(0.01, 200), 2, false,
                false, -1, Double.NaN, Double.NaN, new double[0], new double[0]);
        IntrinsicDimension early = IntrinsicDimension.of(a, tooShort);
        assertEquals("intrinsic dimension: none of 3 latent dimensions: no dimension carries the data: the penalty"
                + " is too strong, or the run too short (it had not converged)", early.lines().get(0));
        assertTrue(early.warning().endsWith("lower the penalty's lambda, or train longer (the run had not converged)"),
                early.warning());
    }

    /** Rows that are all the same: every column constant (an inexact float value among them). */
    private static INDArray constant(int rows, double... values) {
        INDArray x = Nd4j.create(DataType.FLOAT, rows, values.length);
        for (int j = 0; j < values.length; j++) {
            x.getColumn(j).assign(values[j]);
        }
        return x;
    }

    @Test
    void dataWithoutVarianceHasNoDimensionToCount() {
        for (INDArray x : List.of(constant(60, 1.5, 0.1, -3), constant(60, 0, 0, 0))) {
            LeastVolumeAutoencoder m = new LeastVolumeAutoencoder(LeastVolumeAutoencoder.Options.defaults(3, 8)
                    .withRegularizer("volume:lambda=0.01,eta=0.01").withSeed(1));
            new GradientTrainer(TrainerOptions.fullBatch(200)).fit(m, Adam.adam(1e-3), TrainingData.autoencoding(x),
                    List.of());
            LatentAnalysis a = LatentAnalysis.of(m, x);

            assertEquals(0.0, a.dataVariance(), "every column is constant: " + x.getRow(0));
            assertTrue(a.noVariance());
            assertFalse(a.collapsed(), "no penalty is to blame for data without variance");
            assertFalse(a.collapsed(a.order()[7]), "no dimension of it is called collapsed either");
            assertEquals(0, a.intrinsicDimension());
            assertEquals(0, a.aboveRelativeStd(), "stds of rounding noise count no dimension");
            IntrinsicDimension v = IntrinsicDimension.of(a, null);
            assertFalse(v.counted());
            assertEquals("intrinsic dimension: none of 8 latent dimensions: the data has no variance: no dimension to"
                    + " count", v.lines().get(0));
            assertEquals("second count: none (the data has no variance)", v.lines().get(1));
            assertEquals("gap ratio: none: no dimension is kept", v.lines().get(2));
            assertTrue(v.warning().startsWith("every column of the data is constant"), v.warning());
            Map<String, Object> json = v.summary();
            assertEquals(true, json.get("no_variance"));
            assertEquals(false, json.get("collapsed"));
            assertTrue(json.containsKey("intrinsic_dimension") && json.get("intrinsic_dimension") == null);
            assertTrue(json.containsKey("std_count") && json.get("std_count") == null);
        }
    }

    @Test
    void theGapIsBetweenTheKeptAndTheDroppedSetNotBetweenRanks() {
        // the rule keeps z0, z1 and z3 (explained >= 1%) but drops z2, whose std is larger than z3's
        LatentAnalysis crossing = new LatentAnalysis(new double[] {3.0, 2.65, 2.49, 0.94, 0.001},
                new int[] {0, 1, 2, 3, 4}, new double[5][5], new double[] {0.6, 0.3, 0.004, 0.011, 0},
                new double[] {0.6, 0.9, 0.9, 1, 1}, 0.01, 1.0, 3, 4, 60, 1.0);
        IntrinsicDimension v = IntrinsicDimension.of(crossing, null);
        assertEquals(3, v.count());
        assertTrue(Double.isNaN(v.gapRatio()), "2.49 / 0.94 would divide a dropped std by a kept one: " + v.gapRatio());
        assertEquals("gap ratio: none: the kept dimensions are not the 3 largest stds (z3, kept, has std 0.94; z2,"
                + " dropped, 2.49)", v.lines().get(2));

        // collapsed only as the std says: z2 (std 2.49, 83 times the line) is dropped, not collapsed
        assertFalse(crossing.collapsed(2));
        assertTrue(crossing.collapsed(4), "0.001 is below 1% of 3.0");
        assertFalse(crossing.collapsed(3));

        // kept ones that are the largest: the gap as before, the last kept over the first dropped
        LatentAnalysis apart = new LatentAnalysis(new double[] {3.0, 2.65, 0.94, 0.001}, new int[] {0, 1, 2, 3},
                new double[4][4], new double[] {0.6, 0.3, 0.02, 0}, new double[] {0.6, 0.9, 1, 1}, 0.01, 1.0, 3, 3,
                60, 1.0);
        assertEquals(0.94 / 0.001, IntrinsicDimension.of(apart, null).gapRatio(), 1e-9);
    }

    @Test
    void aCountMeasuredOnASampleOfTheRowsSaysSo() {
        LeastVolumeAutoencoder m = trained(0.01, 300);
        // at most 16 of the 60 rows for the explained reconstruction
        LatentAnalysis a = LatentAnalysis.of(m, curve(), new LatentAnalysis.Options(0.01, 0.01, 4096, 16, 50_000_000_000L,
                2, null));
        assertEquals(16, a.explainedRows());
        assertEquals(60, a.rows());
        IntrinsicDimension v = IntrinsicDimension.of(a, null);
        assertEquals("computed on 16 of 60 rows", v.sample());
        assertTrue(v.lines().get(0).endsWith("(rule: explained reconstruction >= 1%; computed on 16 of 60 rows)"),
                v.lines().get(0));
        assertEquals("computed on 16 of 60 rows", v.summary().get("intrinsic_dimension_sample"));

        LatentAnalysis every = LatentAnalysis.of(m, curve());
        assertEquals(60, every.explainedRows());
        IntrinsicDimension all = IntrinsicDimension.of(every, null);
        assertNull(all.sample());
        assertTrue(all.lines().get(0).endsWith("(rule: explained reconstruction >= 1%)"), all.lines().get(0));

        // thousands separators as printed for a large data set
        LatentAnalysis large = new LatentAnalysis(new double[] {3.0, 0.001}, new int[] {0, 1}, new double[2][2],
                new double[] {0.9, 0}, new double[] {1, 1}, 0.01, 1.0, 1, 1, 88, 1.0, 60_000);
        assertEquals("computed on 88 of 60,000 rows", IntrinsicDimension.of(large, null).sample());
    }

    @Test
    void aWindowTheRuleRoundsUpIsStatedAsMeasuredAndAsAsked() {
        LatentAnalysis a = new LatentAnalysis(new double[] {3.0, 0.001}, new int[] {0, 1}, new double[2][2],
                new double[] {0.9, 0}, new double[] {1, 1}, 0.01, 1.0, 1, 1, 60, 1.0);
        Convergence.Verdict v15 = new Convergence.Verdict(Convergence.Options.measuring(0.01, 15), 150, true,
                true, 96, 0.004, 0.001, new double[] {3.0, 0.001}, new double[] {3.0, 0.001});
        assertEquals(16, Convergence.Options.measuring(0.01, 15).effectiveWindow(), "8 blocks of 2 epochs");
        assertTrue(IntrinsicDimension.of(a, v15).convergence().contains("tolerance 1% over windows of 16 epochs (15"
                + " asked, rounded up to whole blocks of 2 epochs)"), IntrinsicDimension.of(a, v15).convergence());
    }

    @Test
    void aWorkingCodeStatesItsRulesAndTheGap() {
        LatentAnalysis a = LatentAnalysis.of(trained(0.01, 1500), curve());
        assertFalse(a.collapsed());
        assertTrue(a.spanShare() > 0.5, "the codes explain most of the data: " + a.spanShare());

        Convergence.Verdict settled = new Convergence.Verdict(Convergence.Options.stopping(0.02, 200), 1400, true,
                true, 1400, 0.004, 0.001, a.sortedStds(), a.sortedStds());
        IntrinsicDimension v = IntrinsicDimension.of(a, settled);
        int k = a.intrinsicDimension();
        assertTrue(k >= 1 && k < 3, "k = " + k);
        assertEquals("intrinsic dimension: " + k + " of 3 latent dimensions (rule: explained reconstruction >= 1%)",
                v.lines().get(0));
        assertEquals("second count: " + a.aboveRelativeStd() + " (rule: std above 1% of the largest)", v.lines().get(1));
        double[] s = a.sortedStds();
        assertEquals(s[k - 1] / s[k], v.gapRatio(), 1e-12);
        int[] order = a.order();
        assertTrue(v.lines().get(2).endsWith("(std z" + order[k - 1] + " / std z" + order[k]
                + ": the last kept over the first dropped)"), v.lines().get(2));
        assertTrue(v.converged());
        assertEquals("convergence: converged at epoch 1400 (from one window to the next the loss changed 0.4% and the"
                + " sorted stds 0.1% of the largest; tolerance 2% over windows of 200 epochs)", v.lines().get(3));
        assertNull(v.warning());
        assertEquals(4, v.lines().size(), "no warning line");
    }

    @Test
    void anUnconvergedRunWarnsWithTheEvidence() {
        LatentAnalysis a = new LatentAnalysis(new double[] {3.0, 0.9, 0.001}, new int[] {0, 1, 2}, new double[3][3],
                new double[] {0.8, 0.2, 0}, new double[] {0.8, 1, 1}, 0.01, 1.0, 2, 2, 60, 1.0);
        Convergence.Verdict falling = new Convergence.Verdict(Convergence.Options.stopping(0.02, 200), 2000, true,
                false, -1, 0.01, 0.05, new double[] {3.0, 0.9, 0.001}, new double[] {3.0, 1.2, 0.001});
        IntrinsicDimension v = IntrinsicDimension.of(a, falling);
        assertFalse(v.converged());
        assertEquals("the dimension count may still fall: the smallest kept std (2nd largest of 3) went from 1.2 to 0.9"
                + " (-25%) between the last two windows of 200 epochs", v.warning());
        assertTrue(v.convergence().startsWith("not converged after 2000 epochs"), v.convergence());

        Convergence.Verdict lossMoving = new Convergence.Verdict(Convergence.Options.stopping(0.02, 200), 2000, true,
                false, -1, 0.06, 0.001, new double[] {3.0, 0.9, 0.001}, new double[] {3.0, 0.9, 0.001});
        assertTrue(IntrinsicDimension.of(a, lossMoving).warning().startsWith("the result may still change: the loss"
                + " changed 6% between the last two windows of 200 epochs"));

        Convergence.Verdict tooShort = new Convergence.Verdict(Convergence.Options.stopping(0.02, 200), 300, false,
                false, -1, Double.NaN, Double.NaN, new double[0], new double[0]);
        IntrinsicDimension shortRun = IntrinsicDimension.of(a, tooShort);
        assertEquals("not measured: the run took 300 epochs, fewer than the two windows of 200 epochs the rule"
                + " compares", shortRun.convergence());
        assertTrue(shortRun.warning().contains("too short to tell"));
    }
}
