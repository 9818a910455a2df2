package dev.lva.core.nn;

import dev.lva.core.tensor.Matrix;

/**
 * {@code N x C x H x W} (or any sample shape) to {@code N x (C*H*W)}, as PyTorch's {@code nn.Flatten()}:
 * a batch is already stored one sample per row in this order, so only the shape changes and the
 * data is passed on as it is.
 */
public final class Flatten implements Layer {

    @Override
    public Shape outputShape(Shape input) {
        return Shape.features(input.size());
    }

    @Override
    public Matrix forward(Matrix input, boolean training) {
        return input;
    }

    @Override
    public Matrix backward(Matrix outputGradient, boolean needInputGradient) {
        return needInputGradient ? outputGradient : null;
    }

    @Override
    public String describe() {
        return "Flatten";
    }
}
