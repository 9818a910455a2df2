package dev.lva.bench;

import dev.lva.api.Regularizer;
import dev.lva.api.autodiff.ExpressionRegularizer;
import dev.lva.api.autodiff.Tensor;
import dev.lva.core.regularize.LassoRegularizer;
import dev.lva.core.regularize.VolumeRegularizer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One call of {@code valueAndGradient} of a latent penalty on a float32 code, as a training step
 * makes it, written five ways: lva-core's built-in ({@code builtin}), an expression of lva-api's
 * autodiff ({@code expression}), a loop over lva-api's dense views ({@code dense}), plain ND4J ops
 * ({@code nd4j}) and SameDiff ({@code samediff}). {@code penalty} picks volume, lasso or the
 * covariance log-det volume (expression only); {@code shape} the code's rows x columns (100x64: the conv
 * workload's). Microseconds per call, sampled: read the median (p0.50) and minimum (p0.00), which a busy
 * machine disturbs less than the mean. Run with
 * {@code mvn -B -pl lva-bench -am -Pjmh -DskipTests verify -Djmh.args="-f 1 -wi 3 -i 5 PenaltyBenchmarks"}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class PenaltyBenchmarks {
    private static final double ETA = 0.01;

    @Param({"600x6", "100x3", "100x64"})
    public String shape;

    @Param({"volume:builtin", "volume:expression", "volume:dense", "volume:nd4j", "volume:samediff",
            "lasso:builtin", "lasso:expression", "cov-volume:expression"})
    public String penalty;

    private Regularizer regularizer;
    private INDArray code;
    private INDArray gradient;

    @Setup(Level.Trial)
    public void setup() {
        Nd4j.getBackend();
        String[] nd = shape.split("x");
        int n = Integer.parseInt(nd[0]);
        int d = Integer.parseInt(nd[1]);
        Random rng = new Random(0);
        code = Nd4j.create(DataType.FLOAT, n, d);
        for (int i = 0; i < n * d; i++) {
            code.putScalar(i, rng.nextGaussian());
        }
        gradient = Nd4j.zeros(DataType.FLOAT, n, d);
        regularizer = create(penalty, code);
        requireAgreement();
    }

    static Regularizer create(String penalty, INDArray code) {
        return switch (penalty) {
            case "volume:builtin" -> new VolumeRegularizer(1, ETA);
            case "volume:expression" ->
                    ExpressionRegularizer.of("volume", 1, 2, z -> z.columnStd().add(ETA).log().mean().exp());
            case "volume:dense" -> new DenseApiVolume(1, ETA);
            case "volume:nd4j" -> new Nd4jOpsVolume(ETA);
            case "volume:samediff" -> new SameDiffVolume(code, ETA);
            case "lasso:builtin" -> new LassoRegularizer(1);
            case "lasso:expression" -> ExpressionRegularizer.of("lasso", 1, z -> z.abs().mean());
            case "cov-volume:expression" -> ExpressionRegularizer.of("cov-volume", 1, 2,
                    z -> z.covariance().add(Tensor.eye(z.cols()).mul(ETA * ETA)).logdet().div(2 * z.cols()).exp());
            default -> throw new IllegalArgumentException("unknown penalty " + penalty);
        };
    }

    /** The variants must compute the same thing (float32 agreement) for their times to compare. */
    private void requireAgreement() {
        String twin = penalty.startsWith("volume") ? "volume:builtin" : penalty.startsWith("lasso") ? "lasso:builtin" : null;
        if (twin == null) {
            return;
        }
        INDArray mine = Nd4j.zeros(DataType.FLOAT, code.shape());
        INDArray theirs = Nd4j.zeros(DataType.FLOAT, code.shape());
        double v = regularizer.valueAndGradient(code, mine, 1);
        double w = create(twin, code).valueAndGradient(code, theirs, 1);
        double off = mine.sub(theirs).amaxNumber().doubleValue();
        if (Math.abs(v - w) > 1e-5 * Math.abs(w) || off > 1e-5 * theirs.amaxNumber().doubleValue()) {
            throw new IllegalStateException(penalty + " disagrees with " + twin + ": value " + v + " vs " + w
                    + ", gradient off by " + off);
        }
    }

    @Benchmark
    public double valueAndGradient() {
        return regularizer.valueAndGradient(code, gradient, 1.0);
    }
}
