package dev.lva.examples.run;

import dev.lva.models.LatentAnalysis;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr for a step that is not training (the latent analysis, writing codes),
 * shown only once the step has run for a second: a small data set's steps stay silent, a large one's
 * never look hung.
 */
public final class TaskProgress implements LatentAnalysis.Progress, AutoCloseable {
    private static final long QUIET_NANOS = 1_000_000_000L;

    private final String task;
    private final String unit;
    private final PrintStream stream;
    private final long start = System.nanoTime();
    private ProgressBar bar;

    /** @param stream where the bar goes, or null for none */
    public TaskProgress(String task, String unit, PrintStream stream) {
        this.task = task;
        this.unit = unit;
        this.stream = stream;
    }

    @Override
    public void update(long done, long total) {
        if (bar == null) {
            if (stream == null || System.nanoTime() - start < QUIET_NANOS) {
                return;
            }
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250).setMaxRenderedLength(100)
                    .setConsumer(new ConsoleProgressBarConsumer(stream)).showSpeed().setUnit(" " + unit, 1).build();
        }
        bar.maxHint(total);
        bar.stepTo(done);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
