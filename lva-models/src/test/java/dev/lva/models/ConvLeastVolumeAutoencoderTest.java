package dev.lva.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import dev.lva.api.Model;
import dev.lva.api.StepLoss;
import dev.lva.api.TrainingData;
import dev.lva.api.TrainingResult;
import dev.lva.api.plugin.ModelProvider;
import dev.lva.api.plugin.Plugins;
import dev.lva.core.data.GaussianBlobs;
import dev.lva.core.nn.ConvTranspose2d;
import dev.lva.core.nn.Sequential;
import dev.lva.core.nn.Shape;
import dev.lva.core.optim.Adam;
import dev.lva.core.param.OperatorNorm;
import dev.lva.core.param.SpectralNorm;
import dev.lva.core.train.GradientTrainer;
import dev.lva.core.train.TrainerOptions;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The convolutional least-volume autoencoder finds the dimension of images whose dimension is known:
 * one Gaussian blob each, centre (x, y) and width drawn at random (three), 16 x 16 pixels.
 */
class ConvLeastVolumeAutoencoderTest {
    private static final Plugins PLUGINS = Plugins.discover(ConvLeastVolumeAutoencoderTest.class.getClassLoader());
    private static final int SIDE = 16;
    private static final int LATENT = 16;
    private static final int N = 2000;

    /** Reduced channels, a 16-dimensional code, volume lambda 0.005 (0.01 collapses everything, as in lva_conv.py). */
    private static ConvLeastVolumeAutoencoder.Options options(String pruning, int pruneFrom) {
        return new ConvLeastVolumeAutoencoder.Options(1, SIDE, SIDE, List.of(8, 16, 32), LATENT, 0.2,
                "volume:lambda=0.005,eta=0.01", pruning, pruneFrom, 0.9, true, "conv-operator", Precision.FLOAT32, 0);
    }

    /** 60 epochs of Adam 1e-3 (betas 0.9, 0.99, as lva_conv.py) in batches of 100, then the latent analysis. */
    private static LatentAnalysis trainOnBlobs(ConvLeastVolumeAutoencoder model) {
        INDArray images = GaussianBlobs.generate(N, SIDE, 7);
        TrainingResult r = new GradientTrainer(TrainerOptions.minibatch(60, 100, 0)).fit(model,
                new Adam(1e-3, 0.9, 0.99, 1e-8, 0, false), TrainingData.autoencoding(images), List.of());
        assertEquals(TrainingResult.StopReason.COMPLETED, r.stopReason(), r.message());
        return LatentAnalysis.of(model, images.reshape('c', N, SIDE * SIDE));
    }

    private static void assertNearTheTrueDimension(LatentAnalysis a, String what) {
        int kept = a.aboveRelativeStd();
        String stds = what + ": stds " + Arrays.toString(a.sortedStds());
        assertTrue(kept >= GaussianBlobs.INTRINSIC_DIMENSION && kept <= 2 * GaussianBlobs.INTRINSIC_DIMENSION,
                kept + " dimensions above 1% of the largest std, the images have 3; " + stds);
        assertTrue(kept <= LATENT / 2, "far below the latent size: " + stds);
        assertTrue(a.lossNone() < 0.1 * a.lossAll(), "the kept dimensions reconstruct the images (MSE "
                + a.lossNone() + " against " + a.lossAll() + " for the mean image); " + stds);
    }

    @Test
    void findsTheThreeDimensionsOfBlobImages() {
        ConvLeastVolumeAutoencoder model = new ConvLeastVolumeAutoencoder(options("none", 0), PLUGINS);
        assertNearTheTrueDimension(trainOnBlobs(model), "no pruning");
        assertEquals(LATENT, model.activeDimensions());
    }

    /** Pruning from epoch 30 (the loss has left the mean image by then), pruned dimensions kept in the volume. */
    @Test
    void findsThemWithPruningOnAndPrunesTheRest() {
        ConvLeastVolumeAutoencoder model = new ConvLeastVolumeAutoencoder(options("plummet:threshold=0.02", 30),
                PLUGINS);
        LatentAnalysis a = trainOnBlobs(model);
        assertNearTheTrueDimension(a, "plummet");
        assertEquals(a.aboveRelativeStd(), model.activeDimensions(), "the collapsed dimensions were pruned: "
                + Arrays.toString(model.prunedDimensions()));
    }

    @Test
    void isTheLvPapersArchitecture() {
        ConvLeastVolumeAutoencoder model = new ConvLeastVolumeAutoencoder(
                ConvLeastVolumeAutoencoder.Options.defaults(1, 32, 32), PLUGINS);
        assertEquals(Shape.image(1, 32, 32), model.inputShape());
        assertEquals(1024, model.inputDimension());
        assertEquals(64, model.latentDimension());
        Sequential decoder = (Sequential) model.decoder();
        assertInstanceOf(SpectralNorm.class, ((dev.lva.core.nn.Linear) decoder.get(0)).parametrization());
        long transposed = decoder.layers().stream().filter(l -> l instanceof ConvTranspose2d).count();
        assertEquals(3, transposed, decoder.describe());
        for (var l : decoder.layers()) {
            if (l instanceof ConvTranspose2d t) {
                assertInstanceOf(OperatorNorm.class, t.parametrization(), "operator norm by default");
            }
        }
        assertEquals(Shape.image(1, 32, 32), decoder.outputShape(Shape.features(64)));
        // PyTorch's spectral norm on the kernel instead, by plugin name
        ConvLeastVolumeAutoencoder kernel = new ConvLeastVolumeAutoencoder(new ConvLeastVolumeAutoencoder.Options(1, 32,
                32, List.of(4, 8), 3, 0.2, "volume", "none", 0, 0.9, false, "kernel", Precision.FLOAT32, 0), PLUGINS);
        for (var l : ((Sequential) kernel.decoder()).layers()) {
            if (l instanceof ConvTranspose2d t) {
                assertInstanceOf(SpectralNorm.class, t.parametrization());
            }
        }
    }

    @Test
    void aSizeTheStackCannotHalveIsRefusedWithTheNumbers() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConvLeastVolumeAutoencoder.Options.defaults(1, 28, 28));
        assertEquals("an image of 28 x 28 cannot be halved 4 times by channels [32, 64, 128, 256]: 28 is not divisible"
                + " by 16; pad or crop the images to a multiple of 16 or give fewer channel counts", e.getMessage());
        // through the provider, as a config file or the command line names it
        LvaException p = assertThrows(LvaException.class, () -> PLUGINS.create(ModelProvider.KIND,
                "conv-lvae:height=30,width=32,channels=16;32"));
        assertTrue(p.getMessage().contains("30 is not divisible by 4"), p.getMessage());
        LvaException unknown = assertThrows(LvaException.class, () -> PLUGINS.create(ModelProvider.KIND,
                "conv-lvae:convNorm=spectral"));
        assertTrue(unknown.getMessage().contains("spectral") && unknown.getMessage().contains("conv-operator"),
                unknown.getMessage());
    }

    @Test
    void theProviderBuildsItByName() {
        Model m = PLUGINS.create(ModelProvider.KIND, "conv-lvae:imageChannels=3,height=8,width=16,channels=4;8,latent=5");
        ConvLeastVolumeAutoencoder c = assertInstanceOf(ConvLeastVolumeAutoencoder.class, m);
        assertEquals(Shape.image(3, 8, 16), c.imageShape());
        assertEquals(5, c.latentDimension());
        assertEquals(3 * 8 * 16, c.inputDimension());
    }

    /**
     * Every latent penalty and pruning policy trains the conv model: a few steps on images are finite,
     * the penalty adds to the loss, and a policy that must prune does, on the code alone.
     */
    @Test
    void everyLatentPenaltyAndPruningPolicyWorksOnIt() {
        INDArray images = GaussianBlobs.generate(40, 8, 1);
        for (String penalty : List.of("volume", "l1-std", "lasso", "student-t")) {
            for (String pruning : List.of("none", "plummet:threshold=0.9", "lognorm:percentile=0.5",
                    "pca-cdf:threshold=0.5")) {
                ConvLeastVolumeAutoencoder m = new ConvLeastVolumeAutoencoder(new ConvLeastVolumeAutoencoder.Options(1,
                        8, 8, List.of(4, 4), 6, 0.2, penalty + ":lambda=0.01", pruning, 0, 0.9, false, "conv-operator",
                        Precision.FLOAT32, 2), PLUGINS);
                String what = penalty + " with " + pruning;
                List<StepLoss> losses = new java.util.ArrayList<>();
                TrainingResult r = new GradientTrainer(TrainerOptions.minibatch(3, 20, 0)).fit(m, Adam.adam(1e-3),
                        TrainingData.autoencoding(images), List.of(new dev.lva.api.TrainingListener() {
                            @Override
                            public void onStep(dev.lva.api.TrainingRun run, StepLoss loss) {
                                losses.add(loss);
                            }
                        }));
                assertEquals(TrainingResult.StopReason.COMPLETED, r.stopReason(), what + ": " + r.message());
                assertEquals(6, losses.size(), what);
                assertTrue(losses.stream().allMatch(l -> l.isFinite() && l.penalty() != 0), what + ": " + losses);
                assertEquals(pruning.equals("none"), m.activeDimensions() == 6, what + ": active "
                        + m.activeDimensions());
                m.setTraining(false);
                INDArray z = m.encode(images.reshape('c', 40, 64));
                assertArrayEquals(new long[] {40, 6}, z.shape());
                boolean[] pruned = m.prunedDimensions();
                for (int j = 0; j < 6; j++) {
                    if (pruned[j]) {
                        assertEquals(0, z.getColumn(j).stdNumber().doubleValue(), 0, what + ": pruned z" + j
                                + " is frozen");
                    }
                }
            }
        }
    }
}
