package dev.lva.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import dev.lva.api.check.GradientCheck;
import dev.lva.core.nn.activation.Activations;
import dev.lva.core.param.SpectralNorm;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.tensor.TorchGenerator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LinearTest {

    @Test
    void passesTheGradientCheckWithAndWithoutBias() {
        for (Layer layer : new Layer[] {new Linear(4, 3), new Linear(4, 3, false, null)}) {
            for (GradientCheck r : LayerGradientCheck.defaults().check(layer, 5, 4, 1)) {
                assertTrue(r.passed(), r::toString);
            }
        }
    }

    @Test
    void spectrallyNormalizedLinearPassesTheGradientCheck() {
        for (GradientCheck r : LayerGradientCheck.defaults().check(new Linear(4, 6, true, SpectralNorm.factory()),
                5, 4, 2)) {
            assertTrue(r.passed(), r::toString);
        }
    }

    @Test
    void sequentialPassesTheGradientCheck() {
        Sequential net = new Sequential(new Linear(3, 5), Activations.create("tanh"),
                new Linear(5, 4, true, SpectralNorm.factory()), Activations.create("prelu"), new Linear(4, 2));
        for (GradientCheck r : LayerGradientCheck.defaults().check(net, 7, 3, 5)) {
            assertTrue(r.passed(), r::toString);
        }
    }

    @Test
    void computesXWtPlusBAndInitialisesLikePyTorch() {
        Linear linear = new Linear(2, 3);
        ParameterBuffer p = ParameterBuffer.allocate(DataType.DOUBLE, Map.of("fc", linear));
        assertEquals(9, p.size());
        assertEquals("fc.weight", p.entries().get(0).name());
        assertEquals("fc.bias", p.entries().get(1).name());
        linear.initialize(new TorchGenerator(0));
        double bound = 1 / Math.sqrt(2);
        for (int i = 0; i < 9; i++) {
            double v = p.values().getDouble(i);
            assertTrue(Math.abs(v) <= bound, "init within +-1/sqrt(fan_in): " + v);
        }
        INDArray x = Nd4j.createFromArray(new double[][] {{1, 2}, {-1, 0.5}});
        Matrix y = linear.forward(Matrix.wrap(x), true);
        INDArray w = linear.weight().array();
        INDArray expected = x.mmul(w.transpose()).addRowVector(linear.bias().array());
        assertTrue(expected.equalsWithEps(y.array(), 1e-12));
    }

    @Test
    void wrongInputWidthIsNamed() {
        Linear linear = new Linear(3, 2);
        ParameterBuffer.allocate(DataType.FLOAT, Map.of("fc", linear));
        LvaException e = assertThrows(LvaException.class,
                () -> linear.forward(Matrix.zeros(DataType.FLOAT, 4, 5), true));
        assertEquals("Linear(3 -> 2) expects 3 input columns, got 5", e.getMessage());
    }

    @Test
    void buffersAreReusedForARepeatedBatchSize() {
        Linear linear = new Linear(3, 2);
        ParameterBuffer.allocate(DataType.FLOAT, Map.of("fc", linear));
        linear.initialize(new TorchGenerator(1));
        Matrix a = Matrix.zeros(DataType.FLOAT, 4, 3);
        Matrix b = Matrix.zeros(DataType.FLOAT, 7, 3);
        Matrix first = linear.forward(a, true);
        Matrix other = linear.forward(b, true);
        assertTrue(first == linear.forward(a, true), "same batch size, same output buffer");
        assertTrue(other == linear.forward(b, true));
    }
}
