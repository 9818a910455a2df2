package dev.lva.core.kernel;

import dev.lva.core.tensor.Matrix;

/** Optimizer updates over the flat parameter and gradient buffers (same length). */
public interface Updates {

    /** One Adam step: updates the parameters and the moments held by {@code state} in place. */
    void adam(AdamStep state, Matrix params, Matrix grads);

    /**
     * One SGD step with PyTorch's semantics: {@code d = g + wd * theta}; with momentum the buffer
     * becomes {@code d} on the first step ({@code first}) and {@code momentum * b + (1 - dampening) d}
     * after, and d becomes {@code d + momentum * b} (Nesterov) or b; then {@code theta -= lr * d}.
     */
    void sgd(Matrix params, Matrix grads, Matrix momentumBuffer, boolean first, double lr, double momentum,
             double dampening, boolean nesterov, double weightDecay);
}
