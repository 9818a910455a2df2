package dev.lva.models.checkpoint;

import dev.lva.api.LvaException;
import dev.lva.api.Model;
import dev.lva.api.Optimizer;
import dev.lva.api.StateDict;
import dev.lva.api.plugin.ModelProvider;
import dev.lva.api.plugin.OptimizerProvider;
import dev.lva.api.plugin.Options;
import dev.lva.api.plugin.PluginKind;
import dev.lva.api.plugin.PluginSpec;
import dev.lva.api.plugin.Plugins;
import dev.lva.api.plugin.Provider;
import dev.lva.api.plugin.PruningPolicyProvider;
import dev.lva.api.plugin.RegularizerProvider;
import dev.lva.api.plugin.TrainerProvider;
import dev.lva.core.checkpoint.CheckpointException;
import dev.lva.core.checkpoint.CheckpointFile;
import dev.lva.core.checkpoint.CheckpointListener;
import dev.lva.core.checkpoint.Extras;
import dev.lva.core.checkpoint.PluginVersion;
import dev.lva.core.checkpoint.TrainingSetup;
import dev.lva.core.checkpoint.TrainingSnapshot;
import dev.lva.core.io.Npy;
import dev.lva.core.nn.ParameterBuffer;
import dev.lva.core.optim.Adam;
import dev.lva.core.optim.Sgd;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.train.GradientTrainer;
import dev.lva.core.train.Progress;
import dev.lva.core.train.StatefulListener;
import dev.lva.models.LeastVolumeAutoencoder;
import dev.lva.models.NetworkModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training runs to and from checkpoint files: a fresh run from a {@link TrainingSetup}, the snapshot
 * of a run (parameters by name, layer states such as spectral norm's u and v, the least-volume
 * autoencoder's pruning state, the optimizer's moments, the trainer's progress), and the reverse:
 * a model and optimizer rebuilt by plugin name and options and loaded, every array checked against
 * the rebuilt model's shapes first.
 *
 * <pre>{@code
 * Plugins plugins = Plugins.discover();
 * TrainingSetup setup = new TrainingSetup(PluginSpec.parse("lvae:in=3,latent=3"),
 *         PluginSpec.parse("adam:lr=1e-3"), TrainerOptions.minibatch(100, 32, 0), 0);
 * RunState run = Checkpoints.start(setup, Extras.empty(), plugins);
 * CheckpointListener saver = Checkpoints.listener(CheckpointListener.Options.everySteps(dir, 500), run, plugins);
 * run.fit(TrainingData.autoencoding(x), List.of(saver));
 * // later, or after a crash:
 * RunState resumed = Checkpoints.load(new CheckpointFolder(dir).latest().orElseThrow(), plugins);
 * resumed.fit(TrainingData.autoencoding(x), List.of(Checkpoints.listener(options, resumed, plugins)));
 * }</pre>
 */
public final class Checkpoints {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
    /** Key of the least-volume autoencoder's pruning state among a snapshot's states. */
    public static final String PRUNING_STATE = "pruning";
    /**
     * Prefix of a {@link StatefulListener}'s state among a snapshot's states ({@code listener.convergence}):
     * not the model's, so the model does not load it; {@link RunState#restore} gives it back.
     */
    public static final String LISTENER_PREFIX = "listener.";

    private Checkpoints() {
    }

    // ---------------------------------------------------------------- fresh runs

    /**
     * A fresh run: model and optimizer created by plugin name, their options completed with the
     * providers' defaults (so that a checkpoint records every value, not just those given).
     */
    public static RunState start(TrainingSetup setup, Extras extras, Plugins plugins) {
        TrainingSetup complete = new TrainingSetup(complete(ModelProvider.KIND, setup.model(), plugins),
                complete(OptimizerProvider.KIND, setup.optimizer(), plugins), setup.trainer(), setup.seed());
        NetworkModel model = createModel(complete.model(), plugins, null);
        Optimizer optimizer = plugins.registry(OptimizerProvider.KIND).create(complete.optimizer());
        return new RunState(complete, model, optimizer, new GradientTrainer(complete.trainer()),
                Progress.start(complete.trainer().seed()), extras == null ? Extras.empty() : extras, Map.of(),
                "new run");
    }

    private static <P extends Provider<T, ?>, T> PluginSpec complete(PluginKind<P, T> kind, PluginSpec spec,
                                                                    Plugins plugins) {
        Provider<?, ?> p = plugins.registry(kind).get(spec.name());
        Record bound = Options.bind(p.defaultOptions(), spec.options(), spec.name());
        return new PluginSpec(spec.name(), Options.format(bound));
    }

    // ---------------------------------------------------------------- saving

    /** The snapshot of a run at {@code progress}: copies of everything it needs to continue. */
    public static TrainingSnapshot capture(RunState state, Progress progress, Plugins plugins) {
        return capture(state, progress, plugins, List.of());
    }

    /** The snapshot of a run at {@code progress}, with the states of {@code listeners} (a stopping rule's windows). */
    public static TrainingSnapshot capture(RunState state, Progress progress, Plugins plugins,
                                           List<? extends StatefulListener> listeners) {
        return capture(state.setup(), state.model(), state.optimizer(), progress, state.extras(),
                pluginVersions(state.setup(), plugins), listeners);
    }

    /** The snapshot of a model and optimizer trained with {@code setup}, at {@code progress}. */
    public static TrainingSnapshot capture(TrainingSetup setup, NetworkModel model, Optimizer optimizer,
                                           Progress progress, Extras extras, Plugins plugins) {
        return capture(setup, model, optimizer, progress, extras, pluginVersions(setup, plugins), List.of());
    }

    private static TrainingSnapshot capture(TrainingSetup setup, NetworkModel model, Optimizer optimizer,
                                            Progress progress, Extras extras, List<PluginVersion> versions,
                                            List<? extends StatefulListener> listeners) {
        ParameterBuffer buffer = model.parameterBuffer();
        Map<String, INDArray> parameters = new LinkedHashMap<>();
        for (int i = 0; i < buffer.entries().size(); i++) {
            parameters.put(buffer.entries().get(i).name(), buffer.value(i).array().dup('c'));
        }
        Map<String, StateDict> states = new LinkedHashMap<>(model.states());
        if (model instanceof LeastVolumeAutoencoder lvae) {
            states.put(PRUNING_STATE, lvae.pruningState());
        }
        for (StatefulListener l : listeners) {
            if (states.put(LISTENER_PREFIX + l.stateKey(), l.state()) != null) {
                throw new CheckpointException("two listeners keep their state under '" + l.stateKey() + "'");
            }
        }
        return new TrainingSnapshot(setup, progress, parameters, states, optimizer.state(), extras, versions);
    }

    /**
     * What a {@link CheckpointListener} calls when a checkpoint is due: the snapshot of the run's
     * model and optimizer, trained with {@code setup}, with {@code extras}.
     */
    public static CheckpointListener.SnapshotSource source(TrainingSetup setup, Extras extras, Plugins plugins) {
        return source(setup, extras, plugins, List.of());
    }

    /**
     * The same, with the states of {@code listeners}: a resumed run restores them ({@link RunState#restore}),
     * so that a stopping rule decides as it would have in an uninterrupted run.
     */
    public static CheckpointListener.SnapshotSource source(TrainingSetup setup, Extras extras, Plugins plugins,
                                                           List<? extends StatefulListener> listeners) {
        List<PluginVersion> versions = pluginVersions(setup, plugins);
        List<StatefulListener> kept = List.copyOf(listeners);
        return run -> {
            if (!(run.model() instanceof NetworkModel model)) {
                throw new CheckpointException("cannot checkpoint a " + run.model().getClass().getSimpleName()
                        + ": only models built from layers (NetworkModel) are supported");
            }
            return capture(setup, model, run.optimizer(), run.progress(), extras, versions, kept);
        };
    }

    /** A listener that checkpoints {@code state}'s run as {@code options} say. */
    public static CheckpointListener listener(CheckpointListener.Options options, RunState state, Plugins plugins) {
        return listener(options, state, plugins, List.of());
    }

    /** A listener that checkpoints {@code state}'s run with the states of {@code listeners}. */
    public static CheckpointListener listener(CheckpointListener.Options options, RunState state, Plugins plugins,
                                              List<? extends StatefulListener> listeners) {
        return new CheckpointListener(options, source(state.setup(), state.extras(), plugins, listeners));
    }

    /** Writes a snapshot atomically (see {@link CheckpointFile#write}). */
    public static void save(Path file, TrainingSnapshot snapshot) {
        CheckpointFile.write(file, snapshot);
    }

    // ---------------------------------------------------------------- loading

    /** Reads a checkpoint and rebuilds its run; every failure is a {@link LvaException} naming the file. */
    public static RunState load(Path file, Plugins plugins) {
        return restore(CheckpointFile.read(file), plugins, file.toString());
    }

    /**
     * Rebuilds a run from a snapshot: model and optimizer by plugin name and options, then every
     * parameter and state checked against the rebuilt model's names and shapes and loaded.
     *
     * @param source names the snapshot in messages (its file)
     */
    public static RunState restore(TrainingSnapshot s, Plugins plugins, String source) {
        TrainingSetup setup = s.setup();
        String bad = s.firstNonFiniteValue();
        if (bad != null) {
            throw new CheckpointException(source + ": holds a value that is not finite: " + bad);
        }
        checkPluginVersions(s.plugins(), plugins, source);
        // the options may describe any model; the arrays the file holds bound the one it may build (with
        // room to spare, so a near miss still fails below with the parameter it lacks or the shape it has)
        long held = s.parameters().values().stream().mapToLong(INDArray::length).sum();
        NetworkModel model = ParameterBuffer.withLimit(2 * held + (1L << 20), "the file holds " + held,
                () -> createModel(setup.model(), plugins, source));
        loadParameters(model, s.parameters(), source);
        Map<String, StateDict> modelStates = new LinkedHashMap<>();
        Map<String, StateDict> listenerStates = new LinkedHashMap<>();
        s.states().forEach((key, st) -> {
            if (key.startsWith(LISTENER_PREFIX)) {
                listenerStates.put(key.substring(LISTENER_PREFIX.length()), st);
            } else {
                modelStates.put(key, st);
            }
        });
        loadStates(model, modelStates, source);
        Optimizer optimizer;
        try {
            optimizer = plugins.registry(OptimizerProvider.KIND).create(setup.optimizer());
        } catch (LvaException e) {
            throw new CheckpointException(source + ": " + e.getMessage(), e);
        }
        loadOptimizer(optimizer, s.optimizerState(), model, setup.optimizer().name(), source);
        return new RunState(setup, model, optimizer, new GradientTrainer(setup.trainer()), s.progress(), s.extras(),
                listenerStates, source);
    }

    /** The model of {@code spec}; {@code source}, the checkpoint it is for, prefixes messages (null: a new run). */
    private static NetworkModel createModel(PluginSpec spec, Plugins plugins, String source) {
        String prefix = source == null ? "" : source + ": ";
        Model m;
        try {
            m = plugins.registry(ModelProvider.KIND).create(spec);
        } catch (LvaException e) {
            if (source == null) {
                throw e;
            }
            throw new CheckpointException(prefix + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new CheckpointException(prefix + "cannot build model '" + spec.name() + "': " + e, e);
        }
        if (m instanceof NetworkModel n) {
            return n;
        }
        throw new CheckpointException(prefix + "model '" + spec.name() + "' (" + m.getClass().getSimpleName()
                + ") is not trained by gradient steps and has no checkpoints");
    }

    private static void loadParameters(NetworkModel model, Map<String, INDArray> stored, String source) {
        ParameterBuffer buffer = model.parameterBuffer();
        Set<String> expected = new LinkedHashSet<>();
        buffer.entries().forEach(e -> expected.add(e.name()));
        for (String name : expected) {
            if (!stored.containsKey(name)) {
                throw new CheckpointException(source + ": no parameter '" + name + "', which the model has");
            }
        }
        for (String name : stored.keySet()) {
            if (!expected.contains(name)) {
                throw new CheckpointException(source + ": parameter '" + name + "' is not in the model (it has "
                        + expected + ")");
            }
        }
        for (int i = 0; i < buffer.entries().size(); i++) {
            ParameterBuffer.Entry e = buffer.entries().get(i);
            INDArray a = stored.get(e.name());
            long[] want = {e.rows(), e.cols()};
            if (!Arrays.equals(a.shape(), want)) {
                throw new CheckpointException(source + ": parameter '" + e.name() + "' has shape "
                        + Npy.shapeString(a.shape()) + " in the checkpoint, the model has " + Npy.shapeString(want));
            }
        }
        for (int i = 0; i < buffer.entries().size(); i++) {
            INDArray a = stored.get(buffer.entries().get(i).name());
            buffer.value(i).copyFrom(Matrix.copyOf(a, buffer.dataType()));
        }
    }

    private static void loadStates(NetworkModel model, Map<String, StateDict> stored, String source) {
        Map<String, StateDict> expected = new LinkedHashMap<>(model.states());
        LeastVolumeAutoencoder lvae = model instanceof LeastVolumeAutoencoder l ? l : null;
        if (lvae != null) {
            expected.put(PRUNING_STATE, lvae.pruningState());
        }
        for (Map.Entry<String, StateDict> e : expected.entrySet()) {
            StateDict s = stored.get(e.getKey());
            if (s == null) {
                throw new CheckpointException(source + ": no state '" + e.getKey() + "', which the model has");
            }
            requireSameLayout(e.getKey(), e.getValue(), s, source);
        }
        for (String key : stored.keySet()) {
            if (!expected.containsKey(key)) {
                throw new CheckpointException(source + ": state '" + key + "' is not in the model (it has "
                        + expected.keySet() + ")");
            }
        }
        Map<String, StateDict> layers = new LinkedHashMap<>(stored);
        layers.remove(PRUNING_STATE);
        try {
            model.loadStates(layers);
            if (lvae != null) {
                StateDict pruning = stored.get(PRUNING_STATE);
                requireValidPruning(pruning, source);
                lvae.loadPruningState(pruning);
            }
        } catch (LvaException e) {
            throw new CheckpointException(source + ": " + e.getMessage(), e);
        }
    }

    /** The model relies on a 0/1 mask with at least one active dimension, and on stds that are not negative. */
    private static void requireValidPruning(StateDict pruning, String source) {
        double[] mask = pruning.array("pruned", "pruning").toDoubleVector();
        boolean anyActive = false;
        for (double m : mask) {
            if (m != 0 && m != 1) {
                throw new CheckpointException(source + ": the pruning mask holds " + m + "; it must be 0 or 1");
            }
            anyActive |= m == 0;
        }
        if (!anyActive) {
            throw new CheckpointException(source + ": the pruning state prunes every latent dimension; at least one "
                    + "stays active");
        }
        for (double sd : pruning.array("ema_std", "pruning").toDoubleVector()) {
            if (sd < 0) {
                throw new CheckpointException(source + ": the pruning state holds a negative std " + sd);
            }
        }
    }

    /** Same version, same array names and shapes, the same scalars: what a component's loadState assumes. */
    private static void requireSameLayout(String key, StateDict expected, StateDict stored, String source) {
        if (stored.version() != expected.version()) {
            throw new CheckpointException(source + ": state '" + key + "' has version " + stored.version()
                    + ", this build reads version " + expected.version());
        }
        if (!stored.arrays().keySet().equals(expected.arrays().keySet())
                || !stored.scalars().keySet().containsAll(expected.scalars().keySet())) {
            throw new CheckpointException(source + ": state '" + key + "' holds arrays " + stored.arrays().keySet()
                    + " and scalars " + stored.scalars().keySet() + ", the model expects " + expected.arrays().keySet()
                    + " and " + expected.scalars().keySet());
        }
        for (Map.Entry<String, INDArray> a : expected.arrays().entrySet()) {
            long[] have = stored.arrays().get(a.getKey()).shape();
            if (!Arrays.equals(have, a.getValue().shape())) {
                throw new CheckpointException(source + ": state '" + key + "/" + a.getKey() + "' has shape "
                        + Npy.shapeString(have) + " in the checkpoint, the model has "
                        + Npy.shapeString(a.getValue().shape()));
            }
        }
    }

    private static void loadOptimizer(Optimizer optimizer, StateDict state, NetworkModel model, String name,
                                      String source) {
        long size = model.parameters().length();
        if (optimizer instanceof Adam || optimizer instanceof Sgd) {
            double step = state.scalars().getOrDefault("step", 0.0);
            double lr = state.scalars().getOrDefault("lr", 1.0);
            if (!(step >= 0 && step == Math.rint(step)) || !(lr > 0)) {
                throw new CheckpointException(source + ": optimizer '" + name + "' has step " + step
                        + " and learning rate " + lr + "; expected a whole step >= 0 and a rate > 0");
            }
            // the built-in optimizers keep one value per parameter for each of their arrays
            for (Map.Entry<String, INDArray> e : state.arrays().entrySet()) {
                if (e.getValue().length() != size) {
                    throw new CheckpointException(source + ": optimizer state '" + e.getKey() + "' has "
                            + e.getValue().length() + " values, the model has " + size + " parameters");
                }
            }
        }
        try {
            optimizer.loadState(state);
        } catch (LvaException e) {
            throw new CheckpointException(source + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new CheckpointException(source + ": optimizer '" + name + "' cannot load its state: " + e, e);
        }
    }

    // ---------------------------------------------------------------- plugin versions

    private static List<PluginVersion> pluginVersions(TrainingSetup setup, Plugins plugins) {
        List<PluginVersion> out = new ArrayList<>();
        add(out, plugins, ModelProvider.KIND, setup.model().name());
        add(out, plugins, OptimizerProvider.KIND, setup.optimizer().name());
        add(out, plugins, TrainerProvider.KIND, "gradient");
        // plugins named inside the model's options: its latent penalty and pruning policy
        Map<String, String> o = setup.model().options();
        for (String key : List.of("regularizer", "latentPenalty")) {
            String spec = o.get(key);
            if (spec != null && !spec.isBlank()) {
                add(out, plugins, RegularizerProvider.KIND, PluginSpec.parse(spec).name());
            }
        }
        String pruning = o.get("pruning");
        if (pruning != null && !pruning.isBlank()) {
            add(out, plugins, PruningPolicyProvider.KIND, PluginSpec.parse(pruning).name());
        }
        return out;
    }

    private static <P extends Provider<T, ?>, T> void add(List<PluginVersion> out, Plugins plugins,
                                                          PluginKind<P, T> kind, String name) {
        try {
            Provider<?, ?> p = plugins.registry(kind).get(name);
            out.add(new PluginVersion(kind.displayName(), name, p.getClass().getName(), versionOf(p.getClass())));
        } catch (LvaException e) {
            // an unknown name fails where the plugin is created; here it is only not recorded
            LOG.debug("plugin {} '{}' not recorded: {}", kind, name, e.getMessage());
        }
    }

    private static String versionOf(Class<?> type) {
        Package p = type.getPackage();
        if (p != null && p.getImplementationVersion() != null) {
            return p.getImplementationVersion();
        }
        return type.getName().startsWith("dev.lva.") ? CheckpointFile.lvaVersion() : "unknown";
    }

    private static void checkPluginVersions(List<PluginVersion> recorded, Plugins plugins, String source) {
        for (PluginVersion v : recorded) {
            String now;
            try {
                now = switch (v.kind()) {
                    case "model" -> currentVersion(plugins, ModelProvider.KIND, v.name());
                    case "optimizer" -> currentVersion(plugins, OptimizerProvider.KIND, v.name());
                    case "trainer" -> currentVersion(plugins, TrainerProvider.KIND, v.name());
                    case "regularizer" -> currentVersion(plugins, RegularizerProvider.KIND, v.name());
                    case "pruning policy" -> currentVersion(plugins, PruningPolicyProvider.KIND, v.name());
                    default -> null;
                };
            } catch (LvaException e) {
                throw new CheckpointException(source + ": " + e.getMessage(), e);
            }
            if (now != null && !now.equals(v.version())) {
                LOG.warn("{}: {} '{}' was version {} when the checkpoint was written, it is {} now", source,
                        v.kind(), v.name(), v.version(), now);
            }
        }
    }

    private static <P extends Provider<T, ?>, T> String currentVersion(Plugins plugins, PluginKind<P, T> kind,
                                                                      String name) {
        return versionOf(plugins.registry(kind).get(name).getClass());
    }
}
