package dev.lva.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.check.GradientCheck;
import dev.lva.api.plugin.OptionsException;
import dev.lva.core.nn.activation.Activation;
import dev.lva.core.nn.activation.Activations;
import dev.lva.core.tensor.Matrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class ActivationsTest {

    static java.util.List<String> names() {
        return Activations.NAMES;
    }

    @ParameterizedTest
    @MethodSource("names")
    void passesTheFloat64GradientCheck(String name) {
        for (GradientCheck r : LayerGradientCheck.defaults().check(Activations.create(name), 6, 5, 3)) {
            assertTrue(r.passed(), r::toString);
        }
    }

    @Test
    void thereAreFifteen() {
        assertEquals(15, Activations.NAMES.size());
        assertEquals(15, Activations.NAMES.stream().map(Activations::create).map(Activation::name).distinct().count());
    }

    @Test
    void valuesMatchPyTorchAtKnownPoints() {
        // values at x = -1.5 and 0.7 from PyTorch 1.13's torch.nn.functional in float64 (the defining formulas in
        // Python's math module give the same to 1e-15)
        double[][] expected = {
                {-1.5, 0.7}, // identity
                {0.0, 0.7}, // relu
                {0.18242552380635635, 0.6681877721681662}, // sigmoid
                {-0.9051482536448664, 0.6043677771171636}, // tanh
                {-0.015, 0.7}, // leaky-relu (0.01)
                {-0.7768698398515702, 0.7}, // elu
                {-0.10021080190328713, 0.5306254434438489}, // gelu (erf)
                {-0.2736382857095345, 0.46773144051771626}, // silu
                {0.2014132779827524, 1.103186048885458}, // softplus
                {-0.6, 0.4117647058823529}, // softsign
                {-1.0, 0.7}, // hardtanh
                {-0.375, 0.7}, // prelu (0.25)
                {-0.7768698398515702, 0.7}, // celu (1)
                {-1.3658143533672527, 0.7354906911488363}, // selu
                {-0.29809974216680674, 0.5611483776438518}, // mish
        };
        for (int i = 0; i < 15; i++) {
            Activation a = Activations.create(Activations.NAMES.get(i));
            Matrix x = Matrix.wrap(Nd4j.createFromArray(new double[][] {{-1.5, 0.7}}));
            Matrix y = a.forward(x, false);
            assertEquals(expected[i][0], y.get(0), 1e-12, a.name());
            assertEquals(expected[i][1], y.get(1), 1e-12, a.name());
        }
    }

    @Test
    void leakyReluFloatPathEqualsTheGenericOne() {
        Activation a = Activations.create("leaky-relu:slope=0.2");
        Matrix x = Matrix.wrap(Nd4j.createFromArray(new float[][] {{-2f, 0f, 3f}}));
        Matrix y = a.forward(x, true);
        assertEquals(-0.4f, (float) y.get(0));
        assertEquals(0f, (float) y.get(1));
        assertEquals(3f, (float) y.get(2));
        Matrix g = a.backward(Matrix.wrap(Nd4j.ones(DataType.FLOAT, 1, 3)), true);
        assertEquals(0.2f, (float) g.get(0));
        assertEquals(0.2f, (float) g.get(1), "PyTorch's slope at 0");
        assertEquals(1f, (float) g.get(2));
    }

    @Test
    void badSpecsAreReported() {
        assertEquals("unknown activation 'relu6'; known activations: " + String.join(", ", Activations.NAMES),
                assertThrows(OptionsException.class, () -> Activations.create("relu6")).getMessage());
        assertEquals("activation relu has no option 'slope'",
                assertThrows(OptionsException.class, () -> Activations.create("relu:slope=1")).getMessage());
        assertEquals("option 'slope' of activation leaky-relu expects a number, got 'x'",
                assertThrows(OptionsException.class, () -> Activations.create("leaky-relu:slope=x")).getMessage());
    }
}
