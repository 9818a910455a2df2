package dev.lva.run;

import dev.lva.api.LvaException;
import dev.lva.api.plugin.Options;
import dev.lva.api.plugin.PluginSpec;
import dev.lva.core.checkpoint.Extras;
import dev.lva.core.data.ImageFiles;
import dev.lva.core.nn.Shape;
import dev.lva.core.nn.activation.Activations;
import dev.lva.core.nn.activation.LeakyReLU;
import dev.lva.models.ConvLeastVolumeAutoencoder;
import dev.lva.models.LeastVolumeAutoencoder;
import java.nio.file.Path;
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
    /** Extras key of the shape of one training image as stored, before {@code --pad-to}. */
    static final String STORED_IMAGE_SHAPE = "data.stored_image_shape";

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
            throw new LvaException("invalid model options: " + e.getMessage() + " (--pad-to, --channels)"
                    + layoutHint(config.layout(), image), e);
        }
    }

    /**
     * Where an explicit {@code --layout} read images as an unlikely number of channels and the other
     * order gives a likely one (1, 3 or 4): the images were probably stored the other way, and that,
     * not the channels or the padding, is what to change.
     */
    static String layoutHint(ImageFiles.Layout layout, Shape image) {
        if (layout == ImageFiles.Layout.AUTO || likelyChannels(image.channels())) {
            return "";
        }
        boolean last = layout == ImageFiles.Layout.NHWC;
        // the file's axes after N: (H, W, C) read channels-last, (C, H, W) read as stored
        Shape other = last ? Shape.image(image.height(), image.width(), image.channels())
                : Shape.image(image.width(), image.channels(), image.height());
        if (!likelyChannels(other.channels())) {
            return "";
        }
        return "; --layout " + (last ? "nhwc" : "nchw") + " read them as " + image.channels() + " channels of "
                + image.height() + " x " + image.width() + ", and read as " + (last ? "N x C x H x W" : "N x H x W x C")
                + " they are " + other.channels() + " x " + other.height() + " x " + other.width() + ": give --layout "
                + (last ? "nchw" : "nhwc") + " if they are stored that way";
    }

    private static boolean likelyChannels(int c) {
        return c == 1 || c == 3 || c == 4;
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

    /**
     * Records the shape of one training image before {@code --pad-to} framed it (when it did), so that
     * decode can cut the padding off its images again. The shape is read from the file's first image.
     */
    static Extras withStoredImageShape(Extras extras, RunData data, int padTo) {
        if (padTo == 0 || data.imageShape() == null) {
            return extras;
        }
        Shape s = firstImageShape(data);
        // null: the images were read a moment ago, so hardly; without the shape, decode shows the padding
        return s == null ? extras
                : extras.withString(STORED_IMAGE_SHAPE, s.channels() + "x" + s.height() + "x" + s.width());
    }

    /**
     * Refuses data for a resumed run whose images are not of the shape the run trained on (or that are
     * images where it trained on a table, or the reverse), naming both shapes: the width check after
     * it would speak of "1024 columns". Images that --pad-to framed to the trained shape from another
     * stored shape are refused too, as encode refuses them: framed otherwise, they are other data.
     */
    static void requireImageShape(Extras extras, RunData data, int padTo, Path checkpoint) {
        requireImageShape(extras, data, padTo, checkpoint, ImageFiles.Layout.AUTO);
    }

    /** @param layout the order the run reads its images in (its --layout): named when it explains the shapes */
    static void requireImageShape(Extras extras, RunData data, int padTo, Path checkpoint, ImageFiles.Layout layout) {
        Shape trained = imageShape(extras);
        Shape got = data.imageShape();
        String model = "the model (from " + checkpoint + ")";
        if (trained == null && got != null) {
            throw new LvaException(data.source() + " holds images of " + text(got) + "; " + model + " was trained on"
                    + " a table (lva fit --model conv-lvae trains on images)");
        }
        if (trained == null) {
            return;
        }
        if (got == null) {
            throw new LvaException(data.source() + " is a table of " + data.dataset().cols() + " columns; " + model
                    + " was trained on images of " + text(trained));
        }
        Shape stored = storedImageShape(extras);
        Shape read = padTo > 0 ? firstImageShape(data) : got;
        if (!got.equals(trained) || (stored != null && read != null && !read.equals(stored))) {
            throw new LvaException(data.source() + ": images of " + text(read == null ? got : read) + (padTo > 0
                    ? " (" + text(got) + " after --pad-to " + padTo + ")" : "") + "; " + model + " was trained on images"
                    + " of " + text(stored == null ? trained : stored) + (stored == null ? "" : " (" + text(trained)
                    + " after --pad-to " + padTo + ")") + resumeLayoutHint(layout, got, trained, padTo));
        }
    }

    /**
     * Where a run trained on channels-last images ({@code --layout nhwc}) is resumed on a file stored
     * N x C x H x W: the resume reads new data in the run's layout, so the shapes differ by the order of
     * the axes alone, and that is what to say.
     */
    private static String resumeLayoutHint(ImageFiles.Layout layout, Shape got, Shape trained, int padTo) {
        if (layout != ImageFiles.Layout.NHWC || padTo > 0) {
            return "";
        }
        // read channels-last, the file's axes after N were (H, W, C) = (got.height, got.width, got.channels)
        Shape asStored = Shape.image(got.height(), got.width(), got.channels());
        return asStored.equals(trained) ? "; the run reads its images as N x H x W x C (it was trained with --layout"
                + " nhwc), and read as N x C x H x W these are " + text(asStored) + ": store them channels-last, as"
                + " the training images were" : "; the run reads its images as N x H x W x C (--layout nhwc)";
    }

    private static String text(Shape s) {
        return s.channels() + " x " + s.height() + " x " + s.width();
    }

    /** The shape of the first image of a run's file as stored, or null when it cannot be read again. */
    private static Shape firstImageShape(RunData data) {
        if (data.source().startsWith(RunData.BUILT_IN)) {
            return null;
        }
        try {
            long[] d = ImageFiles.read(Path.of(data.source()), new ImageFiles.Options(0, 1)).sampleShape();
            return Shape.image((int) d[0], (int) d[1], (int) d[2]);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The shape of one training image as stored, before --pad-to; null when the run did not pad or did not say. */
    public static Shape storedImageShape(Extras extras) {
        return parse(extras, STORED_IMAGE_SHAPE);
    }

    /** The shape of one training image a checkpoint records, or null (a table, or a checkpoint from before images). */
    public static Shape imageShape(Extras extras) {
        return parse(extras, IMAGE_SHAPE);
    }

    private static Shape parse(Extras extras, String key) {
        String s = extras.strings().get(key);
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
