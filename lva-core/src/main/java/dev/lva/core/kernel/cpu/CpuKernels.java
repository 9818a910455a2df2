package dev.lva.core.kernel.cpu;

import dev.lva.core.kernel.Convolutions;
import dev.lva.core.kernel.Elementwise;
import dev.lva.core.kernel.Kernels;
import dev.lva.core.kernel.Products;
import dev.lva.core.kernel.Reductions;
import dev.lva.core.kernel.Updates;

/**
 * The kernels the engine runs: products as direct OpenBLAS calls (large ones cut over the engine's
 * {@link dev.lva.core.tensor.Workers}), convolutions lowered to those products (im2col / col2im),
 * element-wise functions and optimizer updates as Java loops the JIT vectorises, cut into ranges
 * over the workers when they are large. Float32 and float64.
 */
public final class CpuKernels implements Kernels {
    public static final CpuKernels INSTANCE = new CpuKernels();

    private final Products products = new CpuProducts();
    private final Convolutions convolutions = new CpuConvolutions();
    private final Elementwise elementwise = new CpuElementwise();
    private final Reductions reductions = new CpuReductions();
    private final Updates updates = new CpuUpdates();

    private CpuKernels() {
    }

    @Override
    public Products products() {
        return products;
    }

    @Override
    public Convolutions convolutions() {
        return convolutions;
    }

    @Override
    public Elementwise elementwise() {
        return elementwise;
    }

    @Override
    public Reductions reductions() {
        return reductions;
    }

    @Override
    public Updates updates() {
        return updates;
    }

    @Override
    public String name() {
        return "cpu";
    }
}
