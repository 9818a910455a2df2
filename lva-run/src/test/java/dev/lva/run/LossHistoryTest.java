package dev.lva.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import dev.lva.api.Optimizer;
import dev.lva.api.StateDict;
import dev.lva.api.StepLoss;
import dev.lva.api.TrainableModel;
import dev.lva.api.TrainingRun;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The loss history a checkpoint carries: a resumed run's history continues the earlier one (its
 * points, the steps it resumed at, the seconds before), and stays within its arrays however long
 * the run grows.
 */
class LossHistoryTest {
    /** A run at a step; the history reads only the step. */
    static final class At implements TrainingRun {
        long step;

        At() {
        }

        At(long step) {
            this.step = step;
        }

        @Override
        public TrainableModel model() {
            return null;
        }

        @Override
        public Optimizer optimizer() {
            return null;
        }

        @Override
        public long step() {
            return step;
        }

        @Override
        public int epoch() {
            return (int) step;
        }

        @Override
        public void requestStop(String reason) {
        }
    }

    private static void train(LossHistory h, At run, long from, long to) {
        run.step = from;
        h.onStart(run);
        for (long s = from + 1; s <= to; s++) {
            run.step = s;
            h.onStep(run, StepLoss.of(1.0 / s, 0.5 / s));
        }
    }

    @Test
    void aResumedHistoryContinuesTheSavedOneAsAnUninterruptedOneWouldRecordIt() {
        LossHistory whole = new LossHistory(100, 10);
        train(whole, new At(), 0, 100);

        LossHistory first = new LossHistory(100, 10);
        train(first, new At(), 0, 40);
        StateDict saved = first.state();
        LossHistory resumed = new LossHistory(100, 10);
        resumed.loadState(saved);
        assertTrue(resumed.restored());
        train(resumed, new At(), 40, 100);

        assertArrayEquals(whole.steps(), resumed.steps());
        assertArrayEquals(whole.total(), resumed.total());
        assertEquals(1.0, resumed.steps()[0], "from step 1");
        assertArrayEquals(new long[] {40}, resumed.resumedAt());
        assertEquals(0, whole.resumedAt().length);
        assertEquals(saved.scalar("seconds", "test"), resumed.secondsBefore());
    }

    @Test
    void aHistoryResumedAfterItsEndStillNamesTheLastStepsLosses() {
        LossHistory first = new LossHistory(100, 10);
        train(first, new At(), 0, 100);
        LossHistory resumed = new LossHistory(100, 10);
        resumed.loadState(first.state());
        train(resumed, new At(), 100, 100); // no step: the run had already ended
        assertEquals(first.last(), resumed.last());
        assertEquals(0.015, resumed.last().total(), 1e-15);

        // a checkpoint written before the last step was kept reads as before: no last step
        StateDict old = first.state();
        java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> arrays = new java.util.LinkedHashMap<>(old.arrays());
        arrays.remove("last_step");
        LossHistory fromOld = new LossHistory(100, 10);
        fromOld.loadState(new StateDict(old.version(), arrays, old.scalars()));
        assertEquals(null, fromOld.last());
    }

    @Test
    void aRunThatGrowsPastItsPointsThinsThemInsteadOfDroppingTheEnd() {
        LossHistory h = new LossHistory(100, 10);
        train(h, new At(), 0, 1000); // ten times the steps it was sized for (a resume to more epochs)
        double[] steps = h.steps();
        assertTrue(steps.length <= 22, "at most 2 * maxPoints + 2 points: " + steps.length);
        assertEquals(1.0, steps[0]);
        assertTrue(steps[steps.length - 1] > 900, "the end of the run is kept: " + steps[steps.length - 1]);
        for (int i = 1; i < steps.length; i++) {
            assertTrue(steps[i] > steps[i - 1]);
        }
    }

    @Test
    void aStateWithMorePointsThanFitIsThinnedAndABadOneRefused() {
        LossHistory big = new LossHistory(1000, 400);
        train(big, new At(), 0, 1000);
        LossHistory small = new LossHistory(1000, 10);
        small.loadState(big.state());
        assertTrue(small.steps().length <= 11, "thinned to half its arrays: " + small.steps().length);
        assertEquals(1.0, small.steps()[0]);
        assertFalse(new LossHistory(10, 10).restored());
        assertThrows(LvaException.class, () -> small.loadState(new StateDict(1, Map.of(),
                Map.of("every", 0.0, "seconds", 1.0))));
        assertThrows(LvaException.class, () -> small.loadState(new StateDict(2, Map.of(),
                Map.of("every", 1.0, "seconds", 1.0))));
    }
}
