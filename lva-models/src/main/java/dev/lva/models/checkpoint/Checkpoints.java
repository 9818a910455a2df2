package dev.lva.models.checkpoint;

import dev.lva.api.LvaException;
import dev.lva.api.Model;
import dev.lva.api.Optimizer;
import dev.lva.api.ResumableTrainer;
import dev.lva.api.Trainer;
import dev.lva.api.TrainableModel;
import dev.lva.api.TrainingData;
import dev.lva.api.TrainingResult;
import dev.lva.api.TrainingState;
import dev.lva.api.plugin.LossProvider;
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
import dev.lva.core.checkpoint.DataDigest;
import dev.lva.core.checkpoint.Provenance;
import dev.lva.core.checkpoint.Extras;
import dev.lva.core.checkpoint.PluginVersion;
import dev.lva.core.checkpoint.TrainingSetup;
import dev.lva.core.checkpoint.TrainingSnapshot;
import dev.lva.core.io.Npy;
import dev.lva.core.nn.ParameterBuffer;
import dev.lva.core.train.Progress;
import dev.lva.core.train.StatefulListener;
import dev.lva.models.LeastVolumeAutoencoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
 *
 * <p>Nothing here knows a concrete model, optimizer or trainer: a model gives its parameters and
 * states ({@link Model#namedParameters()}, {@link Model#states()}), an optimizer its
 * {@link Optimizer#state()}, a trainer plugin that is a {@link ResumableTrainer} its own state, and a
 * provider the plugins its options name ({@link Provider#nestedPlugins()}). A model built in code, not a
 * plugin, is saved from the result its training returns ({@link #save(Path, Model, Optimizer, Trainer,
 * TrainingResult)}) and read back into the same architecture built again ({@link #loadInto}).
 */
public final class Checkpoints {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
    /** Key of the least-volume autoencoder's pruning state among a snapshot's states. */
    public static final String PRUNING_STATE = LeastVolumeAutoencoder.PRUNING_STATE;
    /**
     * Prefix of a {@link StatefulListener}'s state among a snapshot's states ({@code listener.convergence}):
     * not the model's, so the model does not load it; {@link RunState#restore} gives it back.
     */
    public static final String LISTENER_PREFIX = "listener.";
    /**
     * The extra string under which a front end keeps the {@link DataDigest} of the rows the run
     * trains on (and {@value #DATA_SHAPE} their shape): the checkpoint's provenance records it.
     */
    public static final String DATA_DIGEST = "data.digest";
    public static final String DATA_SHAPE = "data.shape";

    private Checkpoints() {
    }

    // ---------------------------------------------------------------- fresh runs

    /**
     * A fresh run: model and optimizer created by plugin name, their options completed with the
     * providers' defaults (so that a checkpoint records every value, not just those given).
     */
    public static RunState start(TrainingSetup setup, Extras extras, Plugins plugins) {
        TrainingSetup complete = new TrainingSetup(complete(ModelProvider.KIND, setup.model(), plugins),
                complete(OptimizerProvider.KIND, setup.optimizer(), plugins),
                complete(TrainerProvider.KIND, setup.trainerPlugin(), plugins), setup.seed());
        TrainableModel model = createModel(complete.model(), plugins, null);
        Optimizer optimizer = plugins.registry(OptimizerProvider.KIND).create(complete.optimizer());
        ResumableTrainer trainer = createTrainer(complete.trainerPlugin(), plugins, null);
        return new RunState(complete, model, optimizer, trainer, 0, null, extras == null ? Extras.empty() : extras,
                Map.of(), "new run");
    }

    /** The trainer of {@code spec}, which must be resumable: a checkpoint keeps its state. */
    private static ResumableTrainer createTrainer(PluginSpec spec, Plugins plugins, String source) {
        String prefix = source == null ? "" : source + ": ";
        Trainer t;
        try {
            t = plugins.registry(TrainerProvider.KIND).create(spec);
        } catch (LvaException e) {
            if (source == null) {
                throw e;
            }
            throw new CheckpointException(prefix + e.getMessage(), e);
        }
        if (t instanceof ResumableTrainer r) {
            return r;
        }
        throw new CheckpointException(prefix + "trainer '" + spec.name() + "' (" + t.getClass().getName()
                + ") cannot be resumed from a checkpoint: it does not implement dev.lva.api.ResumableTrainer");
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
        return capture(state.setup(), state.model(), state.optimizer().state(), progress.step(), progress.toState(),
                state.extras(), pluginVersions(state.setup(), plugins), listenerStates(listeners));
    }

    /**
     * The snapshot of a run where {@code result} left it, from the final state the trainer returned
     * (its own state, the optimizer's, its stateful listeners'): no cast to a trainer's class.
     */
    public static TrainingSnapshot capture(RunState state, TrainingResult result, Plugins plugins) {
        return capture(state.setup(), state.model(), result, state.extras(), plugins);
    }

    /**
     * The snapshot of any model (one built in code as well as a plugin's) trained with {@code setup}
     * where {@code result} left it. For a model built in code, {@code setup.model()} only describes it
     * (a name of one's own): {@link #loadInto} reads such a checkpoint into the model built again.
     */
    public static TrainingSnapshot capture(TrainingSetup setup, Model model, TrainingResult result, Extras extras,
                                           Plugins plugins) {
        TrainingState end = result.finalState();
        if (end == null || !end.resumable()) {
            throw new CheckpointException("the trainer returned no final state to checkpoint (it is not a"
                    + " dev.lva.api.ResumableTrainer)");
        }
        return capture(setup, model, end.optimizer(), end.step(), end.trainer(), extras, pluginVersions(setup, plugins),
                end.listeners());
    }

    /** The snapshot of a model and optimizer trained with {@code setup}, at {@code progress}. */
    public static TrainingSnapshot capture(TrainingSetup setup, Model model, Optimizer optimizer,
                                           Progress progress, Extras extras, Plugins plugins) {
        return capture(setup, model, optimizer.state(), progress.step(), progress.toState(), extras,
                pluginVersions(setup, plugins), Map.of());
    }

    private static Map<String, StateDict> listenerStates(List<? extends StatefulListener> listeners) {
        Map<String, StateDict> out = new LinkedHashMap<>();
        for (StatefulListener l : listeners) {
            if (out.put(l.stateKey(), l.state()) != null) {
                throw new CheckpointException("two listeners keep their state under '" + l.stateKey() + "'");
            }
        }
        return out;
    }

    private static TrainingSnapshot capture(TrainingSetup setup, Model model, StateDict optimizerState, long step,
                                            StateDict trainerState, Extras extras, List<PluginVersion> versions,
                                            Map<String, StateDict> listeners) {
        Map<String, INDArray> parameters = new LinkedHashMap<>();
        model.namedParameters().forEach((name, a) -> parameters.put(name, a.dup('c')));
        Map<String, StateDict> states = new LinkedHashMap<>(model.states());
        listeners.forEach((key, st) -> {
            if (states.put(LISTENER_PREFIX + key, st) != null) {
                throw new CheckpointException("two listeners keep their state under '" + key + "'");
            }
        });
        Extras e = extras == null ? Extras.empty() : extras;
        return new TrainingSnapshot(setup, step, trainerState, parameters, states, optimizerState, e, versions,
                Provenance.current(dataDigest(e)));
    }

    /** The digest of the training data when a front end keeps it among the extras ({@value #DATA_DIGEST}). */
    private static DataDigest dataDigest(Extras extras) {
        String text = extras.strings().get(DATA_DIGEST);
        if (text == null) {
            return null;
        }
        try {
            return DataDigest.parse(text, extras.strings().getOrDefault(DATA_SHAPE, ""));
        } catch (LvaException e) {
            LOG.debug("extra {} is not a data digest: {}", DATA_DIGEST, e.getMessage());
            return null;
        }
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
        return run -> capture(setup, run.model(), run.optimizer().state(), run.step(),
                run.trainerState().orElseThrow(() -> new CheckpointException("the trainer of this run cannot be"
                        + " resumed: it gives no trainer state")), extras, versions, listenerStates(kept));
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
        TrainableModel model = ParameterBuffer.withLimit(2 * held + (1L << 20), "the file holds " + held,
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
        ResumableTrainer trainer = createTrainer(setup.trainerPlugin(), plugins, source);
        logProvenance(s.provenance(), source);
        return new RunState(setup, model, optimizer, trainer, s.step(), s.trainerState(), s.extras(), listenerStates,
                source, s.provenance());
    }

    /**
     * Reads a checkpoint into a model and an optimizer built in code (the same architecture and the
     * same kind of optimizer as wrote it; no plugin registration), checking every name and shape
     * first, and returns where the run stands: give {@link TrainingState#trainer()} to
     * {@link ResumableTrainer#fit(TrainableModel, Optimizer, TrainingData, List, StateDict)} and each
     * of {@link TrainingState#listeners()} to its listener to continue exactly.
     */
    public static TrainingState loadInto(Path file, Model model, Optimizer optimizer) {
        String source = file.toString();
        TrainingSnapshot s = CheckpointFile.read(file);
        String bad = s.firstNonFiniteValue();
        if (bad != null) {
            throw new CheckpointException(source + ": holds a value that is not finite: " + bad);
        }
        Map<String, StateDict> modelStates = new LinkedHashMap<>();
        Map<String, StateDict> listenerStates = new LinkedHashMap<>();
        s.states().forEach((key, st) -> (key.startsWith(LISTENER_PREFIX) ? listenerStates : modelStates)
                .put(key.startsWith(LISTENER_PREFIX) ? key.substring(LISTENER_PREFIX.length()) : key, st));
        loadParameters(model, s.parameters(), source);
        loadStates(model, modelStates, source);
        loadOptimizer(optimizer, s.optimizerState(), model, s.setup().optimizer().name(), source);
        logProvenance(s.provenance(), source);
        return new TrainingState(s.step(), s.trainerState(), s.optimizerState(), listenerStates);
    }

    /**
     * Writes the checkpoint of a model built in code where {@code result} left it (the trainer's final
     * state, the optimizer's, the stateful listeners'), recording the classes of the model, the
     * optimizer and the trainer in place of plugin names; {@link #loadInto} reads it back.
     */
    public static void save(Path file, Model model, Optimizer optimizer, Trainer trainer, TrainingResult result) {
        TrainingSetup setup = new TrainingSetup(inCode(model), inCode(optimizer), inCode(trainer), 0);
        save(file, capture(setup, model, result, Extras.empty(), Plugins.discover()));
    }

    private static PluginSpec inCode(Object o) {
        return new PluginSpec(o.getClass().getName(), Map.of());
    }

    /** Says at INFO what differs from where the checkpoint was written, and so whether a resume is exact. */
    private static void logProvenance(Provenance then, String source) {
        if (then == null) {
            LOG.info("{}: {}", source, Provenance.explain(null, null));
            return;
        }
        // the data are the caller's to compare (a front end knows them; see RunState#explainResume)
        Provenance now = Provenance.current(null);
        if (!then.differences(now).isEmpty()) {
            LOG.info("{}: {}", source, Provenance.explain(then, now));
        }
    }

    /** The model of {@code spec}; {@code source}, the checkpoint it is for, prefixes messages (null: a new run). */
    private static TrainableModel createModel(PluginSpec spec, Plugins plugins, String source) {
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
        if (m instanceof TrainableModel t) {
            return t;
        }
        throw new CheckpointException(prefix + "model '" + spec.name() + "' (" + m.getClass().getSimpleName()
                + ") is not trained by gradient steps and has no checkpoints");
    }

    private static void loadParameters(Model model, Map<String, INDArray> stored, String source) {
        Map<String, INDArray> named = model.namedParameters();
        Set<String> expected = named.keySet();
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
        for (Map.Entry<String, INDArray> e : named.entrySet()) {
            INDArray a = stored.get(e.getKey());
            long[] want = e.getValue().shape();
            if (!Arrays.equals(a.shape(), want)) {
                throw new CheckpointException(source + ": parameter '" + e.getKey() + "' has shape "
                        + Npy.shapeString(a.shape()) + " in the checkpoint, the model has " + Npy.shapeString(want));
            }
        }
        for (Map.Entry<String, INDArray> e : named.entrySet()) {
            INDArray view = e.getValue();
            INDArray a = stored.get(e.getKey());
            view.assign(a.dataType() == view.dataType() ? a : a.castTo(view.dataType()));
        }
    }

    private static void loadStates(Model model, Map<String, StateDict> stored, String source) {
        Map<String, StateDict> expected = model.states();
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
        try {
            model.loadStates(stored);
        } catch (LvaException e) {
            throw new CheckpointException(source + ": " + e.getMessage(), e);
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

    private static void loadOptimizer(Optimizer optimizer, StateDict state, Model model, String name,
                                      String source) {
        try {
            optimizer.loadState(state, model.parameters().length());
        } catch (LvaException e) {
            throw new CheckpointException(source + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new CheckpointException(source + ": optimizer '" + name + "' cannot load its state: " + e, e);
        }
    }

    // ---------------------------------------------------------------- plugin versions

    private static List<PluginVersion> pluginVersions(TrainingSetup setup, Plugins plugins) {
        List<PluginVersion> out = new ArrayList<>();
        addWithNested(out, plugins, ModelProvider.KIND, setup.model(), 0);
        addWithNested(out, plugins, OptimizerProvider.KIND, setup.optimizer(), 0);
        addWithNested(out, plugins, TrainerProvider.KIND, setup.trainerPlugin(), 0);
        return out;
    }

    /** A plugin and, as its provider declares them ({@link Provider#nestedPlugins()}), those its options name. */
    private static void addWithNested(List<PluginVersion> out, Plugins plugins, PluginKind<?, ?> kind, PluginSpec spec,
                                      int depth) {
        Provider<?, ?> p = add(out, plugins, kind, spec.name());
        if (p == null || depth > 8) {
            return;
        }
        p.nestedPlugins().forEach((key, nestedKind) -> {
            String nested = spec.options().get(key);
            if (nested != null && !nested.isBlank()) {
                try {
                    addWithNested(out, plugins, nestedKind, PluginSpec.parse(nested), depth + 1);
                } catch (LvaException e) {
                    LOG.debug("{} '{}' option {} not recorded: {}", kind, spec.name(), key, e.getMessage());
                }
            }
        });
    }

    private static Provider<?, ?> add(List<PluginVersion> out, Plugins plugins, PluginKind<?, ?> kind, String name) {
        try {
            Provider<?, ?> p = provider(plugins, kind, name);
            out.add(new PluginVersion(kind.displayName(), name, p.getClass().getName(), versionOf(p.getClass())));
            return p;
        } catch (LvaException e) {
            // an unknown name fails where the plugin is created; here it is only not recorded
            LOG.debug("plugin {} '{}' not recorded: {}", kind, name, e.getMessage());
            return null;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Provider<?, ?> provider(Plugins plugins, PluginKind<?, ?> kind, String name) {
        return (Provider<?, ?>) plugins.registry((PluginKind) kind).get(name);
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
            PluginKind<?, ?> kind = KINDS.get(v.kind());
            String now;
            try {
                now = kind == null ? null : versionOf(provider(plugins, kind, v.name()).getClass());
            } catch (LvaException e) {
                throw new CheckpointException(source + ": " + e.getMessage(), e);
            }
            if (now != null && !now.equals(v.version())) {
                LOG.warn("{}: {} '{}' was version {} when the checkpoint was written, it is {} now", source,
                        v.kind(), v.name(), v.version(), now);
            }
        }
    }

    /** The kinds a checkpoint records plugins of, by {@link PluginKind#displayName()}. */
    private static final Map<String, PluginKind<?, ?>> KINDS = kinds(ModelProvider.KIND, OptimizerProvider.KIND,
            TrainerProvider.KIND, RegularizerProvider.KIND, PruningPolicyProvider.KIND, LossProvider.KIND);

    private static Map<String, PluginKind<?, ?>> kinds(PluginKind<?, ?>... kinds) {
        Map<String, PluginKind<?, ?>> m = new LinkedHashMap<>();
        for (PluginKind<?, ?> k : kinds) {
            m.put(k.displayName(), k);
        }
        return m;
    }
}
