package dev.lva.models.checkpoint;

import dev.lva.api.StepLoss;
import dev.lva.api.TrainingData;
import dev.lva.api.TrainingListener;
import dev.lva.api.TrainingRun;
import dev.lva.core.checkpoint.CheckpointFolder;
import dev.lva.core.checkpoint.CheckpointListener;
import dev.lva.core.checkpoint.Extras;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The process {@link KillTest} kills: it resumes from the newest checkpoint in a folder (or starts
 * afresh), prints {@code ready <step>} once it trains, and then trains on, writing a checkpoint
 * after every step and keeping the last three, until it is killed.
 *
 * <p>Arguments: the checkpoint folder.
 */
public final class KillTarget {
    private KillTarget() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        Optional<Path> latest = new CheckpointFolder(dir).latest();
        RunState run = latest.isPresent() ? Checkpoints.load(latest.get(), TestRuns.PLUGINS)
                : Checkpoints.start(TestRuns.lvae(1_000_000), Extras.empty(), TestRuns.PLUGINS);
        CheckpointListener saver = Checkpoints.listener(CheckpointListener.Options.everySteps(dir, 1), run,
                TestRuns.PLUGINS);
        TrainingListener ready = new TrainingListener() {
            private boolean said;

            @Override
            public void onStep(TrainingRun r, StepLoss loss) {
                if (!said) {
                    System.out.println("ready " + r.step());
                    System.out.flush();
                    said = true;
                }
            }
        };
        run.fit(TrainingData.autoencoding(TestRuns.curve(60)), List.of(saver, ready));
    }
}
