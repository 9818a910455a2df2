package dev.lva.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.Optimizer;
import dev.lva.api.StateDict;
import dev.lva.api.TrainableModel;
import dev.lva.api.TrainingRun;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The stopping rule on made-up runs whose answer is known. */
class ConvergenceTest {

    /** A run as the rule sees it: which epoch it is at, and whether something asked it to stop. */
    private static final class FakeRun implements TrainingRun {
        int epoch;
        String stop;

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
            return epoch;
        }

        @Override
        public int epoch() {
            return epoch;
        }

        @Override
        public void requestStop(String reason) {
            stop = reason;
        }
    }

    /** Feeds epochs {@code from} (inclusive) to {@code to} (exclusive); returns the epoch count at a stop, or -1. */
    private static long feed(Convergence rule, FakeRun run, int from, int to, IntToDoubleFunction loss) {
        for (int e = from; e < to; e++) {
            run.epoch = e + 1;
            rule.onEpochEnd(run, e, loss.applyAsDouble(e));
            if (run.stop != null) {
                return e + 1L;
            }
        }
        return -1;
    }

    /** A loss that settles by epoch ~250: 1 + exp(-e / 50). */
    private static double settling(int e) {
        return 1 + Math.exp(-e / 50.0);
    }

    /**
     * Stds 10 and 5 that hold, and a third that shrinks from 3 by half every 140 epochs: relative to the
     * largest it moves by more than 1% a window of 100 epochs until epoch ~490.
     */
    private static final IntFunction<double[]> LATE_COLLAPSE = e -> new double[] {3 * Math.exp(-e / 200.0), 10, 5};

    @Test
    void aDimensionStillCollapsingKeepsTheRunGoingAfterTheLossHasSettled() {
        FakeRun lossRun = new FakeRun();
        Convergence lossOnly = new Convergence(Convergence.Options.stopping(0.01, 100), Convergence.LOSS_ONLY);
        long byLoss = feed(lossOnly, lossRun, 0, 3000, ConvergenceTest::settling);
        assertTrue(byLoss > 200 && byLoss < 500, "the loss alone settles by " + byLoss);

        FakeRun run = new FakeRun();
        Convergence rule = new Convergence(Convergence.Options.stopping(0.01, 100), r -> LATE_COLLAPSE.apply(r.epoch()));
        long stopped = feed(rule, run, 0, 3000, ConvergenceTest::settling);
        assertTrue(stopped > 490, "the third std moves until ~490; stopped at " + stopped);
        assertEquals(stopped, rule.verdict().convergedAt());
        assertTrue(run.stop.startsWith("converged at epoch " + stopped + ": from one window to the next"), run.stop);
        Convergence.Verdict v = rule.verdict();
        assertTrue(v.converged() && v.measured());
        assertTrue(v.lossChange() <= 0.01 && v.spectrumChange() <= 0.01, v.toString());
        assertEquals(10, v.spectrum()[0], 1e-9, "the spectrum is sorted, largest first");
        assertEquals(3, v.spectrum().length);
    }

    @Test
    void theVerdictOfAnUnsettledRunCarriesTheEvidence() {
        FakeRun run = new FakeRun();
        Convergence rule = new Convergence(Convergence.Options.stopping(0.01, 100), r -> LATE_COLLAPSE.apply(r.epoch()));
        assertEquals(-1, feed(rule, run, 0, 400, ConvergenceTest::settling));
        Convergence.Verdict v = rule.verdict();
        assertTrue(v.measured());
        assertFalse(v.converged());
        assertEquals(-1, v.convergedAt());
        assertTrue(v.spectrumChange() > 0.02, "the third std fell by 3% of the largest: " + v.spectrumChange());
        // the medians of the last window and the one before, largest first
        assertTrue(v.spectrum()[2] < v.spectrumBefore()[2], v.toString());
        assertNull(run.stop);
    }

    @Test
    void mediansIgnoreSpikesAndNoise() {
        // a flat loss with 5% noise and a tenfold spike every 7th epoch (Adam's), stds flat with noise
        IntToDoubleFunction noisy = e -> (e % 7 == 3 ? 10 : 1) * (1 + 0.05 * Math.sin(e * 12.9898));
        FakeRun run = new FakeRun();
        Convergence rule = new Convergence(Convergence.Options.stopping(0.01, 50),
                r -> new double[] {2 + 0.01 * Math.sin(r.epoch()), 1});
        long stopped = feed(rule, run, 0, 1000, noisy);
        assertTrue(stopped > 0 && stopped <= 200, "stopped at " + stopped);
    }

    @Test
    void measuringOnlyNeverStopsAndToleranceZeroNeverConverges() {
        FakeRun run = new FakeRun();
        Convergence measuring = new Convergence(Convergence.Options.measuring(0.01, 100), Convergence.LOSS_ONLY);
        assertEquals(-1, feed(measuring, run, 0, 1000, ConvergenceTest::settling));
        assertTrue(measuring.verdict().converged());
        assertTrue(measuring.verdict().convergedAt() > 200);

        Convergence never = new Convergence(Convergence.Options.stopping(0, 100), Convergence.LOSS_ONLY);
        assertEquals(-1, feed(never, new FakeRun(), 0, 1000, e -> 1.0));
        assertFalse(never.verdict().converged());
        assertEquals(0, never.verdict().lossChange(), "measured, just never within a tolerance of 0");
    }

    @Test
    void aShortRunIsNotMeasured() {
        Convergence rule = new Convergence(Convergence.Options.stopping(0.01, 100), Convergence.LOSS_ONLY);
        feed(rule, new FakeRun(), 0, 150, e -> 1.0);
        Convergence.Verdict v = rule.verdict();
        assertFalse(v.measured());
        assertFalse(v.converged());
        assertTrue(Double.isNaN(v.lossChange()));
        assertTrue(v.evidence("stds").contains("fewer than two windows of 100 epochs"), v.evidence("stds"));
    }

    @Test
    void windowsAreWholeTenths() {
        assertEquals(100, Convergence.Options.stopping(0.01, 100).effectiveWindow());
        assertEquals(16, Convergence.Options.stopping(0.01, 15).effectiveWindow(), "8 blocks of 2");
        assertEquals(7, Convergence.Options.stopping(0.01, 7).effectiveWindow());
        assertThrows(IllegalArgumentException.class, () -> Convergence.Options.stopping(-1, 100));
        assertThrows(IllegalArgumentException.class, () -> Convergence.Options.stopping(Double.NaN, 100));
        assertThrows(IllegalArgumentException.class, () -> Convergence.Options.stopping(0.01, 0));
    }

    @Test
    void itsStateContinuesARunExactly() {
        IntFunction<double[]> spectrum = LATE_COLLAPSE;
        Convergence straight = new Convergence(Convergence.Options.stopping(0.01, 100), r -> spectrum.apply(r.epoch()));
        long uninterrupted = feed(straight, new FakeRun(), 0, 3000, ConvergenceTest::settling);

        for (int cut : new int[] {5, 333, 487}) {
            Convergence first = new Convergence(Convergence.Options.stopping(0.01, 100), r -> spectrum.apply(r.epoch()));
            assertEquals(-1, feed(first, new FakeRun(), 0, cut, ConvergenceTest::settling));
            StateDict saved = first.state();
            saved.scalars().values().forEach(x -> assertTrue(Double.isFinite(x), "a checkpoint holds finite numbers"));
            Convergence second = new Convergence(Convergence.Options.stopping(0.01, 100), r -> spectrum.apply(r.epoch()));
            second.loadState(saved);
            long resumed = feed(second, new FakeRun(), cut, 3000, ConvergenceTest::settling);
            assertEquals(uninterrupted, resumed, "cut at " + cut);
            assertEquals(straight.verdict().lossChange(), second.verdict().lossChange());
            assertEquals(straight.verdict().spectrumChange(), second.verdict().spectrumChange());
        }
    }

    @Test
    void aStateOfAnotherWindowIsNotContinued() {
        Convergence first = new Convergence(Convergence.Options.stopping(0.01, 100), Convergence.LOSS_ONLY);
        feed(first, new FakeRun(), 0, 500, ConvergenceTest::settling);
        Convergence other = new Convergence(Convergence.Options.stopping(0.01, 50), Convergence.LOSS_ONLY);
        other.loadState(first.state());
        assertEquals(0, other.verdict().epochs(), "starts measuring again");
    }

    @Test
    void aConvergedStateStopsTheNextRunAtItsStart() {
        Convergence first = new Convergence(Convergence.Options.stopping(0.01, 100), Convergence.LOSS_ONLY);
        long at = feed(first, new FakeRun(), 0, 3000, ConvergenceTest::settling);
        assertTrue(at > 0);
        Convergence again = new Convergence(Convergence.Options.stopping(0.01, 100), Convergence.LOSS_ONLY);
        again.loadState(first.state());
        FakeRun run = new FakeRun();
        again.onStart(run);
        assertTrue(run.stop != null && run.stop.startsWith("converged before this run started"), run.stop);

        Convergence stricter = new Convergence(Convergence.Options.stopping(1e-12, 100), Convergence.LOSS_ONLY);
        stricter.loadState(first.state());
        FakeRun more = new FakeRun();
        stricter.onStart(more);
        assertNull(more.stop, "a tighter tolerance trains on");
    }
}
