package dev.lva.examples.course;

import dev.lva.api.LvaException;
import dev.lva.examples.run.RunConfig;
import dev.lva.examples.run.RunData;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
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
@Command(name = "fashion", mixinStandardHelpOptions = true,
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

    @Option(names = "--epochs", defaultValue = "30", description = "Passes over the images (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "100", description = "Images per Adam step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--channels", split = ",", defaultValue = "16,32,64",
            description = "Encoder channels, one per halving convolution (default: ${DEFAULT-VALUE}; the paper's"
                    + " 32,64,128,256).")
    List<Integer> channels;

    @Option(names = "--latent", defaultValue = "32", description = "Latent dimensions (default: ${DEFAULT-VALUE}).")
    int latent;

    @Option(names = "--lambda", defaultValue = "0.001", description = "Weight of the volume penalty (default:"
            + " ${DEFAULT-VALUE}).")
    double lambda;

    @Option(names = "--eta", defaultValue = "0.01", description = "The volume's eta (default: ${DEFAULT-VALUE}).")
    double eta;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--pruning", paramLabel = "SPEC", defaultValue = "none",
            description = "Pruning policy, e.g. plummet:threshold=0.02 (default: ${DEFAULT-VALUE}).")
    String pruning;

    @Option(names = "--prune-from", paramLabel = "EPOCH", defaultValue = "0",
            description = "First epoch that may prune (default: ${DEFAULT-VALUE}).")
    int pruneFrom;

    @Option(names = "--seed", defaultValue = "0", description = "Initialisation and shuffling seed (default:"
            + " ${DEFAULT-VALUE}).")
    long seed;

    @Override
    protected void run(PrintWriter out, Path dir) {
        if (!Files.exists(data)) {
            throw new LvaException((data.equals(FASHION) ? "Fashion-MNIST is not installed (no " + data + ")"
                    : "--data " + data + ": no such file") + "; install it with: apt-get install dataset-fashion-mnist"
                    + " (Debian's package puts the images in " + FASHION.getParent() + ")");
        }
        requirePositive("--epochs", epochs);
        requirePositive("--latent", latent);
        Map<String, String> o = ImageLaunch.convDefaults();
        o.put("data", data.toString());
        o.put("padTo", "32");
        o.put("limit", Integer.toString(limit));
        o.put("channels", channels.stream().map(String::valueOf).collect(Collectors.joining(";")));
        o.put("latent", Integer.toString(latent));
        o.put("regularizer", String.format(Locale.ROOT, "volume:lambda=%s,eta=%s", lambda, eta));
        o.put("pruning", pruning);
        o.put("pruneFrom", Integer.toString(pruneFrom));
        o.put("lr", Double.toString(lr));
        o.put("epochs", Integer.toString(epochs));
        o.put("tolWindow", Integer.toString(Math.max(1, epochs / 10)));
        o.put("batch", Integer.toString(batch));
        o.put("seed", Long.toString(seed));
        o.put("out", dir.toString());
        RunConfig config = ImageLaunch.config(o, "lva fashion");
        RunData images = RunData.load(config, config.precision().dataType());
        out.printf(Locale.ROOT, "Fashion-MNIST: %,d images of 28 x 28 padded to 32 x 32, in [0, 1] (%s)%n",
                images.dataset().rows(), data);
        out.printf(Locale.ROOT, "conv-lvae: channels %s, latent %d, %s; Adam lr %s (betas 0.9, 0.99), batch %d, %d"
                + " epochs, pruning %s, %d thread(s)%n", channels, latent, config.regularizer(), lr, batch, epochs,
                pruning, lva.threads());
        ImageLaunch.run(lva, config, images, out, 0);
    }
}
