package dev.lva.bench;

import dev.lva.api.Regularizer;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The least-volume penalty with its gradient from ND4J's own automatic differentiation (SameDiff),
 * the graph built once and run per call: the alternative to lva's tape that PenaltyBenchmarks
 * measures.
 */
final class SameDiffVolume implements Regularizer {
    private final SameDiff graph = SameDiff.create();
    private final SDVariable z;
    private final SDVariable volume;

    SameDiffVolume(INDArray example, double eta) {
        z = graph.var("z", example.dup());
        SDVariable std = z.std("std", true, 0);
        volume = graph.math().exp("volume", graph.math().log(std.add(eta)).mean());
        volume.markAsLoss();
    }

    @Override
    public Target target() {
        return Target.ACTIVATION;
    }

    @Override
    public double lambda() {
        return 1;
    }

    @Override
    public double value(INDArray x) {
        z.getArr().assign(x);
        return graph.output(Map.of(), "volume").get("volume").getDouble(0);
    }

    @Override
    public double valueAndGradient(INDArray x, INDArray gradient, double scale) {
        z.getArr().assign(x);
        Map<String, INDArray> grads = graph.calculateGradients(Map.of(), "z");
        gradient.addi(grads.get("z").muli(scale));
        return value(x);
    }
}
