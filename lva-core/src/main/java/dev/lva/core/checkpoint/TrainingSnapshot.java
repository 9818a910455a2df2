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
 * @param setup          model, optimizer and trainer plugins with options, seed
 * @param step           optimizer steps taken
 * @param trainerState   the trainer's own state (for the gradient trainer, a {@link Progress}: epoch,
 *                       batch within the epoch, shuffling state, epoch loss so far)
 * @param parameters     the model's parameters by name ({@code encoder.0.weight}), in layout order
 * @param states         non-parameter state by name: layer states ({@code decoder.0.weight.parametrization},
 *                       spectral norm's u and v) and model states ({@code pruning})
 * @param optimizerState the optimizer's moments and step count
 * @param extras         a front end's own arrays and strings
 * @param plugins        the plugins the run used, with versions (informational)
 * @param provenance     where it was written (lva, JDK, OS, kernels, threads, data); null for a
 *                       checkpoint of an older lva, which recorded none
 */
public record TrainingSnapshot(TrainingSetup setup, long step, StateDict trainerState, Map<String, INDArray> parameters,
                               Map<String, StateDict> states, StateDict optimizerState, Extras extras,
                               List<PluginVersion> plugins, Provenance provenance) {
    public TrainingSnapshot {
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(trainerState, "trainerState");
        Objects.requireNonNull(optimizerState, "optimizerState");
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        parameters.keySet().forEach(n -> Names.require(n, "parameter"));
        states.forEach((k, s) -> {
            Names.require(k, "state");
            s.arrays().keySet().forEach(n -> Names.require(n, "state array"));
        });
        optimizerState.arrays().keySet().forEach(n -> Names.require(n, "optimizer state"));
        trainerState.arrays().keySet().forEach(n -> Names.require(n, "trainer state"));
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
        extras = extras == null ? Extras.empty() : extras;
        plugins = List.copyOf(plugins);
    }

    /** A snapshot of a gradient-trainer run at {@code progress}, without provenance. */
    public TrainingSnapshot(TrainingSetup setup, Progress progress, Map<String, INDArray> parameters,
                            Map<String, StateDict> states, StateDict optimizerState, Extras extras,
                            List<PluginVersion> plugins) {
        this(setup, progress.step(), progress.toState(), parameters, states, optimizerState, extras, plugins, null);
    }

    /** The gradient trainer's progress; fails for the state of another trainer. */
    public Progress progress() {
        return Progress.of(trainerState);
    }

    /** The same snapshot with other extras (provenance and trainer state kept). */
    public TrainingSnapshot withExtras(Extras other) {
        return new TrainingSnapshot(setup, step, trainerState, parameters, states, optimizerState, other, plugins,
                provenance);
    }

    /** The same snapshot with other provenance. */
    public TrainingSnapshot withProvenance(Provenance p) {
        return new TrainingSnapshot(setup, step, trainerState, parameters, states, optimizerState, extras, plugins, p);
    }

    /**
     * The first value that is NaN or infinite among the parameters, the states, the optimizer's
     * state and the trainer's, described as {@code parameter encoder.0.weight[3]}, or null when all are finite: such
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
        String bad = firstNonFinite("optimizer state ", optimizerState);
        return bad != null ? bad : firstNonFinite("trainer state ", trainerState);
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
