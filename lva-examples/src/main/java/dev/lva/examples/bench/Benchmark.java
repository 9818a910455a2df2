package dev.lva.examples.bench;

import dev.lva.api.TrainingListener;
import dev.lva.core.train.GradientTrainer;
import dev.lva.core.train.TrainerOptions;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Runs a workload: a short warm-up on a throw-away model for the JIT, then the timed run from the seed. */
public final class Benchmark {
    private final long seed;
    private final int chunks;
    private double firstStepUptime = Double.NaN;

    /**
     * Seconds from the JVM's start to the end of the first training step this process took: the cold
     * start a user waits through before training begins (JVM, ND4J's natives, data, model).
     */
    public double firstStepUptimeSeconds() {
        return firstStepUptime;
    }

    private final TrainingListener firstStep = new TrainingListener() {
        @Override
        public void onStep(dev.lva.api.TrainingRun run, dev.lva.api.StepLoss loss) {
            if (Double.isNaN(firstStepUptime)) {
                firstStepUptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
            }
        }
    };

    public Benchmark(long seed, int chunks) {
        this.seed = seed;
        this.chunks = chunks;
    }

    /**
     * @param length       steps (full batch) or epochs (minibatch); 0 for the workload's standard length
     * @param warmupLength the same unit, for the throw-away warm-up run; 0 for none
     */
    public BenchResult run(Workload workload, int length, int warmupLength) {
        if (warmupLength > 0) {
            Workload.Setup warm = workload.setup(seed + 1, warmupLength);
            new GradientTrainer(warm.trainer()).fit(warm.model(), warm.optimizer(), warm.data(), List.of(firstStep));
            // the throw-away model's native buffers go now, not in the middle of the timed run
            System.gc();
        }
        Workload.Setup s = workload.setup(seed, length == 0 ? workload.defaultLength() : length);
        ChunkTimer timer = new ChunkTimer(s.steps(), chunks);
        List<TrainingListener> listeners = List.of(timer, firstStep);
        long t0 = System.nanoTime();
        new GradientTrainer(s.trainer()).fit(s.model(), s.optimizer(), s.data(), listeners);
        double seconds = (System.nanoTime() - t0) / 1e9;
        INDArray x = s.data().inputs();
        s.model().setTraining(false);
        // in chunks of rows, as the reference does: a whole image data set in one pass would need GBs
        int rows = (int) x.size(0);
        INDArray flat = x.rank() == 2 ? x : x.reshape('c', rows, x.length() / rows);
        double recSum = 0;
        List<INDArray> codes = new java.util.ArrayList<>();
        // the training batch: the layers' buffers for it exist already
        int step = s.trainer().batchSize() > 0 ? s.trainer().batchSize() : rows;
        for (int from = 0; from < rows; from += step) {
            int to = Math.min(rows, from + step);
            INDArray part = flat.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            recSum += s.model().reconstructionLoss(part) * (to - from);
            codes.add(s.model().encode(part));
        }
        double rec = recSum / rows;
        double[] stds = Nd4j.concat(0, codes.toArray(new INDArray[0])).std(0).toDoubleVector();
        Arrays.sort(stds);
        double[] desc = new double[stds.length];
        for (int i = 0; i < stds.length; i++) {
            desc[i] = stds[stds.length - 1 - i];
        }
        int above = (int) Arrays.stream(desc).filter(v -> v > 0.01 * desc[0]).count();
        double[] chunkMs = timer.chunkMillisPerStep();
        double[] sorted = chunkMs.clone();
        Arrays.sort(sorted);
        double median = sorted.length == 0 ? seconds * 1e3 / s.steps()
                : sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        TrainerOptions t = s.trainer();
        double samples = (double) rows * t.epochs();
        return new BenchResult(workload.label(), s.steps(), rows, seconds, median,
                sorted.length == 0 ? median : sorted[0], sorted.length == 0 ? median : sorted[sorted.length - 1],
                samples / seconds, timer.allocatedBytesPerStep(), rec, desc, above, chunkMs);
    }
}
