package dev.lva.models.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.StepLoss;
import dev.lva.api.TrainingData;
import dev.lva.api.TrainingListener;
import dev.lva.api.TrainingResult;
import dev.lva.api.TrainingRun;
import dev.lva.core.checkpoint.CheckpointFolder;
import dev.lva.core.checkpoint.CheckpointListener;
import dev.lva.core.checkpoint.Extras;
import dev.lva.core.checkpoint.TrainingSetup;
import dev.lva.core.train.Convergence;
import dev.lva.models.LeastVolumeAutoencoder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A run that stops on convergence, interrupted and resumed from a checkpoint, stops where it would have. */
class ConvergenceResumeTest {
    /** 60 rows in batches of 16: 4 steps an epoch. */
    private static final int EPOCHS = 400;
    private static final Convergence.Options RULE = Convergence.Options.stopping(0.05, 10);

    @TempDir
    Path dir;

    private static float[] bits(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    private static TrainingListener stopAt(long step) {
        return new TrainingListener() {
            @Override
            public void onStep(TrainingRun run, StepLoss loss) {
                if (run.step() == step) {
                    run.requestStop("stop at " + step);
                }
            }
        };
    }

    private static Convergence rule(RunState run) {
        return ((LeastVolumeAutoencoder) run.model()).convergence(RULE);
    }

    @Test
    void aResumedRunConvergesAtTheSameEpochWithTheSameParameters() {
        TrainingData data = TrainingData.autoencoding(TestRuns.curve(60));
        TrainingSetup setup = TestRuns.lvae(EPOCHS);

        RunState straight = Checkpoints.start(setup, Extras.empty(), TestRuns.PLUGINS);
        Convergence straightRule = rule(straight);
        TrainingResult all = straight.fit(data, List.of(straightRule));
        Convergence.Verdict v = straightRule.verdict();
        assertTrue(v.converged(), v::toString);
        assertEquals(TrainingResult.StopReason.REQUESTED, all.stopReason());
        assertTrue(all.message().startsWith("converged at epoch " + v.convergedAt()), all.message());
        assertEquals(v.convergedAt(), all.epochs(), "it stops at the end of the epoch it converged in");
        assertTrue(all.epochs() < EPOCHS && all.epochs() > 2 * RULE.effectiveWindow(), all.toString());

        // the same run stopped in the middle of an epoch before it converged, checkpointed, and resumed
        long stop = 4L * (all.epochs() - 5) + 2;
        RunState first = Checkpoints.start(setup, Extras.empty(), TestRuns.PLUGINS);
        Convergence firstRule = rule(first);
        CheckpointListener saver = Checkpoints.listener(new CheckpointListener.Options(dir, 0, 0, 1, true), first,
                TestRuns.PLUGINS, List.of(firstRule));
        first.fit(data, List.of(firstRule, stopAt(stop), saver));
        Path checkpoint = new CheckpointFolder(dir).latest().orElseThrow();
        assertEquals(stop, CheckpointFolder.stepOf(checkpoint));

        RunState resumed = Checkpoints.load(checkpoint, TestRuns.PLUGINS);
        Convergence resumedRule = rule(resumed);
        assertTrue(resumed.restore(resumedRule), "the checkpoint keeps the rule's state");
        TrainingResult rest = resumed.fit(data, List.of(resumedRule));
        assertEquals(all.steps(), rest.steps());
        assertEquals(v.convergedAt(), resumedRule.verdict().convergedAt());
        assertEquals(v.lossChange(), resumedRule.verdict().lossChange());
        assertArrayEquals(bits(straight.model().parameters()), bits(resumed.model().parameters()));

        // without its state the rule starts measuring again and stops later: the state is what makes it exact
        RunState forgetful = Checkpoints.load(checkpoint, TestRuns.PLUGINS);
        TrainingResult late = forgetful.fit(data, List.of(rule(forgetful)));
        assertTrue(late.steps() > all.steps(), late + " against " + all);
    }

    @Test
    void aConvergedRunResumedWithItsRuleTakesNoStep() {
        TrainingData data = TrainingData.autoencoding(TestRuns.curve(60));
        RunState run = Checkpoints.start(TestRuns.lvae(EPOCHS), Extras.empty(), TestRuns.PLUGINS);
        Convergence r = rule(run);
        CheckpointListener saver = Checkpoints.listener(new CheckpointListener.Options(dir, 0, 0, 1, true), run,
                TestRuns.PLUGINS, List.of(r));
        TrainingResult done = run.fit(data, List.of(r, saver));
        assertTrue(r.verdict().converged());

        RunState again = Checkpoints.load(new CheckpointFolder(dir).latest().orElseThrow(), TestRuns.PLUGINS);
        Convergence restored = rule(again);
        assertTrue(again.restore(restored));
        float[] before = bits(again.model().parameters());
        TrainingResult nothing = again.fit(data, List.of(restored));
        assertEquals(done.steps(), nothing.steps(), "no step taken");
        assertTrue(nothing.message().startsWith("converged before this run started"), nothing.message());
        assertArrayEquals(before, bits(again.model().parameters()));

        // a tighter tolerance continues the run
        RunState tighter = Checkpoints.load(new CheckpointFolder(dir).latest().orElseThrow(), TestRuns.PLUGINS);
        Convergence strict = ((LeastVolumeAutoencoder) tighter.model()).convergence(
                Convergence.Options.stopping(1e-9, RULE.window()));
        assertTrue(tighter.restore(strict));
        TrainingResult more = tighter.fit(data, List.of(strict));
        assertEquals(4L * EPOCHS, more.steps(), "trains to the cap");
        assertFalse(strict.verdict().converged());
    }
}
