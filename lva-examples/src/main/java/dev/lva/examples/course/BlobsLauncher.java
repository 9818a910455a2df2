package dev.lva.examples.course;

import dev.lva.api.LvaException;
import dev.lva.api.io.AtomicFiles;
import dev.lva.core.data.GaussianBlobs;
import dev.lva.core.io.Npy;
import dev.lva.examples.run.RunConfig;
import dev.lva.examples.run.RunData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lva blobs}: least volume recovers a known answer on images. Each image holds one Gaussian
 * blob whose centre (x, y) and width are drawn at random ({@link GaussianBlobs}, the recipe of
 * reference/torch/lva_conv.py's {@code DATA=blobs}), so the images have intrinsic dimension 3.
 * The images are written as a .npy into the output folder and the convolutional least-volume
 * autoencoder is fitted on it as {@code lva fit} would ({@code lva resume}, {@code encode},
 * {@code decode} take its {@code model.zip}); the launcher prints how many dimensions the LVAE keeps
 * next to PCA, which needs many components for a manifold that is not flat.
 *
 * <p>Defaults as the measured PyTorch run (reference README: 4,000 images of 32 x 32, channels 16,
 * 32, 64, latent 16, volume lambda 0.003, Adam 1e-3, 150 epochs: 4 dimensions kept).
 */
@Command(name = "blobs", mixinStandardHelpOptions = true,
        description = "The convolutional LVAE on images of one Gaussian blob (true dimension 3), beside PCA.")
public final class BlobsLauncher extends CourseLauncher {
    @Option(names = "--images", defaultValue = "4000", description = "Images generated (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--side", defaultValue = "32", description = "Image side in pixels (default: ${DEFAULT-VALUE}).")
    int side;

    @Option(names = "--data-seed", defaultValue = "7", description = "Seed of the images (default: ${DEFAULT-VALUE}).")
    long dataSeed;

    @Option(names = "--epochs", defaultValue = "150", description = "Passes over the images (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "100", description = "Images per Adam step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--channels", split = ",", defaultValue = "16,32,64",
            description = "Encoder channels, one per halving convolution (default: ${DEFAULT-VALUE}).")
    List<Integer> channels;

    @Option(names = "--latent", defaultValue = "16", description = "Latent dimensions (default: ${DEFAULT-VALUE}).")
    int latent;

    @Option(names = "--lambda", defaultValue = "0.003", description = "Weight of the volume penalty (default:"
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

    @Option(names = "--pruned-in-penalty",
            description = "Keep pruned dimensions in the volume as constants, so the pull on the others stays.")
    boolean prunedInPenalty;

    @Option(names = "--seed", defaultValue = "0", description = "Initialisation and shuffling seed (default:"
            + " ${DEFAULT-VALUE}).")
    long seed;

    @Override
    protected void run(PrintWriter out, Path dir) {
        requirePositive("--images", images);
        requirePositive("--epochs", epochs);
        requirePositive("--latent", latent);
        if (side < 4) {
            throw new LvaException("--side must be at least 4, got " + side);
        }
        INDArray x = GaussianBlobs.generate(images, side, dataSeed);
        Path file = dir.resolve(String.format(Locale.ROOT, "blobs-%d-%dx%d-seed%d.npy", images, side, side, dataSeed));
        try {
            AtomicFiles.write(file, o -> Npy.write(o, x));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> o = ImageLaunch.convDefaults();
        o.put("data", file.toString());
        o.put("channels", channels.stream().map(String::valueOf).collect(Collectors.joining(";")));
        o.put("latent", Integer.toString(latent));
        o.put("regularizer", String.format(Locale.ROOT, "volume:lambda=%s,eta=%s", lambda, eta));
        o.put("pruning", pruning);
        o.put("pruneFrom", Integer.toString(pruneFrom));
        o.put("prunedInPenalty", Boolean.toString(prunedInPenalty));
        o.put("lr", Double.toString(lr));
        o.put("epochs", Integer.toString(epochs));
        o.put("tolWindow", Integer.toString(Math.max(1, epochs / 10)));
        o.put("batch", Integer.toString(batch));
        o.put("seed", Long.toString(seed));
        o.put("out", dir.toString());
        RunConfig config = ImageLaunch.config(o, "lva blobs");
        RunData data = RunData.load(config, config.precision().dataType());
        out.printf(Locale.ROOT, "blobs: %,d images of %d x %d, one Gaussian blob each (centre x, y and width random:"
                + " true dimension %d), written to %s%n", images, side, side, GaussianBlobs.INTRINSIC_DIMENSION, file);
        out.printf(Locale.ROOT, "conv-lvae: channels %s, latent %d, %s; Adam lr %s (betas 0.9, 0.99), batch %d, %d"
                + " epochs, pruning %s, %d thread(s)%n", channels, latent, config.regularizer(), lr, batch, epochs,
                pruning, lva.threads());
        ImageLaunch.run(lva, config, data, out, GaussianBlobs.INTRINSIC_DIMENSION);
    }
}
