package dev.lva.core.nn;

import dev.lva.api.LvaException;
import dev.lva.api.autodiff.Tape;
import dev.lva.api.autodiff.Tensor;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.tensor.TorchGenerator;
import java.util.ArrayList;
import java.util.List;

/**
 * A layer written as an expression of its input and its parameters, its backward pass computed by
 * lva-api's tape ({@link Tape}) instead of written by hand. A residual block is
 * <pre>{@code
 * new ExpressionLayer("residual", 8, 8, List.of(Parameter.linear("w1", 8, 8), Parameter.bias("b1", 8, 8),
 *         Parameter.linear("w2", 8, 8)),
 *     (x, p) -> x.add(x.matmul(p.get(0).transpose()).add(p.get(1)).tanh().matmul(p.get(2).transpose())));
 * }</pre>
 *
 * <p>The expression sees the batch as an {@code N x inputWidth} tensor (one sample a row) and the
 * parameters in the order given, in float64 whatever the network's precision. The backward pass runs
 * the tape from {@code sum(output * outputGradient)}, whose gradient is exactly the vector-Jacobian
 * product a layer owes. It copies the batch in and out of double arrays: convenient for trying an
 * idea, a few times slower than a hand-written layer of the engine's kernels.
 */
public final class ExpressionLayer implements Layer {

    /** The forward pass: the batch and the parameters as tensors, the output as a tensor of N rows. */
    @FunctionalInterface
    public interface Forward {
        Tensor apply(Tensor input, List<Tensor> parameters);
    }

    /**
     * One parameter: its name and shape, and the bound of the uniform distribution its initial values
     * are drawn from.
     */
    public record Parameter(ParamSpec spec, double initBound) {
        public Parameter {
            if (!(initBound >= 0) || !Double.isFinite(initBound)) {
                throw new LvaException("parameter " + spec.name() + ": the initial bound must be >= 0 and finite, got "
                        + initBound);
            }
        }

        /** A weight {@code out x in}, drawn as PyTorch's Linear draws its weight (kaiming uniform, a = sqrt 5). */
        public static Parameter linear(String name, int out, int in) {
            return new Parameter(new ParamSpec(name, out, in), Linear.kaimingBound(in));
        }

        /** A bias {@code 1 x out} (added to every row), drawn in +-1/sqrt(in) as PyTorch's Linear draws its bias. */
        public static Parameter bias(String name, int out, int in) {
            return new Parameter(new ParamSpec(name, 1, out), 1 / Math.sqrt(in));
        }
    }

    private final String name;
    private final int inputWidth;
    private final int outputWidth;
    private final List<Parameter> parameters;
    private final Forward forward;
    private final Buffers buffers = new Buffers(2);
    private List<Matrix> values;
    private List<Matrix> gradients;
    // what backward needs from the last forward: its tape, its input, parameters and output
    private Tape tape;
    private Tensor input;
    private List<Tensor> parameterTensors;
    private Tensor output;

    public ExpressionLayer(String name, int inputWidth, int outputWidth, List<Parameter> parameters, Forward forward) {
        if (name == null || name.isBlank()) {
            throw new LvaException("an expression layer needs a name");
        }
        if (inputWidth < 1 || outputWidth < 1) {
            throw new LvaException(name + ": input and output widths must be >= 1, got " + inputWidth + " and "
                    + outputWidth);
        }
        if (parameters == null || forward == null) {
            throw new LvaException(name + ": the " + (forward == null ? "forward expression" : "parameter list")
                    + " is null");
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Parameter p : parameters) {
            if (p == null) {
                throw new LvaException(name + ": a parameter is null");
            }
            if (!names.add(p.spec().name())) {
                throw new LvaException(name + ": two parameters are named " + p.spec().name()
                        + "; the state dict keys them by name");
            }
        }
        this.name = name;
        this.inputWidth = inputWidth;
        this.outputWidth = outputWidth;
        this.parameters = List.copyOf(parameters);
        this.forward = forward;
    }

    @Override
    public Shape outputShape(Shape in) {
        if (in.size() != inputWidth) {
            throw new LvaException(describe() + " takes samples of " + inputWidth + " values, got " + in);
        }
        return Shape.features(outputWidth);
    }

    @Override
    public List<ParamSpec> parameterSpecs() {
        return parameters.stream().map(Parameter::spec).toList();
    }

    @Override
    public void bind(List<Matrix> values, List<Matrix> gradients) {
        this.values = values;
        this.gradients = gradients;
    }

    @Override
    public void initialize(TorchGenerator rng) {
        for (int i = 0; i < parameters.size(); i++) {
            double b = parameters.get(i).initBound();
            rng.fillUniform(values.get(i), -b, b);
        }
    }

    @Override
    public Matrix forward(Matrix x, boolean training) {
        if (x.cols() != inputWidth) {
            throw new LvaException(describe() + " takes " + inputWidth + " columns, got " + x.cols());
        }
        if (values == null && !parameters.isEmpty()) {
            throw new LvaException(describe() + ": put the layer in a network (or a ParameterBuffer) before its forward");
        }
        int n = x.rows();
        tape = new Tape();
        input = tape.variable(n, inputWidth, x.toDoubleArray());
        parameterTensors = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            ParamSpec s = parameters.get(i).spec();
            parameterTensors.add(tape.variable(s.rows(), s.cols(), values.get(i).toDoubleArray()));
        }
        output = forward.apply(input, parameterTensors);
        if (output == null || output.rows() != n || output.cols() != outputWidth) {
            throw new LvaException(describe() + ": the expression must give " + n + " x " + outputWidth + ", got "
                    + (output == null ? "null" : output.rows() + " x " + output.cols()));
        }
        if (output.onOtherTape(tape)) {
            // a tensor kept from an earlier batch: its values are not this batch's output
            throw new LvaException(describe() + ": the expression gave a tensor recorded on another tape (one kept"
                    + " from an earlier forward?); compute the output from the input and parameters it is given");
        }
        Matrix out = buffers.get(0, n, outputWidth, x.dataType());
        double[] v = output.values();
        for (int i = 0; i < v.length; i++) {
            out.set(i, v[i]);
        }
        return out;
    }

    @Override
    public Matrix backward(Matrix outputGradient, boolean needInputGradient) {
        if (tape == null) {
            throw new LvaException(describe() + ": backward before forward");
        }
        outputGradient.requireShape(output.rows(), outputWidth, describe() + " output gradient");
        // d/dtheta sum(output * G) = G^T doutput/dtheta: the vector-Jacobian product, from one scalar
        Tensor g = Tensor.constant(output.rows(), outputWidth, outputGradient.toDoubleArray());
        if (!output.isConstant()) {
            // a constant output depends on nothing: every gradient is zero, nothing to run
            tape.backward(output.mul(g).sum());
        }
        for (int i = 0; i < parameterTensors.size(); i++) {
            double[] d = parameterTensors.get(i).gradient();
            Matrix into = gradients.get(i);
            for (int j = 0; j < d.length; j++) {
                into.set(j, into.get(j) + d[j]);
            }
        }
        tape = null;
        if (!needInputGradient) {
            return null;
        }
        double[] d = input.gradient();
        Matrix dx = buffers.get(1, outputGradient.rows(), inputWidth, outputGradient.dataType());
        for (int i = 0; i < d.length; i++) {
            dx.set(i, d[i]);
        }
        return dx;
    }

    @Override
    public String describe() {
        return name + "(" + inputWidth + " -> " + outputWidth + ")";
    }
}
