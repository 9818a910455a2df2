package dev.lva.examples.course;

import dev.lva.api.LvaException;
import dev.lva.api.io.AtomicFiles;
import dev.lva.core.data.GaussianBlobs;
import dev.lva.core.io.Npy;
import dev.lva.run.RunConfig;
import dev.lva.run.RunData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
@Command(name = "blobs", mixinStandardHelpOptions = true, defaultValueProvider = BlobsLauncher.Defaults.class,
        description = "The convolutional LVAE on images of one Gaussian blob (true dimension 3), beside PCA.")
public final class BlobsLauncher extends CourseLauncher {
    @Option(names = "--images", defaultValue = "4000", description = "Images generated (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--side", defaultValue = "32", description = "Image side in pixels (default: ${DEFAULT-VALUE}).")
    int side;

    @Option(names = "--data-seed", defaultValue = "7", description = "Seed of the images (default: ${DEFAULT-VALUE}).")
    long dataSeed;

    @Mixin
    ConvTraining training;

    /** lva blobs' own defaults of the shared training options. */
    static final class Defaults extends ConvTraining.Defaults {
        @Override
        Map<String, String> own() {
            return Map.of("--epochs", "150", "--latent", "16", "--lambda", "0.003");
        }
    }

    @Override
    protected void run(PrintWriter out, Path dir) {
        requirePositive("--images", images);
        requirePositive("--epochs", training.epochs);
        requirePositive("--latent", training.latent);
        if (side < 4) {
            throw new LvaException("--side must be at least 4, got " + side);
        }
        training.requireBatchFits(images, "--images " + images);
        training.requireSideFits(side, "--side " + side);
        INDArray x = GaussianBlobs.generate(images, side, dataSeed);
        Path file = dir.resolve(String.format(Locale.ROOT, "blobs-%d-%dx%d-seed%d.npy", images, side, side, dataSeed));
        boolean existed = java.nio.file.Files.exists(file);
        try {
            AtomicFiles.write(file, o -> Npy.write(o, x));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        RunConfig config;
        RunData data;
        try {
            Map<String, String> o = training.fitOptions();
            o.put("data", file.toString());
            o.put("out", dir.toString());
            config = ImageLaunch.config(o, "lva blobs");
            data = RunData.load(config, config.precision().dataType());
        } catch (RuntimeException e) {
            // refused before training: the images it generated are no run's data, and are not left behind
            if (!existed) {
                try {
                    java.nio.file.Files.deleteIfExists(file);
                } catch (IOException gone) {
                    e.addSuppressed(gone);
                }
            }
            throw e;
        }
        out.printf(Locale.ROOT, "blobs: %,d images of %d x %d, one Gaussian blob each (centre x, y and width random:"
                + " true dimension %d), written to %s%n", images, side, side, GaussianBlobs.INTRINSIC_DIMENSION, file);
        out.println(training.describe(config.regularizer(), lva));
        ImageLaunch.run(lva, config, data, out, GaussianBlobs.INTRINSIC_DIMENSION);
    }
}
