package dev.lva.bench;

import dev.lva.core.Engine;
import dev.lva.core.loss.MseLoss;
import dev.lva.core.nn.Layer;
import dev.lva.core.nn.Sequential;
import dev.lva.core.optim.Adam;
import dev.lva.core.regularize.VolumeRegularizer;
import dev.lva.core.tensor.Matrix;
import dev.lva.models.AutoEncoder;
import dev.lva.models.LeastVolumeAutoencoder;
import dev.lva.models.MLP;
import dev.lva.models.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where a training step's time goes: the workload's least-volume autoencoder driven layer by layer
 * (the same calls {@code computeGradients} makes), each forward and backward timed, averaged over
 * 300 steps after 100 of warm-up (30 after 10 for conv). Arguments: {@code seed|scale|conv} and the
 * engine's thread count.
 * A profile, not a benchmark: the per-layer clocks add a little time of their own.
 */
public final class StepProfile {
    private StepProfile() {
    }

    public static void main(String[] args) {
        String workload = args.length > 0 ? args[0] : "scale";
        boolean seed = workload.equals("seed");
        boolean conv = workload.equals("conv");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Engine.setThreads(threads);
        int in = seed ? 3 : conv ? 1024 : 32;
        int width = seed ? 48 : 256;
        int batch = seed || conv ? 100 : 256;
        AutoEncoder model = conv ? ConvBenchModel.build(new VolumeRegularizer(ConvBenchModel.LAMBDA, 0.01), 0)
                : new LeastVolumeAutoencoder(new LeastVolumeAutoencoder.Options(in, seed ? 3 : 32,
                List.of(width, width, width, width), MLP.DEFAULT_ACTIVATION, "volume:lambda=0.01,eta=0.01", "none", 0,
                0.9, false, Precision.FLOAT32, 0));
        double lambda = conv ? 1e-3 : 0.01;
        List<Layer> layers = new ArrayList<>(((Sequential) model.encoder()).layers());
        int encoderLayers = layers.size();
        layers.addAll(((Sequential) model.decoder()).layers());
        Matrix x = Matrix.wrap(Nd4j.rand(DataType.FLOAT, batch, in));
        Matrix g = Matrix.zeros(DataType.FLOAT, batch, in);
        MseLoss mse = new MseLoss();
        VolumeRegularizer volume = new VolumeRegularizer(lambda, 0.01);
        Adam adam = conv ? new Adam(1e-4, 0.9, 0.99, 1e-8, 0, false) : Adam.adam(1e-3);
        int n = layers.size();
        long[] fwd = new long[n];
        long[] bwd = new long[n];
        long[] other = new long[5]; // zero, loss, volume, adam, total
        int warm = conv ? 10 : 100;
        int steps = conv ? 40 : 400;
        java.lang.management.ThreadMXBean clock = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] fwdCpu = new long[n];
        long[] bwdCpu = new long[n];
        for (int s = 0; s < steps; s++) {
            boolean timed = s >= warm;
            long start = System.nanoTime();
            model.parameterBuffer().zeroGradients();
            long t = System.nanoTime();
            if (timed) {
                other[0] += t - start;
            }
            Matrix h = x;
            Matrix z = null;
            for (int i = 0; i < n; i++) {
                long a = System.nanoTime();
                long c = clock.getCurrentThreadCpuTime();
                h = layers.get(i).forward(h, true);
                if (timed) {
                    fwd[i] += System.nanoTime() - a;
                    fwdCpu[i] += clock.getCurrentThreadCpuTime() - c;
                }
                if (i == encoderLayers - 1) {
                    z = h;
                }
            }
            long a = System.nanoTime();
            mse.valueAndGradient(h, x, g);
            if (timed) {
                other[1] += System.nanoTime() - a;
            }
            Matrix grad = g;
            for (int i = n - 1; i >= 0; i--) {
                if (i == encoderLayers - 1) {
                    a = System.nanoTime();
                    volume.valueAndGradient(z, grad, lambda);
                    if (timed) {
                        other[2] += System.nanoTime() - a;
                    }
                }
                a = System.nanoTime();
                long c = clock.getCurrentThreadCpuTime();
                grad = layers.get(i).backward(grad, i > 0);
                if (timed) {
                    bwd[i] += System.nanoTime() - a;
                    bwdCpu[i] += clock.getCurrentThreadCpuTime() - c;
                }
            }
            a = System.nanoTime();
            adam.step(model.parameters(), model.gradients());
            long end = System.nanoTime();
            if (timed) {
                other[3] += end - a;
                other[4] += end - start;
            }
        }
        double per = 1e3 * (steps - warm);
        System.out.printf(Locale.ROOT, "%s workload, batch %d, %d thread(s): microseconds per step (wall; the"
                + " calling thread's CPU)%n", workload, batch, threads);
        for (int i = 0; i < n; i++) {
            System.out.printf(Locale.ROOT, "  %-8s %-48s forward %9.1f (%9.1f)  backward %9.1f (%9.1f)%n",
                    i < encoderLayers ? "encoder" : "decoder", layers.get(i).describe(), fwd[i] / per,
                    fwdCpu[i] / per, bwd[i] / per, bwdCpu[i] / per);
        }
        System.out.printf(Locale.ROOT, "  zero gradients %.1f, loss %.1f, volume %.1f, adam %.1f; whole step %.1f%n",
                other[0] / per, other[1] / per, other[2] / per, other[3] / per, other[4] / per);
    }
}
