package org.example.lvaplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.Regularizer;
import dev.lva.api.check.GradientCheck;
import dev.lva.api.check.GradientChecker;
import dev.lva.api.plugin.OptionsException;
import dev.lva.api.plugin.Plugins;
import dev.lva.api.plugin.RegularizerProvider;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CovarianceVolumeTest {
    private final Plugins plugins = Plugins.discover(getClass().getClassLoader());

    @Test
    void passesLvasGradientCheck() {
        GradientChecker checker = GradientChecker.defaults();
        Regularizer r = plugins.create(RegularizerProvider.KIND, "cov-volume:lambda=0.5,eta=0.1");
        GradientCheck result = checker.checkRegularizer(r, checker.random(12, 4));
        assertTrue(result.passed(), result::toString);
        assertEquals(0.5, r.lambda());
        assertEquals(2, r.minRows());
    }

    @Test
    void isTheGeometricMeanOfThePrincipalSpreadsInAnyRotation() {
        // covariance diag(4, 1): spreads 2 and 1 along the axes
        INDArray z = Nd4j.createFromArray(new double[][] {{2, 1}, {-2, 1}, {2, -1}, {-2, -1}}).mul(Math.sqrt(3.0 / 4));
        Regularizer r = plugins.create(RegularizerProvider.KIND, "cov-volume:eta=0.001");
        double expected = Math.pow((4 + 1e-6) * (1 + 1e-6), 0.25);
        assertEquals(expected, r.value(z), 1e-12);
        double c = Math.cos(0.7);
        double s = Math.sin(0.7);
        assertEquals(expected, r.value(z.mmul(Nd4j.createFromArray(new double[][] {{c, -s}, {s, c}}))), 1e-12);
    }

    @Test
    void badOptionsAreClearErrors() {
        assertEquals("invalid options for cov-volume: eta must be > 0 (logdet of a singular covariance is -infinity), got 0.0",
                assertThrows(OptionsException.class, () -> plugins.create(RegularizerProvider.KIND, "cov-volume:eta=0"))
                        .getMessage());
    }
}
