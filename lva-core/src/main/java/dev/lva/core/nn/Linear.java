package dev.lva.core.nn;

import dev.lva.api.LvaException;
import dev.lva.api.Parametrization;
import dev.lva.api.StateDict;
import dev.lva.api.WeightOperator;
import dev.lva.core.kernel.Kernels;
import dev.lva.core.kernel.Products;
import dev.lva.core.tensor.Blas;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.tensor.TorchGenerator;
import dev.lva.core.tensor.Wrapped;
import org.nd4j.linalg.api.ndarray.INDArray;
import java.util.List;
import java.util.Map;

/**
 * {@code y = x W^T + b} with W stored out x in, as PyTorch's {@code nn.Linear}, initialised like it:
 * W and b uniform in +-1/sqrt(in), drawn by {@link TorchGenerator} so a seed gives PyTorch's weights.
 * An optional {@link Parametrization} (spectral norm) maps the stored W to the weight actually used;
 * the optimizer still trains the stored W.
 */
public final class Linear implements Layer {
    private static final int OUT = 0;
    private static final int GRAD_IN = 1;
    private static final int ONES = 2;

    private static final Products PRODUCTS = Kernels.active().products();

    private final int in;
    private final int out;
    private final boolean bias;
    private final Parametrization.Factory parametrizationFactory;
    private Parametrization parametrization;

    private Matrix weight;
    private Matrix weightGrad;
    private Matrix biasValues;
    private Matrix biasGrad;
    /** The weight used in the product: the stored one, or the parametrization's output. */
    private Matrix effective;
    private Matrix effectiveGrad;
    private final Buffers buffers = new Buffers(3);
    private final Blas.Product weightProduct = new Blas.Product();
    private final Blas.Product inputProduct = new Blas.Product();
    private Matrix lastInput;

    public Linear(int in, int out) {
        this(in, out, true, null);
    }

    /**
     * @param parametrization makes the weight's parametrization when the weight is initialised;
     *                        null for none
     */
    public Linear(int in, int out, boolean bias, Parametrization.Factory parametrization) {
        if (in < 1 || out < 1) {
            throw new LvaException("Linear needs positive sizes, got " + in + " -> " + out);
        }
        this.in = in;
        this.out = out;
        this.bias = bias;
        this.parametrizationFactory = parametrization;
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    public Matrix weight() {
        return weight;
    }

    public Matrix bias() {
        return biasValues;
    }

    /** The weight used in the product (after the parametrization, if any). */
    public Matrix effectiveWeight() {
        return effective;
    }

    public Parametrization parametrization() {
        return parametrization;
    }

    /**
     * The map {@code x -> W x} of this layer on one sample, for measurements that need the operator
     * itself (its norm computed to convergence, say): apply it to {@link #effectiveWeight()} for the
     * map the layer computes, to {@link #weight()} for the stored one. Needs the layer bound.
     */
    public WeightOperator operator() {
        if (weight == null) {
            throw new LvaException(describe() + " has no weight yet: bind the layer's parameters first");
        }
        return new Operator();
    }

    @Override
    public Shape outputShape(Shape input) {
        if (!input.isFlat() || input.size() != in) {
            throw new LvaException(describe() + " expects input " + Shape.features(in) + ", got " + input
                    + (input.isFlat() || input.size() != in ? "" : "; put a Flatten before it"));
        }
        return Shape.features(out);
    }

    private void requireWidth(int inputWidth) {
        if (inputWidth != in) {
            throw new LvaException(describe() + " expects " + in + " input columns, got " + inputWidth);
        }
    }

    @Override
    public List<ParamSpec> parameterSpecs() {
        return bias ? List.of(new ParamSpec("weight", out, in), new ParamSpec("bias", 1, out))
                : List.of(new ParamSpec("weight", out, in));
    }

    @Override
    public void bind(List<Matrix> values, List<Matrix> gradients) {
        weight = values.get(0);
        weightGrad = gradients.get(0);
        if (bias) {
            biasValues = values.get(1);
            biasGrad = gradients.get(1);
        }
        if (parametrizationFactory != null) {
            effective = Matrix.zeros(weight.dataType(), out, in);
            effectiveGrad = Matrix.zeros(weight.dataType(), out, in);
        } else {
            effective = weight;
        }
    }

    @Override
    public void initialize(TorchGenerator rng) {
        // PyTorch's reset_parameters: kaiming_uniform_(a=sqrt(5)) on W, uniform_ +-1/sqrt(in) on b
        rng.fillUniform(weight, -kaimingBound(in), kaimingBound(in));
        if (bias) {
            double bound = 1.0 / Math.sqrt(in);
            rng.fillUniform(biasValues, -bound, bound);
        }
        if (parametrizationFactory != null) {
            parametrization = parametrizationFactory.create(new Operator(), rng);
        }
    }

    /**
     * The bound of {@code kaiming_uniform_(w, a=sqrt(5))} as PyTorch computes it in double:
     * {@code sqrt(3) * gain / sqrt(fan_in)}, {@code gain = sqrt(2 / (1 + a^2))}. Mathematically
     * {@code 1/sqrt(fan_in)}, but the rounding differs in the last bit for some fans, which float64
     * weights see (and float32 weights, whose bound PyTorch rounds to float, do not).
     */
    public static double kaimingBound(int fanIn) {
        double a = Math.sqrt(5);
        double gain = Math.sqrt(2.0 / (1 + a * a));
        return Math.sqrt(3.0) * (gain / Math.sqrt(fanIn));
    }

    /** The map x -> W x on one sample, for the weight's parametrization. */
    private final class Operator implements WeightOperator {
        private final Wrapped ws = new Wrapped();
        private final Wrapped grads = new Wrapped();

        @Override
        public INDArray weight() {
            return weight.array();
        }

        @Override
        public long[] weightShape() {
            return new long[] {out, in};
        }

        @Override
        public long[] inputShape() {
            return new long[] {in};
        }

        @Override
        public long[] outputShape() {
            return new long[] {out};
        }

        @Override
        public void apply(INDArray w, INDArray x, INDArray y) {
            PRODUCTS.gemv(false, 1, ws.of(w), Matrix.flat(x), 0, Matrix.flat(y));
        }

        @Override
        public void applyAdjoint(INDArray w, INDArray y, INDArray x) {
            PRODUCTS.gemv(true, 1, ws.of(w), Matrix.flat(y), 0, Matrix.flat(x));
        }

        @Override
        public void addWeightGradient(INDArray x, INDArray g, double scale, INDArray weightGradient) {
            PRODUCTS.ger(scale, Matrix.flat(g), Matrix.flat(x), grads.of(weightGradient));
        }

        @Override
        public String describe() {
            return Linear.this.describe();
        }
    }

    @Override
    public Matrix forward(Matrix input, boolean training) {
        requireWidth(input.cols());
        if (parametrizationFactory != null && parametrization == null) {
            throw new LvaException(describe() + ": initialize the layer before its first forward");
        }
        if (parametrization != null) {
            parametrization.forward(weight.array(), effective.array(), training);
        }
        Matrix y = buffers.get(OUT, input.rows(), out, input.dataType());
        PRODUCTS.gemm(false, true, 1, input, effective, 0, y);
        if (bias) {
            // every row gets the bias: a rank-1 update ones * b^T, one BLAS call
            PRODUCTS.ger(1, ones(input.rows(), input), biasValues, y);
        }
        lastInput = input;
        return y;
    }

    @Override
    public Matrix backward(Matrix outputGradient, boolean needInputGradient) {
        Matrix x = lastInput;
        if (x == null) {
            throw new LvaException(describe() + ": backward before forward");
        }
        if (outputGradient.rows() != x.rows() || outputGradient.cols() != out) {
            throw new LvaException(describe() + ": output gradient is " + outputGradient.rows() + " x "
                    + outputGradient.cols() + ", expected " + x.rows() + " x " + out);
        }
        // dW = G^T x (into the parametrization's gradient, or added to W's) and dx = G W_eff are
        // independent: on two threads each gets a core
        boolean parametrized = parametrization != null;
        weightProduct.set(true, false, 1, outputGradient, x, parametrized ? 0 : 1,
                parametrized ? effectiveGrad : weightGrad);
        Matrix dx = null;
        if (needInputGradient) {
            dx = buffers.get(GRAD_IN, x.rows(), in, x.dataType());
            PRODUCTS.gemmBoth(weightProduct, inputProduct.set(false, false, 1, outputGradient, effective, 0, dx));
        } else {
            PRODUCTS.gemm(weightProduct.transA(), weightProduct.transB(), weightProduct.alpha(), weightProduct.a(),
                    weightProduct.b(), weightProduct.beta(), weightProduct.c());
        }
        if (parametrized) {
            parametrization.backward(effectiveGrad.array(), weightGrad.array());
        }
        if (bias) {
            // column sums of the output gradient as G^T * ones
            PRODUCTS.gemv(true, 1, outputGradient, ones(x.rows(), x), 1, biasGrad);
        }
        return dx;
    }

    /** A column of ones for this batch size, made once. */
    private Matrix ones(int rows, Matrix like) {
        Matrix ones = buffers.get(ONES, rows, 1, like.dataType());
        if (ones.get(0) != 1) {
            ones.fill(1);
        }
        return ones;
    }

    @Override
    public Map<String, StateDict> states() {
        return parametrization == null ? Map.of() : Map.of("weight.parametrization", parametrization.state());
    }

    @Override
    public void loadStates(Map<String, StateDict> states) {
        StateDict s = states.get("weight.parametrization");
        if (parametrization != null && s != null) {
            parametrization.loadState(s);
        } else if (parametrization != null) {
            throw new LvaException(describe() + ": no state for its weight parametrization");
        }
    }

    @Override
    public String describe() {
        String p = parametrization != null ? ", " + parametrization.getClass().getSimpleName()
                : parametrizationFactory != null ? ", parametrized" : "";
        return "Linear(" + in + " -> " + out + p + ")";
    }
}
