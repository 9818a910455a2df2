package dev.lva.models;

import dev.lva.api.Parametrization;
import dev.lva.core.nn.Conv2d;
import dev.lva.core.nn.ConvTranspose2d;
import dev.lva.core.nn.Layer;
import dev.lva.core.nn.Linear;
import dev.lva.core.nn.Sequential;
import dev.lva.core.param.OperatorNorm;
import dev.lva.core.param.SpectralNorm;
import java.util.ArrayList;
import java.util.List;

/**
 * Which layers of a network are not known to be 1-Lipschitz: what the least-volume argument needs
 * of a decoder, or the encoder can shrink the code for free and the penalty measures nothing.
 *
 * <p>A layer with parameters counts as 1-Lipschitz when its weight is divided by its spectral norm
 * ({@link SpectralNorm}, or {@link OperatorNorm} for a convolution as a map of images); any other
 * layer with parameters (another parametrization, a plugin's layer, a learnable slope) is not known
 * to be. Layers without parameters (activations, Flatten) are taken as they are: the built-in
 * activations are 1-Lipschitz, or nearly so (GELU, SiLU and Mish by about 10%). A convolution divided
 * by its kernel's norm (PyTorch's {@code spectral_norm}, conv-lvae's {@code convNorm=kernel}) passes
 * too, though only the operator norm bounds it as a map of images: it is the choice the model's
 * options offer, not an oversight to warn about.
 */
public final class Lipschitz {
    private Lipschitz() {
    }

    /**
     * The layers of {@code layer} with parameters and no spectral norm, each as its name ({@code name},
     * then the index in each {@link Sequential}, as parameters are named: {@code decoder.2}) and its
     * description; empty when every weight is normalised.
     */
    public static List<String> unnormalizedLayers(String name, Layer layer) {
        List<String> found = new ArrayList<>();
        collect(name, layer, found);
        return found;
    }

    private static void collect(String name, Layer layer, List<String> found) {
        if (layer instanceof Sequential s) {
            for (int i = 0; i < s.size(); i++) {
                collect(name + "." + i, s.get(i), found);
            }
            return;
        }
        if (layer.parameterSpecs().isEmpty() || normalizes(parametrization(layer))) {
            return;
        }
        found.add(name + " " + layer.describe());
    }

    private static Parametrization parametrization(Layer layer) {
        if (layer instanceof Linear l) {
            return l.parametrization();
        }
        if (layer instanceof Conv2d c) {
            return c.parametrization();
        }
        if (layer instanceof ConvTranspose2d t) {
            return t.parametrization();
        }
        return null;
    }

    /**
     * Whether a weight under {@code p} is normalised to operator norm 1: a spectral norm, or the operator
     * norm of a convolution (null, or any other parametrization, is not). The one rule for the warning
     * and for the evaluation's Lipschitz bound.
     */
    public static boolean normalizes(Parametrization p) {
        return p instanceof SpectralNorm || p instanceof OperatorNorm;
    }
}
