package dev.lva.run;

/**
 * Where a run shows how far its long tasks (training, the analysis, writing codes) have come. The
 * library draws nothing itself: the {@code lva} command passes a bar on the terminal, a research
 * program may log, or pass {@link #NONE}.
 */
@FunctionalInterface
public interface RunProgress {
    /** Shows nothing. */
    RunProgress NONE = (task, unit, total, start) -> Task.SILENT;

    /**
     * Starts showing one task.
     *
     * @param task  what runs ("training", "analysis")
     * @param unit  what is counted ("steps", "rows")
     * @param total how many there are in all
     * @param start how many were done before (a resumed run's steps)
     */
    Task open(String task, String unit, long total, long start);

    /** One task's display. */
    interface Task extends AutoCloseable {
        /** Shows nothing. */
        Task SILENT = new Task() {
            @Override
            public void update(long done, String note) {
            }

            @Override
            public void total(long total) {
            }

            @Override
            public void close() {
            }
        };

        /** @param note a short note after the count (the loss), or null */
        void update(long done, String note);

        /** The total changed (the analysis learns its row count as it goes). */
        void total(long total);

        @Override
        void close();
    }
}
