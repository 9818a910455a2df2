package dev.lva.models;

import dev.lva.api.Parametrization;
import dev.lva.api.PruningPolicy;
import dev.lva.api.Regularizer;
import dev.lva.api.plugin.ParametrizationProvider;
import dev.lva.api.plugin.Plugins;
import dev.lva.api.plugin.PruningPolicyProvider;
import dev.lva.api.plugin.RegularizerProvider;
import dev.lva.core.nn.ConvNets;
import dev.lva.core.nn.Shape;
import dev.lva.core.param.SpectralNorm;
import java.util.List;

/**
 * The LV paper's image least-volume autoencoder (reference/torch/lva_conv.py): the encoder is a
 * {@code Conv2d} k4 s2 p1 + LeakyReLU per channel count, then Flatten and a Linear to the code; the
 * decoder a spectrally normalised Linear to {@code C x H/2^(k-1) x W/2^(k-1)}, then
 * {@code ConvTranspose2d} k4 s2 p1 back to the image's channels, each normalised by the spectral norm
 * of its operator ({@code conv-operator}, so that the decoder is 1-Lipschitz as a map of images),
 * LeakyReLU between, none at the end ({@link ConvNets}). Everything else is the least-volume
 * autoencoder's: the latent penalty, pruning, the latent statistics, checkpoints; images travel as
 * rows of {@code C * H * W} values, so {@link LatentAnalysis} and the trainer see nothing new.
 */
public class ConvLeastVolumeAutoencoder extends LeastVolumeAutoencoder {

    /**
     * @param imageChannels   channels of the images (1 for grey, 3 for colour)
     * @param height          image height; divisible by {@code 2^channels.size()}
     * @param width           image width; divisible by {@code 2^channels.size()}
     * @param channels        output channels of each encoder convolution, e.g. 32, 64, 128, 256;
     *                        the decoder runs through them in reverse
     * @param latent          latent dimensions (the most the model may use)
     * @param slope           LeakyReLU's negative slope
     * @param regularizer     latent penalty spec
     * @param pruning         pruning policy spec
     * @param pruneFrom       first epoch at whose end pruning may happen
     * @param beta            moving-average factor of the latent statistics
     * @param prunedInPenalty keep pruned dimensions in the penalty as constant columns
     * @param convNorm        parametrization of every transposed convolution: {@code conv-operator}
     *                        (the LV paper's) or {@code kernel} (PyTorch's spectral_norm on the kernel)
     */
    public record Options(int imageChannels, int height, int width, List<Integer> channels, int latent, double slope,
                          String regularizer, String pruning, int pruneFrom, double beta, boolean prunedInPenalty,
                          String convNorm, Precision precision, long seed) {
        public Options {
            if (imageChannels < 1 || height < 1 || width < 1) {
                throw new IllegalArgumentException("images must have positive channels, height and width, got "
                        + imageChannels + " x " + height + " x " + width);
            }
            channels = List.copyOf(channels);
            if (channels.isEmpty() || channels.stream().anyMatch(c -> c < 1)) {
                throw new IllegalArgumentException("channels must be one or more counts >= 1, got " + channels);
            }
            if (channels.size() > 16) {
                throw new IllegalArgumentException("channels " + channels + " halve the image " + channels.size()
                        + " times; at most 16");
            }
            int f = 1 << channels.size();
            if (height % f != 0 || width % f != 0) {
                throw new IllegalArgumentException("an image of " + height + " x " + width + " cannot be halved "
                        + channels.size() + " times by channels " + channels + ": " + (height % f != 0 ? height : width)
                        + " is not divisible by " + f + "; pad or crop the images to a multiple of " + f
                        + " or give fewer channel counts");
            }
            if (latent < 1) {
                throw new IllegalArgumentException("latent must be >= 1, got " + latent);
            }
            if (!(slope >= 0 && slope < 1)) {
                throw new IllegalArgumentException("slope must be in [0, 1), got " + slope);
            }
            if (pruneFrom < 0) {
                throw new IllegalArgumentException("pruneFrom must be >= 0, got " + pruneFrom);
            }
            if (!(beta >= 0 && beta < 1)) {
                throw new IllegalArgumentException("beta must be in [0, 1), got " + beta);
            }
            if (convNorm == null || convNorm.isBlank()) {
                throw new IllegalArgumentException("convNorm must name a parametrization (conv-operator, kernel)");
            }
        }

        /**
         * lva_conv.py's model for images of this shape: channels 32, 64, 128, 256, latent 64,
         * LeakyReLU(0.2), volume with lambda 0.001 and eta 0.01, no pruning, the operator norm.
         */
        public static Options defaults(int imageChannels, int height, int width) {
            return new Options(imageChannels, height, width, List.of(32, 64, 128, 256), 64, 0.2,
                    "volume:lambda=0.001,eta=0.01", "none", 0, 0.9, false, "conv-operator", Precision.FLOAT32, 0);
        }

        /** One sample's shape, {@code C x H x W}. */
        public Shape image() {
            return Shape.image(imageChannels, height, width);
        }

        public Options withSeed(long s) {
            return new Options(imageChannels, height, width, channels, latent, slope, regularizer, pruning, pruneFrom,
                    beta, prunedInPenalty, convNorm, precision, s);
        }

        public Options withPruning(String spec, int from, boolean inPenalty) {
            return new Options(imageChannels, height, width, channels, latent, slope, regularizer, spec, from, beta,
                    inPenalty, convNorm, precision, seed);
        }

        public Options withRegularizer(String spec) {
            return new Options(imageChannels, height, width, channels, latent, slope, spec, pruning, pruneFrom, beta,
                    prunedInPenalty, convNorm, precision, seed);
        }
    }

    private final Options options;

    /** Builds the networks, penalty, policy and transposed convolutions' norm, resolving plugin names through {@code plugins}. */
    public ConvLeastVolumeAutoencoder(Options o, Plugins plugins) {
        this(o, plugins.create(RegularizerProvider.KIND, o.regularizer()),
                plugins.create(PruningPolicyProvider.KIND, o.pruning()),
                plugins.create(ParametrizationProvider.KIND, o.convNorm()));
    }

    public ConvLeastVolumeAutoencoder(Options o) {
        this(o, discovered());
    }

    /**
     * The options' networks with a penalty object of one's own in place of the options' regularizer
     * spec (which is then not read); pruning and the convolutions' norm are the options' specs.
     */
    public ConvLeastVolumeAutoencoder(Options o, Regularizer penalty) {
        this(o, penalty, discovered());
    }

    private ConvLeastVolumeAutoencoder(Options o, Regularizer penalty, Plugins plugins) {
        this(o, penalty, plugins.create(PruningPolicyProvider.KIND, o.pruning()),
                plugins.create(ParametrizationProvider.KIND, o.convNorm()));
    }

    /**
     * The options' networks with these objects in place of the options' regularizer, pruning and
     * {@code convNorm} specs.
     */
    public ConvLeastVolumeAutoencoder(Options o, Regularizer penalty, PruningPolicy policy,
                                      Parametrization.Factory convNorm) {
        super(ConvNets.encoder(o.image(), o.channels(), o.latent(), o.slope()),
                ConvNets.decoder(o.latent(), o.channels(), o.image(), o.slope(), SpectralNorm.factory(), convNorm),
                o.image(), penalty, policy, o.pruneFrom(), o.beta(), o.prunedInPenalty(), o.precision().dataType(),
                o.seed());
        this.options = o;
    }

    private static Plugins discovered() {
        return Plugins.discover(ConvLeastVolumeAutoencoder.class.getClassLoader());
    }

    public Options options() {
        return options;
    }

    /** One sample's shape, {@code C x H x W}. */
    public Shape imageShape() {
        return options.image();
    }
}
