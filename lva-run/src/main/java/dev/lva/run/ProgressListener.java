package dev.lva.run;

import dev.lva.api.StepLoss;
import dev.lva.api.TrainingListener;
import dev.lva.api.TrainingResult;
import dev.lva.api.TrainingRun;
import java.util.Locale;

/**
 * Training's progress with the current loss on stderr ({@link RunProgress}: a bar on a terminal,
 * a plain line every few seconds into a file). The display hears a step at least every 0.5% of the
 * run and every 200 ms, so a slow step's run still moves and a fast one costs nothing.
 */
public final class ProgressListener implements TrainingListener {
    private static final long REFRESH_NANOS = 200_000_000L;
    private final long totalSteps;
    private final RunProgress stream;
    private final long refreshEvery;
    private RunProgress.Task display;
    private long lastNanos;

    public ProgressListener(long totalSteps, RunProgress stream) {
        this.totalSteps = totalSteps;
        this.stream = stream;
        this.refreshEvery = Math.max(1, totalSteps / 200);
    }

    @Override
    public void onStart(TrainingRun run) {
        display = stream.open("training", "steps", totalSteps, run.step());
        lastNanos = System.nanoTime();
    }

    @Override
    public void onStep(TrainingRun run, StepLoss loss) {
        long now = System.nanoTime();
        if (run.step() % refreshEvery == 0 || run.step() == totalSteps || now - lastNanos >= REFRESH_NANOS) {
            lastNanos = now;
            display.update(run.step(), String.format(Locale.ROOT, "loss %.4g", loss.total()));
        }
    }

    @Override
    public void onEnd(TrainingRun run, TrainingResult result) {
        if (display != null) {
            display.update(run.step(), result.lastLoss().isFinite()
                    ? String.format(Locale.ROOT, "loss %.4g", result.lastLoss().total()) : null);
            display.close();
        }
    }
}
