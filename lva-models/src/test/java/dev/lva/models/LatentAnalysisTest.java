package dev.lva.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.StateDict;
import dev.lva.api.TrainingData;
import dev.lva.core.data.RowSample;
import dev.lva.core.optim.Adam;
import dev.lva.core.train.GradientTrainer;
import dev.lva.core.train.TrainerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The latent analysis streamed in batches, with the explained reconstruction measured on a sample
 * of a large data set, gives what the definition gives: the whole data decoded 2d + 2 times.
 */
class LatentAnalysisTest {

    /** A small autoencoder trained a little on {@code x}, so that its code explains part of the data. */
    private static AutoEncoder model(int latent, INDArray x) {
        int in = (int) x.columns();
        AutoEncoder m = new AutoEncoder(MLP.layers(in, latent, List.of(7, 7), "tanh", false),
                MLP.layers(latent, in, List.of(7, 7), "tanh", false), in, null, null, x.dataType(), 3);
        new GradientTrainer(TrainerOptions.fullBatch(150)).fit(m, Adam.adam(1e-2), TrainingData.autoencoding(x),
                List.of());
        return m;
    }

    private static INDArray data(int rows, int cols, DataType type) {
        Nd4j.getRandom().setSeed(11);
        return Nd4j.randn(DataType.DOUBLE, rows, cols).castTo(type);
    }

    /** The definition, as lva computed it before it streamed: every row decoded once per replaced set. */
    private static double loss(AutoEncoder m, INDArray x, INDArray z, double[] means, boolean[] replaced) {
        INDArray zz = z.castTo(DataType.DOUBLE).dup();
        for (int j = 0; j < replaced.length; j++) {
            if (replaced[j]) {
                zz.getColumn(j).assign(means[j]);
            }
        }
        return m.loss().value(m.decode(zz.castTo(m.dataType())), x);
    }

    private static double[][] reference(AutoEncoder m, INDArray x, int[] order) {
        INDArray z = m.encode(x);
        int d = (int) z.columns();
        double[] means = z.castTo(DataType.DOUBLE).mean(0).toDoubleVector();
        double none = loss(m, x, z, means, new boolean[d]);
        boolean[] all = new boolean[d];
        java.util.Arrays.fill(all, true);
        double span = loss(m, x, z, means, all) - none;
        double[] explained = new double[d];
        double[] cumulative = new double[d];
        for (int j = 0; j < d; j++) {
            boolean[] one = new boolean[d];
            one[j] = true;
            explained[j] = (loss(m, x, z, means, one) - none) / span;
        }
        for (int k = 1; k <= d; k++) {
            boolean[] rest = new boolean[d];
            for (int r = k; r < d; r++) {
                rest[order[r]] = true;
            }
            cumulative[k - 1] = 1 - (loss(m, x, z, means, rest) - none) / span;
        }
        return new double[][] {explained, cumulative, {none, span + none}};
    }

    @Test
    void smallProblemsGiveTheDefinitionsNumbers() {
        INDArray x = data(60, 5, DataType.DOUBLE);
        AutoEncoder m = model(4, x);
        LatentAnalysis a = LatentAnalysis.of(m, x);
        double[][] ref = reference(m, x, a.order());
        assertTrue(ref[2][1] > ref[2][0], "the code explains something");
        assertArrayEquals(ref[0], a.explained(), 1e-12);
        assertArrayEquals(ref[1], a.cumulative(), 1e-12);
        assertEquals(ref[2][0], a.lossNone(), 1e-14);
        assertEquals(ref[2][1], a.lossAll(), 1e-14);
        assertEquals(60, a.explainedRows());
        INDArray z = m.encode(x);
        assertArrayEquals(z.std(0).toDoubleVector(), a.stds(), 1e-12);
        INDArray c = z.subRowVector(z.mean(0));
        INDArray cov = c.transpose().mmul(c).divi(59);
        assertEquals(cov.getDouble(a.order()[0], a.order()[1]), a.covariance()[0][1], 1e-12);
    }

    @Test
    void batchesOfAnySizeGiveTheSameNumbers() {
        INDArray x = data(53, 4, DataType.DOUBLE);
        AutoEncoder m = model(3, x);
        LatentAnalysis whole = LatentAnalysis.of(m, x);
        for (int rows : new int[] {1, 7, 52}) {
            LatentAnalysis batched = LatentAnalysis.of(m, x, LatentAnalysis.Options.defaults().withBatchRows(rows));
            assertArrayEquals(whole.stds(), batched.stds(), 1e-12, "batch " + rows);
            assertArrayEquals(whole.explained(), batched.explained(), 1e-12, "batch " + rows);
            assertArrayEquals(whole.cumulative(), batched.cumulative(), 1e-12, "batch " + rows);
            assertEquals(whole.lossNone(), batched.lossNone(), 1e-14, "batch " + rows);
            assertEquals(whole.lossAll(), batched.lossAll(), 1e-14, "batch " + rows);
        }
        INDArray x32 = x.castTo(DataType.FLOAT);
        LatentAnalysis f32 = LatentAnalysis.of(model(3, x32), x32,
                LatentAnalysis.Options.defaults().withBatchRows(5));
        assertTrue(f32.lossNone() > 0 && f32.cumulative()[2] == 1.0);
    }

    @Test
    void aLargeDataSetsExplainedReconstructionIsMeasuredOnAnEvenSample() {
        INDArray x = data(900, 3, DataType.DOUBLE);
        AutoEncoder m = model(2, x);
        LatentAnalysis.Options o = new LatentAnalysis.Options(0.01, 0.01, 64, 200, Long.MAX_VALUE, 2, null);
        LatentAnalysis a = LatentAnalysis.of(m, x, o);
        assertEquals(200, a.explainedRows());
        INDArray sample = x.getRows(RowSample.evenly(900, 200));
        // the sample's own definition, except that the means come from every row
        INDArray z = m.encode(x);
        double[] means = z.mean(0).toDoubleVector();
        INDArray zs = m.encode(sample);
        double none = loss(m, sample, zs, means, new boolean[2]);
        double all = loss(m, sample, zs, means, new boolean[] {true, true});
        assertTrue(all > none);
        for (int j = 0; j < 2; j++) {
            boolean[] one = new boolean[2];
            one[j] = true;
            assertEquals((loss(m, sample, zs, means, one) - none) / (all - none), a.explained()[j], 1e-12);
        }
        assertEquals(m.reconstructionLoss(x), a.lossNone(), 1e-12, "the reconstruction loss uses every row");
    }

    @Test
    void theSampleShrinksAsTheCodeWidensWithinTheBudget() {
        LatentAnalysis.Options o = LatentAnalysis.Options.defaults();
        assertEquals(100, o.sampleRows(100, 8, 8_000), "a small data set is measured whole");
        assertEquals(50, o.sampleRows(50, 3000, 300_000), "so is one with fewer rows than minRows");
        assertEquals(4096, o.sampleRows(1_000_000, 8, 8_000), "at most explainedRows");
        assertEquals(50_000_000_000L / (2047 * 100_000L), o.sampleRows(1_000_000, 1024, 100_000), "within the budget");
        assertEquals(64, o.sampleRows(1_000_000, 3000, 300_000), "never fewer than minRows");
    }

    @Test
    void progressIsReportedUpToTheTotal() {
        INDArray x = data(40, 4, DataType.DOUBLE);
        AutoEncoder m = model(3, x);
        List<long[]> seen = new ArrayList<>();
        LatentAnalysis.of(m, x, LatentAnalysis.Options.defaults().withBatchRows(8)
                .withProgress((done, total) -> seen.add(new long[] {done, total})));
        assertTrue(seen.size() >= 10, "one report a batch: " + seen.size());
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i)[0] >= seen.get(i - 1)[0]);
        }
        long[] last = seen.get(seen.size() - 1);
        assertEquals(last[1], last[0]);
    }

    @Test
    void evenSamplesAreSpreadAndDeterministic() {
        assertArrayEquals(new int[] {0, 2, 5, 7}, RowSample.evenly(10, 4));
        assertArrayEquals(new int[] {0, 1, 2}, RowSample.evenly(3, 10));
    }

    @Test
    void decodeIntoGivesDecodesNumbersAndLeavesTheCodeAlone() {
        LeastVolumeAutoencoder m = new LeastVolumeAutoencoder(LeastVolumeAutoencoder.Options.defaults(3, 3));
        m.loadPruningState(new StateDict(LeastVolumeAutoencoder.PRUNING_STATE_VERSION, Map.of(
                "pruned", Nd4j.createFromArray(0.0, 1.0, 0.0), "frozen", Nd4j.createFromArray(0.0, 0.5, 0.0),
                "ema_mean", Nd4j.zeros(DataType.DOUBLE, 3), "ema_std", Nd4j.zeros(DataType.DOUBLE, 3)),
                Map.of("ema_started", 1.0)));
        m.setTraining(false);
        INDArray z = data(5, 3, DataType.FLOAT);
        INDArray before = z.dup();
        INDArray out = Nd4j.create(DataType.FLOAT, 5, 3);
        m.decodeInto(z, out);
        assertEquals(before, z, "the caller's code is not frozen in place");
        assertEquals(m.decode(z), out);
        INDArray frozen = z.dup();
        frozen.getColumn(1).assign(0.5);
        assertEquals(m.decode(frozen), out, "the pruned dimension decodes as its frozen mean");
    }
}
