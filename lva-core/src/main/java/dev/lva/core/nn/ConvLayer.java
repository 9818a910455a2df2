package dev.lva.core.nn;

import dev.lva.api.LvaException;
import dev.lva.api.Parametrization;
import dev.lva.api.StateDict;
import dev.lva.api.WeightOperator;
import dev.lva.core.kernel.ConvGeometry;
import dev.lva.core.kernel.Convolutions;
import dev.lva.core.kernel.Kernels;
import dev.lva.core.kernel.Products;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.tensor.TorchGenerator;
import dev.lva.core.tensor.Wrapped;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What {@link Conv2d} and {@link ConvTranspose2d} share: a weight stored as PyTorch stores it, an
 * optional bias per output channel, an optional parametrization of the weight (which sees the
 * layer's operator on its input shape), and one underlying convolution {@link ConvGeometry} that the
 * layer runs forwards (a convolution) or backwards (a transposed one). The geometry is fixed when the
 * layer is {@link #connect connected} to an input shape.
 */
abstract class ConvLayer implements Layer {
    static final Convolutions CONV = Kernels.active().convolutions();
    static final Products PRODUCTS = Kernels.active().products();
    private static final int OUT = 0;
    private static final int GRAD_IN = 1;

    final int in;
    final int out;
    final ConvSpec spec;
    private final boolean bias;
    private final Parametrization.Factory parametrizationFactory;
    private Parametrization parametrization;
    /** The layer's map as its parametrization sees it (with a workspace of its own). */
    private Operator operator;
    /** The convolution the layer runs (its adjoint, for a transposed layer), once connected. */
    ConvGeometry geometry;
    private Shape inputShape;

    Matrix weight;
    private Matrix weightGrad;
    private Matrix biasValues;
    private Matrix biasGrad;
    /** The weight used: the stored one, or the parametrization's output. */
    Matrix effective;
    private Matrix effectiveGrad;
    private final Buffers buffers = new Buffers(2);
    final Convolutions.Workspace workspace = CONV.workspace();
    private Matrix lastInput;

    ConvLayer(int in, int out, ConvSpec spec, boolean bias, Parametrization.Factory parametrization) {
        if (in < 1 || out < 1) {
            throw new LvaException(getClass().getSimpleName() + " needs positive channel counts, got " + in + " -> "
                    + out);
        }
        this.in = in;
        this.out = out;
        this.spec = spec;
        this.bias = bias;
        this.parametrizationFactory = parametrization;
    }

    /** The geometry of the underlying convolution for this input; fails naming the layer and the shape. */
    abstract ConvGeometry geometryFor(Shape input);

    /** Output planes for the geometry. */
    abstract Shape outputShapeOf(ConvGeometry g);

    /** The weight's shape as PyTorch has it. */
    abstract long[] weightShape();

    /** PyTorch's fan_in of the weight: what its default initialisation divides by. */
    abstract int fanIn();

    /** y = the layer's map of x, plus bias per output channel when bias is not null. */
    abstract void apply(Matrix x, Matrix w, Matrix bias, Matrix y, Convolutions.Workspace ws);

    /** dx = the adjoint of the layer's map applied to dy. */
    abstract void applyAdjoint(Matrix dy, Matrix w, Matrix dx, Convolutions.Workspace ws);

    /** dw = beta dw + d<dy, map(x)>/dw. */
    abstract void weightGradient(Matrix x, Matrix dy, double beta, Matrix dw, Convolutions.Workspace ws);

    /**
     * The backward pass after a forward of x: dx (when not null), dw = beta dw + d<dy, map(x)>/dw and, when db
     * is not null, db += dy summed per output channel.
     */
    abstract void backward(Matrix x, Matrix dy, Matrix w, Matrix dx, double beta, Matrix dw, Matrix db,
                           Convolutions.Workspace ws);

    public int inChannels() {
        return in;
    }

    public int outChannels() {
        return out;
    }

    public ConvSpec spec() {
        return spec;
    }

    public Matrix weight() {
        return weight;
    }

    public Matrix bias() {
        return biasValues;
    }

    /** The weight used in the convolution (after the parametrization, if any). */
    public Matrix effectiveWeight() {
        return effective;
    }

    public Parametrization parametrization() {
        return parametrization;
    }

    /**
     * The layer's map (without bias) on one sample of its input shape, with a workspace of its own,
     * for measurements that need the operator itself (its norm computed to convergence, say): apply
     * it to {@link #effectiveWeight()} for the map the layer computes. Needs the layer connected and bound.
     */
    public WeightOperator operator() {
        requireConnected();
        if (weight == null) {
            throw new LvaException(describe() + " has no weight yet: bind the layer's parameters first");
        }
        return new Operator();
    }

    /** The input shape the layer is connected to, or null. */
    public Shape inputShape() {
        return inputShape;
    }

    @Override
    public Shape outputShape(Shape input) {
        return outputShapeOf(geometryFor(input));
    }

    @Override
    public Shape connect(Shape input) {
        ConvGeometry g = geometryFor(input);
        if (inputShape != null && !inputShape.equals(input) && parametrization != null) {
            throw new LvaException(describe() + " is connected to " + inputShape + " and its parametrization was made"
                    + " for it; it cannot take " + input);
        }
        geometry = g;
        inputShape = input;
        return outputShapeOf(g);
    }

    /** The input shape must be an image with this layer's input channels. */
    void requireChannels(Shape input) {
        if (!input.isImage() || input.channels() != in) {
            throw new LvaException(describe() + " expects input N x " + in + " x H x W, got " + input);
        }
    }

    @Override
    public List<ParamSpec> parameterSpecs() {
        long[] s = weightShape();
        int rows = (int) s[0];
        int cols = (int) (s[1] * s[2] * s[3]);
        return bias ? List.of(new ParamSpec("weight", rows, cols), new ParamSpec("bias", 1, out))
                : List.of(new ParamSpec("weight", rows, cols));
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
            effective = Matrix.zeros(weight.dataType(), weight.rows(), weight.cols());
            effectiveGrad = Matrix.zeros(weight.dataType(), weight.rows(), weight.cols());
        } else {
            effective = weight;
        }
    }

    /**
     * PyTorch's {@code reset_parameters}: {@code kaiming_uniform_(a=sqrt(5))} on the weight and
     * uniform +-1/sqrt(fan_in) on the bias, drawn in that order, then the parametrization's draws.
     */
    @Override
    public void initialize(TorchGenerator rng) {
        rng.fillUniform(weight, -Linear.kaimingBound(fanIn()), Linear.kaimingBound(fanIn()));
        if (bias) {
            double bound = 1.0 / Math.sqrt(fanIn());
            rng.fillUniform(biasValues, -bound, bound);
        }
        if (parametrizationFactory != null) {
            requireConnected();
            operator = new Operator();
            parametrization = parametrizationFactory.create(operator, rng);
        }
    }

    private void requireConnected() {
        if (geometry == null) {
            throw new LvaException(describe() + " is not connected to an input shape: build it in Sequential.of(shape,"
                    + " ...) or call connect(shape) first");
        }
    }

    @Override
    public Matrix forward(Matrix input, boolean training) {
        requireConnected();
        if (input.cols() != geometryInputSize()) {
            throw new LvaException(describe() + " expects " + inputShape + " (" + geometryInputSize()
                    + " columns), got " + input.cols() + " columns");
        }
        if (parametrizationFactory != null && parametrization == null) {
            throw new LvaException(describe() + ": initialize the layer before its first forward");
        }
        if (parametrization != null) {
            operator.prepare();
            parametrization.forward(weight.array(), effective.array(), training);
        }
        CONV.prepare(geometry, effective, workspace);
        Shape o = outputShapeOf(geometry);
        Matrix y = buffers.get(OUT, input.rows(), o.size(), input.dataType());
        // the bias is added as the kernels place the output, not in a pass of its own
        apply(input, effective, bias ? biasValues : null, y, workspace);
        lastInput = input;
        return y;
    }

    private int geometryInputSize() {
        return inputShape.size();
    }

    @Override
    public Matrix backward(Matrix outputGradient, boolean needInputGradient) {
        Matrix x = lastInput;
        if (x == null) {
            throw new LvaException(describe() + ": backward before forward");
        }
        int outSize = outputShapeOf(geometry).size();
        if (outputGradient.rows() != x.rows() || outputGradient.cols() != outSize) {
            throw new LvaException(describe() + ": output gradient is " + outputGradient.rows() + " x "
                    + outputGradient.cols() + ", expected " + x.rows() + " x " + outSize);
        }
        boolean parametrized = parametrization != null;
        Matrix dx = needInputGradient ? buffers.get(GRAD_IN, x.rows(), x.cols(), x.dataType()) : null;
        // the bias gradient is summed as the kernels read the output gradient, not in a pass of its own
        backward(x, outputGradient, effective, dx, parametrized ? 0 : 1, parametrized ? effectiveGrad : weightGrad,
                bias ? biasGrad : null, workspace);
        if (parametrized) {
            parametrization.backward(effectiveGrad.array(), weightGrad.array());
        }
        return dx;
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

    /** Name, channels and spec: {@code Conv2d(1 -> 32, k4 s2 p1)}. */
    String describe(String name) {
        String p = parametrization != null ? ", " + parametrization.getClass().getSimpleName()
                : parametrizationFactory != null ? ", parametrized" : "";
        return name + "(" + in + " -> " + out + ", " + spec + (bias ? "" : ", no bias") + p + ")";
    }

    /** The layer's map on one sample of its input shape, for the weight's parametrization. */
    private final class Operator implements WeightOperator {
        private final Convolutions.Workspace ws = CONV.workspace();
        private final Wrapped weights = new Wrapped();
        private final Wrapped ins = new Wrapped();
        private final Wrapped outs = new Wrapped();
        private final Wrapped grads = new Wrapped();
        private Matrix scaled;

        /** The raw weight is about to be used, unchanged, by this forward's operator applications. */
        void prepare() {
            CONV.prepare(geometry, weights.of(weight.array()), ws);
        }

        @Override
        public INDArray weight() {
            return weight.array();
        }

        @Override
        public long[] weightShape() {
            return ConvLayer.this.weightShape();
        }

        @Override
        public int outputAxis() {
            return ConvLayer.this instanceof ConvTranspose2d ? 1 : 0;
        }

        @Override
        public long[] inputShape() {
            return toLong(inputShape);
        }

        @Override
        public long[] outputShape() {
            return toLong(outputShapeOf(geometry));
        }

        @Override
        public void apply(INDArray w, INDArray x, INDArray y) {
            ConvLayer.this.apply(ins.of(x), weights.of(w), null, outs.of(y), ws);
        }

        @Override
        public void applyAdjoint(INDArray w, INDArray y, INDArray x) {
            ConvLayer.this.applyAdjoint(outs.of(y), weights.of(w), ins.of(x), ws);
        }

        @Override
        public void addWeightGradient(INDArray x, INDArray g, double scale, INDArray weightGradient) {
            Matrix gm = outs.of(g);
            if (scaled == null || scaled.length() != gm.length() || scaled.dataType() != gm.dataType()) {
                scaled = Matrix.zeros(gm.dataType(), gm.rows(), gm.cols());
            }
            PRODUCTS.copy(gm, scaled);
            PRODUCTS.scale(scale, scaled);
            ConvLayer.this.weightGradient(ins.of(x), scaled, 1, grads.of(weightGradient), ws);
        }

        @Override
        public String describe() {
            return ConvLayer.this.describe();
        }

        private long[] toLong(Shape s) {
            long[] d = new long[s.rank()];
            for (int i = 0; i < d.length; i++) {
                d[i] = s.dim(i);
            }
            return d;
        }
    }
}
