package dev.lva.run.sweep;

import java.util.List;
import java.util.Map;

/**
 * A started engine. It runs every task of a sweep, as many at a time as it has room for, and reports
 * back on the thread that called {@link #run}, so that the driver's bookkeeping needs no locks.
 */
public interface SweepExecutor extends AutoCloseable {

    /** What the driver hears while tasks run. */
    interface Events {
        /** A running task wrote a checkpoint (the driver keeps it, to resume the run after a crash). */
        void checkpoint(CheckpointBytes checkpoint);

        /** A task ended: trained, or failed for a reason of its own. */
        void finished(RunOutcome outcome);

        /** A task could not be run, after the engine's retries. */
        void error(String run, String message);
    }

    /** Where tasks run, for the log and the report ({@code Spark local[2]}). */
    String describe();

    /**
     * Runs the tasks and returns when every one has been reported.
     *
     * @param data  the sweep's data, by {@link SweepData#dataType()} name, sent once to each machine
     */
    void run(Map<String, SweepData> data, List<SweepTask> tasks, Events events) throws InterruptedException;

    /** Stops the engine (Spark's context, the thread pool); never throws. */
    @Override
    void close();
}
