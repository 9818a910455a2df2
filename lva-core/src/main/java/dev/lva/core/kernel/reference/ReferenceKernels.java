package dev.lva.core.kernel.reference;

import dev.lva.core.kernel.Convolutions;
import dev.lva.core.kernel.Elementwise;
import dev.lva.core.kernel.Kernels;
import dev.lva.core.kernel.Products;
import dev.lva.core.kernel.Reductions;
import dev.lva.core.kernel.Updates;

/**
 * The engine's kernels as plain float64 Java loops, written to be read: each is its textbook
 * definition, entry by entry, accumulated in double whatever the precision of the buffers. They
 * are the yardstick the optimised {@link dev.lva.core.kernel.cpu.CpuKernels} are tested against,
 * and a second implementation of the seam that shows what a new backend has to provide.
 */
public final class ReferenceKernels implements Kernels {
    public static final ReferenceKernels INSTANCE = new ReferenceKernels();

    private final Products products = new ReferenceProducts();
    private final Convolutions convolutions = new ReferenceConvolutions();
    private final Elementwise elementwise = new ReferenceElementwise();
    private final Reductions reductions = new ReferenceReductions();
    private final Updates updates = new ReferenceUpdates();

    private ReferenceKernels() {
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
        return "reference";
    }
}
