package dev.lva.core.nn.activation;

import dev.lva.core.nn.Buffers;
import dev.lva.core.nn.Layer;
import dev.lva.core.nn.Shape;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.tensor.Workers;

/**
 * An element-wise non-linearity {@code y = f(x)} with derivative {@code f'(x)}, which may use the
 * output {@code y} when that is cheaper (sigmoid: y(1 - y)). Subclasses give the scalar function;
 * the hot ones override the bulk loops. Large batches are cut into ranges over {@link Workers}.
 */
public abstract class Activation implements Layer {
    private static final int OUT = 0;
    private static final int GRAD_IN = 1;
    /** Below this many entries (~10 us of work) the loop stays on the caller. */
    private static final int PARALLEL_MIN = 1 << 14;
    private final Buffers buffers = new Buffers(2);
    private Matrix lastInput;
    private Matrix lastOutput;

    // the pass being run, set before its ranges are handed out
    private boolean passForward;
    private Matrix passX;
    private Matrix passY;
    private Matrix passDy;
    private Matrix passDx;
    private final Workers.Task pass = this::runRange;

    /** f(x). */
    public abstract double value(double x);

    /** f'(x), given also y = f(x). */
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
        runPass(true, input, y, null, null);
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
        runPass(false, lastInput, lastOutput, outputGradient, gx);
        return gx;
    }

    private void runPass(boolean isForward, Matrix x, Matrix y, Matrix dy, Matrix dx) {
        passForward = isForward;
        passX = x;
        passY = y;
        passDy = dy;
        passDx = dx;
        if (x.length() >= PARALLEL_MIN && (isForward || splitsBackward())) {
            Workers.run(pass);
        } else {
            runRange(0, 1);
        }
        passX = passY = passDy = passDx = null;
    }

    private void runRange(int part, int parts) {
        int n = passX.length();
        // 16 entries: a cache line of floats, so two threads never write one line
        int from = Workers.start(n, part, parts, 16);
        int to = Workers.start(n, part + 1, parts, 16);
        if (passForward) {
            forward(passX, passY, from, to);
        } else {
            backward(passX, passY, passDy, passDx, from, to);
        }
    }

    /** False when the backward pass also accumulates something (a parameter's gradient) and must run whole. */
    protected boolean splitsBackward() {
        return true;
    }

    /** Writes f(x) into y for entries {@code from} to {@code to} (exclusive). */
    protected void forward(Matrix x, Matrix y, int from, int to) {
        for (int i = from; i < to; i++) {
            y.set(i, value(x.get(i)));
        }
    }

    /** Writes dy * f'(x) into dx for entries {@code from} to {@code to} (exclusive). */
    protected void backward(Matrix x, Matrix y, Matrix dy, Matrix dx, int from, int to) {
        for (int i = from; i < to; i++) {
            dx.set(i, dy.get(i) * derivative(x.get(i), y.get(i)));
        }
    }

    @Override
    public String describe() {
        return name();
    }
}
