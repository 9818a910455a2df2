package dev.lva.models.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.TrainingData;
import dev.lva.core.loss.MseLoss;
import dev.lva.core.nn.Linear;
import dev.lva.core.nn.Sequential;
import dev.lva.core.optim.Adam;
import dev.lva.core.train.GradientTrainer;
import dev.lva.core.train.TrainerOptions;
import dev.lva.models.AutoEncoder;
import dev.lva.models.LatentAnalysis;
import dev.lva.models.MLP;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The per-run metrics against their definitions: exact values on an identity autoencoder over data
 * whose columns are exactly uncorrelated, and the pruning curve against the latent analysis's own
 * decodes on a trained non-linear model.
 */
class RunEvaluationTest {

    /** Every sign combination of (a, b, c) for the given scales, {@code copies} times: columns of mean 0, uncorrelated. */
    private static INDArray factorial(double a, double b, double c, int copies) {
        INDArray x = Nd4j.create(DataType.DOUBLE, 8L * copies, 3);
        int r = 0;
        for (int k = 0; k < copies; k++) {
            for (int s = 0; s < 8; s++) {
                x.putRow(r++, Nd4j.createFromArray(((s & 1) == 0 ? a : -a), ((s & 2) == 0 ? b : -b),
                        ((s & 4) == 0 ? c : -c)));
            }
        }
        return x;
    }

    /**
     * The evaluation frees its own copies (the sample in float64, the codes, the held-out split) as
     * soon as it has measured them, never the caller's rows: rows of the model's type with every row
     * sampled are used as they are, and must be whole and usable after, for a second evaluation too.
     */
    @Test
    void theEvaluationFreesItsCopiesButNeverTheCallersRows() {
        INDArray x = factorial(3, 2, 1, 8);
        INDArray before = x.dup();
        int[] labels = new int[(int) x.rows()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 2;
        }
        RunEvaluation first = RunEvaluation.of(identity(), x, labels);
        assertFalse(x.wasClosed(), "float64 rows, all of them sampled: the caller's array itself");
        assertEquals(before, x);
        RunEvaluation again = RunEvaluation.of(identity(), x, labels);
        assertArrayEquals(first.pruning().byStd(), again.pruning().byStd(), 0);
        assertEquals(first.downstream().code(), again.downstream().code(), 0);
        // float32 rows: cast for the float64 model, the casts freed, the rows not
        INDArray x32 = x.castTo(DataType.FLOAT);
        RunEvaluation cast = RunEvaluation.of(identity(), x32, labels);
        assertFalse(x32.wasClosed());
        assertEquals(before.castTo(DataType.FLOAT), x32);
        assertArrayEquals(first.pruning().byStd(), cast.pruning().byStd(), 1e-6);
    }

    /** An autoencoder whose encoder and decoder are both the identity map on 3 columns, in float64. */
    private static AutoEncoder identity() {
        Linear enc = new Linear(3, 3);
        Linear dec = new Linear(3, 3);
        AutoEncoder m = new AutoEncoder(new Sequential(enc), new Sequential(dec), 3, new MseLoss(), null,
                DataType.DOUBLE, 0);
        for (Linear l : List.of(enc, dec)) {
            l.weight().array().assign(Nd4j.eye(3).castTo(DataType.DOUBLE));
            l.bias().array().assign(0);
        }
        return m;
    }

    @Test
    void anIdentityCodeOfUncorrelatedColumnsGivesTheExactValues() {
        int copies = 4;
        INDArray x = factorial(3, 2, 1, copies);
        RunEvaluation e = RunEvaluation.of(identity(), x);
        // replacing column j by its mean (0) adds its variance (N) over the 3 columns to the MSE
        double[] expected = {14 / 3.0, 5 / 3.0, 1 / 3.0, 0};
        assertArrayEquals(expected, e.pruning().byStd(), 1e-12);
        assertArrayEquals(expected, e.pruning().byExplained(), 1e-12);
        assertArrayEquals(new int[] {0, 1, 2}, e.pruning().stdOrder());
        assertArrayEquals(new int[] {0, 1, 2}, e.pruning().explainedOrder());
        // endpoints: the full MSE, and the data's variance (the mean code decodes to the column means)
        assertEquals(0, e.pruning().full(), 1e-12);
        assertEquals(x.var(false, 0).meanNumber().doubleValue(), e.pruning().byStd()[0], 1e-12);
        assertArrayEquals(new int[] {0, 1, 2}, e.kept());
        assertEquals(0, e.meanCorrelation(), 1e-12, "a diagonal code is decorrelated");
        // stds are proportional to (3, 2, 1) and explained reconstructions to (9, 4, 1)
        assertEquals(8 / Math.sqrt(2 * 294.0 / 9), e.importanceCorrelation(), 1e-12);
        double n = 8.0 * copies;
        assertArrayEquals(new double[] {3, 2, 1}, scaled(e.principal().stds(), Math.sqrt((n - 1) / n)), 1e-12);
        assertArrayEquals(new double[] {9 / 14.0, 4 / 14.0, 1 / 14.0}, e.principal().explained(), 1e-12);
        assertEquals(3, e.principal().explainedCount());
        assertEquals(3, e.principal().stdCount());
        assertEquals(1, e.lipschitz().layers().size());
        assertEquals(1, e.lipschitz().product(), 1e-12, "the identity decoder's operator norm");
        assertTrue(e.lipschitz().converged());
        assertEquals(32, e.rows());
    }

    @Test
    void copiesOfOneCoordinateAreFullyCorrelated() {
        INDArray x = factorial(3, 2, 1, 2);
        x.getColumn(1).assign(x.getColumn(0).mul(0.5));
        RunEvaluation e = RunEvaluation.of(identity(), x);
        assertArrayEquals(new int[] {0, 1, 2}, e.kept());
        // |corr| is 1 for the pair (0, 1) both ways and 0 for the four pairs with column 2
        assertEquals(1 / 3.0, e.meanCorrelation(), 1e-12);
        // two coordinates, one axis: the principal count sees through the copy
        assertEquals(2, e.principal().stdCount());
        assertEquals(2, e.principal().explainedCount());
        assertEquals(0, e.principal().stds()[2], 1e-12);
    }

    @Test
    void aRotatedCodeIsCountedAlongItsAxes() {
        // the code is the data rotated by 45 degrees in its first two coordinates, both then varying alike
        INDArray x = factorial(3, 0.01, 1, 2);
        AutoEncoder m = identity();
        double c = Math.sqrt(0.5);
        Linear enc = (Linear) ((Sequential) m.encoder()).get(0);
        Linear dec = (Linear) ((Sequential) m.decoder()).get(0);
        INDArray rot = Nd4j.createFromArray(new double[][] {{c, -c, 0}, {c, c, 0}, {0, 0, 1}});
        enc.weight().array().assign(rot);
        dec.weight().array().assign(rot.transpose());
        RunEvaluation e = RunEvaluation.of(m, x);
        assertEquals(0, e.pruning().full(), 1e-12);
        assertEquals(3, e.kept().length, "each coordinate carries part of the large axis");
        // coordinates 0 and 1 each carry half of the large axis: 3 count by std; along the axes 2 do
        assertEquals(2, e.principal().stdCount(), "axes with std above 1% of the largest: 3 and 1, not 0.01");
        assertEquals(2, e.principal().explainedCount());
    }

    @Test
    void thePruningCurveIsTheLatentAnalysisDecodedAgain() {
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 60, 4);
        x.getColumn(3).assign(x.getColumn(0).mul(2).add(x.getColumn(1)));
        AutoEncoder m = new AutoEncoder(MLP.layers(4, 3, List.of(6), "tanh", false),
                MLP.layers(3, 4, List.of(6), "tanh", false), 4, new MseLoss(), null, DataType.DOUBLE, 3);
        new GradientTrainer(TrainerOptions.fullBatch(100)).fit(m, Adam.adam(1e-2), TrainingData.autoencoding(x),
                List.of());
        LatentAnalysis a = LatentAnalysis.of(m, x);
        RunEvaluation e = RunEvaluation.of(m, x, a, RunEvaluation.Options.defaults());
        double span = a.lossAll() - a.lossNone();
        double[] curve = e.pruning().byStd();
        assertEquals(a.lossNone(), curve[3], 1e-10);
        assertEquals(a.lossAll(), curve[0], 1e-10);
        for (int k = 1; k <= 3; k++) {
            assertEquals(a.lossNone() + (1 - a.cumulative()[k - 1]) * span, curve[k], 1e-10, "k = " + k);
        }
        assertArrayEquals(a.order(), e.pruning().stdOrder());
        // and directly: encode, replace all but the top k by their means, decode, mean squared error
        m.setTraining(false);
        INDArray z = m.encode(x);
        double[] means = z.mean(0).toDoubleVector();
        for (int k = 0; k <= 3; k++) {
            INDArray zz = z.dup();
            for (int r = k; r < 3; r++) {
                zz.getColumn(a.order()[r]).assign(means[a.order()[r]]);
            }
            INDArray diff = m.decode(zz).sub(x);
            assertEquals(diff.mul(diff).meanNumber().doubleValue(), curve[k], 1e-12, "direct, k = " + k);
        }
        // ordered by explained reconstruction, the first kept dimension loses the least
        int first = e.pruning().explainedOrder()[0];
        for (int j = 0; j < 3; j++) {
            assertTrue(a.explained()[first] >= a.explained()[j]);
        }
        assertEquals(Pearson.of(a.stds(), a.explained()), e.importanceCorrelation(), 0);
        Map<String, Object> map = e.toMap();
        assertEquals(e.importanceCorrelation(), map.get("importance_correlation"));
        assertEquals(4, ((List<?>) map.get("pruning_curve_by_std")).size());
    }

    @Test
    void notFiniteNumbersAreNullInTheMap() {
        // one latent dimension: nothing to correlate, and a correlation with one value is undefined
        Linear enc = new Linear(2, 1);
        Linear dec = new Linear(1, 2);
        AutoEncoder m = new AutoEncoder(new Sequential(enc), new Sequential(dec), 2, new MseLoss(), null,
                DataType.DOUBLE, 0);
        INDArray x = factorial(3, 2, 1, 1).getColumns(0, 1).dup();
        RunEvaluation e = RunEvaluation.of(m, x);
        assertTrue(Double.isNaN(e.meanCorrelation()));
        assertTrue(Double.isNaN(e.importanceCorrelation()));
        assertNull(e.toMap().get("mean_correlation"));
        assertNull(e.toMap().get("importance_correlation"));
    }

    @Test
    void aCollapsedCodeHasNoCorrelationsAndNoCounts() {
        // a decoder that ignores the code: every row decodes to the same point
        AutoEncoder m = identity();
        Linear dec = (Linear) ((Sequential) m.decoder()).get(0);
        dec.weight().array().assign(0);
        INDArray x = factorial(3, 2, 1, 2);
        int[] labels = new int[16];
        for (int i = 0; i < 16; i++) {
            labels[i] = i % 2;
        }
        RunEvaluation e = RunEvaluation.of(m, x, labels);
        assertEquals(0, e.kept().length);
        assertTrue(Double.isNaN(e.importanceCorrelation()));
        assertTrue(Double.isNaN(e.meanCorrelation()));
        assertEquals(0, e.principal().explainedCount());
        assertEquals(0, e.principal().stdCount());
        double variance = x.var(false, 0).meanNumber().doubleValue();
        for (double mse : e.pruning().byStd()) {
            assertEquals(variance, mse, 1e-12, "every k decodes to the mean");
        }
        assertTrue(Double.isNaN(e.downstream().code()));
        assertTrue(Double.isNaN(e.downstream().pca()));
        assertEquals(0, e.lipschitz().product(), 0);
    }

    private static double[] scaled(double[] v, double s) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= s;
        }
        return out;
    }
}
