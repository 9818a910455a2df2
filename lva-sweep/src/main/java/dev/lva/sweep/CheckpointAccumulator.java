package dev.lva.sweep;

import dev.lva.run.sweep.CheckpointBytes;
import org.apache.spark.util.AccumulatorV2;

/**
 * The newest checkpoint of one running grid point. Spark sends a running task's accumulators to the
 * driver with every executor heartbeat, so this is how checkpoints reach the driver while the run
 * still trains: no shared disk, no channel of our own. The value is one immutable object behind a
 * volatile field, since the heartbeat thread reads it while the task's watcher replaces it.
 */
final class CheckpointAccumulator extends AccumulatorV2<CheckpointBytes, CheckpointBytes> {
    private volatile CheckpointBytes latest;

    @Override
    public boolean isZero() {
        return latest == null;
    }

    @Override
    public AccumulatorV2<CheckpointBytes, CheckpointBytes> copy() {
        CheckpointAccumulator c = new CheckpointAccumulator();
        c.latest = latest;
        return c;
    }

    @Override
    public void reset() {
        latest = null;
    }

    @Override
    public void add(CheckpointBytes v) {
        CheckpointBytes now = latest;
        if (v != null && (now == null || v.step() > now.step())) {
            latest = v;
        }
    }

    @Override
    public void merge(AccumulatorV2<CheckpointBytes, CheckpointBytes> other) {
        add(other.value());
    }

    @Override
    public CheckpointBytes value() {
        return latest;
    }
}
