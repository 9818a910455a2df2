/**
 * Layers with their own forward and backward passes, and the shapes they agree on.
 *
 * <p>A batch travels between layers as a {@link dev.lva.core.tensor.Matrix} of one sample per row;
 * a {@link dev.lva.core.nn.Shape} says how to read a row ({@code N x D}, or {@code N x C x H x W} in
 * PyTorch's NCHW order). Every {@link dev.lva.core.nn.Layer} reports its output shape from its input
 * shape, and {@link dev.lva.core.nn.Layer#connect} fixes the shape a layer will see before its
 * parameters are initialised (a convolution keeps its geometry, its operator-norm parametrization
 * draws vectors of that shape). {@link dev.lva.core.nn.Sequential#of} connects a chain when it is
 * built and fails, naming the layer and both shapes, when one does not fit.
 * {@link dev.lva.core.nn.Flatten} and {@link dev.lva.core.nn.Unflatten} change the shape only.
 *
 * <p>Why the matrix stayed the carrier (not a tensor type of any rank): every existing kernel, the
 * flat parameter buffer, the trainer's batches and the MLP workloads' numbers stay as they were,
 * and a convolution needs nothing from its input but the geometry its shape gives; the rows of an
 * NCHW batch are exactly what PyTorch's {@code Flatten} produces.
 *
 * <p>{@link dev.lva.core.nn.Conv2d} and {@link dev.lva.core.nn.ConvTranspose2d} store their weights
 * as PyTorch does and draw them from the same generator stream; {@link dev.lva.core.nn.ConvNets}
 * builds the LV paper's image encoder and decoder. All arithmetic goes through the kernel seam
 * ({@link dev.lva.core.kernel.Kernels}).
 */
package dev.lva.core.nn;
