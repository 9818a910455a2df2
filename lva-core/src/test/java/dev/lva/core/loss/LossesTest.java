package dev.lva.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.Loss;
import dev.lva.api.LvaException;
import dev.lva.api.check.GradientCheck;
import dev.lva.api.check.GradientChecker;
import dev.lva.api.plugin.LossProvider;
import dev.lva.api.plugin.Plugins;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LossesTest {
    private final GradientChecker checker = GradientChecker.defaults();
    private final INDArray p = Nd4j.createFromArray(new double[][] {{0.2, 0.9}, {0.6, 0.1}});
    private final INDArray t = Nd4j.createFromArray(new double[][] {{0.0, 1.0}, {1.0, 0.5}});

    @Test
    void valuesMatchHandComputedOnes() {
        assertEquals((0.04 + 0.01 + 0.16 + 0.16) / 4, new MseLoss().value(p, t), 1e-15);
        assertEquals((0.2 + 0.1 + 0.4 + 0.4) / 4, new L1Loss().value(p, t), 1e-15);
        double bce = -(Math.log(0.8) + Math.log(0.9) + Math.log(0.6) + 0.5 * Math.log(0.1) + 0.5 * Math.log(0.9)) / 4;
        assertEquals(bce, new BceLoss().value(p, t), 1e-15);
    }

    @Test
    void gradientsPassTheCheck() {
        for (Loss loss : new Loss[] {new MseLoss(), new L1Loss(), new BceLoss()}) {
            INDArray pred = checker.random(4, 3);
            INDArray target = checker.random(4, 3);
            if (loss instanceof BceLoss) {
                pred = org.nd4j.linalg.ops.transforms.Transforms.sigmoid(pred, true);
                target = org.nd4j.linalg.ops.transforms.Transforms.sigmoid(target, true);
            }
            GradientCheck r = checker.checkLoss(loss, pred, target);
            assertTrue(r.passed(), r::toString);
        }
    }

    @Test
    void mseFloatPathMatchesDoublePath() {
        INDArray pf = p.castTo(DataType.FLOAT);
        INDArray tf = t.castTo(DataType.FLOAT);
        INDArray gf = Nd4j.create(DataType.FLOAT, 2, 2);
        INDArray gd = Nd4j.create(DataType.DOUBLE, 2, 2);
        double vf = new MseLoss().valueAndGradient(pf, tf, gf);
        double vd = new MseLoss().valueAndGradient(p, t, gd);
        assertEquals(vd, vf, 1e-7);
        assertTrue(gd.castTo(DataType.FLOAT).equalsWithEps(gf, 1e-7));
    }

    @Test
    void shapeMismatchIsNamed() {
        LvaException e = assertThrows(LvaException.class,
                () -> new MseLoss().value(p, Nd4j.zeros(DataType.DOUBLE, 2, 3)));
        assertEquals("MseLoss: prediction has shape [2, 2] but target has [2, 3]", e.getMessage());
    }

    @Test
    void lossesAreFoundByName() {
        Plugins plugins = Plugins.discover(getClass().getClassLoader());
        assertEquals(java.util.List.of("bce", "l1", "mse"), plugins.registry(LossProvider.KIND).names());
        assertTrue(plugins.create(LossProvider.KIND, "mse") instanceof MseLoss);
    }
}
