package dev.lva.examples.run;

import dev.lva.api.StepLoss;
import dev.lva.api.TrainingListener;
import dev.lva.api.TrainingResult;
import dev.lva.api.TrainingRun;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar with the current loss on stderr, refreshed a few times a second. */
public final class ProgressListener implements TrainingListener {
    private final long totalSteps;
    private final PrintStream stream;
    private final long refreshEvery;
    private ProgressBar bar;

    public ProgressListener(long totalSteps, PrintStream stream) {
        this.totalSteps = totalSteps;
        this.stream = stream;
        this.refreshEvery = Math.max(1, totalSteps / 200);
    }

    @Override
    public void onStart(TrainingRun run) {
        bar = new ProgressBarBuilder().setTaskName("training").setInitialMax(totalSteps)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).setMaxRenderedLength(100)
                .setConsumer(new ConsoleProgressBarConsumer(stream)).showSpeed().setUnit(" steps", 1).build();
        bar.stepTo(run.step());
    }

    @Override
    public void onStep(TrainingRun run, StepLoss loss) {
        if (run.step() % refreshEvery == 0 || run.step() == totalSteps) {
            bar.stepTo(run.step());
            bar.setExtraMessage(String.format(java.util.Locale.ROOT, " loss %.4g", loss.total()));
        }
    }

    @Override
    public void onEnd(TrainingRun run, TrainingResult result) {
        if (bar != null) {
            bar.stepTo(run.step());
            bar.close();
        }
    }
}
