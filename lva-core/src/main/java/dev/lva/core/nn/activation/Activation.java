package dev.lva.core.nn.activation;

import dev.lva.core.nn.Buffers;
import dev.lva.core.nn.Layer;
import dev.lva.core.nn.Shape;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.kernel.Elementwise;
import dev.lva.core.kernel.Kernels;
import dev.lva.core.kernel.PointwiseFunction;

/**
 * An element-wise non-linearity {@code y = f(x)} with derivative {@code f'(x)}, which may use the
 * output {@code y} when that is cheaper (sigmoid: y(1 - y)). Subclasses give the scalar function;
 * the hot ones override the range loops. Both passes run through the engine's
 * {@link Elementwise} kernel (which cuts large batches into ranges over the workers).
 */
public abstract class Activation implements Layer, PointwiseFunction {
    private static final int OUT = 0;
    private static final int GRAD_IN = 1;
    private static final Elementwise KERNEL = Kernels.active().elementwise();
    private final Buffers buffers = new Buffers(2);
    private Matrix lastInput;
    private Matrix lastOutput;

    /** f(x). */
    @Override
    public abstract double value(double x);

    /** f'(x), given also y = f(x). */
    @Override
    public abstract double derivative(double x, double y);

    /** The name used in specs and plots ({@code leaky-relu}). */
    public abstract String name();

    /** Element-wise: the output has the input's shape. */
    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    @Override
    public Matrix forward(Matrix input, boolean training) {
        Matrix y = buffers.get(OUT, input.rows(), input.cols(), input.dataType());
        KERNEL.forward(this, input, y);
        lastInput = input;
        lastOutput = y;
        return y;
    }

    @Override
    public Matrix backward(Matrix outputGradient, boolean needInputGradient) {
        if (!needInputGradient && !hasParameter()) {
            return null;
        }
        if (lastInput == null) {
            throw new dev.lva.api.LvaException(describe() + ": backward before forward");
        }
        Matrix gx = buffers.get(GRAD_IN, outputGradient.rows(), outputGradient.cols(), outputGradient.dataType());
        double parameterGradient = KERNEL.backward(this, lastInput, lastOutput, outputGradient, gx);
        if (hasParameter()) {
            addParameterGradient(parameterGradient);
        }
        return needInputGradient ? gx : null;
    }

    /** Receives the sum of dLoss/dParameter of a backward pass, for an activation with a parameter. */
    protected void addParameterGradient(double sum) {
    }

    @Override
    public String describe() {
        return name();
    }
}
