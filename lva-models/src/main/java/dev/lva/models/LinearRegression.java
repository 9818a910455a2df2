package dev.lva.models;

import dev.lva.core.loss.MseLoss;
import dev.lva.core.nn.Linear;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code y = x W^T + b} fitted by gradient descent on the mean squared error (the course trains it with SGD). */
public class LinearRegression extends FeedForward {
    private final Linear linear;

    public LinearRegression(int in, int out, Precision precision, long seed) {
        this(new Linear(in, out), in, precision, seed);
    }

    private LinearRegression(Linear linear, int in, Precision precision, long seed) {
        super(linear, in, new MseLoss(), null, precision.dataType(), seed);
        this.linear = linear;
    }

    /** Weights, out x in. */
    public INDArray weights() {
        return linear.weight().array().dup();
    }

    /** Bias, 1 x out. */
    public INDArray bias() {
        return linear.bias().array().dup();
    }
}
