package dev.lva.api.testing;

import dev.lva.api.Regularizer;
import dev.lva.api.plugin.RegularizerProvider;

public final class SquareRegularizerProvider implements RegularizerProvider<SquareRegularizerProvider.SquareOptions> {

    public enum Reduction { MEAN, SUM }

    public record SquareOptions(double lambda, int[] dims, Reduction reduction, boolean enabled) {
        public SquareOptions {
            if (lambda < 0) {
                throw new IllegalArgumentException("lambda must be >= 0, got " + lambda);
            }
        }
    }

    @Override
    public String name() {
        return "square";
    }

    @Override
    public SquareOptions defaultOptions() {
        return new SquareOptions(0.1, new int[] {1, 2}, Reduction.MEAN, true);
    }

    @Override
    public Regularizer create(SquareOptions options) {
        return new SquareRegularizer(options.lambda());
    }
}
