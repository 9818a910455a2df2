package dev.lva.bench;

import dev.lva.api.StepLoss;
import dev.lva.core.nn.Linear;
import dev.lva.core.nn.ParameterBuffer;
import dev.lva.core.optim.Adam;
import dev.lva.core.param.SpectralNorm;
import dev.lva.core.regularize.VolumeRegularizer;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.tensor.TorchGenerator;
import dev.lva.models.LeastVolumeAutoencoder;
import dev.lva.models.MLP;
import dev.lva.models.Precision;
import java.util.List;
import java.util.Map;
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
 * The kernels that dominate a training step, at the seed workload's shapes (batch 100, width 48)
 * and the scale workload's (batch 256, width 256), plus a whole step of each workload's model.
 * Average time per call in microseconds, on the engine's thread count {@code threads} (1 unless
 * given: {@code -Djmh.args="-p threads=1,2"}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class KernelBenchmarks {

    @Param({"seed", "scale"})
    public String shape;

    @Param({"1"})
    public int threads;

    private int batch;
    private int width;
    private Linear linear;
    private Linear snLinear;
    private Matrix input;
    private Matrix outputGradient;
    private VolumeRegularizer volume;
    private Matrix latent;
    private Matrix latentGradient;
    private Adam adam;
    private Adam modelAdam;
    private ParameterBuffer adamParams;
    private LeastVolumeAutoencoder model;
    private INDArray data;

    @Setup(Level.Trial)
    public void setup() {
        Nd4j.getBackend();
        dev.lva.core.Engine.setThreads(threads);
        boolean seed = shape.equals("seed");
        batch = seed ? 100 : 256;
        width = seed ? 48 : 256;
        int latentWidth = seed ? 3 : 32;
        TorchGenerator g = new TorchGenerator(0);
        linear = new Linear(width, width);
        snLinear = new Linear(width, width, true, SpectralNorm.factory());
        ParameterBuffer.allocate(DataType.FLOAT, Map.of("a", linear));
        adamParams = ParameterBuffer.allocate(DataType.FLOAT, Map.of("b", snLinear));
        linear.initialize(g);
        snLinear.initialize(g);
        input = Matrix.zeros(DataType.FLOAT, batch, width);
        g.fillUniform(input, -1, 1);
        outputGradient = Matrix.zeros(DataType.FLOAT, batch, width);
        g.fillUniform(outputGradient, -1, 1);
        volume = new VolumeRegularizer(0.01, 0.01);
        latent = Matrix.zeros(DataType.FLOAT, batch, latentWidth);
        g.fillUniform(latent, -1, 1);
        latentGradient = Matrix.zeros(DataType.FLOAT, batch, latentWidth);
        adam = Adam.adam(1e-3);
        modelAdam = Adam.adam(1e-3);
        List<Integer> hidden = seed ? List.of(48, 48, 48, 48) : List.of(256, 256, 256, 256);
        int in = seed ? 3 : 32;
        model = new LeastVolumeAutoencoder(new LeastVolumeAutoencoder.Options(in, latentWidth, hidden,
                MLP.DEFAULT_ACTIVATION, "volume:lambda=0.01,eta=0.01", "none", 0, 0.9, false, Precision.FLOAT32, 0));
        data = Nd4j.rand(DataType.FLOAT, batch, in);
    }

    @Benchmark
    public Matrix linearForward() {
        return linear.forward(input, true);
    }

    @Benchmark
    public Matrix linearBackward() {
        linear.forward(input, true);
        return linear.backward(outputGradient, true);
    }

    @Benchmark
    public Matrix spectralNormLinearForward() {
        return snLinear.forward(input, true);
    }

    @Benchmark
    public Matrix spectralNormLinearBackward() {
        snLinear.forward(input, true);
        return snLinear.backward(outputGradient, true);
    }

    @Benchmark
    public double volumePenalty() {
        return volume.valueAndGradient(latent, latentGradient, 0.01);
    }

    @Benchmark
    public long adamStep() {
        adam.step(adamParams.values(), adamParams.gradients());
        return adam.iterations();
    }

    /** Forward, backward and optimizer step of the workload's whole least-volume autoencoder. */
    @Benchmark
    public StepLoss trainingStep() {
        StepLoss loss = model.computeGradients(data, data);
        modelAdam.step(model.parameters(), model.gradients());
        return loss;
    }
}
