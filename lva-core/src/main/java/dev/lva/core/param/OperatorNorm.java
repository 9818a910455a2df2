package dev.lva.core.param;

import dev.lva.api.LvaException;
import dev.lva.api.Parametrization;
import dev.lva.api.RandomSource;
import dev.lva.api.StateDict;
import dev.lva.api.WeightOperator;
import dev.lva.core.kernel.Kernels;
import dev.lva.core.kernel.Products;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.tensor.Wrapped;
import java.util.Arrays;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Spectral normalization by the norm of the layer's operator on its input shape: the LV paper's
 * {@code spectral_norm_conv} (reference/torch/lva_conv.py), which makes a convolution 1-Lipschitz as a
 * map between images, where the norm of the reshaped kernel ({@link SpectralNorm}) does not. v is
 * shaped like one input sample and u like one output sample (batch 1); both start as normal draws
 * (v first), normalised, refined by power iterations through the operator A and its adjoint
 * ({@code u = normalize(A v)}, {@code v = normalize(A^T u)}; see {@link #factory()} for how many at
 * creation); one more per training-mode forward, none in evaluation mode. Then
 * {@code sigma = <u, A v>} and the effective weight is {@code W / sigma}. For a transposed
 * convolution A is the transposed convolution and A^T the convolution. The backward pass holds u
 * and v constant: {@code dW = G / sigma - <G, W/sigma> / sigma * d<u, A(W) v>/dW}.
 */
public final class OperatorNorm implements Parametrization {
    public static final int STATE_VERSION = 1;
    private static final Products PRODUCTS = Kernels.active().products();

    private final WeightOperator op;
    private final int iterationsPerForward;
    private final double eps;
    private final long[] uShape;
    private final long[] vShape;
    private final Matrix u;
    private final Matrix v;
    private final Matrix av;
    private double sigma = Double.NaN;
    private final Wrapped weights = new Wrapped();
    private final Wrapped grads = new Wrapped();
    private final Wrapped weightGrads = new Wrapped();
    private final Wrapped outputs = new Wrapped();
    private Matrix out;

    /**
     * @param op                   the layer's weight and operator, the weight initialised
     * @param rng                  source of v, then u
     * @param iterationsPerForward power iterations per training-mode forward
     * @param warmupIterations     power iterations at creation
     * @param eps                  the floor of a norm in normalize, as F.normalize's eps
     */
    public OperatorNorm(WeightOperator op, RandomSource rng, int iterationsPerForward, int warmupIterations,
                        double eps) {
        if (iterationsPerForward < 1 || warmupIterations < 0 || !(eps > 0)) {
            throw new LvaException("the operator norm of " + op.describe() + " needs >= 1 iteration per forward, >= 0"
                    + " warm-up iterations and eps > 0");
        }
        if (op.inputSize() > Integer.MAX_VALUE || op.outputSize() > Integer.MAX_VALUE) {
            throw new LvaException("the operator norm of " + op.describe() + ": its samples are too large");
        }
        this.op = op;
        this.iterationsPerForward = iterationsPerForward;
        this.eps = eps;
        this.vShape = withBatch(op.inputShape());
        this.uShape = withBatch(op.outputShape());
        Matrix w = Matrix.wrap(op.weight());
        this.v = Matrix.zeros(w.dataType(), 1, (int) op.inputSize());
        this.u = Matrix.zeros(w.dataType(), 1, (int) op.outputSize());
        this.av = Matrix.zeros(w.dataType(), 1, (int) op.outputSize());
        // as lva_conv.py: v = normal_ of the input's shape, then u = normal_ of the output's
        rng.fillNormal(v.array());
        rng.fillNormal(u.array());
        normalize(u);
        normalize(v);
        powerIterations(op.weight(), warmupIterations);
    }

    /**
     * The LV paper's settings: one iteration per training forward and 101 at creation, which is
     * where PyTorch's buffers stand after lva_conv.py registers its parametrization: 100 in its
     * constructor, and one more when {@code register_parametrization} evaluates it once in training
     * mode (checked against torch 1.13 in the tests).
     */
    public static Parametrization.Factory factory() {
        return factory(1, 101, 1e-12);
    }

    public static Parametrization.Factory factory(int iterationsPerForward, int warmupIterations, double eps) {
        return (op, rng) -> new OperatorNorm(op, rng, iterationsPerForward, warmupIterations, eps);
    }

    /** sigma from the last forward: the operator norm estimate. */
    public double sigma() {
        return sigma;
    }

    public Matrix u() {
        return u;
    }

    public Matrix v() {
        return v;
    }

    @Override
    public void forward(INDArray weightIn, INDArray outIn, boolean training) {
        Matrix w = weights.of(weightIn);
        Matrix o = outputs.of(outIn);
        if (w.length() != o.length()) {
            throw new LvaException("the operator norm of " + op.describe() + ": weight " + w + ", output " + o);
        }
        if (training) {
            powerIterations(weightIn, iterationsPerForward);
        }
        op.apply(weightIn, v.array(), av.array());
        sigma = PRODUCTS.dot(u, av);
        out = o;
        PRODUCTS.copy(w, o);
        PRODUCTS.scale(1 / sigma, o);
    }

    @Override
    public void backward(INDArray effectiveGradient, INDArray weightGradient) {
        if (out == null) {
            throw new LvaException("the operator norm of " + op.describe() + ": backward before forward");
        }
        Matrix g = grads.of(effectiveGradient);
        Matrix gw = weightGrads.of(weightGradient);
        if (g.length() != out.length() || gw.length() != out.length()) {
            throw new LvaException("the operator norm of " + op.describe() + ": gradients " + g + " and " + gw);
        }
        double c = PRODUCTS.dot(g, out);
        PRODUCTS.axpy(1 / sigma, g, gw);
        op.addWeightGradient(v.array(), u.array(), -c / sigma, weightGradient);
    }

    private void powerIterations(INDArray w, int iterations) {
        for (int it = 0; it < iterations; it++) {
            op.apply(w, v.array(), u.array());
            normalize(u);
            op.applyAdjoint(w, u.array(), v.array());
            normalize(v);
        }
    }

    private void normalize(Matrix x) {
        PRODUCTS.scale(1 / Math.max(Math.sqrt(PRODUCTS.dot(x, x)), eps), x);
    }

    /** u and v shaped as PyTorch's buffers {@code _u}, {@code _v}: batch 1, then the sample's shape. */
    @Override
    public StateDict state() {
        return new StateDict(STATE_VERSION, Map.of("u", u.array().dup().reshape(uShape), "v",
                v.array().dup().reshape(vShape)), Map.of());
    }

    @Override
    public void loadState(StateDict state) {
        state.requireVersion(STATE_VERSION, "operator norm");
        INDArray su = state.array("u", "operator norm");
        INDArray sv = state.array("v", "operator norm");
        if (su.length() != u.length() || sv.length() != v.length()) {
            throw new LvaException("operator norm state has u of shape " + Arrays.toString(su.shape()) + " and v of"
                    + " shape " + Arrays.toString(sv.shape()) + "; " + op.describe() + " needs "
                    + Arrays.toString(uShape) + " and " + Arrays.toString(vShape));
        }
        u.array().assign(su.reshape(1, u.length()).castTo(u.dataType()));
        v.array().assign(sv.reshape(1, v.length()).castTo(v.dataType()));
    }

    private static long[] withBatch(long[] sample) {
        long[] s = new long[sample.length + 1];
        s[0] = 1;
        System.arraycopy(sample, 0, s, 1, sample.length);
        return s;
    }
}
