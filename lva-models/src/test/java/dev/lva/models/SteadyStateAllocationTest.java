package dev.lva.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import dev.lva.api.StepLoss;
import dev.lva.api.TrainingData;
import dev.lva.api.TrainingListener;
import dev.lva.api.TrainingRun;
import dev.lva.core.optim.Adam;
import dev.lva.core.train.GradientTrainer;
import dev.lva.core.train.TrainerOptions;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Steady-state training allocates almost nothing on the heap: buffers are made once per batch
 * shape. One new INDArray per step costs well over a kilobyte of heap (the array, its data buffer,
 * shape information, the native pointer), so a bound of 1 KB per step catches one creeping back in.
 * Measured on the seed workload: about 100 bytes per step (the step's loss record).
 */
class SteadyStateAllocationTest {
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static double bytesPerStep(LeastVolumeAutoencoder model, TrainerOptions options, INDArray x, int warm) {
        long[] at = new long[2];
        long[] steps = new long[2];
        TrainingListener meter = new TrainingListener() {
            @Override
            public void onStep(TrainingRun run, StepLoss loss) {
                if (run.step() == warm) {
                    at[0] = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
                    steps[0] = run.step();
                }
                at[1] = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
                steps[1] = run.step();
            }
        };
        new GradientTrainer(options).fit(model, Adam.adam(1e-3), TrainingData.autoencoding(x), List.of(meter));
        return (double) (at[1] - at[0]) / (steps[1] - steps[0]);
    }

    @Test
    void fullBatchSeedWorkload() {
        INDArray x = CourseData.curve();
        LeastVolumeAutoencoder lvae = new LeastVolumeAutoencoder(LeastVolumeAutoencoder.Options.defaults(3, 3));
        double perStep = bytesPerStep(lvae, TrainerOptions.fullBatch(1500), x, 500);
        assertTrue(perStep < 1024, "heap bytes per step: " + perStep);
    }

    @Test
    void fullBatchWithAPruningPolicyAskedEveryStep() {
        // full batch: every step ends an epoch, so the model consults its pruning policy every step
        INDArray x = CourseData.sheet(200, 10, 4);
        LeastVolumeAutoencoder lvae = new LeastVolumeAutoencoder(new LeastVolumeAutoencoder.Options(10, 6,
                List.of(16), MLP.DEFAULT_ACTIVATION, "volume:lambda=0.01,eta=0.01", "lognorm:percentile=0.001", 0,
                0.9, false, Precision.FLOAT32, 0));
        double perStep = bytesPerStep(lvae, TrainerOptions.fullBatch(1500), x, 500);
        assertTrue(lvae.activeDimensions() > 1, "the policy kept being asked");
        assertTrue(perStep < 1024, "heap bytes per step: " + perStep);
    }

    @Test
    void twoBatchesPerEpochAlternatingInShape() {
        // 300 rows in batches of 200: a full and a partial batch, one after the other
        INDArray x = CourseData.sheet(300, 10, 5);
        LeastVolumeAutoencoder lvae = new LeastVolumeAutoencoder(new LeastVolumeAutoencoder.Options(10, 5,
                List.of(16), MLP.DEFAULT_ACTIVATION, "volume:lambda=0.01,eta=0.01", "none", 0, 0.9, false,
                Precision.FLOAT32, 0));
        double perStep = bytesPerStep(lvae, TrainerOptions.minibatch(500, 200, 2), x, 300);
        assertTrue(perStep < 1024, "heap bytes per step: " + perStep);
    }

    @Test
    void minibatchesWithAPartialLastBatch() {
        INDArray x = CourseData.sheet(1000, 10, 3);
        LeastVolumeAutoencoder lvae = new LeastVolumeAutoencoder(new LeastVolumeAutoencoder.Options(10, 5,
                List.of(32, 32), MLP.DEFAULT_ACTIVATION, "volume:lambda=0.01,eta=0.01", "plummet", 1000, 0.9, false,
                Precision.FLOAT32, 0));
        // 1000 rows in batches of 96: ten full batches and one of 40 every epoch; the shuffle is per epoch
        double perStep = bytesPerStep(lvae, TrainerOptions.minibatch(60, 96, 1), x, 220);
        assertTrue(perStep < 1024, "heap bytes per step: " + perStep);
    }

    @Test
    void onTwoThreadsNeitherTheTrainerNorTheEnginesWorkersAllocatePerStep() {
        // wide enough that products, activations and Adam are all cut over the two threads
        INDArray x = org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1024, 32);
        dev.lva.core.Engine.setThreads(2);
        try {
            long[] workers = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("lva-worker-")).mapToLong(Thread::getId).toArray();
            assertTrue(workers.length == 1, "one helper thread for two threads, found " + workers.length);
            long before = THREADS.getThreadAllocatedBytes(workers[0]);
            LeastVolumeAutoencoder lvae = new LeastVolumeAutoencoder(new LeastVolumeAutoencoder.Options(32, 8,
                    List.of(256, 256), MLP.DEFAULT_ACTIVATION, "volume:lambda=0.01,eta=0.01", "none", 0, 0.9, false,
                    Precision.FLOAT32, 0));
            // 1024 rows in batches of 256: 4 steps per epoch, 240 in all
            double perStep = bytesPerStep(lvae, TrainerOptions.minibatch(60, 256, 1), x, 80);
            double helperPerStep = (THREADS.getThreadAllocatedBytes(workers[0]) - before) / 240.0;
            assertTrue(perStep < 1024, "training thread heap bytes per step: " + perStep);
            // the helper's only allocation is its scratch block, once (~32 KB over 240 steps)
            assertTrue(helperPerStep < 1024, "helper thread heap bytes per step: " + helperPerStep);
        } finally {
            dev.lva.core.Engine.setThreads(1);
        }
    }
}
