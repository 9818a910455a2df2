package org.example.lvaplugin;

import dev.lva.api.Regularizer;
import dev.lva.api.plugin.RegularizerProvider;

/** Makes {@link HoyerRegularizer} available as {@code --regularizer hoyer:lambda=0.01}. */
public final class HoyerProvider implements RegularizerProvider<HoyerProvider.HoyerOptions> {

    /** @param lambda weight of the penalty */
    public record HoyerOptions(double lambda) {
        public HoyerOptions {
            if (!(lambda >= 0)) {
                throw new IllegalArgumentException("lambda must be >= 0, got " + lambda);
            }
        }
    }

    @Override
    public String name() {
        return "hoyer";
    }

    @Override
    public String description() {
        return "Hoyer sparsity sum(std)/norm(std) of the latent code (example plugin)";
    }

    @Override
    public HoyerOptions defaultOptions() {
        return new HoyerOptions(0.01);
    }

    @Override
    public Regularizer create(HoyerOptions options) {
        return new HoyerRegularizer(options.lambda());
    }
}
