package dev.lva.core.param;

import dev.lva.api.LvaException;
import dev.lva.api.Parametrization;
import dev.lva.api.StateDict;
import dev.lva.core.nn.ParametrizationFactory;
import dev.lva.core.kernel.Kernels;
import dev.lva.core.kernel.Products;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.tensor.TorchGenerator;
import dev.lva.core.tensor.Wrapped;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Spectral normalization of a weight W (out x in) with PyTorch's semantics
 * ({@code torch.nn.utils.parametrizations.spectral_norm}): u and v start as normalised Gaussian
 * vectors refined by 16 power iterations (see {@link #factory()}); each forward in training mode runs one more iteration
 * ({@code u = normalize(W v)}, {@code v = normalize(W^T u)}), evaluation mode runs none; then
 * {@code sigma = u^T W v} and the effective weight is {@code W / sigma}. The backward pass treats
 * u and v as constants: {@code dW = (G - <G, W/sigma> u v^T) / sigma}.
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

    private final Wrapped weight = new Wrapped();
    private final Wrapped grad = new Wrapped();
    private final Wrapped weightGrad = new Wrapped();
    private final Wrapped outputs = new Wrapped();
    /** The effective weight of the last forward, which backward needs. */
    private Matrix out;

    /**
     * @param weight               the raw weight, already initialised
     * @param rng                  source of u and v
     * @param iterationsPerForward power iterations per training-mode forward (PyTorch's default 1)
     * @param warmupIterations     power iterations at creation (PyTorch: 16, see {@link #factory()})
     */
    public SpectralNorm(Matrix weight, TorchGenerator rng, int iterationsPerForward, int warmupIterations) {
        if (iterationsPerForward < 1 || warmupIterations < 0) {
            throw new LvaException("spectral norm needs >= 1 iteration per forward and >= 0 warm-up iterations");
        }
        this.rows = weight.rows();
        this.cols = weight.cols();
        this.iterationsPerForward = iterationsPerForward;
        this.u = Matrix.zeros(weight.dataType(), 1, rows);
        this.v = Matrix.zeros(weight.dataType(), 1, cols);
        this.wv = Matrix.zeros(weight.dataType(), 1, rows);
        rng.fillNormal(u);
        rng.fillNormal(v);
        normalize(u);
        normalize(v);
        powerIterations(weight, warmupIterations);
    }

    /**
     * PyTorch's defaults: one iteration per training forward, and 16 at creation. PyTorch's
     * {@code _SpectralNorm.__init__} runs 15, but {@code spectral_norm} then registers it with
     * {@code register_parametrization}, whose consistency check evaluates the parametrization once in
     * training mode: one more iteration (measured against torch 1.13's buffers: equal to float
     * precision with 16, off by 1e-4 with 15).
     */
    public static ParametrizationFactory factory() {
        return (w, rng) -> new SpectralNorm(w, rng, 1, 16);
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

    @Override
    public void forward(INDArray weightIn, INDArray outIn, boolean training) {
        Matrix w = weight.of(weightIn);
        Matrix o = outputs.of(outIn);
        w.requireShape(rows, cols, "spectral norm weight");
        o.requireShape(rows, cols, "spectral norm output");
        if (training) {
            powerIterations(w, iterationsPerForward);
        }
        PRODUCTS.gemv(false, 1, w, v, 0, wv);
        sigma = PRODUCTS.dot(u, wv);
        out = o;
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
        g.requireShape(rows, cols, "spectral norm gradient");
        gw.requireShape(rows, cols, "spectral norm weight gradient");
        // dW += (G - <G, W/sigma> u v^T) / sigma: a dot, an axpy and a rank-1 update
        double c = PRODUCTS.dot(g, out);
        PRODUCTS.axpy(1 / sigma, g, gw);
        PRODUCTS.ger(-c / sigma, u, v, gw);
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
    private static void normalize(Matrix x) {
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
}
