package dev.lva.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.Optimizer;
import dev.lva.api.plugin.OptimizerProvider;
import dev.lva.api.plugin.Plugins;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class OptimizersTest {

    /** PyTorch's Adam/AdamW update written out for one scalar, step by step. */
    private static double[] referenceAdam(double theta, double[] grads, double lr, double wd, boolean decoupled) {
        double m = 0;
        double v = 0;
        double[] out = new double[grads.length];
        for (int t = 1; t <= grads.length; t++) {
            if (decoupled) {
                theta *= 1 - lr * wd;
            }
            double g = grads[t - 1] + (decoupled ? 0 : wd * theta);
            m = 0.9 * m + 0.1 * g;
            v = 0.999 * v + 0.001 * g * g;
            double denom = Math.sqrt(v) / Math.sqrt(1 - Math.pow(0.999, t)) + 1e-8;
            theta -= lr / (1 - Math.pow(0.9, t)) * m / denom;
            out[t - 1] = theta;
        }
        return out;
    }

    private static void check(Optimizer opt, double lr, double wd, boolean decoupled) {
        double[] grads = {0.5, -0.2, 0.05};
        INDArray p = Nd4j.createFromArray(new double[] {1.5});
        double[] expected = referenceAdam(1.5, grads, lr, wd, decoupled);
        for (int t = 0; t < grads.length; t++) {
            opt.step(p, Nd4j.createFromArray(new double[] {grads[t]}));
            assertEquals(expected[t], p.getDouble(0), 1e-14, "step " + (t + 1));
        }
        assertEquals(3, opt.iterations());
    }

    @Test
    void adamAndAdamWFollowPyTorch() {
        check(Adam.adam(0.1), 0.1, 0, false);
        check(new Adam(0.1, 0.9, 0.999, 1e-8, 0.05, false), 0.1, 0.05, false);
        check(Adam.adamW(0.1, 0.05), 0.1, 0.05, true);
    }

    @Test
    void sgdWithMomentumFollowsPyTorch() {
        Sgd sgd = new Sgd(0.1, 0.9, 0, false, 0);
        INDArray p = Nd4j.createFromArray(new double[] {1.0});
        sgd.step(p, Nd4j.createFromArray(new double[] {2.0}));
        assertEquals(1.0 - 0.1 * 2.0, p.getDouble(0), 1e-15, "the buffer starts as the gradient");
        sgd.step(p, Nd4j.createFromArray(new double[] {1.0}));
        assertEquals(0.8 - 0.1 * (0.9 * 2.0 + 1.0), p.getDouble(0), 1e-15);

        Sgd nesterov = new Sgd(0.1, 0.9, 0, true, 0);
        INDArray q = Nd4j.createFromArray(new double[] {1.0});
        nesterov.step(q, Nd4j.createFromArray(new double[] {2.0}));
        assertEquals(1.0 - 0.1 * (2.0 + 0.9 * 2.0), q.getDouble(0), 1e-15);
    }

    @Test
    void floatAdamMatchesDoubleAdam() {
        INDArray pd = Nd4j.linspace(-1, 1, 50, DataType.DOUBLE);
        INDArray pf = pd.castTo(DataType.FLOAT);
        Adam a = Adam.adam(0.01);
        Adam b = Adam.adam(0.01);
        for (int i = 0; i < 20; i++) {
            INDArray g = pd.mul(pd).sub(0.3);
            a.step(pd, g);
            b.step(pf, g.castTo(DataType.FLOAT));
        }
        assertTrue(pd.castTo(DataType.FLOAT).equalsWithEps(pf, 1e-5));
    }

    @Test
    void stateRoundTripContinuesExactly() {
        INDArray p1 = Nd4j.linspace(-1, 1, 10, DataType.FLOAT);
        INDArray p2 = p1.dup();
        Adam a = Adam.adam(0.05);
        INDArray g = Nd4j.linspace(1, 2, 10, DataType.FLOAT);
        a.step(p1, g);
        p2.assign(p1);
        Adam b = Adam.adam(0.05);
        b.loadState(a.state());
        a.step(p1, g);
        b.step(p2, g);
        assertEquals(p1, p2);
        assertEquals(2, b.iterations());
    }

    @Test
    void optimizersAreFoundByNameWithPyTorchDefaults() {
        Plugins plugins = Plugins.discover(getClass().getClassLoader());
        assertEquals(java.util.List.of("adam", "adamw", "sgd"), plugins.registry(OptimizerProvider.KIND).names());
        Optimizer o = plugins.create(OptimizerProvider.KIND, "adamw:lr=0.01");
        assertEquals(0.01, o.learningRate());
        assertEquals(1e-2, plugins.provider(OptimizerProvider.KIND, "adamw").defaultOptions() instanceof Optimizers.AdamOptions a
                ? a.weightDecay() : -1);
    }

    @Test
    void invalidOptionsNameTheOptionAndItsValue() {
        Plugins plugins = Plugins.discover(getClass().getClassLoader());
        assertEquals("invalid options for sgd: momentum must be a finite number >= 0, got NaN",
                org.junit.jupiter.api.Assertions.assertThrows(dev.lva.api.LvaException.class,
                        () -> plugins.create(OptimizerProvider.KIND, "sgd:momentum=NaN")).getMessage());
        // an infinite rate was accepted and turned every parameter into NaN at the second step
        assertEquals("invalid options for adam: lr must be a finite number > 0, got Infinity",
                org.junit.jupiter.api.Assertions.assertThrows(dev.lva.api.LvaException.class,
                        () -> plugins.create(OptimizerProvider.KIND, "adam:lr=Infinity")).getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(dev.lva.api.LvaException.class,
                () -> Adam.adam(Double.POSITIVE_INFINITY));
        org.junit.jupiter.api.Assertions.assertThrows(dev.lva.api.LvaException.class,
                () -> Sgd.plain(Double.POSITIVE_INFINITY));
    }
}
