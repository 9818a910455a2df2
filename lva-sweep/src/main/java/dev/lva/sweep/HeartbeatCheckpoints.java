package dev.lva.sweep;

import dev.lva.run.sweep.CheckpointBytes;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import scala.Tuple4;
import scala.collection.Iterator;
import scala.collection.Seq;

/**
 * On the driver: picks the checkpoints out of the accumulator updates that executor heartbeats bring
 * (see {@link CheckpointAccumulator}) and queues them for the sweep's thread; counts the executors
 * that joined, so that a cluster without room for the runs is reported instead of waited on.
 */
final class HeartbeatCheckpoints extends SparkListener {
    private final BlockingQueue<CheckpointBytes> queue;
    private final AtomicInteger executors = new AtomicInteger();

    HeartbeatCheckpoints(BlockingQueue<CheckpointBytes> queue) {
        this.queue = queue;
    }

    int executors() {
        return executors.get();
    }

    @Override
    public void onExecutorAdded(SparkListenerExecutorAdded added) {
        executors.incrementAndGet();
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        Iterator<Tuple4<Object, Object, Object, Seq<AccumulableInfo>>> tasks = update.accumUpdates().iterator();
        while (tasks.hasNext()) {
            Iterator<AccumulableInfo> infos = tasks.next()._4().iterator();
            while (infos.hasNext()) {
                AccumulableInfo info = infos.next();
                if (info.update().isDefined() && info.update().get() instanceof CheckpointBytes c) {
                    queue.add(c);
                }
            }
        }
    }
}
