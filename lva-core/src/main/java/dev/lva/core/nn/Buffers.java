package dev.lva.core.nn;

import dev.lva.core.tensor.Matrix;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A layer's scratch matrices, remembered for the last few batch sizes (a minibatch run alternates
 * between the full batch and the last partial one), so steady-state training allocates nothing.
 */
public final class Buffers {
    private static final int SIZES = 4;
    private final int slots;
    private final int[] rows = new int[SIZES];
    private final Matrix[][] matrices = new Matrix[SIZES][];
    private int next;

    /** @param slots how many distinct matrices the layer needs per batch size */
    public Buffers(int slots) {
        this.slots = slots;
        java.util.Arrays.fill(rows, -1);
    }

    /** The matrix for {@code slot} at this batch size, created on first use. */
    public Matrix get(int slot, int batchRows, int cols, DataType type) {
        Matrix[] set = setFor(batchRows);
        Matrix m = set[slot];
        if (m == null || m.cols() != cols || m.dataType() != type) {
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
        rows[i] = batchRows;
        matrices[i] = new Matrix[slots];
        return matrices[i];
    }
}
