package dev.lva.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.StepLoss;
import dev.lva.api.TrainingData;
import dev.lva.api.TrainingListener;
import dev.lva.api.TrainingResult;
import dev.lva.api.TrainingRun;
import dev.lva.api.plugin.Plugins;
import dev.lva.core.nn.ConvTranspose2d;
import dev.lva.core.nn.Layer;
import dev.lva.core.nn.Sequential;
import dev.lva.core.nn.Shape;
import dev.lva.core.optim.Adam;
import dev.lva.core.param.OperatorNorm;
import dev.lva.core.train.GradientTrainer;
import dev.lva.core.train.TrainerOptions;
import dev.lva.models.evaluate.LipschitzBound;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The LV paper's 64 x 64 colour (CelebA) conv LVAE, one halving more than the 32 x 32 one, against
 * PyTorch 1.13 in float64 ({@code torch/make_conv64_values.py} derives the net from lva_conv.py's
 * build() and stores what PyTorch computes in {@code torch/conv64-values.json}): the same initial
 * weights for a seed, bit for bit, the same operator norms of the transposed convolutions, and the
 * same losses and weights after five Adam steps in lockstep.
 */
class ConvLeastVolumeAutoencoder64Test {
    private static final Plugins PLUGINS = Plugins.discover(ConvLeastVolumeAutoencoder64Test.class.getClassLoader());
    /** lva_conv.py's 32, 64, 128, 256 with the fifth halving: 64 -> 2. */
    static final List<Integer> CELEBA_CHANNELS = List.of(32, 64, 128, 256, 512);

    private static ConvLeastVolumeAutoencoder celeba(Precision precision, long seed) {
        return new ConvLeastVolumeAutoencoder(new ConvLeastVolumeAutoencoder.Options(3, 64, 64, CELEBA_CHANNELS, 64,
                0.2, "volume:lambda=0.001,eta=0.01", "none", 0, 0.9, false, "conv-operator", precision, seed), PLUGINS);
    }

    private static ConvLeastVolumeAutoencoder celeba64;

    /**
     * One float64 CelebA net of seed 0 for the tests that only read it (in evaluation mode, where
     * nothing in it changes): building its 3.9 million weights and warming up its norms takes seconds.
     */
    private static synchronized ConvLeastVolumeAutoencoder celebaFloat64() {
        if (celeba64 == null) {
            celeba64 = celeba(Precision.FLOAT64, 0);
        }
        return celeba64;
    }

    private static String sha256(INDArray flat, boolean doubles) throws Exception {
        int n = (int) flat.length();
        ByteBuffer bytes = ByteBuffer.allocate((doubles ? 8 : 4) * n).order(ByteOrder.LITTLE_ENDIAN);
        double[] v = flat.castTo(DataType.DOUBLE).toDoubleVector();
        for (double x : v) {
            if (doubles) {
                bytes.putDouble(x);
            } else {
                bytes.putFloat((float) x);
            }
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
    }

    /** Each transposed convolution's sigma from its last forward, after one decode in evaluation mode. */
    private static double[] operatorNorms(ConvLeastVolumeAutoencoder model) {
        model.setTraining(false);
        model.decode(Nd4j.zeros(model.dataType(), 1, model.latentDimension()));
        List<Double> sigmas = new ArrayList<>();
        for (Layer l : ((Sequential) model.decoder()).layers()) {
            if (l instanceof ConvTranspose2d t) {
                sigmas.add(assertInstanceOf(OperatorNorm.class, t.parametrization()).sigma());
            }
        }
        return sigmas.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void assertRelativelyClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": count");
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(Math.abs(expected[i]), 1e-300);
            assertTrue(Math.abs(expected[i] - actual[i]) <= tolerance * scale, what + " " + i + ": lva " + actual[i]
                    + ", PyTorch " + expected[i] + " (relative tolerance " + tolerance + ")");
        }
    }

    @Test
    void theCelebaNetHasOneHalvingMoreThanTheThirtyTwoPixelOne() {
        ConvLeastVolumeAutoencoder m = celeba(Precision.FLOAT32, 0);
        Sequential encoder = (Sequential) m.encoder();
        Sequential decoder = (Sequential) m.decoder();
        assertEquals(Shape.image(512, 2, 2), encoder.shapeAfter(9), encoder.describe());
        assertEquals(Shape.image(256, 4, 4), decoder.shapeAfter(2), decoder.describe());
        assertEquals(4, decoder.layers().stream().filter(l -> l instanceof ConvTranspose2d).count());
        assertEquals(Shape.image(3, 64, 64), decoder.outputShape(Shape.features(64)));
        assertEquals(3 * 64 * 64, m.inputDimension());
        assertEquals(Conv64TorchValues.count("full.f32.count"), m.parameterBuffer().size());
    }

    /** lva's torch-compatible generator draws PyTorch's 3.9 million float32 weights for seed 0, bit for bit. */
    @Test
    void seedZeroGivesPyTorchsFloat32WeightsBitForBit() throws Exception {
        ConvLeastVolumeAutoencoder m = celeba(Precision.FLOAT32, 0);
        assertEquals(Conv64TorchValues.text("full.f32.sha256"), sha256(m.parameters(), false));
    }

    /**
     * The same in float64, and each transposed convolution's operator norm after the 101 power
     * iterations at creation (through 4 x 4 up to 32 x 32 inputs) as PyTorch's: the conv-operator norm.
     */
    @Test
    void seedZeroGivesPyTorchsFloat64WeightsAndOperatorNorms() throws Exception {
        ConvLeastVolumeAutoencoder m = celebaFloat64();
        assertEquals(Conv64TorchValues.count("full.f64.count"), m.parameterBuffer().size());
        assertEquals(Conv64TorchValues.text("full.f64.sha256"), sha256(m.parameters(), true));
        assertRelativelyClose(Conv64TorchValues.values("full.f64.operator_norms"), operatorNorms(m), 1e-12,
                "operator norm of transposed convolution");
    }

    /**
     * The Lipschitz bound of the CelebA decoder at creation, layer by layer, against the largest
     * singular value of each layer's map with its normalised weight from scipy's ARPACK on PyTorch's
     * operators: just above 1 each (the warm-up's estimate reads low by 0.1-0.2%, the Linear's 15
     * iterations by 2%), the Lanczos iteration converged on every layer, the 32 x 32 x 32 input of the
     * last one included.
     */
    @Test
    void theLipschitzBoundOfTheCelebaDecoderIsPyTorchsLayerByLayer() {
        ConvLeastVolumeAutoencoder m = celebaFloat64();
        LipschitzBound b = LipschitzBound.of(m);
        assertTrue(b.converged(), b.toMap().toString());
        double[] expected = Conv64TorchValues.values("full.f64.effective_norms");
        double[] actual = b.layers().stream().mapToDouble(LipschitzBound.LayerNorm::norm).toArray();
        assertRelativelyClose(expected, actual, 1e-8, "operator norm of decoder weight layer");
        assertTrue(b.layers().stream().allMatch(LipschitzBound.LayerNorm::normalised), b.layers().toString());
        double product = 1;
        for (double e : expected) {
            product *= e;
        }
        assertEquals(product, b.product(), 1e-8 * product);
    }

    /** make_conv64_values.py's images: {@code ((37 n + 101 c + 3 i^2 + 7 j + i j) mod 256) / 255}. */
    static INDArray fixedImages(int n, int c, int side) {
        double[] x = new double[n * c * side * side];
        int k = 0;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < c; b++) {
                for (int i = 0; i < side; i++) {
                    for (int j = 0; j < side; j++) {
                        x[k++] = ((37 * a + 101 * b + 3 * i * i + 7 * j + i * j) % 256) / 255.0;
                    }
                }
            }
        }
        return Nd4j.createFromArray(x).reshape('c', n, c, side, side);
    }

    /**
     * A narrow net of the CelebA net's depth (channels 2, 4, 4, 8, 8; latent 4) in float64, seed 1,
     * five full-batch Adam steps on six 64 x 64 colour images, step for step with PyTorch: the loss
     * terms, the weights after the last step, the operator norms then, and the codes.
     */
    @Test
    void fiveFloat64AdamStepsAgreeWithPyTorchInLockstep() {
        ConvLeastVolumeAutoencoder m = new ConvLeastVolumeAutoencoder(new ConvLeastVolumeAutoencoder.Options(3, 64, 64,
                List.of(2, 4, 4, 8, 8), 4, 0.2, "volume:lambda=0.01,eta=0.01", "none", 0, 0.9, false,
                "conv-operator", Precision.FLOAT64, 1), PLUGINS);
        INDArray x = fixedImages(6, 3, 64);
        double[] initial = m.parameters().toDoubleVector();
        List<StepLoss> losses = new ArrayList<>();
        TrainingResult r = new GradientTrainer(TrainerOptions.fullBatch(5)).fit(m,
                new Adam(1e-3, 0.9, 0.99, 1e-8, 0, false), TrainingData.autoencoding(x), List.of(new TrainingListener() {
                    @Override
                    public void onStep(TrainingRun run, StepLoss loss) {
                        losses.add(loss);
                    }
                }));
        assertEquals(TrainingResult.StopReason.COMPLETED, r.stopReason(), r.message());
        assertRelativelyClose(Conv64TorchValues.values("lockstep.data"),
                losses.stream().mapToDouble(StepLoss::data).toArray(), 1e-12, "reconstruction MSE at step");
        assertRelativelyClose(Conv64TorchValues.values("lockstep.penalty"),
                losses.stream().mapToDouble(StepLoss::penalty).toArray(), 1e-11, "volume penalty at step");
        double[] expected = Conv64TorchValues.values("lockstep.parameters");
        double[] actual = m.parameters().toDoubleVector();
        assertEquals(expected.length, actual.length, "parameter count");
        double moved = 0;
        for (int i = 0; i < expected.length; i++) {
            moved = Math.max(moved, Math.abs(actual[i] - initial[i]));
            // Adam moves each weight by about lr a step whatever its gradient's size; the two differ by at most
            // 5e-13 (measured), rounding in the gradients, against 5e-3 of movement
            assertEquals(expected[i], actual[i], 1e-11, "parameter " + i + " after 5 steps");
        }
        // five steps of lr 1e-3 move a weight by up to 5e-3: the comparison is of trained weights
        assertTrue(moved > 1e-3, "the weights moved by at most " + moved);
        assertRelativelyClose(Conv64TorchValues.values("lockstep.operator_norms"), operatorNorms(m), 1e-11,
                "operator norm after 5 steps of transposed convolution");
        m.setTraining(false);
        assertRelativelyClose(Conv64TorchValues.values("lockstep.code"),
                m.encode(x.reshape('c', 6, 3 * 64 * 64)).ravel().toDoubleVector(), 1e-10, "code entry");
    }
}
