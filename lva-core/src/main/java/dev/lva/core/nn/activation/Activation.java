package dev.lva.core.nn.activation;

import dev.lva.core.nn.Buffers;
import dev.lva.core.nn.Layer;
import dev.lva.core.tensor.Matrix;

/**
 * An element-wise non-linearity {@code y = f(x)} with derivative {@code f'(x)}, which may use the
 * output {@code y} when that is cheaper (sigmoid: y(1 - y)). Subclasses give the scalar function;
 * the hot ones override the bulk loops.
 */
public abstract class Activation implements Layer {
    private static final int OUT = 0;
    private static final int GRAD_IN = 1;
    private final Buffers buffers = new Buffers(2);
    private Matrix lastInput;
    private Matrix lastOutput;

    /** f(x). */
    public abstract double value(double x);

    /** f'(x), given also y = f(x). */
    public abstract double derivative(double x, double y);

    /** The name used in specs and plots ({@code leaky-relu}). */
    public abstract String name();

    @Override
    public int outputWidth(int inputWidth) {
        return inputWidth;
    }

    @Override
    public Matrix forward(Matrix input, boolean training) {
        Matrix y = buffers.get(OUT, input.rows(), input.cols(), input.dataType());
        forward(input, y);
        lastInput = input;
        lastOutput = y;
        return y;
    }

    @Override
    public Matrix backward(Matrix outputGradient, boolean needInputGradient) {
        if (!needInputGradient) {
            return null;
        }
        if (lastInput == null) {
            throw new dev.lva.api.LvaException(describe() + ": backward before forward");
        }
        Matrix gx = buffers.get(GRAD_IN, outputGradient.rows(), outputGradient.cols(), outputGradient.dataType());
        backward(lastInput, lastOutput, outputGradient, gx);
        return gx;
    }

    /** Writes f(x) into y. */
    protected void forward(Matrix x, Matrix y) {
        int n = x.length();
        for (int i = 0; i < n; i++) {
            y.set(i, value(x.get(i)));
        }
    }

    /** Writes dy * f'(x) into dx. */
    protected void backward(Matrix x, Matrix y, Matrix dy, Matrix dx) {
        int n = x.length();
        for (int i = 0; i < n; i++) {
            dx.set(i, dy.get(i) * derivative(x.get(i), y.get(i)));
        }
    }

    @Override
    public String describe() {
        return name();
    }
}
