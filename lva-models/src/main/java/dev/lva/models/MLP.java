package dev.lva.models;

import dev.lva.api.LvaException;
import dev.lva.core.loss.MseLoss;
import dev.lva.core.nn.Layer;
import dev.lva.core.nn.Linear;
import dev.lva.core.nn.Sequential;
import dev.lva.core.nn.activation.Activations;
import dev.lva.core.param.SpectralNorm;
import java.util.ArrayList;
import java.util.List;

/**
 * A multilayer perceptron: Linear + activation per hidden layer, then a plain Linear (the course's
 * {@code MLP}); LeakyReLU(0.2) by default. {@link #layers} builds the same stack for use as an
 * encoder or decoder.
 */
public class MLP extends FeedForward {
    public static final String DEFAULT_ACTIVATION = "leaky-relu:slope=0.2";

    /**
     * @param in         input columns
     * @param out        output columns
     * @param hidden     widths of the hidden layers (may be empty: one Linear)
     * @param activation activation spec, e.g. {@code relu} or {@code leaky-relu:slope=0.2}
     * @param spectralNorm spectral norm on every Linear, the last included (1-Lipschitz for 1-Lipschitz activations)
     */
    public record Options(int in, int out, List<Integer> hidden, String activation, boolean spectralNorm,
                          Precision precision, long seed) {
        public Options {
            if (in < 1 || out < 1) {
                throw new IllegalArgumentException("in and out must be >= 1, got " + in + " and " + out);
            }
            hidden = List.copyOf(hidden);
            for (int h : hidden) {
                if (h < 1) {
                    throw new IllegalArgumentException("hidden widths must be >= 1, got " + hidden);
                }
            }
            Activations.create(activation);
        }
    }

    private final Options options;

    public MLP(Options o) {
        super(layers(o.in(), o.out(), o.hidden(), o.activation(), o.spectralNorm()), o.in(), new MseLoss(), null,
                o.precision().dataType(), o.seed());
        this.options = o;
    }

    public MLP(int in, int out, List<Integer> hidden, String activation, long seed) {
        this(new Options(in, out, hidden, activation, false, Precision.FLOAT32, seed));
    }

    public MLP(int in, int out, List<Integer> hidden, long seed) {
        this(in, out, hidden, DEFAULT_ACTIVATION, seed);
    }

    public Options options() {
        return options;
    }

    /** The layer stack of an MLP, optionally spectrally normalised on every Linear. */
    public static Sequential layers(int in, int out, List<Integer> hidden, String activation, boolean spectralNorm) {
        if (in < 1 || out < 1) {
            throw new LvaException("an MLP needs positive input and output widths, got " + in + " -> " + out);
        }
        List<Layer> layers = new ArrayList<>();
        int d = in;
        for (int h : hidden) {
            layers.add(new Linear(d, h, true, spectralNorm ? SpectralNorm.factory() : null));
            layers.add(Activations.create(activation));
            d = h;
        }
        layers.add(new Linear(d, out, true, spectralNorm ? SpectralNorm.factory() : null));
        return new Sequential(layers);
    }
}
