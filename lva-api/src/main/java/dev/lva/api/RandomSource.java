package dev.lva.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The generator a model's initialisation draws from, in order: weights, biases, then what each
 * parametrization draws. lva's own ({@code TorchGenerator}) draws what PyTorch's CPU generator
 * draws after {@code manual_seed}, so a parametrization that draws here in PyTorch's order starts
 * where PyTorch's does.
 */
public interface RandomSource {

    /** Fills {@code a} (in C order) as PyTorch's {@code a.normal_(0, 1)} on a contiguous tensor. */
    void fillNormal(INDArray a);

    /** Fills {@code a} as PyTorch's {@code a.uniform_(from, to)}. */
    void fillUniform(INDArray a, double from, double to);
}
