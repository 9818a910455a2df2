package dev.lva.core.nn;

import dev.lva.core.tensor.Matrix;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A layer's scratch matrices, remembered for the last few batch sizes (a minibatch run alternates
 * between the full batch and the last partial one), so steady-state training allocates nothing.
 * {@link #releaseOnThisThread} lets the matrices of every layer this thread runs go at once: a run's
 * analysis after training passes other batch sizes, and the training's matrices (1.25 GB for a batch of
 * 200 images of 3 x 64 x 64 in the LV paper's CelebA net) would otherwise stay beside the analysis's.
 */
public final class Buffers {
    private static final int SIZES = 4;
    /**
     * Releases asked for on each thread. Per thread, because runs train side by side in one JVM (a
     * sweep's threads engine): a release from one run's thread must not take the matrices another run's
     * step is between its forward and backward on.
     */
    private static final ThreadLocal<long[]> RELEASES = ThreadLocal.withInitial(() -> new long[1]);
    private final int slots;
    private long released = RELEASES.get()[0];
    private final int[] rows = new int[SIZES];
    private final Matrix[][] matrices = new Matrix[SIZES][];
    private int next;

    /** @param slots how many distinct matrices the layer needs per batch size */
    public Buffers(int slots) {
        this.slots = slots;
        java.util.Arrays.fill(rows, -1);
    }

    /**
     * Frees the matrices of the buffers this thread uses next: each layer frees its old matrices and
     * allocates afresh at its next batch (freed then, not when the garbage collector runs, which a small
     * heap seldom does). For the end of a phase (training) before another (analysis), never inside a step.
     */
    public static void releaseOnThisThread() {
        RELEASES.get()[0]++;
    }

    /** The matrix for {@code slot} at this batch size, created on first use. */
    public Matrix get(int slot, int batchRows, int cols, DataType type) {
        long now = RELEASES.get()[0];
        if (now != released) {
            released = now;
            for (Matrix[] set : matrices) {
                free(set);
            }
            java.util.Arrays.fill(rows, -1);
            java.util.Arrays.fill(matrices, null);
            next = 0;
        }
        Matrix[] set = setFor(batchRows);
        Matrix m = set[slot];
        if (m == null || m.cols() != cols || m.dataType() != type) {
            if (m != null) {
                m.free();
            }
            m = Matrix.zeros(type, batchRows, cols);
            set[slot] = m;
        }
        return m;
    }

    private Matrix[] setFor(int batchRows) {
        for (int i = 0; i < SIZES; i++) {
            if (rows[i] == batchRows) {
                return matrices[i];
            }
        }
        int i = next;
        next = (next + 1) % SIZES;
        // the set of another batch size this one replaces is freed now, not when the collector runs
        free(matrices[i]);
        rows[i] = batchRows;
        matrices[i] = new Matrix[slots];
        return matrices[i];
    }

    private static void free(Matrix[] set) {
        if (set != null) {
            for (Matrix m : set) {
                if (m != null) {
                    m.free();
                }
            }
        }
    }
}
