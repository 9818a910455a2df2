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
import dev.lva.models.Lipschitz;
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
 * from the weight the layer actually uses (after its spectral normalisation) by a Lanczos iteration
 * in float64 until its residual says it has converged, not the one-step warm-started estimate of training,
 * which reads low (at creation, 0.1-0.5% for a transposed convolution and 2.3% for the 64 x 64 CelebA
 * net's first Linear, 64 -> 4096, after PyTorch's 16 iterations; more while Adam moves the weights). Biases shift and do not stretch; the element-wise
 * activations between the layers are taken as 1-Lipschitz, as the LV paper's are (LeakyReLU, ReLU,
 * tanh, ELU); {@link #activations} names them so that a reader can check.
 *
 * @param layers      each weight layer's norm, in the decoder's order
 * @param product     the product of their operator norms: the bound
 * @param activations the activations between them, by name
 */
public record LipschitzBound(List<LayerNorm> layers, double product, List<String> activations) {

    /** The iteration stops when the leading Ritz pair's residual is at most this share of its value. */
    public static final double TOLERANCE = 1e-10;
    /** At most this many Lanczos steps per layer (each one application of the layer and of its adjoint). */
    public static final int MAX_ITERATIONS = 1_000;

    /**
     * One weight layer's operator norm.
     *
     * @param layer       the layer, as it describes itself
     * @param normalised  whether its weight is normalised ({@link Lipschitz#normalizes}: spectral or operator norm)
     * @param norm        the largest singular value of the map the layer computes
     * @param iterations  the Lanczos steps it took
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
        return new LayerNorm(name, Lipschitz.normalizes(p), power.sigma, power.iterations, power.converged);
    }

    /** The result of a power iteration. */
    record Power(double sigma, int iterations, boolean converged) {
    }

    /**
     * The largest singular value of {@code op} with weight {@code w} (float64): the square root of the
     * largest eigenvalue of {@code A^T A}, found by Lanczos iteration (with full reorthogonalisation)
     * from a fixed random start. A Krylov method, because plain power iteration crawls on a normalised
     * layer, whose leading singular values lie close together (tens of thousands of iterations on the
     * LV paper's convolutional decoder). It stops when the residual of the leading Ritz pair,
     * {@code |A^T A y - theta y|}, is at most {@link #TOLERANCE} of theta: an eigenvalue of
     * {@code A^T A} then lies within that share of theta (the residual bounds the distance to an
     * eigenvalue of a symmetric matrix). Each step applies A and its adjoint once.
     */
    static Power largestSingularValue(WeightOperator op, INDArray w) {
        int in = (int) op.inputSize();
        int out = (int) op.outputSize();
        int steps = Math.min(in, MAX_ITERATIONS);
        INDArray x = Nd4j.create(DataType.DOUBLE, 1, in);
        INDArray y = Nd4j.create(DataType.DOUBLE, 1, out);
        INDArray back = Nd4j.create(DataType.DOUBLE, 1, in);
        List<double[]> basis = new ArrayList<>();
        double[] alpha = new double[steps];
        double[] beta = new double[steps];
        Random rng = new Random(0);
        double[] q = new double[in];
        for (int i = 0; i < in; i++) {
            q[i] = rng.nextGaussian();
        }
        scale(q, 1 / norm(q));
        double theta = 0;
        for (int j = 0; j < steps; j++) {
            basis.add(q);
            // r = A^T A q
            x.assign(Nd4j.createFromArray(q).reshape(1, in));
            op.apply(w, x, y);
            op.applyAdjoint(w, y, back);
            double[] r = back.toDoubleVector();
            alpha[j] = dot(q, r);
            // full reorthogonalisation against every basis vector, twice, keeps the basis orthogonal in floating point
            for (int pass = 0; pass < 2; pass++) {
                for (double[] b : basis) {
                    axpy(-dot(b, r), b, r);
                }
            }
            beta[j] = norm(r);
            int m = j + 1;
            double[] ritz = leadingRitz(alpha, beta, m);
            theta = ritz[0];
            double residual = beta[j] * Math.abs(ritz[1]);
            if (theta == 0 && beta[j] == 0) {
                return new Power(0, m, true);
            }
            if (residual <= TOLERANCE * theta || beta[j] <= TOLERANCE * theta || m == in) {
                // an invariant subspace (beta = 0), or the whole space spanned: theta is exact
                return new Power(Math.sqrt(theta), m, true);
            }
            q = r;
            scale(q, 1 / beta[j]);
        }
        return new Power(Math.sqrt(theta), steps, false);
    }

    /** The largest eigenvalue of the m x m tridiagonal (alpha, beta) and the last entry of its unit eigenvector. */
    private static double[] leadingRitz(double[] alpha, double[] beta, int m) {
        if (m == 1) {
            return new double[] {alpha[0], 1};
        }
        org.apache.commons.math3.linear.EigenDecomposition e = new org.apache.commons.math3.linear.EigenDecomposition(
                java.util.Arrays.copyOf(alpha, m), java.util.Arrays.copyOf(beta, m - 1));
        double[] values = e.getRealEigenvalues();
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return new double[] {values[best], e.getEigenvector(best).getEntry(m - 1)};
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static void scale(double[] a, double f) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= f;
        }
    }

    private static void axpy(double f, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += f * x[i];
        }
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
        m.put("lipschitz_rule", "product of the decoder's weight layers' operator norms (Lanczos on A^T A until the"
                + " residual is " + TOLERANCE + " of the eigenvalue), activations taken as 1-Lipschitz");
        return m;
    }
}
