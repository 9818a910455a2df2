package dev.lva.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.StepLoss;
import dev.lva.api.TrainingData;
import dev.lva.api.TrainingListener;
import dev.lva.api.TrainingRun;
import dev.lva.core.optim.Adam;
import dev.lva.core.train.GradientTrainer;
import dev.lva.core.train.TrainerOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LeastVolumeAutoencoderTest {

    private static LeastVolumeAutoencoder trainSeedWorkload(long seed) {
        INDArray x = CourseData.curve();
        LeastVolumeAutoencoder lvae = new LeastVolumeAutoencoder(LeastVolumeAutoencoder.Options.defaults(3, 3)
                .withSeed(seed));
        new GradientTrainer(TrainerOptions.fullBatch(20000)).fit(lvae, Adam.adam(1e-3), TrainingData.autoencoding(x),
                List.of());
        return lvae;
    }

    /** DESIGN §4: the PyTorch reference keeps one dimension in 4 of seeds 0-4 (seed 0 keeps two). */
    @Test
    void findsTheCurveIsOneDimensionalInFourOfFiveSeeds() {
        INDArray x = CourseData.curve();
        List<String> report = new ArrayList<>();
        int oneDimensional = 0;
        for (long seed = 0; seed < 5; seed++) {
            LatentAnalysis a = LatentAnalysis.of(trainSeedWorkload(seed), x);
            double[] s = a.sortedStds();
            boolean ok = s[1] < 0.01 * s[0] && s[2] < 0.01 * s[0] && a.lossNone() < 5e-3 && a.intrinsicDimension() == 1;
            oneDimensional += ok ? 1 : 0;
            report.add("seed " + seed + ": stds " + Arrays.toString(s) + ", rec " + a.lossNone() + ", explained "
                    + Arrays.toString(a.explained()) + ", intrinsic dimension " + a.intrinsicDimension());
        }
        assertTrue(oneDimensional >= 4, () -> String.join("\n", report));
    }

    /** The reference's plain variant: no spectral norm, no volume, Adam 1e-4, 5000 steps. */
    @Test
    void withoutTheVolumeAllThreeDimensionsStay() {
        INDArray x = CourseData.curve();
        AutoEncoder plain = new AutoEncoder(MLP.layers(3, 3, List.of(48, 48, 48, 48), MLP.DEFAULT_ACTIVATION, false),
                MLP.layers(3, 3, List.of(48, 48, 48, 48), MLP.DEFAULT_ACTIVATION, false), 3, 0);
        new GradientTrainer(TrainerOptions.fullBatch(5000)).fit(plain, Adam.adam(1e-4), TrainingData.autoencoding(x),
                List.of());
        double[] s = LatentAnalysis.of(plain, x).sortedStds();
        assertTrue(s[2] > 0.1 * s[0], "all three of similar size without the volume: " + Arrays.toString(s));
    }

    /** Loss trace of reference lva.py with SEED=1 (printed per step by the same recipe): same weights, same steps. */
    @Test
    void firstStepsMatchPyTorchStepByStep() {
        double[] rec = {0.4055430293083191, 0.40059059858322144, 0.395887553691864, 0.39166754484176636,
                0.387948215007782};
        double[] vol = {0.01670723780989647, 0.014606254175305367, 0.014254238456487656, 0.013851097784936428,
                0.013784023933112621};
        INDArray x = CourseData.curve();
        LeastVolumeAutoencoder lvae = new LeastVolumeAutoencoder(LeastVolumeAutoencoder.Options.defaults(3, 3)
                .withSeed(1));
        List<StepLoss> losses = new ArrayList<>();
        TrainingListener record = new TrainingListener() {
            @Override
            public void onStep(TrainingRun run, StepLoss loss) {
                losses.add(loss);
            }
        };
        new GradientTrainer(TrainerOptions.fullBatch(5)).fit(lvae, Adam.adam(1e-3), TrainingData.autoencoding(x),
                List.of(record));
        for (int i = 0; i < 5; i++) {
            assertEquals(rec[i], losses.get(i).data(), 1e-5 * rec[i], "reconstruction at step " + i);
            assertEquals(vol[i], losses.get(i).penalty() / 0.01, 1e-4 * vol[i], "volume at step " + i);
        }
    }

    @Test
    void findsTheIntrinsicDimensionOfASheetInTenDimensions() {
        INDArray x = CourseData.sheet(1000, 10, 7);
        LeastVolumeAutoencoder lvae = new LeastVolumeAutoencoder(new LeastVolumeAutoencoder.Options(10, 5,
                List.of(64, 64, 64), MLP.DEFAULT_ACTIVATION, "volume:lambda=0.01,eta=0.01", "none", 0, 0.9, false,
                Precision.FLOAT32, 0));
        new GradientTrainer(TrainerOptions.minibatch(1000, 100, 0)).fit(lvae, Adam.adam(1e-3),
                TrainingData.autoencoding(x), List.of());
        LatentAnalysis a = LatentAnalysis.of(lvae, x);
        assertEquals(2, a.intrinsicDimension(), () -> "stds " + Arrays.toString(a.sortedStds()) + ", explained "
                + Arrays.toString(a.explained()));
        assertEquals(2, a.aboveRelativeStd());
        assertTrue(a.lossNone() < 1e-3, "rec " + a.lossNone());
    }

    /** The LV paper: a linear LVAE's ordered latent directions span PCA's leading subspace. */
    @Test
    void linearLvaeRecoversThePrincipalSubspace() {
        int n = 400;
        dev.lva.core.tensor.Rng rng = new dev.lva.core.tensor.Rng(3);
        INDArray basis = Nd4j.create(DataType.DOUBLE, 2, 5);
        for (int i = 0; i < 10; i++) {
            basis.putScalar(i, rng.nextGaussian());
        }
        INDArray t = Nd4j.create(DataType.DOUBLE, n, 2);
        for (int i = 0; i < n; i++) {
            t.putScalar(i, 0, 2.0 * rng.nextGaussian());
            t.putScalar(i, 1, 1.0 * rng.nextGaussian());
        }
        INDArray x = t.mmul(basis);
        for (int i = 0; i < x.length(); i++) {
            x.putScalar(i, x.getDouble(i) + 0.01 * rng.nextGaussian());
        }
        LeastVolumeAutoencoder lvae = LeastVolumeAutoencoder.linear(5, 4, 0.01, 0.01, Precision.FLOAT64, 0);
        new GradientTrainer(TrainerOptions.fullBatch(6000)).fit(lvae, Adam.adam(1e-2), TrainingData.autoencoding(x),
                List.of());
        LatentAnalysis a = LatentAnalysis.of(lvae, x);
        double[] s = a.sortedStds();
        assertTrue(s[2] < 0.01 * s[1], "two dimensions remain: " + Arrays.toString(s));

        // the decoder's effective weight (5 x 4): its columns are the latent directions in data space
        dev.lva.core.nn.Linear decoder = (dev.lva.core.nn.Linear) ((dev.lva.core.nn.Sequential) lvae.decoder()).get(0);
        INDArray w = decoder.effectiveWeight().array();
        double[][] lv = new double[5][2];
        for (int r = 0; r < 5; r++) {
            lv[r][0] = w.getDouble(r, a.order()[0]);
            lv[r][1] = w.getDouble(r, a.order()[1]);
        }
        INDArray pcs = new PcaModel(2).fit(x).pca().componentMatrix().transpose();
        double[] angles = principalAnglesDegrees(lv, pcs.toDoubleMatrix());
        assertTrue(angles[0] < 5 && angles[1] < 5, "principal angles " + Arrays.toString(angles));
    }

    private static double[] principalAnglesDegrees(double[][] a, double[][] b) {
        RealMatrix qa = new QRDecomposition(new Array2DRowRealMatrix(a)).getQ().getSubMatrix(0, a.length - 1, 0, 1);
        RealMatrix qb = new QRDecomposition(new Array2DRowRealMatrix(b)).getQ().getSubMatrix(0, b.length - 1, 0, 1);
        double[] cos = new SingularValueDecomposition(qa.transpose().multiply(qb)).getSingularValues();
        return Arrays.stream(cos).map(c -> Math.toDegrees(Math.acos(Math.min(1, c)))).toArray();
    }

    @Test
    void pruningFreezesCollapsedDimensionsAndKeepsTheModelWorking() {
        INDArray x = CourseData.curve();
        LeastVolumeAutoencoder lvae = new LeastVolumeAutoencoder(LeastVolumeAutoencoder.Options.defaults(3, 3)
                .withSeed(1).withPruning("plummet:threshold=0.02", 3000, true));
        new GradientTrainer(TrainerOptions.fullBatch(6000)).fit(lvae, Adam.adam(1e-3), TrainingData.autoencoding(x),
                List.of());
        assertEquals(1, lvae.activeDimensions(), () -> "averaged stds " + Arrays.toString(lvae.averagedStds()));
        boolean[] pruned = lvae.prunedDimensions();
        lvae.setTraining(false);
        INDArray z = lvae.encode(x);
        for (int j = 0; j < 3; j++) {
            if (pruned[j]) {
                assertEquals(0.0, z.getColumn(j).std(0).getDouble(0), 0.0, "a pruned dimension is constant");
            }
        }
        assertTrue(lvae.reconstructionLoss(x) < 5e-3, "rec " + lvae.reconstructionLoss(x));

        LeastVolumeAutoencoder restored = new LeastVolumeAutoencoder(LeastVolumeAutoencoder.Options.defaults(3, 3)
                .withSeed(9).withPruning("plummet:threshold=0.02", 3000, true));
        restored.parameters().assign(lvae.parameters());
        restored.loadStates(lvae.states());
        restored.loadPruningState(lvae.pruningState());
        restored.setTraining(false);
        assertArrayEquals(pruned, restored.prunedDimensions());
        assertEquals(lvae.forward(x), restored.forward(x), "parameters, spectral-norm and pruning state restore the model");
    }

    /** By default the penalty covers the active dimensions only: after pruning, the volume of one dimension is its std + eta. */
    @Test
    void byDefaultThePenaltyCoversActiveDimensionsOnly() {
        INDArray x = CourseData.curve();
        LeastVolumeAutoencoder lvae = new LeastVolumeAutoencoder(LeastVolumeAutoencoder.Options.defaults(3, 3)
                .withSeed(1).withPruning("plummet", 3000, false));
        List<StepLoss> last = new ArrayList<>();
        TrainingListener record = new TrainingListener() {
            @Override
            public void onStep(TrainingRun run, StepLoss loss) {
                last.clear();
                last.add(loss);
            }
        };
        new GradientTrainer(TrainerOptions.fullBatch(3100)).fit(lvae, Adam.adam(1e-3), TrainingData.autoencoding(x),
                List.of(record));
        assertEquals(1, lvae.activeDimensions());
        int survivor = lvae.prunedDimensions()[0] ? (lvae.prunedDimensions()[1] ? 2 : 1) : 0;
        lvae.setTraining(false);
        double std = lvae.encode(x).getColumn(survivor).std(0).getDouble(0);
        // the penalty of a step on the whole data is lambda * (std of the survivor + eta): a volume of one
        StepLoss now = lvae.computeGradients(x, x);
        assertEquals(0.01 * (std + 0.01), now.penalty(), 1e-6 * std);
        assertTrue(last.get(0).penalty() > 0);
    }
}
