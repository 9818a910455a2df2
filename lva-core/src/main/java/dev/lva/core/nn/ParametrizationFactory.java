package dev.lva.core.nn;

import dev.lva.api.Parametrization;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.tensor.TorchGenerator;

/**
 * Creates a weight's parametrization once the weight has its initial values (spectral norm draws
 * its u and v from {@code rng} and runs its warm-up power iterations on {@code weight}).
 */
@FunctionalInterface
public interface ParametrizationFactory {
    Parametrization create(Matrix weight, TorchGenerator rng);
}
