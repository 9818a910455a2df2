/**
 * The engine's kernel seam: every numeric kernel the engine runs goes through {@link
 * dev.lva.core.kernel.Kernels}, five small interfaces.
 *
 * <ul>
 *   <li>{@link dev.lva.core.kernel.Products}: gemm (and two independent gemms side by side), gemv,
 *       ger, axpy, scale, copy, dot.</li>
 *   <li>{@link dev.lva.core.kernel.Convolutions}: a 2-D convolution over NCHW batches, its adjoint
 *       (the input gradient, and the map of a transposed convolution) and its weight gradient, with a
 *       per-caller workspace; channel bias and channel sums.</li>
 *   <li>{@link dev.lva.core.kernel.Elementwise}: a {@link dev.lva.core.kernel.PointwiseFunction}
 *       (the activations) forward and backward.</li>
 *   <li>{@link dev.lva.core.kernel.Reductions}: the mean squared error with its gradient,
 *       per-column mean and standard deviation.</li>
 *   <li>{@link dev.lva.core.kernel.Updates}: one Adam or SGD step over the flat parameter buffer.</li>
 * </ul>
 *
 * <p>Two implementations: {@link dev.lva.core.kernel.cpu.CpuKernels}, the optimised code (OpenBLAS,
 * im2col, vectorised Java loops, the engine's worker threads), and {@link
 * dev.lva.core.kernel.reference.ReferenceKernels}, plain float64 loops written for clarity, which the
 * tests compare the optimised kernels against over randomised shapes. Call sites keep
 * {@code Kernels.active()}'s parts in static final fields, so the JIT sees a constant receiver:
 * the seam costs the small-shape MLP workloads nothing (their numbers are pinned bit for bit).
 *
 * <h2>What a GPU implementation would have to provide</h2>
 * <ul>
 *   <li>Memory: every operand is a {@link dev.lva.core.tensor.Matrix}, today a view of host memory
 *       (an ND4J buffer). A device backend needs matrices whose storage lives on the device (the flat
 *       parameter and gradient buffers, every layer's output and gradient buffers, the optimizer's
 *       moments), so that a training step never crosses the bus; only the data batch goes up and the
 *       losses (scalars) come down. Host access ({@code Matrix.get}, checkpoints, plots) then becomes
 *       an explicit copy.</li>
 *   <li>Each interface above, with the same semantics: row-major matrices, NCHW samples one per
 *       row, gemm's {@code beta = 0} not reading c, a convolution's weight {@code out x in x kh x kw}
 *       (cuBLAS is column-major: swap operands; cuDNN's convolution forward, backward-data and
 *       backward-filter are {@code convolve}, {@code convolveAdjoint} and {@code weightGradient},
 *       its workspace the {@code Workspace}).</li>
 *   <li>Element-wise functions: a device kernel per activation (the scalar {@code value} and
 *       {@code derivative} define them; the CPU range loops are host code), and the parameter
 *       gradient of PReLU as a reduction.</li>
 *   <li>Reductions that return a number (dot, the loss, column statistics) synchronise the
 *       stream; spectral norm's power iteration uses them every step, so keep u, v and sigma on the
 *       device and read sigma back only when asked.</li>
 *   <li>Determinism: the engine promises the same numbers for the same seed and thread count; a
 *       device backend must fix its reduction order (no atomics in sums) to keep that promise, or
 *       say that it does not.</li>
 *   <li>Threads: {@link dev.lva.core.tensor.Workers} cuts CPU work; a device backend ignores it and
 *       orders its work on one stream per model.</li>
 * </ul>
 */
package dev.lva.core.kernel;
