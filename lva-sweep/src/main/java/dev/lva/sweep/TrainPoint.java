package dev.lva.sweep;

import dev.lva.run.sweep.PointTrainer;
import dev.lva.run.sweep.RunOutcome;
import dev.lva.run.sweep.SweepData;
import dev.lva.run.sweep.SweepTask;
import java.util.Map;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * The Spark task of one grid point: the data from the broadcast, the training through
 * {@link PointTrainer} (the same code path as {@code lva fit}), checkpoints into the accumulator
 * that heartbeats carry to the driver, and the run's files as the task's result.
 */
final class TrainPoint implements Function<SweepTask, RunOutcome> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<Map<String, SweepData>> data;
    private final CheckpointAccumulator checkpoints;

    TrainPoint(Broadcast<Map<String, SweepData>> data, CheckpointAccumulator checkpoints) {
        this.data = data;
        this.checkpoints = checkpoints;
    }

    @Override
    public RunOutcome call(SweepTask task) {
        SweepData rows = data.value().get(task.dataKey());
        return PointTrainer.train(task, rows, checkpoints::add);
    }
}
