package ${package};

import dev.lva.api.Regularizer;
import dev.lva.api.autodiff.ExpressionRegularizer;
import dev.lva.api.plugin.RegularizerProvider;

/**
 * The ${penaltyName} penalty: {@code lva fit --regularizer ${penaltyName}:lambda=0.01,eta=0.01}. As
 * generated it is the least-volume penalty, the geometric mean of the code's column spreads; change
 * the expression in {@link #create}: lva differentiates it.
 */
public final class PenaltyProvider implements RegularizerProvider<PenaltyProvider.Options> {

    /**
     * The penalty's options, as {@code NAME:KEY=VALUE,...} gives them; checked here so that a bad value
     * is refused naming the option.
     *
     * @param lambda the penalty's weight
     * @param eta    added to each spread before its logarithm, so a collapsed dimension stays finite
     */
    public record Options(double lambda, double eta) {
        public Options {
            if (!(lambda >= 0) || !Double.isFinite(lambda)) {
                throw new IllegalArgumentException("lambda must be >= 0 and finite, got " + lambda);
            }
            if (!(eta > 0) || !Double.isFinite(eta)) {
                throw new IllegalArgumentException("eta must be > 0 and finite, got " + eta);
            }
        }
    }

    @Override
    public String name() {
        return "${penaltyName}";
    }

    @Override
    public String description() {
        return "geometric mean of the latent code's column spreads (generated from lva-plugin-archetype)";
    }

    @Override
    public Options defaultOptions() {
        return new Options(0.01, 0.01);
    }

    @Override
    public Regularizer create(Options o) {
        // z is the latent code, N x d; 2 rows at least for a standard deviation
        return ExpressionRegularizer.of(name(), o.lambda(), 2,
                z -> z.columnStd().add(o.eta()).log().mean().exp());
    }
}
