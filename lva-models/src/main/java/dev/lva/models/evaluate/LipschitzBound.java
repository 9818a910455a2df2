package dev.lva.models.evaluate;

import dev.lva.api.LvaException;
import dev.lva.api.Parametrization;
import dev.lva.api.WeightOperator;
import dev.lva.core.nn.Conv2d;
import dev.lva.core.nn.ConvTranspose2d;
import dev.lva.core.nn.Flatten;
import dev.lva.core.nn.Layer;
import dev.lva.core.nn.Linear;
import dev.lva.core.nn.Sequential;
import dev.lva.core.nn.Unflatten;
import dev.lva.core.nn.activation.Activation;
import dev.lva.core.tensor.Matrix;
import dev.lva.models.AutoEncoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The bound on the decoder's Lipschitz constant that the least-volume argument rests on: the
 * product of the operator norms of its weight layers (Linear, Conv2d, ConvTranspose2d), each computed
 * from the weight the layer actually uses (after its spectral normalisation) by power iteration in
 * float64 until its residual says it has converged, not the one-step warm-started estimate of training,
 * which reads low (up to 0.5% at creation). Biases shift and do not stretch; the element-wise
 * activations between the layers are taken as 1-Lipschitz, as the LV paper's are (LeakyReLU, ReLU,
 * tanh, ELU); {@link #activations} names them so that a reader can check.
 *
 * @param layers      each weight layer's norm, in the decoder's order
 * @param product     the product of their operator norms: the bound
 * @param activations the activations between them, by name
 */
public record LipschitzBound(List<LayerNorm> layers, double product, List<String> activations) {

    /** Power iterations stop when the residual of {@code A^T A v} is at most this share of its Rayleigh quotient. */
    public static final double TOLERANCE = 1e-9;
    /** At most this many power iterations per layer. */
    public static final int MAX_ITERATIONS = 20_000;

    /**
     * One weight layer's operator norm.
     *
     * @param layer       the layer, as it describes itself
     * @param normalised  whether its weight has a parametrization (spectral or operator norm)
     * @param norm        the largest singular value of the map the layer computes
     * @param iterations  the power iterations it took
     * @param converged   whether the residual fell to {@link #TOLERANCE} within {@link #MAX_ITERATIONS}
     */
    public record LayerNorm(String layer, boolean normalised, double norm, int iterations, boolean converged) {
    }

    public LipschitzBound {
        layers = List.copyOf(layers);
        activations = List.copyOf(activations);
    }

    /** Whether every layer's power iteration converged. */
    public boolean converged() {
        return layers.stream().allMatch(LayerNorm::converged);
    }

    /**
     * The decoder's bound. Decodes one mean-free row in evaluation mode first, so that each
     * normalised layer's effective weight is the one its decoding uses now.
     */
    public static LipschitzBound of(AutoEncoder model) {
        boolean wasTraining = model.isTraining();
        model.setTraining(false);
        try {
            INDArray probe = model.decode(Nd4j.zeros(model.dataType(), 1, model.latentDimension()));
            if (probe.closeable()) {
                probe.close();
            }
            return of(model.decoder());
        } finally {
            model.setTraining(wasTraining);
        }
    }

    /** The bound of a decoder that has run forward at least once (its effective weights are set). */
    public static LipschitzBound of(Layer decoder) {
        List<LayerNorm> norms = new ArrayList<>();
        List<String> activations = new ArrayList<>();
        walk(decoder, norms, activations);
        double product = 1;
        for (LayerNorm n : norms) {
            product *= n.norm();
        }
        return new LipschitzBound(norms, product, activations);
    }

    private static void walk(Layer layer, List<LayerNorm> norms, List<String> activations) {
        if (layer instanceof Sequential s) {
            for (Layer l : s.layers()) {
                walk(l, norms, activations);
            }
        } else if (layer instanceof Linear l) {
            norms.add(norm(l.describe(), l.parametrization(), l.operator(), l.effectiveWeight()));
        } else if (layer instanceof Conv2d c) {
            norms.add(norm(c.describe(), c.parametrization(), c.operator(), c.effectiveWeight()));
        } else if (layer instanceof ConvTranspose2d c) {
            norms.add(norm(c.describe(), c.parametrization(), c.operator(), c.effectiveWeight()));
        } else if (layer instanceof Activation a) {
            activations.add(a.name());
        } else if (!(layer instanceof Flatten || layer instanceof Unflatten)) {
            // a layer whose Lipschitz constant lva does not know would make the product no bound at all
            throw new LvaException("the decoder's Lipschitz bound does not know the layer " + layer.describe()
                    + "; it knows Linear, Conv2d, ConvTranspose2d, activations, Flatten and Unflatten");
        }
    }

    private static LayerNorm norm(String name, Parametrization p, WeightOperator op, Matrix effective) {
        if (effective == null) {
            throw new LvaException(name + " has no effective weight: run the decoder forward once first");
        }
        Power power = largestSingularValue(op, effective.array().castTo(DataType.DOUBLE));
        return new LayerNorm(name, p != null, power.sigma, power.iterations, power.converged);
    }

    /** The result of a power iteration. */
    record Power(double sigma, int iterations, boolean converged) {
    }

    /**
     * The largest singular value of {@code op} with weight {@code w} (float64), by power iteration on
     * {@code A^T A} from a fixed random start: {@code w = A^T A v} for a unit v, its Rayleigh quotient
     * {@code |A v|^2}, and the residual {@code |w - |A v|^2 v|}. The iteration stops when the residual
     * is at most {@link #TOLERANCE} of the quotient: then an eigenvalue of {@code A^T A} lies within
     * that share of the quotient (the residual bounds the distance of a symmetric matrix's eigenvalue),
     * whereas a small change between iterations only says that the iteration is slow.
     */
    static Power largestSingularValue(WeightOperator op, INDArray w) {
        int in = (int) op.inputSize();
        int out = (int) op.outputSize();
        INDArray v = Nd4j.create(DataType.DOUBLE, 1, in);
        INDArray u = Nd4j.create(DataType.DOUBLE, 1, out);
        INDArray next = Nd4j.create(DataType.DOUBLE, 1, in);
        Random rng = new Random(0);
        for (int i = 0; i < in; i++) {
            v.putScalar(0, i, rng.nextGaussian());
        }
        v.divi(v.norm2Number());
        double quotient = 0;
        for (int it = 1; it <= MAX_ITERATIONS; it++) {
            op.apply(w, v, u);
            quotient = u.mul(u).sumNumber().doubleValue();
            if (quotient == 0) {
                return new Power(0, it, true);
            }
            op.applyAdjoint(w, u, next);
            double residual = next.sub(v.mul(quotient)).norm2Number().doubleValue();
            if (residual <= TOLERANCE * quotient) {
                return new Power(Math.sqrt(quotient), it, true);
            }
            v.assign(next.divi(next.norm2Number()));
        }
        return new Power(Math.sqrt(quotient), MAX_ITERATIONS, false);
    }

    /** JSON-friendly fields: {@code lipschitz_bound}, and each layer's norm. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lipschitz_bound", product);
        m.put("lipschitz_converged", converged());
        List<Map<String, Object>> ls = new ArrayList<>();
        for (LayerNorm n : layers) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("layer", n.layer());
            l.put("normalised", n.normalised());
            l.put("operator_norm", n.norm());
            l.put("iterations", n.iterations());
            l.put("converged", n.converged());
            ls.add(l);
        }
        m.put("lipschitz_layers", ls);
        m.put("lipschitz_activations", activations);
        m.put("lipschitz_rule", "product of the decoder's weight layers' operator norms (power iteration until the"
                + " residual is " + TOLERANCE + " of the Rayleigh quotient), activations taken as 1-Lipschitz");
        return m;
    }
}
