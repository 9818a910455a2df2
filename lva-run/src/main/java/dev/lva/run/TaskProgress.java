package dev.lva.run;

import dev.lva.models.LatentAnalysis;

/**
 * Progress on stderr for a step that is not training (the latent analysis, writing codes), shown
 * only once the step has run for a second: a small data set's steps stay silent, a large one's never
 * look hung. A bar on a terminal, plain lines into a file ({@link RunProgress}).
 */
public final class TaskProgress implements LatentAnalysis.Progress, AutoCloseable {
    private static final long QUIET_NANOS = 1_000_000_000L;

    private final String task;
    private final String unit;
    private final RunProgress stream;
    private final long start = System.nanoTime();
    private RunProgress.Task display;

    /** @param stream where the progress goes, or null for none */
    public TaskProgress(String task, String unit, RunProgress stream) {
        this.task = task;
        this.unit = unit;
        this.stream = stream;
    }

    @Override
    public void update(long done, long total) {
        if (display == null) {
            if (stream == null || System.nanoTime() - start < QUIET_NANOS) {
                return;
            }
            display = stream.open(task, unit, total, 0);
        }
        display.total(total);
        display.update(done, null);
    }

    @Override
    public void close() {
        if (display != null) {
            display.close();
        }
    }
}
