package dev.lva.bench;

import dev.lva.api.Regularizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The least-volume penalty with plain ND4J ops and a hand-written gradient, the way the README's
 * example plugin is written: the per-op dispatch cost PenaltyBenchmarks shows.
 */
final class Nd4jOpsVolume implements Regularizer {
    private final double eta;

    Nd4jOpsVolume(double eta) {
        this.eta = eta;
    }

    @Override
    public Target target() {
        return Target.ACTIVATION;
    }

    @Override
    public double lambda() {
        return 1;
    }

    @Override
    public double value(INDArray z) {
        INDArray s = z.std(true, 0);
        return Math.exp(Transforms.log(s.add(eta), false).meanNumber().doubleValue());
    }

    @Override
    public double valueAndGradient(INDArray z, INDArray gradient, double scale) {
        long n = z.rows();
        long d = z.columns();
        INDArray s = z.std(true, 0);
        double volume = Math.exp(Transforms.log(s.add(eta), false).meanNumber().doubleValue());
        // d vol / d z_ij = vol / d * (z_ij - mean_j) / ((n - 1) s_j (s_j + eta)); s > 0 on random codes
        INDArray coefficient = s.add(eta).muli(s).muli(n - 1).rdivi(scale * volume / d);
        gradient.addi(z.subRowVector(z.mean(0)).muliRowVector(coefficient));
        return volume;
    }
}
