package org.example.lvaplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.Regularizer;
import dev.lva.api.check.GradientCheck;
import dev.lva.api.check.GradientChecker;
import dev.lva.api.plugin.Plugins;
import dev.lva.api.plugin.RegularizerProvider;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class HoyerRegularizerTest {

    @Test
    void passesLvasGradientCheck() {
        GradientChecker checker = GradientChecker.defaults();
        GradientCheck result = checker.checkRegularizer(new HoyerRegularizer(0.5), checker.random(12, 4));
        assertTrue(result.passed(), result::toString);
    }

    @Test
    void isOneForASingleSpreadAndRootDForEqualSpreads() {
        INDArray one = Nd4j.createFromArray(new double[][] {{1, 5}, {2, 5}, {3, 5}});
        assertEquals(1.0, new HoyerRegularizer(1).value(one), 1e-12);
        INDArray equal = Nd4j.createFromArray(new double[][] {{1, 4}, {2, 5}, {3, 6}});
        assertEquals(Math.sqrt(2), new HoyerRegularizer(1).value(equal), 1e-12);
        assertEquals(new HoyerRegularizer(1).value(equal), new HoyerRegularizer(1).value(equal.mul(7)), 1e-12,
                "scale invariant");
    }

    @Test
    void agreesWithTheSameFormulaInPlainNd4jOpsInBothPrecisions() {
        INDArray z = GradientChecker.defaults().random(30, 5);
        INDArray s = z.std(true, 0);
        double a = s.sumNumber().doubleValue();
        double b = s.norm2Number().doubleValue();
        // dH/dz = (1/B - A s / B^3) / ((N - 1) s) * (z - mean), column by column
        INDArray perColumn = s.mul(-a / (b * b * b)).addi(1 / b).divi(s.mul(29));
        INDArray expected = z.subRowVector(z.mean(0)).muliRowVector(perColumn);
        INDArray g = Nd4j.zeros(z.dataType(), 30, 5);
        assertEquals(a / b, new HoyerRegularizer(1).valueAndGradient(z, g, 1), 1e-12);
        assertTrue(g.equalsWithEps(expected, 1e-12), "float64 gradient");
        INDArray gf = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 30, 5);
        new HoyerRegularizer(1).valueAndGradient(z.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT), gf, 1);
        assertTrue(gf.castTo(z.dataType()).equalsWithEps(expected, 1e-5), "float32 gradient");
        assertEquals(2, new HoyerRegularizer(1).minRows());
    }

    @Test
    void isFoundByNameThroughItsServicesFile() {
        Regularizer r = Plugins.discover(getClass().getClassLoader()).create(RegularizerProvider.KIND,
                "hoyer:lambda=0.2");
        assertTrue(r instanceof HoyerRegularizer);
        assertEquals(0.2, r.lambda());
    }
}
