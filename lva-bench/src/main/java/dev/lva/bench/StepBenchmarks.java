package dev.lva.bench;

import dev.lva.api.StepLoss;
import dev.lva.core.optim.Adam;
import dev.lva.models.LeastVolumeAutoencoder;
import dev.lva.models.MLP;
import dev.lva.models.Precision;
import java.util.List;
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
 * A whole training step of the seed workload's least-volume autoencoder (batch 100, 3 -> 48 x 4 -> 3)
 * with its volume penalty written three ways, found by name: the built-in {@code volume}, lva-api's
 * autodiff ({@code volume-expression}) and dense views ({@code volume-dense}). What a penalty's way of
 * writing costs per step, not per call. Microseconds, sampled.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class StepBenchmarks {

    @Param({"volume", "volume-expression", "volume-dense"})
    public String regularizer;

    private LeastVolumeAutoencoder model;
    private Adam adam;
    private INDArray data;

    @Setup(Level.Trial)
    public void setup() {
        Nd4j.getBackend();
        dev.lva.core.Engine.setThreads(1);
        model = new LeastVolumeAutoencoder(new LeastVolumeAutoencoder.Options(3, 3, List.of(48, 48, 48, 48),
                MLP.DEFAULT_ACTIVATION, regularizer + ":lambda=0.01,eta=0.01", "none", 0, 0.9, false,
                Precision.FLOAT32, 0));
        adam = Adam.adam(1e-3);
        Nd4j.getRandom().setSeed(0);
        data = Nd4j.rand(DataType.FLOAT, 100, 3);
    }

    @Benchmark
    public StepLoss trainingStep() {
        StepLoss loss = model.computeGradients(data, data);
        adam.step(model.parameters(), model.gradients());
        return loss;
    }
}
