package dev.lva.core.nn;

import dev.lva.api.LvaException;
import dev.lva.api.Parametrization;
import dev.lva.core.nn.activation.LeakyReLU;
import java.util.ArrayList;
import java.util.List;

/**
 * The LV paper's image encoder and decoder (reference/torch/lva_conv.py), built from lva's layers
 * in the same order as PyTorch builds them, so a seed gives the same initial weights. Encoder: a
 * {@code Conv2d} k4 s2 p1 per channel count, each followed by LeakyReLU, then Flatten and a Linear to
 * the latent code. Decoder: a (spectrally normalised) Linear from the code to
 * {@code C_{k-1} x h x w}, LeakyReLU, Unflatten, then {@code ConvTranspose2d} k4 s2 p1 through the
 * encoder's channels in reverse down to the image's channels, LeakyReLU between them, each
 * normalised by the norm of its operator.
 */
public final class ConvNets {
    /** The kernel, stride and padding of every convolution: each halves (or doubles) the side. */
    public static final ConvSpec HALVING = ConvSpec.of(4, 2, 1);

    private ConvNets() {
    }

    /**
     * @param image    input samples, {@code C x H x W}; H and W divisible by {@code 2^channels.size()}
     * @param channels output channels of each convolution, e.g. 32, 64, 128, 256
     * @param latent   code width
     * @param slope    LeakyReLU's negative slope (0.2 in the paper)
     */
    public static Sequential encoder(Shape image, List<Integer> channels, int latent, double slope) {
        requireHalvable(image, channels.size(), "the encoder's " + channels.size() + " convolutions");
        List<Layer> layers = new ArrayList<>();
        int in = image.channels();
        for (int c : channels) {
            layers.add(new Conv2d(in, c, HALVING));
            layers.add(new LeakyReLU(slope));
            in = c;
        }
        int scale = 1 << channels.size();
        layers.add(new Flatten());
        layers.add(new Linear(in * (image.height() / scale) * (image.width() / scale), latent));
        return Sequential.of(image, layers);
    }

    /**
     * The decoder mirroring {@link #encoder}: channels {@code C_{k-1}, ..., C_1} and then the image's,
     * from a start of {@code H / 2^(k-1)}, as lva_conv.py.
     *
     * @param linearNorm parametrization of the first Linear (PyTorch's spectral norm in the paper), or null
     * @param convNorm   parametrization of every transposed convolution (its operator norm in the paper), or null
     */
    public static Sequential decoder(int latent, List<Integer> channels, Shape image, double slope,
                                     Parametrization.Factory linearNorm, Parametrization.Factory convNorm) {
        if (channels.isEmpty()) {
            throw new LvaException("a convolutional decoder needs at least one channel count");
        }
        List<Integer> path = new ArrayList<>();
        for (int i = channels.size() - 2; i >= 0; i--) {
            path.add(channels.get(i));
        }
        path.add(image.channels());
        int ups = path.size() - 1;
        requireHalvable(image, ups, "the decoder's " + ups + " transposed convolutions");
        int h = image.height() >> ups;
        int w = image.width() >> ups;
        List<Layer> layers = new ArrayList<>();
        layers.add(new Linear(latent, path.get(0) * h * w, true, linearNorm));
        layers.add(new LeakyReLU(slope));
        layers.add(new Unflatten(path.get(0), h, w));
        for (int i = 0; i < ups; i++) {
            layers.add(new ConvTranspose2d(path.get(i), path.get(i + 1), HALVING, true, convNorm));
            if (i < ups - 1) {
                layers.add(new LeakyReLU(slope));
            }
        }
        Sequential decoder = Sequential.of(Shape.features(latent), layers);
        if (!decoder.outputShape(Shape.features(latent)).equals(image)) {
            throw new LvaException("the decoder ends in " + decoder.outputShape(Shape.features(latent))
                    + ", the images are " + image);
        }
        return decoder;
    }

    private static void requireHalvable(Shape image, int times, String what) {
        if (!image.isImage()) {
            throw new LvaException(what + " need images (N x C x H x W), got " + image);
        }
        int f = 1 << times;
        if (image.height() % f != 0 || image.width() % f != 0) {
            throw new LvaException(what + " halve the side " + times + " times: " + image.height() + " x "
                    + image.width() + " is not divisible by " + f);
        }
    }
}
