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
    void isFoundByNameThroughItsServicesFile() {
        Regularizer r = Plugins.discover(getClass().getClassLoader()).create(RegularizerProvider.KIND,
                "hoyer:lambda=0.2");
        assertTrue(r instanceof HoyerRegularizer);
        assertEquals(0.2, r.lambda());
    }
}
