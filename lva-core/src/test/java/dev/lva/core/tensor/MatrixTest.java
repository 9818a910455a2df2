package dev.lva.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MatrixTest {

    @Test
    void viewsOfAFlatBufferWriteThrough() {
        INDArray flat = Nd4j.create(DataType.FLOAT, 12);
        Matrix m = Matrix.view(flat, 3, 2, 3);
        m.set(1, 2, 7);
        m.set(0, 0, 5);
        assertEquals(5f, flat.getFloat(3));
        assertEquals(7f, flat.getFloat(8));
        assertEquals(0f, flat.getFloat(9));
        flat.putScalar(4, 2f);
        assertEquals(2.0, m.get(0, 1));
    }

    @Test
    void refusesStridedViewsButCopiesThem() {
        INDArray a = Nd4j.linspace(0, 11, 12, DataType.DOUBLE).reshape(3, 4);
        INDArray column = a.getColumn(1).reshape(3, 1);
        INDArray transposed = a.transpose();
        LvaException e = assertThrows(LvaException.class, () -> Matrix.wrap(transposed));
        assertTrue(e.getMessage().contains("contiguous row-major"), e.getMessage());
        Matrix copy = Matrix.copyOf(transposed, DataType.FLOAT);
        assertEquals(4, copy.rows());
        assertEquals(3, copy.cols());
        assertEquals(a.getDouble(2, 1), copy.get(1, 2));
        assertEquals(DataType.FLOAT, copy.dataType());
        assertArrayEquals(new double[] {1, 5, 9}, Matrix.copyOf(column, DataType.DOUBLE).toDoubleArray());
    }

    @ParameterizedTest
    @CsvSource({"false,false,FLOAT", "true,false,FLOAT", "false,true,FLOAT", "true,true,FLOAT",
            "false,false,DOUBLE", "true,false,DOUBLE", "false,true,DOUBLE", "true,true,DOUBLE"})
    void gemmMatchesNd4j(boolean ta, boolean tb, DataType type) {
        Nd4j.getRandom().setSeed(7);
        INDArray a = Nd4j.rand(type, ta ? 5 : 4, ta ? 4 : 5);
        INDArray b = Nd4j.rand(type, tb ? 3 : 5, tb ? 5 : 3);
        INDArray c = Nd4j.rand(type, 4, 3);
        INDArray expected = (ta ? a.transpose() : a).mmul(tb ? b.transpose() : b).mul(0.5).add(c.mul(2));
        Matrix cm = Matrix.wrap(c.dup());
        Blas.gemm(ta, tb, 0.5, Matrix.wrap(a), Matrix.wrap(b), 2, cm);
        assertTrue(expected.equalsWithEps(cm.array(), type == DataType.FLOAT ? 1e-5 : 1e-12),
                () -> expected + " vs " + cm.array());
    }

    @Test
    void gemvMatchesNd4j() {
        INDArray a = Nd4j.rand(DataType.DOUBLE, 4, 3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 1, 3);
        INDArray y = Nd4j.create(DataType.DOUBLE, 1, 4);
        Blas.gemv(false, 1, Matrix.wrap(a), Matrix.wrap(x), 0, Matrix.wrap(y));
        assertTrue(a.mmul(x.transpose()).reshape(1, 4).equalsWithEps(y, 1e-12));
        INDArray u = Nd4j.rand(DataType.DOUBLE, 1, 4);
        INDArray v = Nd4j.create(DataType.DOUBLE, 1, 3);
        Blas.gemv(true, 1, Matrix.wrap(a), Matrix.wrap(u), 0, Matrix.wrap(v));
        assertTrue(u.mmul(a).equalsWithEps(v, 1e-12));
    }

    @Test
    void gemmRejectsMismatchedShapes() {
        Matrix a = Matrix.zeros(DataType.FLOAT, 2, 3);
        Matrix b = Matrix.zeros(DataType.FLOAT, 4, 2);
        LvaException e = assertThrows(LvaException.class,
                () -> Blas.gemm(false, false, 1, a, b, 0, Matrix.zeros(DataType.FLOAT, 2, 2)));
        assertEquals("gemm: op(a) is 2 x 3, op(b) is 4 x 2, c is 2 x 2", e.getMessage());
        assertThrows(LvaException.class,
                () -> Blas.gemm(false, true, 1, a, Matrix.zeros(DataType.DOUBLE, 2, 3), 0, Matrix.zeros(DataType.FLOAT, 2, 2)));
    }
}
