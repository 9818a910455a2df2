package dev.lva.bench;

import dev.lva.api.Regularizer;
import dev.lva.api.autodiff.ExpressionRegularizer;
import dev.lva.api.plugin.RegularizerProvider;

/**
 * The volume penalty as plugins written the two lva-api ways, so that StepBenchmarks can train the
 * same model with each by name: {@code volume-expression} (autodiff) and {@code volume-dense}
 * (dense views). Registered in lva-bench's own services file; no other module sees them.
 */
public final class BenchVolumes {
    private BenchVolumes() {
    }

    /** @param lambda weight, @param eta as the built-in volume's */
    public record Options(double lambda, double eta) {
    }

    public static final class Expression implements RegularizerProvider<Options> {
        @Override
        public String name() {
            return "volume-expression";
        }

        @Override
        public Options defaultOptions() {
            return new Options(0.01, 0.01);
        }

        @Override
        public Regularizer create(Options o) {
            double eta = o.eta();
            return ExpressionRegularizer.of(name(), o.lambda(), 2, z -> z.columnStd().add(eta).log().mean().exp());
        }
    }

    public static final class Dense implements RegularizerProvider<Options> {
        @Override
        public String name() {
            return "volume-dense";
        }

        @Override
        public Options defaultOptions() {
            return new Options(0.01, 0.01);
        }

        @Override
        public Regularizer create(Options o) {
            return new DenseApiVolume(o.lambda(), o.eta());
        }
    }
}
