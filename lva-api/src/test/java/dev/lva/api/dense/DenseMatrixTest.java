package dev.lva.api.dense;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lva.api.LvaException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class DenseMatrixTest {

    @Test
    void readsAndWritesTheArraysOwnMemoryInBothPrecisions() {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray a = Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}}).castTo(type);
            DenseMatrix m = DenseMatrix.of(a);
            assertEquals(2, m.rows());
            assertEquals(3, m.cols());
            assertEquals(6, m.get(1, 2));
            m.set(0, 1, 20);
            m.add(1, 0, 0.5);
            m.addScaled(new double[] {1, 1, 1, 1, 1, 1}, 2);
            assertEquals(22, a.getDouble(0, 1), type + ": set writes through");
            assertEquals(6.5, a.getDouble(1, 0), type + ": add writes through");
            assertArrayEquals(new double[] {3, 22, 5, 6.5, 7, 8}, m.toArray(), type.toString());
        }
    }

    @Test
    void aRowBlockViewStartsAtItsOffsetAndAVectorIsOneRow() {
        INDArray big = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}});
        DenseMatrix middle = DenseMatrix.of(big.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all()));
        assertArrayEquals(new double[] {3, 4, 5, 6}, middle.toArray());
        middle.set(0, 0, 30);
        assertEquals(30, big.getDouble(1, 0));
        DenseMatrix row = DenseMatrix.of(Nd4j.createFromArray(1.0, 2.0, 3.0));
        assertEquals(1, row.rows());
        assertEquals(3, row.cols());
    }

    @Test
    void aStridedOrIntegerArrayIsAClearError() {
        INDArray t = Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}}).transpose();
        assertEquals("DenseMatrix: expected a contiguous row-major (C order) array of rank 1 or 2, got shape [3, 2] "
                        + "with strides [1, 3]; pass array.dup('c')",
                assertThrows(LvaException.class, () -> DenseMatrix.of(t)).getMessage());
        assertEquals("DenseMatrix: lva computes in FLOAT or DOUBLE, got an array of INT",
                assertThrows(LvaException.class, () -> DenseMatrix.of(Nd4j.createFromArray(1, 2))).getMessage());
    }

    @Test
    void choleskyGivesTheLogDeterminantAndTheInverse() {
        double[] a = {4, 2, 0.4, 2, 3, 0.5, 0.4, 0.5, 2};
        Cholesky c = Cholesky.of(a, 3, "A");
        INDArray m = Nd4j.createFromArray(a).reshape(3, 3);
        INDArray l = Nd4j.createFromArray(c.lower()).reshape(3, 3);
        assertEquals(0, l.mmul(l.transpose()).sub(m).amaxNumber().doubleValue(), 1e-14);
        double det = 4 * (3 * 2 - 0.5 * 0.5) - 2 * (2 * 2 - 0.5 * 0.4) + 0.4 * (2 * 0.5 - 3 * 0.4);
        assertEquals(Math.log(det), c.logDeterminant(), 1e-14);
        INDArray inverse = Nd4j.createFromArray(c.inverse()).reshape(3, 3);
        assertEquals(0, inverse.mmul(m).sub(Nd4j.eye(3).castTo(DataType.DOUBLE)).amaxNumber().doubleValue(), 1e-14);
        assertEquals("B is not positive definite (pivot 1 is -3.0); add a multiple of the identity, e.g. cov + eta^2 I",
                assertThrows(LvaException.class, () -> Cholesky.of(new double[] {1, 2, 2, 1}, 2, "B")).getMessage());
    }
}
