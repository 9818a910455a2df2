package dev.lva.models.checkpoint;

import dev.lva.api.plugin.PluginSpec;
import dev.lva.api.plugin.Plugins;
import dev.lva.core.checkpoint.TrainingSetup;
import dev.lva.core.train.TrainerOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small least-volume runs for the checkpoint tests: every kind of state a resume must carry. */
final class TestRuns {
    static final Plugins PLUGINS = Plugins.discover(TestRuns.class.getClassLoader());

    private TestRuns() {
    }

    /** The seed workload's curve, {@code n} points: [sin 2t, t^2, cos 5t]. */
    static INDArray curve(int n) {
        INDArray x = Nd4j.create(DataType.FLOAT, n, 3);
        for (int i = 0; i < n; i++) {
            double t = -1 + 2.0 * i / (n - 1);
            x.putScalar(i, 0, Math.sin(2 * t));
            x.putScalar(i, 1, t * t);
            x.putScalar(i, 2, Math.cos(5 * t));
        }
        return x;
    }

    /**
     * An LVAE (spectral norm in the decoder, pruning from epoch 1) trained with Adam on shuffled
     * minibatches of 16: spectral norm's u and v, the pruning state, Adam's moments and the
     * shuffling state all matter for an exact resume.
     */
    static TrainingSetup lvae(int epochs) {
        Map<String, String> model = new LinkedHashMap<>();
        model.put("in", "3");
        model.put("latent", "3");
        model.put("hidden", "16;16");
        model.put("pruning", "plummet:threshold=0.9");
        model.put("pruneFrom", "1");
        model.put("seed", "3");
        return new TrainingSetup(new PluginSpec("lvae", model), PluginSpec.parse("adam:lr=0.01"),
                TrainerOptions.minibatch(epochs, 16, 7), 3);
    }
}
