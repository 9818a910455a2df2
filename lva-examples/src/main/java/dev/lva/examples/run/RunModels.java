package dev.lva.examples.run;

import dev.lva.api.LvaException;
import dev.lva.api.plugin.Options;
import dev.lva.api.plugin.PluginSpec;
import dev.lva.core.checkpoint.Extras;
import dev.lva.core.nn.Shape;
import dev.lva.core.nn.activation.Activations;
import dev.lva.core.nn.activation.LeakyReLU;
import dev.lva.models.ConvLeastVolumeAutoencoder;
import dev.lva.models.LeastVolumeAutoencoder;
import java.util.Locale;

/**
 * The model a run trains, as the plugin spec its checkpoints record: {@code lvae} (MLP encoder and
 * spectrally normalised decoder) on any data, or {@code conv-lvae} (the LV paper's convolutional
 * model) on images, sized from the data. Also the image shape a run records, so that {@code decode}
 * can write images without reading the training data.
 */
public final class RunModels {
    /** conv-lvae's latent width when {@code --latent} is 0: lva_conv.py's. */
    public static final int CONV_LATENT = 64;
    /** Extras key of the shape of one training image, {@code C x H x W}. */
    static final String IMAGE_SHAPE = "data.image_shape";

    private RunModels() {
    }

    /** The model of {@code config} for {@code data}; a conv-lvae on a table, or a size it cannot halve, is refused. */
    public static PluginSpec spec(RunConfig config, RunData data) {
        if (!config.convolutional()) {
            int width = data.dataset().cols();
            int latent = config.latent() == 0 ? width : config.latent();
            return new PluginSpec("lvae", Options.format(lvae(config, width, latent)));
        }
        Shape image = data.imageShape();
        if (image == null) {
            throw new LvaException("--model conv-lvae needs images (an IDX file, a .npy of rank 3 or 4, a folder of PNG"
                    + " or JPEG images); " + data.source() + " is a table of " + data.dataset().cols() + " columns");
        }
        return new PluginSpec("conv-lvae", Options.format(conv(config, image)));
    }

    static LeastVolumeAutoencoder.Options lvae(RunConfig config, int width, int latent) {
        try {
            return new LeastVolumeAutoencoder.Options(width, latent, config.hidden(), config.activation(),
                    config.regularizer(), config.pruning(), config.pruneFrom(), 0.9, config.prunedInPenalty(),
                    config.precision(), config.seed());
        } catch (IllegalArgumentException e) {
            throw new LvaException("invalid model options: " + e.getMessage(), e);
        }
    }

    static ConvLeastVolumeAutoencoder.Options conv(RunConfig config, Shape image) {
        int latent = config.latent() == 0 ? CONV_LATENT : config.latent();
        try {
            return new ConvLeastVolumeAutoencoder.Options(image.channels(), image.height(), image.width(),
                    config.channels(), latent, slope(config.activation()), config.regularizer(), config.pruning(),
                    config.pruneFrom(), 0.9, config.prunedInPenalty(), "conv-operator", config.precision(),
                    config.seed());
        } catch (IllegalArgumentException e) {
            throw new LvaException("invalid model options: " + e.getMessage() + " (--pad-to, --channels)", e);
        }
    }

    /** conv-lvae's activation is LeakyReLU, as in the paper; {@code --activation leaky-relu:slope=S} sets its slope. */
    static double slope(String activation) {
        if (Activations.create(activation) instanceof LeakyReLU l) {
            return l.slope();
        }
        throw new LvaException("--activation " + activation + ": conv-lvae uses LeakyReLU between its layers, as the"
                + " LV paper; give leaky-relu:slope=S to set the slope");
    }

    /** Records the shape of one training image, for a data set of images. */
    static Extras withImageShape(Extras extras, RunData data) {
        Shape s = data.imageShape();
        return s == null ? extras : extras.withString(IMAGE_SHAPE, s.channels() + "x" + s.height() + "x" + s.width());
    }

    /** The shape of one training image a checkpoint records, or null (a table, or a checkpoint from before images). */
    public static Shape imageShape(Extras extras) {
        String s = extras.strings().get(IMAGE_SHAPE);
        if (s == null) {
            return null;
        }
        String[] d = s.toLowerCase(Locale.ROOT).split("x");
        try {
            return Shape.image(Integer.parseInt(d[0]), Integer.parseInt(d[1]), Integer.parseInt(d[2]));
        } catch (RuntimeException e) {
            throw new LvaException("the checkpoint's image shape '" + s + "' is not C x H x W");
        }
    }
}
