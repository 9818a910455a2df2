package dev.lva.bench;

import dev.lva.api.Regularizer;
import dev.lva.api.plugin.Plugins;
import dev.lva.api.plugin.RegularizerProvider;
import dev.lva.core.Engine;
import dev.lva.core.optim.Adam;
import dev.lva.models.AutoEncoder;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Whole conv-workload training steps with the volume penalty written in different ways, alternated in one
 * JVM so that a busy machine's drift falls on all of them alike: each round takes {@code steps} steps of
 * every penalty, one step of each in turn (the order rotating from step to step), and the ratio of each
 * penalty's time to the first's is taken per round; the minimum and median over the rounds are what to read.
 * Wall-clock and the thread's CPU time are both given (the latter moves less with a busy machine's load). The models start from the same weights
 * and train on one fixed batch of 100 random images (a step's cost does not depend on the pixels).
 * Arguments: rounds, steps a round, engine threads, then the penalty names (default {@code volume
 * volume-expression volume-dense}), each given the workload's {@code lambda=0.001,eta=0.01}.
 * Run with {@code mvn -B -pl lva-bench -am -Pconv-penalties -DskipTests verify}.
 */
public final class ConvPenaltySteps {
    private static final int WARMUP_STEPS = 10;
    /**
     * The calling thread's CPU time besides the wall clock: with one engine thread the whole step runs on it
     * (OpenBLAS and ND4J's pool at one thread), and CPU time hardly moves with the other processes' load.
     */
    private static final java.lang.management.ThreadMXBean CLOCK = java.lang.management.ManagementFactory.getThreadMXBean();

    private ConvPenaltySteps() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        List<String> names = args.length > 3 ? List.of(args).subList(3, args.length)
                : List.of("volume", "volume-expression", "volume-dense");
        Nd4j.getBackend();
        Engine.setThreads(threads);
        Plugins plugins = Plugins.discover();
        int k = names.size();
        AutoEncoder[] models = new AutoEncoder[k];
        Adam[] optimizers = new Adam[k];
        for (int i = 0; i < k; i++) {
            Regularizer penalty = plugins.create(RegularizerProvider.KIND,
                    names.get(i) + ":lambda=" + ConvBenchModel.LAMBDA + ",eta=0.01");
            models[i] = ConvBenchModel.build(penalty, 0);
            optimizers[i] = new Adam(1e-4, 0.9, 0.99, 1e-8, 0, false);
        }
        Nd4j.getRandom().setSeed(0);
        INDArray batch = Nd4j.rand(DataType.FLOAT, ConvBenchModel.BATCH, ConvBenchModel.IMAGE.size());
        for (int s = 0; s < WARMUP_STEPS; s++) {
            for (int i = 0; i < k; i++) {
                step(models[i], optimizers[i], batch);
            }
        }
        double[][] ms = new double[k][rounds];
        double[][] ratio = new double[k][rounds];
        double[][] cpu = new double[k][rounds];
        double[][] cpuRatio = new double[k][rounds];
        System.out.printf(Locale.ROOT, "conv workload, batch %d, %d engine thread(s), %d steps a penalty a round;"
                + " ms per step, ratio to %s%n", ConvBenchModel.BATCH, threads, steps, names.get(0));
        for (int r = 0; r < rounds; r++) {
            // step by step, the order rotating: load that comes and goes within a round falls on each alike
            long[] nanos = new long[k];
            long[] cpuNanos = new long[k];
            for (int s = 0; s < steps; s++) {
                for (int j = 0; j < k; j++) {
                    int i = (s + j) % k;
                    long c0 = CLOCK.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    step(models[i], optimizers[i], batch);
                    nanos[i] += System.nanoTime() - t0;
                    cpuNanos[i] += CLOCK.getCurrentThreadCpuTime() - c0;
                }
            }
            for (int i = 0; i < k; i++) {
                ms[i][r] = nanos[i] / 1e6 / steps;
                cpu[i][r] = cpuNanos[i] / 1e6 / steps;
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %d:", r + 1));
            for (int i = 0; i < k; i++) {
                ratio[i][r] = ms[i][r] / ms[0][r];
                cpuRatio[i][r] = cpu[i][r] / cpu[0][r];
                line.append(String.format(Locale.ROOT, "  %s %.2f ms, cpu %.2f ms", names.get(i), ms[i][r], cpu[i][r]));
                if (i > 0) {
                    line.append(String.format(Locale.ROOT, " (ratio %.4f, cpu %.4f)", ratio[i][r], cpuRatio[i][r]));
                }
            }
            System.out.println(line);
        }
        for (int i = 0; i < k; i++) {
            System.out.printf(Locale.ROOT, "%-20s ms per step: min %.2f, median %.2f", names.get(i), min(ms[i]),
                    median(ms[i]));
            System.out.printf(Locale.ROOT, " (cpu: min %.2f, median %.2f)", min(cpu[i]), median(cpu[i]));
            if (i > 0) {
                System.out.printf(Locale.ROOT, "; ratio to %s: min %.4f, median %.4f, max %.4f (cpu: min %.4f, median"
                        + " %.4f, max %.4f)", names.get(0), min(ratio[i]), median(ratio[i]), max(ratio[i]),
                        min(cpuRatio[i]), median(cpuRatio[i]), max(cpuRatio[i]));
            }
            System.out.println();
        }
    }

    /** One training step, as the trainer takes it: gradients of loss and penalty, then Adam's update. */
    private static void step(AutoEncoder model, Adam adam, INDArray batch) {
        model.computeGradients(batch, batch);
        adam.step(model.parameters(), model.gradients());
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
