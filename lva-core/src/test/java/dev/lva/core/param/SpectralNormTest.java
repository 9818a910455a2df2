package dev.lva.core.param;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import dev.lva.api.StateDict;
import dev.lva.api.check.GradientCheck;
import dev.lva.api.check.GradientChecker;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.tensor.Rng;
import dev.lva.core.tensor.TorchGenerator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SpectralNormTest {

    private static INDArray randomWeight(DataType type, int rows, int cols, long seed) {
        Rng rng = new Rng(seed);
        INDArray w = Nd4j.create(type, rows, cols);
        for (int i = 0; i < w.length(); i++) {
            w.putScalar(i, rng.nextGaussian());
        }
        return w;
    }

    private static double largestSingularValue(INDArray w) {
        INDArray a = w.castTo(DataType.DOUBLE).dup('f');
        int k = (int) Math.min(a.rows(), a.columns());
        INDArray s = Nd4j.create(DataType.DOUBLE, k);
        Nd4j.getBlasWrapper().lapack().gesvd(a, s, null, null);
        return s.getDouble(0);
    }

    @Test
    void passesTheGradientCheck() {
        INDArray w = randomWeight(DataType.DOUBLE, 5, 3, 1);
        SpectralNorm sn = new SpectralNorm(Matrix.wrap(w), new TorchGenerator(2), 1, 15);
        GradientCheck r = GradientChecker.defaults().checkParametrization(sn, w);
        assertTrue(r.passed(), r::toString);
    }

    @Test
    void sigmaConvergesToTheLargestSingularValue() {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray w = randomWeight(type, 48, 48, 3);
            SpectralNorm sn = new SpectralNorm(Matrix.wrap(w), new TorchGenerator(4), 1, 15);
            INDArray out = Nd4j.create(type, 48, 48);
            for (int i = 0; i < 500; i++) {
                sn.forward(w, out, true);
            }
            double exact = largestSingularValue(w);
            assertEquals(exact, sn.sigma(), 1e-4 * exact, type + ": sigma vs SVD");
            assertEquals(1.0, largestSingularValue(out), 1e-4, type + ": normalized weight has spectral norm 1");
        }
    }

    @Test
    void evaluationModeLeavesTheStateAlone() {
        INDArray w = randomWeight(DataType.FLOAT, 6, 4, 5);
        SpectralNorm sn = new SpectralNorm(Matrix.wrap(w), new TorchGenerator(6), 1, 15);
        INDArray first = Nd4j.create(DataType.FLOAT, 6, 4);
        INDArray second = Nd4j.create(DataType.FLOAT, 6, 4);
        sn.forward(w, first, false);
        INDArray u = sn.u().array().dup();
        sn.forward(w, second, false);
        assertEquals(first, second, "eval mode: same weight on every call");
        assertEquals(u, sn.u().array(), "eval mode: no power iteration");
        sn.forward(w, second, true);
        assertTrue(!u.equals(sn.u().array()), "training mode runs one power iteration");
    }

    @Test
    void stateRoundTripsAndMismatchesAreReported() {
        INDArray w = randomWeight(DataType.DOUBLE, 4, 3, 7);
        SpectralNorm a = new SpectralNorm(Matrix.wrap(w), new TorchGenerator(8), 1, 15);
        SpectralNorm b = new SpectralNorm(Matrix.wrap(w), new TorchGenerator(9), 1, 0);
        b.loadState(a.state());
        INDArray outA = Nd4j.create(DataType.DOUBLE, 4, 3);
        INDArray outB = Nd4j.create(DataType.DOUBLE, 4, 3);
        a.forward(w, outA, true);
        b.forward(w, outB, true);
        assertEquals(outA, outB);

        StateDict wrongShape = new StateDict(1, Map.of("u", Nd4j.zeros(5), "v", Nd4j.zeros(3)), Map.of());
        assertEquals("spectral norm state has u of length 5 and v of length 3, the weight is 4 x 3",
                assertThrows(LvaException.class, () -> b.loadState(wrongShape)).getMessage());
        StateDict wrongVersion = new StateDict(2, a.state().arrays(), Map.of());
        assertEquals("spectral norm state has version 2, this build reads version 1",
                assertThrows(LvaException.class, () -> b.loadState(wrongVersion)).getMessage());
    }
}
