package org.example.lvaplugin;

import dev.lva.api.LvaException;
import dev.lva.api.Regularizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Hoyer's sparsity measure on the latent spreads: {@code H(s) = sum_j s_j / sqrt(sum_j s_j^2)}, s_j
 * the standard deviation (N - 1) of latent dimension j. It is 1 when one dimension carries all the
 * spread and sqrt(d) when all carry the same, and it does not change when the code is scaled, so
 * unlike the L1 of the stds it cannot be lowered by shrinking the whole code.
 *
 * <p>Gradient: with A = sum s, B = sqrt(sum s^2), dH/ds_j = 1/B - A s_j / B^3, and
 * ds_j/dz_ij = (z_ij - mean_j) / ((N - 1) s_j). Written with plain ND4J ops: a plugin needs only lva-api.
 */
public final class HoyerRegularizer implements Regularizer {
    private final double lambda;

    public HoyerRegularizer(double lambda) {
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new LvaException("hoyer: lambda must be >= 0, got " + lambda);
        }
        this.lambda = lambda;
    }

    @Override
    public Target target() {
        return Target.ACTIVATION;
    }

    @Override
    public double lambda() {
        return lambda;
    }

    @Override
    public double value(INDArray z) {
        INDArray s = stds(z);
        return s.sumNumber().doubleValue() / s.norm2Number().doubleValue();
    }

    @Override
    public double valueAndGradient(INDArray z, INDArray gradient, double scale) {
        INDArray s = stds(z);
        double a = s.sumNumber().doubleValue();
        double b = s.norm2Number().doubleValue();
        long n = z.rows();
        // dH/ds_j, then the chain rule through the std; a column with no spread gets no gradient
        INDArray dHds = s.mul(-a / (b * b * b)).addi(1 / b);
        INDArray safe = Transforms.max(s, Double.MIN_NORMAL, true);
        INDArray perColumn = dHds.divi(safe.muli(n - 1)).muli(scale);
        INDArray centred = z.subRowVector(z.mean(0));
        gradient.addi(centred.muliRowVector(perColumn.castTo(z.dataType())).castTo(gradient.dataType()));
        return a / b;
    }

    private static INDArray stds(INDArray z) {
        if (z.rank() != 2 || z.rows() < 2) {
            throw new LvaException("hoyer needs a matrix of at least 2 rows, got shape " + java.util.Arrays.toString(z.shape()));
        }
        return z.std(true, 0);
    }
}
