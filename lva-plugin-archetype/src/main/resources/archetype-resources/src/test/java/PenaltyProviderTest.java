package ${package};

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

class PenaltyProviderTest {
    private final Plugins plugins = Plugins.discover(getClass().getClassLoader());

    @Test
    void lvaFindsItByNameThroughItsServiceFile() {
        Regularizer r = plugins.create(RegularizerProvider.KIND, "${penaltyName}:lambda=0.5");
        assertEquals(0.5, r.lambda());
    }

    @Test
    void passesLvasFloat64GradientCheck() {
        GradientChecker checker = GradientChecker.defaults();
        Regularizer r = plugins.create(RegularizerProvider.KIND, "${penaltyName}:lambda=0.5,eta=0.1");
        GradientCheck result = checker.checkRegularizer(r, checker.random(12, 4));
        assertTrue(result.passed(), result::toString);
    }

    @Test
    void aBadOptionIsRefusedByName() {
        String m = assertThrows(OptionsException.class,
                () -> plugins.create(RegularizerProvider.KIND, "${penaltyName}:eta=0")).getMessage();
        assertTrue(m.contains("eta must be > 0"), m);
    }
}
