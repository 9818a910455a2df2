package dev.lva.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The products a caller runs on its own thread: a block of a's rows into a block of c's memory. */
class BlasOnCallerTest {
    private static Matrix filled(DataType t, int rows, int cols, int seed) {
        Matrix m = Matrix.zeros(t, rows, cols);
        for (int i = 0; i < m.length(); i++) {
            m.set(i, ((i * 7 + seed) % 11) - 5);
        }
        return m;
    }

    @Test
    void aBlockOfRowsLandsAtItsPlaceWithItsStride() {
        for (DataType t : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Matrix a = filled(t, 7, 3, 1);
            Matrix b = filled(t, 4, 3, 2); // used transposed: 3 x 4
            Matrix c = Matrix.zeros(t, 1, 40);
            c.fill(99);
            // rows 2..5 of a times b^T into a 3 x 4 block starting at entry 5, rows 6 apart
            Blas.gemmRowsOnCaller(true, a, 2, 3, b, c, 5, 6);
            for (int r = 0; r < 3; r++) {
                for (int j = 0; j < 4; j++) {
                    double want = 0;
                    for (int k = 0; k < 3; k++) {
                        want += a.get(2 + r, k) * b.get(j, k);
                    }
                    assertEquals(want, c.get(5 + r * 6 + j), 1e-9, t + " entry " + r + ", " + j);
                }
                for (int j = 4; j < 6 && r < 2; j++) {
                    assertEquals(99, c.get(5 + r * 6 + j), t + ": the gap between block rows is left alone");
                }
            }
            assertEquals(99, c.get(4), "before the block");
            assertEquals(99, c.get(5 + 2 * 6 + 4), "after the block");
            // and the whole product on the caller equals the engine's
            Matrix whole = Matrix.zeros(t, 7, 4);
            Matrix engine = Matrix.zeros(t, 7, 4);
            Blas.gemmOnCaller(false, true, 1, a, b, 0, whole);
            Blas.gemm(false, true, 1, a, b, 0, engine);
            for (int i = 0; i < whole.length(); i++) {
                assertEquals(engine.get(i), whole.get(i), 1e-9);
            }
        }
    }

    @Test
    void blocksOutsideTheOperandsFailNamingThem() {
        Matrix a = Matrix.zeros(DataType.FLOAT, 7, 3);
        Matrix b = Matrix.zeros(DataType.FLOAT, 4, 3);
        Matrix c = Matrix.zeros(DataType.FLOAT, 1, 40);
        LvaException rows = assertThrows(LvaException.class, () -> Blas.gemmRowsOnCaller(true, a, 5, 3, b, c, 0, 4));
        assertTrue(rows.getMessage().contains("rows 5..8"), rows.getMessage());
        assertThrows(LvaException.class, () -> Blas.gemmRowsOnCaller(true, a, 0, 3, b, c, 35, 4), "past c's end");
        assertThrows(LvaException.class, () -> Blas.gemmRowsOnCaller(true, a, 0, 3, b, c, 0, 3), "stride < n");
        assertThrows(LvaException.class, () -> Blas.gemmRowsOnCaller(false, a, 0, 3, b, c, 0, 4), "3 x 3 times 4 x 3");
        Matrix d = Matrix.zeros(DataType.DOUBLE, 1, 40);
        assertThrows(LvaException.class, () -> Blas.gemmRowsOnCaller(true, a, 0, 3, b, d, 0, 4), "mixed types");
    }
}
