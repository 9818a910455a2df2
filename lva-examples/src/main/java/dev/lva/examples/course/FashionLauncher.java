package dev.lva.examples.course;

import dev.lva.api.LvaException;
import dev.lva.run.RunConfig;
import dev.lva.run.RunData;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lva fashion}: how many dimensions Fashion-MNIST needs, the LV paper's experiment on CPUs:
 * the convolutional least-volume autoencoder ({@code conv-lvae}) on the first {@code --limit} training
 * images of Debian's {@code dataset-fashion-mnist}, 28 x 28 padded to 32 x 32 and scaled to [0, 1]
 * as reference/torch/lva_conv.py loads them. Prints the intrinsic dimension, the reconstruction
 * error, and how many PCA components reach the same error; writes the run's files and its report
 * (images above their reconstructions, the latent traversal, the std spectrum) into the output
 * folder. The run is an {@code lva fit} run: {@code lva resume}, {@code encode} and {@code decode}
 * take its {@code model.zip}.
 *
 * <p>Defaults sized for two CPU cores, a few minutes: 10,000 images, channels 16, 32, 64 (the
 * paper's 32 ... 256 take about 4 times as long a step), latent 32, volume lambda 0.001 and eta
 * 0.01, Adam 1e-3 (betas 0.9, 0.99), batch 100. See the README for the measured result.
 */
@Command(name = "fashion", mixinStandardHelpOptions = true, defaultValueProvider = FashionLauncher.Defaults.class,
        description = "The convolutional LVAE on Fashion-MNIST: intrinsic dimension, and PCA for the same error.")
public final class FashionLauncher extends CourseLauncher {
    /** Where Debian's dataset-fashion-mnist puts the training images. */
    static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");

    @Option(names = "--data", paramLabel = "FILE", defaultValue = "/usr/share/datasets/fashion-mnist/"
            + "train-images-idx3-ubyte.gz", description = "Fashion-MNIST's training images (default: ${DEFAULT-VALUE},"
            + " from Debian's dataset-fashion-mnist).")
    Path data;

    @Option(names = "--limit", defaultValue = "10000", description = "Images used, the first (default:"
            + " ${DEFAULT-VALUE}; 0 for all 60,000).")
    int limit;

    @Mixin
    ConvTraining training;

    /** lva fashion's own defaults of the shared training options. */
    static final class Defaults extends ConvTraining.Defaults {
        @Override
        Map<String, String> own() {
            return Map.of("--epochs", "30", "--latent", "32", "--lambda", "0.001");
        }
    }

    @Override
    protected void run(PrintWriter out, Path dir) {
        if (!Files.exists(data)) {
            throw new LvaException((data.equals(FASHION) ? "Fashion-MNIST is not installed (no " + data + ")"
                    : "--data " + data + ": no such file") + "; install it with: apt-get install dataset-fashion-mnist"
                    + " (Debian's package puts the images in " + FASHION.getParent() + ")");
        }
        if (!dev.lva.core.data.ImageFiles.isImages(data)) {
            // the launcher pads to 32 itself: a table was refused as "--pad-to 32", an option never typed
            throw new LvaException("--data " + data + " is a table; lva fashion trains on images (an IDX file such"
                    + " as Fashion-MNIST's, a .npy of rank 3 or 4, a folder of PNG or JPEG images)");
        }
        requirePositive("--epochs", training.epochs);
        requirePositive("--latent", training.latent);
        Map<String, String> o = training.fitOptions();
        o.put("data", data.toString());
        o.put("padTo", "32");
        o.put("limit", Integer.toString(limit));
        o.put("out", dir.toString());
        Path labels = dev.lva.core.io.Labels.FASHION_MNIST.resolve("train-labels-idx1-ubyte.gz");
        if (data.equals(FASHION) && Files.isRegularFile(labels)) {
            // the package's own labels of these images: the report adds kNN accuracy of the kept code
            o.put("labels", labels.toString());
        }
        RunConfig config = ImageLaunch.config(o, "lva fashion");
        RunData images = RunData.load(config, config.precision().dataType());
        training.requireBatchFits(images.rows(), limit > 0 ? "--limit " + limit : "--data " + data);
        out.printf(Locale.ROOT, "Fashion-MNIST: %,d images of 28 x 28 padded to 32 x 32, in [0, 1] (%s)%n",
                images.rows(), data);
        out.println(training.describe(config.regularizer(), lva));
        ImageLaunch.run(lva, config, images, out, 0);
    }
}
