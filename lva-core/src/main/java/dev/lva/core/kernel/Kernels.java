package dev.lva.core.kernel;

import dev.lva.core.kernel.cpu.CpuKernels;
import dev.lva.core.kernel.reference.ReferenceKernels;

/**
 * The one seam every numeric kernel of the engine goes through: products, convolutions,
 * element-wise functions, reductions and optimizer updates, each a small interface. Layers,
 * parametrizations, losses and optimizers hold the active implementation in a {@code static final}
 * field, so the JIT sees one constant receiver and the seam costs no dispatch.
 *
 * <p>Two implementations: {@link CpuKernels}, the optimised code the engine runs (direct OpenBLAS
 * calls, vectorisable Java loops, work cut over {@link dev.lva.core.tensor.Workers}), and
 * {@link ReferenceKernels}, plain float64 loops written for clarity, against which the optimised
 * ones are tested. {@code -Dlva.kernels=reference} runs the whole engine on the reference kernels
 * (slowly: for checking a result, never for work).
 */
public interface Kernels {

    /** Matrix products and the BLAS-1/2 operations built on them. */
    Products products();

    /** 2-D convolutions over NCHW batches, their adjoints and weight gradients, channel biases. */
    Convolutions convolutions();

    /** Element-wise functions (the activations) and their derivatives. */
    Elementwise elementwise();

    /** Sums over many entries: losses, per-column statistics. */
    Reductions reductions();

    /** Optimizer updates over the flat parameter buffer. */
    Updates updates();

    /** {@code cpu} or {@code reference}. */
    String name();

    /** The implementation the engine runs, chosen once per process ({@code -Dlva.kernels}, default {@code cpu}). */
    static Kernels active() {
        return Active.KERNELS;
    }

    /** Holds the choice in a static final field: a constant the JIT folds into every call site. */
    final class Active {
        static final Kernels KERNELS = choose(System.getProperty("lva.kernels", "cpu"));

        private Active() {
        }

        private static Kernels choose(String name) {
            return switch (name) {
                case "cpu" -> CpuKernels.INSTANCE;
                case "reference" -> ReferenceKernels.INSTANCE;
                default -> throw new IllegalStateException("-Dlva.kernels=" + name + ": known kernels are cpu, reference");
            };
        }
    }
}
