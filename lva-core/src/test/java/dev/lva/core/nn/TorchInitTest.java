package dev.lva.core.nn;

import dev.lva.core.param.SpectralNorm;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.tensor.TorchGenerator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Initialisation against what PyTorch 1.13 draws for the same seed (stored in
 * {@code torch/init-values.json}, made by {@code torch/make_init_values.py}): float64 bit for bit.
 */
class TorchInitTest {

    @Test
    void float64LinearWeightsAndNormalDrawsAreBitForBitPyTorchs() {
        TorchGenerator rng = new TorchGenerator(0);
        Linear linear = new Linear(48, 48);
        ParameterBuffer.allocate(DataType.DOUBLE, Map.of("fc", linear));
        linear.initialize(rng);
        TorchValues.assertExact("f64.linear48.weight", linear.weight());
        TorchValues.assertExact("f64.linear48.bias", linear.bias());
        // where spectral_norm draws u and v: PyTorch's block Box-Muller in double (16 or more entries)
        for (String name : new String[] {"f64.normal48.u", "f64.normal48.v"}) {
            Matrix m = Matrix.zeros(DataType.DOUBLE, 1, 48);
            rng.fillNormal(m);
            TorchValues.assertExact(name, m);
        }
        Matrix ragged = Matrix.zeros(DataType.DOUBLE, 1, 20);
        rng.fillNormal(ragged);
        TorchValues.assertExact("f64.normal20", ragged);
        // under 16 entries: one double at a time, the second of each pair cached
        Matrix few = Matrix.zeros(DataType.DOUBLE, 1, 5);
        rng.fillNormal(few);
        TorchValues.assertExact("f64.normal5", few);
    }

    @Test
    void aLongFloat64NormalDrawIsPyTorchsByteForByte() throws Exception {
        Matrix m = Matrix.zeros(DataType.DOUBLE, 1, 4099);
        new TorchGenerator(11).fillNormal(m);
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(8 * 4099).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < m.length(); i++) {
            bytes.putDouble(m.get(i));
        }
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(bytes.array());
        org.junit.jupiter.api.Assertions.assertEquals(TorchValues.sha256("f64.normal4099"),
                java.util.HexFormat.of().formatHex(digest));
    }

    /** fan_in 3: kaiming_uniform_(a=sqrt(5))'s bound is 1 ulp below 1/sqrt(3) in double. */
    @Test
    void float64LinearBoundIsKaimingsToTheLastBit() {
        Linear linear = new Linear(3, 4);
        ParameterBuffer.allocate(DataType.DOUBLE, Map.of("fc", linear));
        linear.initialize(new TorchGenerator(1));
        TorchValues.assertExact("f64.linear3.weight", linear.weight());
        TorchValues.assertExact("f64.linear3.bias", linear.bias());
    }

    @Test
    void float64SpectralNormStartsWherePyTorchsDoes() {
        Linear linear = new Linear(48, 48, true, SpectralNorm.factory());
        ParameterBuffer.allocate(DataType.DOUBLE, Map.of("fc", linear));
        linear.initialize(new TorchGenerator(0));
        SpectralNorm sn = (SpectralNorm) linear.parametrization();
        // 16 power iterations later, u and v agree to the rounding of the products
        TorchValues.assertClose("f64.sn48._u", sn.u(), 1e-13);
        TorchValues.assertClose("f64.sn48._v", sn.v(), 1e-13);
    }
}
