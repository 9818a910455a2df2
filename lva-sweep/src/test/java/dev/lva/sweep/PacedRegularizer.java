package dev.lva.sweep;

import dev.lva.api.Regularizer;
import dev.lva.api.plugin.Plugins;
import dev.lva.api.plugin.RegularizerProvider;
import java.util.concurrent.locks.LockSupport;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A test plugin: a built-in penalty that takes at least {@code millis} per training step, so that a
 * run lasts long enough on any machine for the fault tests to catch it training (a worker lost, a
 * driver killed mid-run). The numbers are those of the penalty it wraps: waiting changes none.
 */
final class PacedRegularizer implements Regularizer {
    private final Regularizer inner;
    private final long nanos;

    PacedRegularizer(Regularizer inner, int millis) {
        this.inner = inner;
        this.nanos = millis * 1_000_000L;
    }

    @Override
    public Target target() {
        return inner.target();
    }

    @Override
    public double lambda() {
        return inner.lambda();
    }

    @Override
    public double value(INDArray x) {
        return inner.value(x);
    }

    @Override
    public double valueAndGradient(INDArray x, INDArray gradient, double scale) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() < until) {
            LockSupport.parkNanos(until - System.nanoTime());
        }
        return inner.valueAndGradient(x, gradient, scale);
    }

    /** {@code paced:of=volume,lambda=0.01,millis=2}. */
    public static final class Provider implements RegularizerProvider<Provider.PacedOptions> {
        /** @param of the penalty wrapped, @param lambda its weight, @param millis the least time per step */
        public record PacedOptions(String of, double lambda, int millis) {
            public PacedOptions {
                if (!(lambda >= 0) || millis < 0) {
                    throw new IllegalArgumentException("lambda and millis must be >= 0");
                }
            }
        }

        @Override
        public String name() {
            return "paced";
        }

        @Override
        public PacedOptions defaultOptions() {
            return new PacedOptions("volume", 0.01, 2);
        }

        @Override
        public Regularizer create(PacedOptions o) {
            Regularizer inner = Plugins.discover(PacedRegularizer.class.getClassLoader())
                    .create(RegularizerProvider.KIND, o.of() + ":lambda=" + o.lambda());
            return new PacedRegularizer(inner, o.millis());
        }
    }
}
