package dev.lva.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a {@link Parametrization} is attached to: a layer's weight and the linear map that weight
 * defines on one sample of the layer's input ({@code x -> W x} for a linear layer, the convolution
 * of an input of the layer's shape for a convolution). A parametrization may use the weight alone
 * (PyTorch's {@code spectral_norm} reshapes it to a matrix) or the operator (the norm of a
 * convolution as a map between images). Arrays are in the weight's precision; sample arrays may
 * have any shape with the right number of entries, read in C order.
 */
public interface WeightOperator {

    /** The raw weight with its initial values, as the layer stores it (a matrix of {@code weightShape()[0]} rows). */
    INDArray weight();

    /**
     * The weight's shape as PyTorch has it: {@code out x in} (linear), {@code out x in x kh x kw}
     * (convolution), {@code in x out x kh x kw} (transposed convolution).
     */
    long[] weightShape();

    /** The axis of {@link #weightShape()} that counts the outputs: 0, or 1 for a transposed convolution. */
    default int outputAxis() {
        return 0;
    }

    /** One input sample's shape ({@code [in]} or {@code [C, H, W]}). */
    long[] inputShape();

    /** One output sample's shape. */
    long[] outputShape();

    /** {@code out = A(w) in} for one sample. */
    void apply(INDArray w, INDArray in, INDArray out);

    /** {@code in = A(w)^T out}, the adjoint. */
    void applyAdjoint(INDArray w, INDArray out, INDArray in);

    /**
     * {@code weightGradient += scale * d<g, A(w) x>/dw}: the gradient of a bilinear form in the weight
     * ({@code g x^T} for a linear map), which is what the norm of the operator needs in its backward pass.
     */
    void addWeightGradient(INDArray x, INDArray g, double scale, INDArray weightGradient);

    /** The layer, for messages ({@code ConvTranspose2d(128 -> 64, k4 s2 p1)}). */
    String describe();

    /** Entries of one input sample. */
    default long inputSize() {
        long n = 1;
        for (long d : inputShape()) {
            n *= d;
        }
        return n;
    }

    /** Entries of one output sample. */
    default long outputSize() {
        long n = 1;
        for (long d : outputShape()) {
            n *= d;
        }
        return n;
    }
}
