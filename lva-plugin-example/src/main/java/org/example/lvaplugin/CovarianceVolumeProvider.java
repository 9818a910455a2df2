package org.example.lvaplugin;

import dev.lva.api.Regularizer;
import dev.lva.api.autodiff.ExpressionRegularizer;
import dev.lva.api.autodiff.Tensor;
import dev.lva.api.plugin.RegularizerProvider;

/**
 * A rotation-invariant volume, {@code exp(logdet(cov z + eta^2 I) / (2d))}: the geometric mean of
 * the code's spreads along its principal axes rather than along its coordinates. Written as an
 * expression, its gradient comes from lva-api's automatic differentiation:
 * {@code --regularizer cov-volume:lambda=0.01,eta=0.01}.
 */
public final class CovarianceVolumeProvider implements RegularizerProvider<CovarianceVolumeProvider.Options> {

    /**
     * @param lambda weight of the penalty
     * @param eta    keeps the covariance positive definite when a direction has no spread
     */
    public record Options(double lambda, double eta) {
        public Options {
            if (!(lambda >= 0) || !Double.isFinite(lambda)) {
                throw new IllegalArgumentException("lambda must be >= 0, got " + lambda);
            }
            if (!(eta > 0) || !Double.isFinite(eta)) {
                throw new IllegalArgumentException("eta must be > 0 (logdet of a singular covariance is -infinity), got " + eta);
            }
        }
    }

    @Override
    public String name() {
        return "cov-volume";
    }

    @Override
    public String description() {
        return "rotation-invariant volume exp(logdet(cov z + eta^2 I) / 2d) of the latent code (example plugin)";
    }

    @Override
    public Options defaultOptions() {
        return new Options(0.01, 0.01);
    }

    @Override
    public Regularizer create(Options o) {
        double ridge = o.eta() * o.eta();
        return ExpressionRegularizer.of(name(), o.lambda(), 2,
                z -> z.covariance().add(Tensor.eye(z.cols()).mul(ridge)).logdet().div(2 * z.cols()).exp());
    }
}
