package dev.lva.core.checkpoint;

import dev.lva.api.StateDict;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.train.Progress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Everything a training run needs to continue exactly, in memory: what {@link CheckpointFile} writes
 * and reads. Arrays are copies, FLOAT or DOUBLE.
 *
 * @param setup          model and optimizer plugins with options, trainer options, seed
 * @param progress       step, epoch, batch within the epoch, shuffling state, epoch loss so far
 * @param parameters     the model's parameters by name ({@code encoder.0.weight}), in layout order
 * @param states         non-parameter state by name: layer states ({@code decoder.0.weight.parametrization},
 *                       spectral norm's u and v) and model states ({@code pruning})
 * @param optimizerState the optimizer's moments and step count
 * @param extras         a front end's own arrays and strings
 * @param plugins        the plugins the run used, with versions (informational)
 */
public record TrainingSnapshot(TrainingSetup setup, Progress progress, Map<String, INDArray> parameters,
                               Map<String, StateDict> states, StateDict optimizerState, Extras extras,
                               List<PluginVersion> plugins) {
    public TrainingSnapshot {
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(optimizerState, "optimizerState");
        parameters.keySet().forEach(n -> Names.require(n, "parameter"));
        states.forEach((k, s) -> {
            Names.require(k, "state");
            s.arrays().keySet().forEach(n -> Names.require(n, "state array"));
        });
        optimizerState.arrays().keySet().forEach(n -> Names.require(n, "optimizer state"));
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
        extras = extras == null ? Extras.empty() : extras;
        plugins = List.copyOf(plugins);
    }

    /** The step the snapshot was taken after. */
    public long step() {
        return progress.step();
    }

    /**
     * The first value that is NaN or infinite among the parameters, the states and the optimizer's
     * state, described as {@code parameter encoder.0.weight[3]}, or null when all are finite: such
     * a snapshot is never written, and a file holding one is refused.
     */
    public String firstNonFiniteValue() {
        for (Map.Entry<String, INDArray> e : parameters.entrySet()) {
            String bad = firstNonFinite("parameter " + e.getKey(), e.getValue());
            if (bad != null) {
                return bad;
            }
        }
        for (Map.Entry<String, StateDict> e : states.entrySet()) {
            String bad = firstNonFinite("state " + e.getKey() + "/", e.getValue());
            if (bad != null) {
                return bad;
            }
        }
        return firstNonFinite("optimizer state ", optimizerState);
    }

    private static String firstNonFinite(String prefix, StateDict state) {
        for (Map.Entry<String, INDArray> a : state.arrays().entrySet()) {
            String bad = firstNonFinite(prefix + a.getKey(), a.getValue());
            if (bad != null) {
                return bad;
            }
        }
        for (Map.Entry<String, Double> v : state.scalars().entrySet()) {
            if (!Double.isFinite(v.getValue())) {
                return prefix + v.getKey() + " = " + v.getValue();
            }
        }
        return null;
    }

    private static String firstNonFinite(String name, INDArray a) {
        if (a.length() == 0) {
            return null;
        }
        Matrix m = Matrix.copyOf(a.reshape(a.length()), a.dataType());
        for (int i = 0; i < m.length(); i++) {
            if (!Double.isFinite(m.get(i))) {
                return name + "[" + i + "] = " + m.get(i);
            }
        }
        return null;
    }
}
