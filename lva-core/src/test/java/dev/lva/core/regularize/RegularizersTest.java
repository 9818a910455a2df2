package dev.lva.core.regularize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import dev.lva.api.Regularizer;
import dev.lva.api.check.GradientCheck;
import dev.lva.api.check.GradientChecker;
import dev.lva.api.plugin.OptionsException;
import dev.lva.api.plugin.Plugins;
import dev.lva.api.plugin.RegularizerProvider;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RegularizersTest {
    private final GradientChecker checker = GradientChecker.defaults();

    @Test
    void volumeMatchesAHandComputedValue() {
        // columns: [1, 2, 3] has std 1; [0, 0, 3] has mean 1 and std sqrt((1 + 1 + 4) / 2) = sqrt(3)
        INDArray z = Nd4j.createFromArray(new double[][] {{1, 0}, {2, 0}, {3, 3}});
        double eta = 0.01;
        double expected = Math.exp((Math.log(1 + eta) + Math.log(Math.sqrt(3) + eta)) / 2);
        assertEquals(expected, new VolumeRegularizer(1, eta).value(z), 1e-14);
        assertEquals(Math.sqrt((1 + eta) * (Math.sqrt(3) + eta)), expected, 1e-14, "a geometric mean");
    }

    @Test
    void baselinesMatchHandComputedValues() {
        INDArray z = Nd4j.createFromArray(new double[][] {{1, -2}, {3, 0}});
        assertEquals((Math.sqrt(2) + Math.sqrt(2)) / 2, new L1StdRegularizer(1).value(z), 1e-14);
        assertEquals(6.0 / 4, new LassoRegularizer(1).value(z), 1e-14);
        assertEquals((Math.log(2) + Math.log(5) + Math.log(10) + 0) / 4, new StudentTRegularizer(1).value(z), 1e-14);
        assertEquals(0.5 * 14, new L2WeightRegularizer(1).value(z), 1e-14);
    }

    @Test
    void everyRegularizerPassesTheGradientCheck() {
        List<Regularizer> all = List.of(new VolumeRegularizer(0.01, 0.01), new VolumeRegularizer(1, 0.5),
                new L1StdRegularizer(1), new LassoRegularizer(1), new StudentTRegularizer(1), new L2WeightRegularizer(1));
        for (Regularizer r : all) {
            GradientCheck check = checker.checkRegularizer(r, checker.random(9, 4));
            assertTrue(check.passed(), check::toString);
        }
    }

    @Test
    void floatAndDoubleAgree() {
        INDArray z = checker.random(20, 3);
        VolumeRegularizer v = new VolumeRegularizer(1, 0.01);
        INDArray gd = Nd4j.zeros(DataType.DOUBLE, 20, 3);
        INDArray gf = Nd4j.zeros(DataType.FLOAT, 20, 3);
        double vd = v.valueAndGradient(z, gd, 1);
        double vf = new VolumeRegularizer(1, 0.01).valueAndGradient(z.castTo(DataType.FLOAT), gf, 1);
        assertEquals(vd, vf, 1e-6);
        assertTrue(gd.castTo(DataType.FLOAT).equalsWithEps(gf, 1e-6));
    }

    @Test
    void aConstantColumnGetsZeroGradientNotNaN() {
        INDArray z = Nd4j.createFromArray(new double[][] {{1, 5}, {2, 5}, {4, 5}});
        INDArray g = Nd4j.zeros(DataType.DOUBLE, 3, 2);
        double value = new VolumeRegularizer(1, 0.01).valueAndGradient(z, g, 1);
        assertTrue(Double.isFinite(value));
        assertEquals(0.0, g.getColumn(1).amaxNumber().doubleValue());
        assertTrue(g.getColumn(0).amaxNumber().doubleValue() > 0);
    }

    @Test
    void badOptionsAndInputsAreClearErrors() {
        Plugins plugins = Plugins.discover(getClass().getClassLoader());
        assertEquals(List.of("l1-std", "l2", "lasso", "student-t", "volume"),
                plugins.registry(RegularizerProvider.KIND).names());
        Regularizer v = plugins.create(RegularizerProvider.KIND, "volume:lambda=0.5,eta=0.1");
        assertEquals(0.5, v.lambda());
        assertEquals(0.1, ((VolumeRegularizer) v).eta());
        assertEquals("invalid options for volume: eta must be > 0 (log(std + eta) needs it), got 0.0",
                assertThrows(OptionsException.class,
                        () -> plugins.create(RegularizerProvider.KIND, "volume:eta=0")).getMessage());
        assertEquals("invalid options for volume: lambda must be >= 0, got -1.0",
                assertThrows(OptionsException.class,
                        () -> plugins.create(RegularizerProvider.KIND, "volume:lambda=-1")).getMessage());
        assertEquals("volume penalty needs at least 2 rows for a standard deviation, got 1",
                assertThrows(LvaException.class,
                        () -> new VolumeRegularizer(1, 0.01).value(Nd4j.ones(DataType.DOUBLE, 1, 3))).getMessage());
    }
}
