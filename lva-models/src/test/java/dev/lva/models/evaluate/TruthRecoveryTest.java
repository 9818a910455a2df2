package dev.lva.models.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import dev.lva.core.loss.MseLoss;
import dev.lva.core.nn.Linear;
import dev.lva.core.nn.Sequential;
import dev.lva.core.tensor.Rng;
import dev.lva.models.AutoEncoder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TruthRecoveryTest {

    @Test
    void aLinearFunctionOfTheCodeIsRecoveredAndNoiseIsNot() {
        Rng rng = new Rng(3);
        int n = 200;
        INDArray codes = Nd4j.create(DataType.DOUBLE, n, 2);
        double[][] truth = new double[n][3];
        for (int i = 0; i < n; i++) {
            double a = rng.nextGaussian();
            double b = rng.nextGaussian();
            codes.putScalar(i, 0, a);
            codes.putScalar(i, 1, b);
            truth[i][0] = 2 * a - b + 3;
            truth[i][1] = a * a;
            truth[i][2] = rng.nextGaussian();
        }
        HeldOutSplit split = HeldOutSplit.of(n, 0.25, 1, 10_000, 10_000);
        TruthRecovery r = TruthRecovery.of(codes, truth, List.of("linear", "square", "noise"), split, 5);
        assertEquals(1, r.r2()[0], 1e-12);
        assertTrue(r.r2()[1] < 0.2, "a square is no line: " + r.r2()[1]);
        assertTrue(r.r2()[2] < 0.1, "noise: " + r.r2()[2]);
        // the neighbours see through the bend of a^2, and find nothing in noise
        assertTrue(r.knnR2()[1] > 0.8, "a square by its neighbours: " + r.knnR2()[1]);
        assertTrue(r.knnR2()[0] > 0.9, "a line by its neighbours: " + r.knnR2()[0]);
        assertTrue(r.knnR2()[2] < 0.1, "noise by its neighbours: " + r.knnR2()[2]);
        assertEquals(5, r.k());
        assertEquals(150, r.trainRows());
        assertEquals(50, r.testRows());
        assertEquals(2, r.dimensions());
        // without kept dimensions, the intercept alone: R^2 at most about 0 on held-out rows
        TruthRecovery none = TruthRecovery.of(null, truth, List.of("linear", "square", "noise"), split, 5);
        assertTrue(none.r2()[0] <= 0.05, "no code: " + none.r2()[0]);
        assertTrue(Double.isNaN(none.knnR2()[0]), "no code, no neighbours");
        assertThrows(LvaException.class, () -> TruthRecovery.of(codes, truth, List.of("one"), split, 5));
    }

    @Test
    void aRunEvaluationReportsTheRecoveryOfEachParameter() {
        Rng rng = new Rng(8);
        int n = 120;
        INDArray x = Nd4j.create(DataType.DOUBLE, n, 3);
        double[][] truth = new double[n][2];
        for (int i = 0; i < n; i++) {
            double a = rng.uniform(-1, 1);
            double b = rng.uniform(-1, 1);
            x.putScalar(i, 0, a);
            x.putScalar(i, 1, a + b);
            x.putScalar(i, 2, 1e-4 * rng.nextGaussian());
            truth[i][0] = a;
            truth[i][1] = b;
        }
        Linear enc = new Linear(3, 3);
        Linear dec = new Linear(3, 3);
        AutoEncoder m = new AutoEncoder(new Sequential(enc), new Sequential(dec), 3, new MseLoss(), null,
                DataType.DOUBLE, 0);
        for (Linear l : new Linear[] {enc, dec}) {
            l.weight().array().assign(Nd4j.eye(3).castTo(DataType.DOUBLE));
            l.bias().array().assign(0);
        }
        RunEvaluation e = RunEvaluation.of(m, x, RunEvaluation.Inputs.none().withTruth(truth, List.of("a", "b")));
        assertArrayEquals(new int[] {0, 1}, e.kept(), "the third column explains nothing");
        assertEquals(1, e.recovery().r2()[0], 1e-9);
        assertEquals(1, e.recovery().r2()[1], 1e-9);
        assertNull(e.downstream());
        Map<?, ?> r2 = (Map<?, ?>) e.toMap().get("truth_r2");
        assertEquals(e.recovery().r2()[1], r2.get("b"));
    }
}
