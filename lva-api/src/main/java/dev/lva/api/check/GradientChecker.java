package dev.lva.api.check;

import dev.lva.api.Loss;
import dev.lva.api.LvaException;
import dev.lva.api.Parametrization;
import dev.lva.api.Regularizer;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Central finite-difference gradient checks in float64, for losses, regularizers, parametrizations
 * and any scalar function of an array. Public so that a plugin proves its backward pass in its own
 * tests:
 *
 * <pre>{@code
 * INDArray z = Nd4j.rand(DataType.DOUBLE, 16, 4);
 * GradientCheck r = GradientChecker.defaults().checkRegularizer(myRegularizer, z);
 * assertTrue(r.passed(), r::toString);
 * }</pre>
 *
 * Arrays must be {@link DataType#DOUBLE}: in float32 the differences drown in rounding.
 */
public final class GradientChecker {
    private final double step;
    private final double relTolerance;
    private final double absTolerance;
    private final int maxEntries;
    private final long seed;

    /**
     * @param step         finite-difference step h
     * @param relTolerance allowed relative error
     * @param absTolerance allowed absolute error (for entries whose gradient is near zero)
     * @param maxEntries   entries compared at most; larger arrays are sampled
     * @param seed         for sampling entries and for random projections
     */
    public GradientChecker(double step, double relTolerance, double absTolerance, int maxEntries, long seed) {
        if (!(step > 0) || !(relTolerance > 0) || !(absTolerance >= 0) || maxEntries < 1) {
            throw new IllegalArgumentException("step and relTolerance must be > 0, absTolerance >= 0, maxEntries >= 1");
        }
        this.step = step;
        this.relTolerance = relTolerance;
        this.absTolerance = absTolerance;
        this.maxEntries = maxEntries;
        this.seed = seed;
    }

    /** h = 1e-6, relative tolerance 1e-5, absolute 1e-8, up to 4000 entries. */
    public static GradientChecker defaults() {
        return new GradientChecker(1e-6, 1e-5, 1e-8, 4000, 42);
    }

    /**
     * Compares {@code analyticGradient} with central differences of {@code f} at {@code x}. The
     * entries of {@code x} are perturbed in place and restored.
     */
    public GradientCheck check(String what, INDArray x, ToDoubleFunction<INDArray> f, INDArray analyticGradient) {
        requireDouble(x, what + " input");
        requireDouble(analyticGradient, what + " gradient");
        if (x.length() != analyticGradient.length()) {
            throw new LvaException(what + ": gradient has " + analyticGradient.length() + " entries, input has "
                    + x.length());
        }
        long n = x.length();
        long[] indices = sample(n);
        int failures = 0;
        long worst = -1;
        double worstA = 0;
        double worstN = 0;
        double maxAbs = 0;
        double maxRel = 0;
        double worstExcess = Double.NEGATIVE_INFINITY;
        for (long i : indices) {
            double original = x.getDouble(i);
            x.putScalar(i, original + step);
            double plus = f.applyAsDouble(x);
            x.putScalar(i, original - step);
            double minus = f.applyAsDouble(x);
            x.putScalar(i, original);
            double numeric = (plus - minus) / (2 * step);
            double analytic = analyticGradient.getDouble(i);
            double abs = Math.abs(analytic - numeric);
            double scale = Math.max(Math.abs(analytic), Math.abs(numeric));
            double rel = scale == 0 ? 0 : abs / scale;
            double allowed = absTolerance + relTolerance * scale;
            if (!(abs <= allowed)) {
                failures++;
            }
            double excess = Double.isNaN(abs) ? Double.POSITIVE_INFINITY : abs - allowed;
            if (excess > worstExcess) {
                worstExcess = excess;
                worst = i;
                worstA = analytic;
                worstN = numeric;
            }
            maxAbs = Math.max(maxAbs, abs);
            maxRel = Math.max(maxRel, rel);
        }
        return new GradientCheck(what, indices.length, failures, worst, worstA, worstN, maxAbs, maxRel);
    }

    /** d loss / d prediction. */
    public GradientCheck checkLoss(Loss loss, INDArray prediction, INDArray target) {
        INDArray grad = Nd4j.zeros(DataType.DOUBLE, prediction.shape());
        double v = loss.valueAndGradient(prediction, target, grad);
        requireSameValue(loss.getClass().getSimpleName(), v, loss.value(prediction, target));
        return check(loss.getClass().getSimpleName(), prediction, p -> loss.value(p, target), grad);
    }

    /**
     * d penalty / d x, and that {@code valueAndGradient} accumulates {@code scale} times the
     * gradient into what the buffer held before.
     */
    public GradientCheck checkRegularizer(Regularizer regularizer, INDArray x) {
        String what = regularizer.getClass().getSimpleName();
        INDArray grad = Nd4j.zeros(DataType.DOUBLE, x.shape());
        double v = regularizer.valueAndGradient(x, grad, 1.0);
        requireSameValue(what, v, regularizer.value(x));
        INDArray accumulated = Nd4j.ones(DataType.DOUBLE, x.shape());
        regularizer.valueAndGradient(x, accumulated, 2.5);
        INDArray expected = grad.mul(2.5).addi(1.0);
        double diff = accumulated.sub(expected).amaxNumber().doubleValue();
        if (diff > absTolerance + relTolerance * expected.amaxNumber().doubleValue()) {
            throw new LvaException(what + ": valueAndGradient(x, g, 2.5) must add 2.5 * gradient into g; off by " + diff);
        }
        return check(what, x, regularizer::value, grad);
    }

    /**
     * d(sum(R * forward(w)))/dw for a random projection R, with the parametrization in evaluation
     * mode so that its state stays fixed while w is perturbed.
     */
    public GradientCheck checkParametrization(Parametrization parametrization, INDArray weight) {
        String what = parametrization.getClass().getSimpleName();
        INDArray projection = random(weight.shape());
        INDArray out = Nd4j.zeros(DataType.DOUBLE, weight.shape());
        parametrization.forward(weight, out, false);
        INDArray grad = Nd4j.zeros(DataType.DOUBLE, weight.shape());
        parametrization.backward(projection, grad);
        return check(what, weight, w -> {
            parametrization.forward(w, out, false);
            return out.mul(projection).sumNumber().doubleValue();
        }, grad);
    }

    /** A float64 array of the given shape with entries from N(0, 1), from this checker's seed. */
    public INDArray random(long... shape) {
        Random rng = new Random(seed);
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, rng.nextGaussian());
        }
        return a;
    }

    private long[] sample(long n) {
        if (n <= maxEntries) {
            long[] all = new long[(int) n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        Random rng = new Random(seed);
        long[] some = new long[maxEntries];
        for (int i = 0; i < maxEntries; i++) {
            some[i] = (long) (rng.nextDouble() * n);
        }
        return some;
    }

    private void requireSameValue(String what, double fromGradientCall, double fromValueCall) {
        double tol = absTolerance + relTolerance * Math.abs(fromValueCall);
        if (!(Math.abs(fromGradientCall - fromValueCall) <= tol)) {
            throw new LvaException(what + ": valueAndGradient returned " + fromGradientCall + " but value returned "
                    + fromValueCall);
        }
    }

    private static void requireDouble(INDArray a, String what) {
        if (a.dataType() != DataType.DOUBLE) {
            throw new LvaException(what + " is " + a.dataType() + "; gradient checks run in float64 (DataType.DOUBLE)");
        }
    }
}
