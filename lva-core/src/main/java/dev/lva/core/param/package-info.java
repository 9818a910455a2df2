/**
 * Parametrizations of a layer's weight: the spectral norms. {@link dev.lva.core.param.SpectralNorm}
 * is PyTorch's {@code spectral_norm}, the weight reshaped to its output axis by the rest (on a
 * convolution, the norm of the kernel: provider {@code kernel}); {@link dev.lva.core.param.OperatorNorm}
 * is the norm of the layer's operator on its input shape, by power iteration through the map and its
 * adjoint (the LV paper's {@code spectral_norm_conv}: provider {@code conv-operator}), which is what
 * makes a convolution 1-Lipschitz between images. Both start where PyTorch's start for the same
 * seed. {@link dev.lva.core.param.Parametrizations} offers them as plugins
 * ({@link dev.lva.api.plugin.ParametrizationProvider}), found by name.
 */
package dev.lva.core.param;
