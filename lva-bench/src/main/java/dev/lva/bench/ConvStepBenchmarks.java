package dev.lva.bench;

import dev.lva.api.Regularizer;
import dev.lva.api.StepLoss;
import dev.lva.api.plugin.Plugins;
import dev.lva.api.plugin.RegularizerProvider;
import dev.lva.core.Engine;
import dev.lva.core.optim.Adam;
import dev.lva.models.AutoEncoder;
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
 * A whole training step of the conv workload (batch 100 of 1 x 32 x 32 images, lva_conv.py's network, Adam
 * 1e-4 betas 0.9/0.99) with its volume penalty found by name: the built-in {@code volume}, lva-api's
 * autodiff ({@code volume-expression}) or dense views ({@code volume-dense}). Milliseconds, sampled. JMH runs
 * one parameter's forks before the next, so on a busy machine the comparison drifts with the load; {@link
 * ConvPenaltySteps} alternates the penalties in one JVM and gives their ratio per round.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
public class ConvStepBenchmarks {

    @Param({"volume", "volume-expression", "volume-dense"})
    public String regularizer;

    @Param({"1"})
    public int threads;

    private AutoEncoder model;
    private Adam adam;
    private INDArray data;

    @Setup(Level.Trial)
    public void setup() {
        Nd4j.getBackend();
        Engine.setThreads(threads);
        Regularizer penalty = Plugins.discover().create(RegularizerProvider.KIND,
                regularizer + ":lambda=" + ConvBenchModel.LAMBDA + ",eta=0.01");
        model = ConvBenchModel.build(penalty, 0);
        adam = new Adam(1e-4, 0.9, 0.99, 1e-8, 0, false);
        Nd4j.getRandom().setSeed(0);
        data = Nd4j.rand(DataType.FLOAT, ConvBenchModel.BATCH, ConvBenchModel.IMAGE.size());
    }

    @Benchmark
    public StepLoss trainingStep() {
        StepLoss loss = model.computeGradients(data, data);
        adam.step(model.parameters(), model.gradients());
        return loss;
    }
}
