package dev.lva.core.nn;

import dev.lva.api.LvaException;
import dev.lva.core.tensor.Matrix;

/**
 * Reads each sample in a new shape of the same size: {@code N x 2048} to {@code N x 128 x 4 x 4}, as
 * PyTorch's {@code nn.Unflatten(1, (128, 4, 4))} (or any reshape of a sample). The rows already
 * hold the samples in that order, so the data is passed on as it is.
 */
public final class Unflatten implements Layer {
    private final Shape to;

    public Unflatten(Shape to) {
        this.to = to;
    }

    /** To {@code C x H x W}. */
    public Unflatten(int channels, int height, int width) {
        this(Shape.image(channels, height, width));
    }

    public Shape to() {
        return to;
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.size() != to.size()) {
            throw new LvaException(describe() + " needs " + to.size() + " entries per sample, got " + input);
        }
        return to;
    }

    @Override
    public Matrix forward(Matrix input, boolean training) {
        if (input.cols() != to.size()) {
            throw new LvaException(describe() + " needs " + to.size() + " columns, got " + input.cols());
        }
        return input;
    }

    @Override
    public Matrix backward(Matrix outputGradient, boolean needInputGradient) {
        return needInputGradient ? outputGradient : null;
    }

    @Override
    public String describe() {
        return "Unflatten(" + to + ")";
    }
}
