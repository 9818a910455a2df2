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
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Spectral normalization of a weight W with PyTorch's semantics
 * ({@code torch.nn.utils.parametrizations.spectral_norm}): W is read as a matrix of its output
 * axis by everything else ({@code out x in} for a linear layer, {@code out x in*kh*kw} for a
 * convolution's kernel, {@code out x in*kh*kw} taken across the first two axes of a transposed
 * convolution's {@code in x out x kh x kw}, PyTorch's {@code dim=1}); u and v start as normalised
 * Gaussian vectors refined by 16 power iterations (see {@link #factory()}); each forward in training
 * mode runs one more iteration ({@code u = normalize(W v)}, {@code v = normalize(W^T u)}), evaluation
 * mode runs none; then {@code sigma = u^T W v} and the effective weight is {@code W / sigma}. The
 * backward pass treats u and v as constants: {@code dW = (G - <G, W/sigma> u v^T) / sigma}.
 *
 * <p>On a convolution this is the norm of the reshaped kernel ({@code kernel}), not of the
 * convolution as an operator between images ({@link OperatorNorm}, {@code conv-operator}).
 */
public final class SpectralNorm implements Parametrization {
    public static final int STATE_VERSION = 1;
    private static final double EPS = 1e-12;
    private static final Products PRODUCTS = Kernels.active().products();

    private final int rows;
    private final int cols;
    private final int iterationsPerForward;
    private final Matrix u;
    private final Matrix v;
    private final Matrix wv;
    private double sigma = Double.NaN;
    /** For a transposed convolution: how its weight maps to the out x rest matrix; null when it is that matrix. */
    private final SwapLeadingAxes swap;
    private final Matrix swapped;
    private final Matrix swappedGrad;

    private final Wrapped weight = new Wrapped();
    private final Wrapped grad = new Wrapped();
    private final Wrapped weightGrad = new Wrapped();
    private final Wrapped outputs = new Wrapped();
    /** The effective weight of the last forward, which backward needs. */
    private Matrix out;

    /**
     * Spectral norm of {@code weight} read as the matrix it is (rows = outputs).
     *
     * @param weight               the raw weight, already initialised
     * @param rng                  source of u and v
     * @param iterationsPerForward power iterations per training-mode forward (PyTorch's default 1)
     * @param warmupIterations     power iterations at creation (PyTorch: 16, see {@link #factory()})
     */
    public SpectralNorm(Matrix weight, RandomSource rng, int iterationsPerForward, int warmupIterations) {
        this(weight, null, rng, iterationsPerForward, warmupIterations);
    }

    private SpectralNorm(Matrix weight, SwapLeadingAxes swap, RandomSource rng, int iterationsPerForward,
                         int warmupIterations) {
        if (iterationsPerForward < 1 || warmupIterations < 0) {
            throw new LvaException("spectral norm needs >= 1 iteration per forward and >= 0 warm-up iterations");
        }
        this.swap = swap;
        this.rows = swap == null ? weight.rows() : swap.second();
        this.cols = weight.length() / rows;
        this.iterationsPerForward = iterationsPerForward;
        this.swapped = swap == null ? null : Matrix.zeros(weight.dataType(), rows, cols);
        this.swappedGrad = swap == null ? null : Matrix.zeros(weight.dataType(), rows, cols);
        this.u = Matrix.zeros(weight.dataType(), 1, rows);
        this.v = Matrix.zeros(weight.dataType(), 1, cols);
        this.wv = Matrix.zeros(weight.dataType(), 1, rows);
        rng.fillNormal(u.array());
        rng.fillNormal(v.array());
        normalize(u);
        normalize(v);
        powerIterations(asMatrix(weight), warmupIterations);
    }

    /** Spectral norm of a layer's weight reshaped as PyTorch reshapes it (its output axis first). */
    public static SpectralNorm of(WeightOperator op, RandomSource rng, int iterationsPerForward,
                                  int warmupIterations) {
        long[] shape = op.weightShape();
        Matrix w = Matrix.wrap(op.weight());
        if (op.outputAxis() == 0) {
            if (w.rows() != shape[0]) {
                throw new LvaException("spectral norm of " + op.describe() + ": the weight is stored as " + w.rows()
                        + " rows, its output axis has " + shape[0]);
            }
            return new SpectralNorm(w, null, rng, iterationsPerForward, warmupIterations);
        }
        if (op.outputAxis() != 1 || shape.length < 2) {
            throw new LvaException("spectral norm of " + op.describe() + ": output axis " + op.outputAxis()
                    + " of a weight of rank " + shape.length + " is not supported");
        }
        SwapLeadingAxes swap = new SwapLeadingAxes((int) shape[0], (int) shape[1], (int) (w.length() / shape[0]
                / shape[1]));
        return new SpectralNorm(w, swap, rng, iterationsPerForward, warmupIterations);
    }

    /**
     * PyTorch's defaults: one iteration per training forward, and 16 at creation. PyTorch's
     * {@code _SpectralNorm.__init__} runs 15, but {@code spectral_norm} then registers it with
     * {@code register_parametrization}, whose consistency check evaluates the parametrization once in
     * training mode: one more iteration (measured against torch 1.13's buffers: equal to float
     * precision with 16, off by 1e-4 with 15).
     */
    public static Parametrization.Factory factory() {
        return (op, rng) -> of(op, rng, 1, 16);
    }

    /** sigma from the last forward. */
    public double sigma() {
        return sigma;
    }

    public Matrix u() {
        return u;
    }

    public Matrix v() {
        return v;
    }

    /** The weight as the out x rest matrix the iteration runs on (a swapped copy for a transposed convolution). */
    private Matrix asMatrix(Matrix w) {
        if (swap == null) {
            return w;
        }
        swap.apply(w, swapped);
        return swapped;
    }

    @Override
    public void forward(INDArray weightIn, INDArray outIn, boolean training) {
        Matrix w = weight.of(weightIn);
        Matrix o = outputs.of(outIn);
        if (w.length() != rows * cols || o.length() != rows * cols) {
            throw new LvaException("spectral norm of a " + rows + " x " + cols + " weight: got " + w + " and " + o);
        }
        Matrix m = asMatrix(w);
        if (swap == null) {
            m.requireShape(rows, cols, "spectral norm weight");
            o.requireShape(rows, cols, "spectral norm output");
        }
        if (training) {
            powerIterations(m, iterationsPerForward);
        }
        PRODUCTS.gemv(false, 1, m, v, 0, wv);
        sigma = PRODUCTS.dot(u, wv);
        out = o;
        // W / sigma entry by entry: the same in the weight's own layout
        PRODUCTS.copy(w, o);
        PRODUCTS.scale(1 / sigma, o);
    }

    @Override
    public void backward(INDArray effectiveGradient, INDArray weightGradient) {
        if (out == null) {
            throw new LvaException("spectral norm: backward before forward");
        }
        Matrix g = grad.of(effectiveGradient);
        Matrix gw = weightGrad.of(weightGradient);
        if (g.length() != rows * cols || gw.length() != rows * cols) {
            throw new LvaException("spectral norm of a " + rows + " x " + cols + " weight: gradients " + g + " and "
                    + gw);
        }
        if (swap == null) {
            g.requireShape(rows, cols, "spectral norm gradient");
            gw.requireShape(rows, cols, "spectral norm weight gradient");
        }
        // dW += (G - <G, W/sigma> u v^T) / sigma: a dot, an axpy and a rank-1 update
        double c = PRODUCTS.dot(g, out);
        PRODUCTS.axpy(1 / sigma, g, gw);
        if (swap == null) {
            PRODUCTS.ger(-c / sigma, u, v, gw);
        } else {
            // the rank-1 term lives in the swapped layout: build it there, add it back in the weight's
            swappedGrad.fill(0);
            PRODUCTS.ger(-c / sigma, u, v, swappedGrad);
            swap.addBack(swappedGrad, gw);
        }
    }

    private void powerIterations(Matrix w, int iterations) {
        for (int it = 0; it < iterations; it++) {
            PRODUCTS.gemv(false, 1, w, v, 0, u);
            normalize(u);
            PRODUCTS.gemv(true, 1, w, u, 0, v);
            normalize(v);
        }
    }

    /** x / max(|x|, eps), as F.normalize. */
    static void normalize(Matrix x) {
        PRODUCTS.scale(1 / Math.max(Math.sqrt(PRODUCTS.dot(x, x)), EPS), x);
    }

    @Override
    public StateDict state() {
        return new StateDict(STATE_VERSION, Map.of("u", u.array().dup(), "v", v.array().dup()), Map.of());
    }

    @Override
    public void loadState(StateDict state) {
        state.requireVersion(STATE_VERSION, "spectral norm");
        INDArray su = state.array("u", "spectral norm");
        INDArray sv = state.array("v", "spectral norm");
        if (su.length() != rows || sv.length() != cols) {
            throw new LvaException("spectral norm state has u of length " + su.length() + " and v of length "
                    + sv.length() + ", the weight is " + rows + " x " + cols);
        }
        u.array().assign(su.reshape(1, rows).castTo(u.dataType()));
        v.array().assign(sv.reshape(1, cols).castTo(v.dataType()));
    }

    /**
     * A weight {@code a x b x rest} (stored as a rows of b*rest) read as {@code b x a x rest} (b rows of
     * a*rest): PyTorch's {@code weight.transpose(0, 1)} before it reshapes to a matrix.
     */
    record SwapLeadingAxes(int first, int second, int rest) {
        void apply(Matrix from, Matrix to) {
            for (int i = 0; i < first; i++) {
                for (int o = 0; o < second; o++) {
                    for (int k = 0; k < rest; k++) {
                        to.set((o * first + i) * rest + k, from.get((i * second + o) * rest + k));
                    }
                }
            }
        }

        void addBack(Matrix swapped, Matrix to) {
            for (int i = 0; i < first; i++) {
                for (int o = 0; o < second; o++) {
                    for (int k = 0; k < rest; k++) {
                        int at = (i * second + o) * rest + k;
                        to.set(at, to.get(at) + swapped.get((o * first + i) * rest + k));
                    }
                }
            }
        }
    }
}
