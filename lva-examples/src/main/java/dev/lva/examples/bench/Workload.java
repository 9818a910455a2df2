package dev.lva.examples.bench;

import dev.lva.api.TrainingData;
import dev.lva.core.optim.Adam;
import dev.lva.core.train.TrainerOptions;
import dev.lva.examples.course.DigitsLauncher;
import dev.lva.run.RunData;
import dev.lva.run.Scaling;
import dev.lva.models.AutoEncoder;
import dev.lva.models.LeastVolumeAutoencoder;
import dev.lva.models.MLP;
import dev.lva.models.Precision;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The workloads {@code lva bench} times, each the twin of a PyTorch reference script so the two can
 * run back to back on one machine (reference/torch/lva.py, lva_scale.py, lva_conv.py).
 */
public enum Workload {
    /** DESIGN §4's seed workload: 100 x 3 curve, 3 -> [48]x4 -> 3, SN decoder, Adam 1e-3, 20000 full-batch steps. */
    SEED("seed", 20000) {
        @Override
        Setup setup(long seed, int steps) {
            INDArray x = RunData.builtIn("ae3d.csv", List.of(), Scaling.NONE, DataType.FLOAT).scaled();
            LeastVolumeAutoencoder model = new LeastVolumeAutoencoder(
                    LeastVolumeAutoencoder.Options.defaults(3, 3).withSeed(seed));
            return new Setup(model, TrainingData.autoencoding(x), TrainerOptions.fullBatch(steps), steps);
        }
    },
    /**
     * DESIGN §4's scale workload: 20000 x 32 on a 2-D manifold (reference common.manifold32),
     * 32 -> [256]x4 -> 32 with an SN decoder, minibatch 256 reshuffled each epoch, 5 epochs (395 steps).
     */
    SCALE("scale", 5) {
        @Override
        Setup setup(long seed, int epochs) {
            INDArray x = Manifold32.generate(20000, 32, 12345);
            LeastVolumeAutoencoder model = new LeastVolumeAutoencoder(new LeastVolumeAutoencoder.Options(32, 32,
                    List.of(256, 256, 256, 256), MLP.DEFAULT_ACTIVATION, "volume:lambda=0.01,eta=0.01", "none", 0, 0.9,
                    false, Precision.FLOAT32, seed));
            long steps = (long) epochs * ((20000 + 255) / 256);
            return new Setup(model, TrainingData.autoencoding(x), TrainerOptions.minibatch(epochs, 256, seed), steps);
        }
    },

    /** The digits launcher's LVAE: 1797 x 64 pixels in [0, 1], 64 -> [256]x2 -> 32, minibatch 128, 200 epochs. */
    DIGITS("digits", 200) {
        @Override
        Setup setup(long seed, int epochs) {
            INDArray x = DigitsLauncher.pixels();
            LeastVolumeAutoencoder model = new LeastVolumeAutoencoder(DigitsLauncher.defaultModel(seed));
            long steps = (long) epochs * ((x.rows() + 127) / 128);
            return new Setup(model, TrainingData.autoencoding(x), TrainerOptions.minibatch(epochs, 128, seed), steps);
        }
    },

    /**
     * The conv LVAE step of reference/torch/lva_conv.py: 10000 Fashion-MNIST images padded to 32 x 32
     * (synthetic blobs of that shape where the data is not installed), encoder convs 32, 64, 128, 256
     * k4 s2 p1 with LeakyReLU(0.2), latent 64, decoder SN-linear to 128 x 4 x 4 then transposed convs
     * 128 -> 64 -> 32 -> 1 normalised by their operator norm, volume lambda 1e-3 eta 0.01, batch 100,
     * Adam 1e-4 betas 0.9/0.99; 2 epochs (200 steps).
     */
    CONV("conv", 2) {
        static final int IMAGES = 10000;

        @Override
        Setup setup(long seed, int epochs) {
            INDArray x = ConvData.images(IMAGES, 7);
            AutoEncoder model = ConvWorkloadModel.build(seed);
            long steps = (long) epochs * (IMAGES / 100);
            return new Setup(model, TrainingData.autoencoding(x), TrainerOptions.minibatch(epochs, 100, seed), steps,
                    new Adam(1e-4, 0.9, 0.99, 1e-8, 0, false));
        }
    };

    private final String label;
    private final int defaultLength;

    Workload(String label, int defaultLength) {
        this.label = label;
        this.defaultLength = defaultLength;
    }

    public String label() {
        return label;
    }

    /** Steps (full-batch workloads) or epochs (minibatch ones) of a standard run. */
    public int defaultLength() {
        return defaultLength;
    }

    /** A fresh model, its data and training plan; {@code length} is steps or epochs as {@link #defaultLength}. */
    abstract Setup setup(long seed, int length);

    public static Workload of(String name) {
        for (Workload w : values()) {
            if (w.label.equals(name.toLowerCase(Locale.ROOT))) {
                return w;
            }
        }
        throw new dev.lva.api.LvaException("unknown workload '" + name + "'; known: seed, scale, digits, conv, all");
    }

    /** What one timed run needs. */
    record Setup(AutoEncoder model, TrainingData data, TrainerOptions trainer, long steps, Adam optimizer) {
        Setup(AutoEncoder model, TrainingData data, TrainerOptions trainer, long steps) {
            this(model, data, trainer, steps, Adam.adam(1e-3));
        }
    }
}
