package dev.lva.examples.bench;

import dev.lva.core.tensor.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The scale workload's data, bit for bit as the reference's {@code common.manifold32}: one
 * SplitMix64 stream gives W (d x 2, uniform in [-2, 2)), b (d, uniform in [-pi, pi)) and T (n x 2,
 * uniform in [-1, 1)), and {@code X[i, k] = sin(W[k] . T[i] + b[k])} in float64, cast to float32.
 * A 2-D manifold in d dimensions, no noise.
 */
public final class Manifold32 {
    private Manifold32() {
    }

    public static INDArray generate(int n, int d, long seed) {
        Rng rng = new Rng(seed);
        double[][] w = new double[d][2];
        for (int k = 0; k < d; k++) {
            w[k][0] = 2.0 * (2.0 * rng.nextDouble() - 1.0);
            w[k][1] = 2.0 * (2.0 * rng.nextDouble() - 1.0);
        }
        double[] b = new double[d];
        for (int k = 0; k < d; k++) {
            b[k] = Math.PI * (2.0 * rng.nextDouble() - 1.0);
        }
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            double t0 = 2.0 * rng.nextDouble() - 1.0;
            double t1 = 2.0 * rng.nextDouble() - 1.0;
            for (int k = 0; k < d; k++) {
                // numpy computes T @ W.T as t0 * w0 + t1 * w1, then adds b
                x[i * d + k] = (float) Math.sin(t0 * w[k][0] + t1 * w[k][1] + b[k]);
            }
        }
        return Nd4j.create(x, new long[] {n, d}, DataType.FLOAT);
    }
}
