package dev.lva.api.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lva.api.LvaException;
import dev.lva.api.Regularizer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TensorTest {

    @Test
    void valuesMatchHandComputedOnes() {
        Tape tape = new Tape();
        // columns [1, 2, 3] (mean 2, std 1) and [0, 0, 3] (mean 1, std sqrt(3))
        Tensor z = tape.variable(3, 2, new double[] {1, 0, 2, 0, 3, 3});
        assertArrayEquals(new double[] {1, Math.sqrt(3)}, z.columnStd().values(), 1e-15);
        assertArrayEquals(new double[] {2, 1}, z.columnMean().values(), 1e-15);
        // covariance: var 1 and 3, cov ((-1)(-1) + 0(-1) + 1 * 2) / 2 = 1.5
        assertArrayEquals(new double[] {1, 1.5, 1.5, 3}, z.covariance().values(), 1e-15);
        assertEquals(Math.log(1 * 3 - 1.5 * 1.5), z.covariance().logdet().item(), 1e-14);
        assertArrayEquals(new double[] {1, 2, 3, 0, 0, 3}, z.transpose().values());
        assertArrayEquals(new double[] {1, 2, 6}, z.sum(1).values());
        assertEquals(9, z.sum().item());
        assertEquals(Math.log(2), Tensor.scalar(0).softplus().item(), 1e-15);
        assertEquals(800, Tensor.scalar(800).softplus().item(), 1e-12, "no overflow");
    }

    @Test
    void backwardAccumulatesThroughSharedNodes() {
        Tape tape = new Tape();
        Tensor x = tape.variable(1, 2, new double[] {2, 3});
        Tensor y = x.mul(x).add(x).sum(); // d/dx = 2x + 1
        tape.backward(y);
        assertArrayEquals(new double[] {5, 7}, x.gradient());
    }

    @Test
    void anExpressionOfConstantsHasZeroGradient() {
        Regularizer r = ExpressionRegularizer.of("constant", 1, z -> Tensor.scalar(4));
        INDArray g = Nd4j.zeros(DataType.DOUBLE, 2, 2);
        assertEquals(4, r.valueAndGradient(Nd4j.ones(DataType.DOUBLE, 2, 2), g, 1));
        assertEquals(0, g.sumNumber().doubleValue());
    }

    @Test
    void readsAndAccumulatesInFloat32() {
        Regularizer r = ExpressionRegularizer.of("half squares", 1, z -> z.square().sum().mul(0.5));
        INDArray z = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}});
        INDArray g = Nd4j.ones(DataType.FLOAT, 2, 2);
        assertEquals(15, r.valueAndGradient(z, g, 2), 1e-6);
        assertArrayEquals(new float[] {3, 5, 7, 9}, g.data().asFloat());
    }

    @Test
    void misuseIsAClearError() {
        Tape tape = new Tape();
        Tensor z = tape.variable(3, 2, new double[6]);
        assertEquals("Tensor: cannot broadcast 3 x 2 with 2 x 2 (the rows differ and neither is 1)",
                assertThrows(LvaException.class, () -> z.add(Tensor.eye(2))).getMessage());
        assertEquals("Tensor.matmul: 3 x 2 times 3 x 2 (inner sizes differ)",
                assertThrows(LvaException.class, () -> z.matmul(z)).getMessage());
        assertEquals("Tape.backward: the output must be a scalar (1 x 1), got 3 x 2; reduce it with sum() or mean()",
                assertThrows(LvaException.class, () -> tape.backward(z)).getMessage());
        assertEquals("Tensor.logdet: the 2 x 2 matrix is not positive definite (pivot 0 is 0.0); add a multiple of the "
                        + "identity, e.g. cov + eta^2 I",
                assertThrows(LvaException.class, () -> z.covariance().logdet()).getMessage());
        assertEquals("Tensor.logdet: the matrix is not symmetric (entry 1,0 is 3.0, entry 0,1 is 2.0)",
                assertThrows(LvaException.class, () -> Tensor.constant(2, 2, 1, 2, 3, 4).logdet()).getMessage());
        assertEquals("Tensor.columnStd needs at least 2 rows, got 1",
                assertThrows(LvaException.class, () -> tape.variable(1, 2, new double[2]).columnStd()).getMessage());
        Regularizer notScalar = ExpressionRegularizer.of("rows", 1, z2 -> z2.sum(1));
        assertEquals("rows: the expression must give a 1 x 1 tensor (reduce with sum() or mean()), got 3 x 1",
                assertThrows(LvaException.class, () -> notScalar.value(Nd4j.ones(DataType.DOUBLE, 3, 2))).getMessage());
        Regularizer needsTwo = ExpressionRegularizer.of("spread", 1, 2, Tensor::columnStd);
        assertEquals(2, needsTwo.minRows());
        assertEquals("spread needs at least 2 rows, got 1",
                assertThrows(LvaException.class, () -> needsTwo.value(Nd4j.ones(DataType.DOUBLE, 1, 2))).getMessage());
        assertEquals("spread: lambda must be >= 0 and finite, got -1.0",
                assertThrows(LvaException.class, () -> ExpressionRegularizer.of("spread", -1, Tensor::sum)).getMessage());
    }
}
