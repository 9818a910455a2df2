package dev.lva.models.provider;

import dev.lva.api.Model;
import dev.lva.api.Regularizer;
import dev.lva.api.plugin.ModelProvider;
import dev.lva.api.plugin.Plugins;
import dev.lva.api.plugin.RegularizerProvider;
import dev.lva.api.plugin.PluginKind;
import dev.lva.api.plugin.PruningPolicyProvider;
import dev.lva.models.AutoEncoder;
import dev.lva.models.ConvLeastVolumeAutoencoder;
import dev.lva.models.LeastVolumeAutoencoder;
import dev.lva.models.LinearRegression;
import dev.lva.models.MLP;
import dev.lva.models.PcaModel;
import dev.lva.models.Precision;
import java.util.List;
import java.util.Map;

/**
 * The built-in models as plugins: {@code mlp}, {@code snmlp}, {@code autoencoder}, {@code lvae},
 * {@code conv-lvae}, {@code linear-regression} and {@code pca}. Plugin names inside options (a regularizer, a pruning
 * policy) are resolved through the thread's context class loader, so plugin jars seen there work.
 */
public final class ModelProviders {
    /** The plugins a least-volume autoencoder's options name: its latent penalty and its pruning policy. */
    private static final Map<String, PluginKind<?, ?>> LVAE_NESTED = Map.of("regularizer", RegularizerProvider.KIND,
            "pruning", PruningPolicyProvider.KIND);
    private ModelProviders() {
    }

    static Plugins plugins() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return Plugins.discover(cl != null ? cl : ModelProviders.class.getClassLoader());
    }

    public static final class MlpProvider implements ModelProvider<MLP.Options> {
        @Override
        public String name() {
            return "mlp";
        }

        @Override
        public String description() {
            return "multilayer perceptron: Linear + activation per hidden layer, plain last Linear";
        }

        @Override
        public MLP.Options defaultOptions() {
            return new MLP.Options(1, 1, List.of(48, 48), MLP.DEFAULT_ACTIVATION, false, Precision.FLOAT32, 0);
        }

        @Override
        public Model create(MLP.Options options) {
            return new MLP(options);
        }
    }

    public static final class SnMlpProvider implements ModelProvider<MLP.Options> {
        @Override
        public String name() {
            return "snmlp";
        }

        @Override
        public String description() {
            return "MLP with spectral norm on every Linear (1-Lipschitz)";
        }

        @Override
        public MLP.Options defaultOptions() {
            return new MLP.Options(1, 1, List.of(48, 48), MLP.DEFAULT_ACTIVATION, true, Precision.FLOAT32, 0);
        }

        @Override
        public Model create(MLP.Options o) {
            return new MLP(new MLP.Options(o.in(), o.out(), o.hidden(), o.activation(), true, o.precision(), o.seed()));
        }
    }

    /**
     * Options of a plain autoencoder.
     *
     * @param latentPenalty a regularizer spec such as {@code lasso:lambda=0.01}, or empty for none
     */
    public record AutoEncoderOptions(int in, int latent, List<Integer> hidden, String activation,
                                     String latentPenalty, Precision precision, long seed) {
        public AutoEncoderOptions {
            if (in < 1 || latent < 1) {
                throw new IllegalArgumentException("in and latent must be >= 1, got " + in + " and " + latent);
            }
            hidden = List.copyOf(hidden);
        }
    }

    public static final class AutoEncoderProvider implements ModelProvider<AutoEncoderOptions> {
        @Override
        public String name() {
            return "autoencoder";
        }

        @Override
        public String description() {
            return "MLP encoder and decoder with MSE, optional latent penalty";
        }

        @Override
        public Map<String, PluginKind<?, ?>> nestedPlugins() {
            return Map.of("latentPenalty", RegularizerProvider.KIND);
        }

        @Override
        public AutoEncoderOptions defaultOptions() {
            return new AutoEncoderOptions(3, 2, List.of(5), "relu", "", Precision.FLOAT32, 0);
        }

        @Override
        public Model create(AutoEncoderOptions o) {
            Regularizer penalty = o.latentPenalty().isBlank() ? null
                    : plugins().create(RegularizerProvider.KIND, o.latentPenalty());
            return new AutoEncoder(MLP.layers(o.in(), o.latent(), o.hidden(), o.activation(), false),
                    MLP.layers(o.latent(), o.in(), o.hidden(), o.activation(), false), o.in(), null, penalty,
                    o.precision().dataType(), o.seed());
        }
    }

    public static final class LvaeProvider implements ModelProvider<LeastVolumeAutoencoder.Options> {
        @Override
        public String name() {
            return "lvae";
        }

        @Override
        public String description() {
            return "least-volume autoencoder: MLP encoder, spectrally normalised decoder, volume penalty, pruning";
        }

        @Override
        public Map<String, PluginKind<?, ?>> nestedPlugins() {
            return LVAE_NESTED;
        }

        @Override
        public LeastVolumeAutoencoder.Options defaultOptions() {
            return LeastVolumeAutoencoder.Options.defaults(3, 3);
        }

        @Override
        public Model create(LeastVolumeAutoencoder.Options options) {
            return new LeastVolumeAutoencoder(options, plugins());
        }
    }

    public static final class ConvLvaeProvider implements ModelProvider<ConvLeastVolumeAutoencoder.Options> {
        @Override
        public String name() {
            return "conv-lvae";
        }

        @Override
        public String description() {
            return "convolutional least-volume autoencoder for images (the LV paper's): conv encoder, decoder of"
                    + " transposed convolutions normalised by their operator norm, volume penalty, pruning";
        }

        @Override
        public Map<String, PluginKind<?, ?>> nestedPlugins() {
            return LVAE_NESTED;
        }

        @Override
        public ConvLeastVolumeAutoencoder.Options defaultOptions() {
            return ConvLeastVolumeAutoencoder.Options.defaults(1, 32, 32);
        }

        @Override
        public Model create(ConvLeastVolumeAutoencoder.Options options) {
            return new ConvLeastVolumeAutoencoder(options, plugins());
        }
    }

    public record LinearRegressionOptions(int in, int out, Precision precision, long seed) {
        public LinearRegressionOptions {
            if (in < 1 || out < 1) {
                throw new IllegalArgumentException("in and out must be >= 1, got " + in + " and " + out);
            }
        }
    }

    public static final class LinearRegressionProvider implements ModelProvider<LinearRegressionOptions> {
        @Override
        public String name() {
            return "linear-regression";
        }

        @Override
        public String description() {
            return "y = x W^T + b trained by gradient descent";
        }

        @Override
        public LinearRegressionOptions defaultOptions() {
            return new LinearRegressionOptions(1, 1, Precision.FLOAT32, 0);
        }

        @Override
        public Model create(LinearRegressionOptions o) {
            return new LinearRegression(o.in(), o.out(), o.precision(), o.seed());
        }
    }

    public record PcaOptions(int components) {
        public PcaOptions {
            if (components < 0) {
                throw new IllegalArgumentException("components must be >= 0 (0 keeps all), got " + components);
            }
        }
    }

    public static final class PcaProvider implements ModelProvider<PcaOptions> {
        @Override
        public String name() {
            return "pca";
        }

        @Override
        public String description() {
            return "principal component analysis by exact SVD (fit, then transform)";
        }

        @Override
        public PcaOptions defaultOptions() {
            return new PcaOptions(0);
        }

        @Override
        public Model create(PcaOptions o) {
            return new PcaModel(o.components());
        }
    }
}
