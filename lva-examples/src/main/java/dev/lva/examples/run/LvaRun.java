package dev.lva.examples.run;

import dev.lva.api.LvaException;
import dev.lva.api.StepLoss;
import dev.lva.api.TrainingData;
import dev.lva.api.TrainingListener;
import dev.lva.api.TrainingResult;
import dev.lva.api.io.AtomicFiles;
import dev.lva.api.plugin.Options;
import dev.lva.api.plugin.PluginSpec;
import dev.lva.api.plugin.Plugins;
import dev.lva.core.checkpoint.CheckpointFolder;
import dev.lva.core.checkpoint.CheckpointListener;
import dev.lva.core.checkpoint.Extras;
import dev.lva.core.tensor.Blas;
import dev.lva.core.checkpoint.TrainingSetup;
import dev.lva.core.data.FittedScaler;
import dev.lva.core.data.Scaler;
import dev.lva.core.train.TrainerOptions;
import dev.lva.core.train.TrainingChecks;
import dev.lva.models.LatentAnalysis;
import dev.lva.models.LeastVolumeAutoencoder;
import dev.lva.models.checkpoint.Checkpoints;
import dev.lva.models.checkpoint.RunState;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One least-volume analysis of a data set, as {@code lva demo}, {@code fit} and {@code resume} run
 * it: load and scale the data, build (or restore) the model and optimizer, train with a progress bar
 * and periodic checkpoints, then analyse the latent space and write everything into the output
 * folder, the final model as {@code model.zip}. The checkpoint carries the run's configuration and
 * its scaler, so {@code resume}, {@code encode} and {@code decode} need nothing else.
 */
public final class LvaRun {
    private static final Logger LOG = LoggerFactory.getLogger(LvaRun.class);
    public static final String MODEL_FILE = "model.zip";
    public static final String CHECKPOINT_DIR = "checkpoints";
    static final String CONFIG_PREFIX = "config.";
    static final String DATA_SOURCE = "data.source";
    static final String DATA_COLUMNS = "data.columns";
    static final String SCALER_OFFSET = "scaler_offset";
    static final String SCALER_SCALE = "scaler_scale";
    /** The engine's thread count the run trained with: matrix products are cut by it, so it is part of the numbers. */
    static final String ENGINE_THREADS = "engine.threads";

    /** What a finished run reports. */
    public record Result(LeastVolumeAutoencoder model, TrainingResult training, LatentAnalysis analysis, Path report,
                         Path modelFile, Duration trainingTime) {

        /** The three lines the command prints at the end. */
        public List<String> summary() {
            double[] s = analysis.sortedStds();
            StringBuilder stds = new StringBuilder();
            for (double v : s) {
                stds.append(stds.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.4g", v));
            }
            return List.of(
                    "intrinsic dimension: " + analysis.intrinsicDimension() + " (of " + s.length + " latent dimensions)",
                    "latent stds (descending): " + stds,
                    String.format(Locale.ROOT, "reconstruction MSE: %.4g", analysis.lossNone()));
        }
    }

    private final RunConfig config;
    private final Plugins plugins;
    private final PrintStream progress;
    private final List<TrainingListener> extraListeners;

    /**
     * @param progress       where the progress bar goes, or null for none
     * @param extraListeners more listeners for the training (a launcher's loss printer)
     */
    public LvaRun(RunConfig config, Plugins plugins, PrintStream progress, List<TrainingListener> extraListeners) {
        this.config = config;
        this.plugins = plugins;
        this.progress = progress;
        this.extraListeners = List.copyOf(extraListeners);
    }

    public LvaRun(RunConfig config, Plugins plugins, PrintStream progress) {
        this(config, plugins, progress, List.of());
    }

    /** A fresh run on {@code data}; checkpoints of an earlier run in the same output folder are replaced. */
    public Result run(RunData data) {
        int width = data.dataset().cols();
        int latent = config.latent() == 0 ? width : config.latent();
        TrainingSetup setup = new TrainingSetup(new PluginSpec("lvae", Options.format(modelOptions(width, latent))),
                optimizerSpec(), trainerOptions(config.epochs()), config.seed());
        RunState state = Checkpoints.start(setup, extras(data), plugins);
        CheckpointFolder folder = new CheckpointFolder(config.out().resolve(CHECKPOINT_DIR));
        for (Path old : folder.checkpoints()) {
            delete(old);
        }
        return train(state, data);
    }

    /**
     * Continues the run saved in {@code checkpoint}, on the same data scaled the same way.
     *
     * @param epochs total epochs to reach (more than the saved run's to train longer), or null
     * @param out    output folder, or null for the saved run's
     * @param data   the data file, or null for the one the run was trained on (where it was then)
     */
    public static Result resume(Path checkpoint, Integer epochs, Path out, Path data, Plugins plugins,
                                PrintStream progress) {
        return resume(checkpoint, epochs, out, (source, cfg, scaler) -> RunData.reload(
                data != null ? data.toAbsolutePath().normalize().toString() : source, cfg, scaler,
                cfg.precision().dataType()), plugins, progress);
    }

    /** Where a resumed run's rows come from, scaled with the scaler the checkpoint carries (null: none). */
    @FunctionalInterface
    public interface DataSource {
        RunData load(String savedSource, RunConfig savedConfig, Scaler savedScaler);
    }

    /** As above, with the rows from {@code data} (a sweep's executor has them in memory, not on disk). */
    public static Result resume(Path checkpoint, Integer epochs, Path out, DataSource data, Plugins plugins,
                                PrintStream progress) {
        RunState state = Checkpoints.load(checkpoint, plugins);
        RunConfig saved = savedConfig(state.extras(), checkpoint);
        int total = epochs == null ? saved.epochs() : epochs;
        if (total < state.progress().epoch()) {
            throw new LvaException("--epochs " + total + ": the checkpoint is already at epoch "
                    + state.progress().epoch());
        }
        RunConfig cfg = Options.bind(saved, out == null ? Map.of("epochs", Integer.toString(total))
                : Map.of("epochs", Integer.toString(total), "out", out.toString()), "resume");
        LvaRun run = new LvaRun(cfg, plugins, progress);
        RunState resumed = state.withTrainer(run.trainerOptions(total));
        RunData rows = data.load(state.extras().string(DATA_SOURCE), cfg, savedScaler(state.extras()));
        resumed.requireInputWidth(rows.dataset().cols(), rows.source());
        String savedThreads = state.extras().strings().get(ENGINE_THREADS);
        String threads = Integer.toString(Blas.threads());
        if (savedThreads != null && !savedThreads.equals(threads) && progress != null) {
            progress.println("note: the run trained on " + savedThreads + " thread(s) and resumes on " + threads
                    + "; its numbers will differ from an uninterrupted run's by rounding (--threads " + savedThreads
                    + " continues it exactly)");
        }
        return run.train(resumed.withExtras(state.extras().withString(ENGINE_THREADS, threads)), rows);
    }

    /** The configuration a checkpoint of {@code lva fit} carries. */
    static RunConfig savedConfig(Extras extras, Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        extras.strings().forEach((k, v) -> {
            if (k.startsWith(CONFIG_PREFIX)) {
                values.put(k.substring(CONFIG_PREFIX.length()), v);
            }
        });
        if (values.isEmpty() || !extras.strings().containsKey(DATA_SOURCE)) {
            throw new LvaException(file + ": this checkpoint was not written by lva fit or lva demo; it does not"
                    + " say which data it was trained on");
        }
        return Options.bind(RunConfig.fitDefaults(), values, file.toString());
    }

    /** The scaler a checkpoint carries, or null if the run did not scale. */
    static Scaler savedScaler(Extras extras) {
        return extras.arrays().containsKey(SCALER_OFFSET)
                ? new FittedScaler(extras.array(SCALER_OFFSET), extras.array(SCALER_SCALE)) : null;
    }

    private Extras extras(RunData data) {
        Extras e = Extras.empty().withString(DATA_SOURCE, data.source())
                .withString(DATA_COLUMNS, String.join(";", data.dataset().columns()))
                .withString(ENGINE_THREADS, Integer.toString(Blas.threads()));
        for (Map.Entry<String, String> c : Options.format(config).entrySet()) {
            e = e.withString(CONFIG_PREFIX + c.getKey(), c.getValue());
        }
        Scaler s = data.scaler();
        if (s != null) {
            e = e.withArray(SCALER_OFFSET, s.offset()).withArray(SCALER_SCALE, s.scale());
        }
        return e;
    }

    private Result train(RunState state, RunData data) {
        LeastVolumeAutoencoder model = (LeastVolumeAutoencoder) state.model();
        INDArray x = data.scaled();
        int rows = (int) x.rows();
        TrainingChecks.requireBatches(rows, state.setup().trainer(), model.latentPenalty());
        TrainerOptions t = state.setup().trainer();
        int batch = t.batchSize() == 0 ? rows : t.batchSize();
        long steps = (long) t.epochs() * ((rows + batch - 1) / batch) - state.progress().step();
        LossHistory history = new LossHistory(Math.max(1, steps), 2000);
        CheckpointListener saver = Checkpoints.listener(new CheckpointListener.Options(
                config.out().resolve(CHECKPOINT_DIR), config.checkpointEvery(), config.checkpointSeconds(),
                config.keep(), true), state, plugins);
        List<TrainingListener> listeners = new ArrayList<>(List.of(history, saver));
        if (progress != null) {
            listeners.add(new ProgressListener(state.progress().step() + steps, progress));
        }
        listeners.addAll(extraListeners);
        long t0 = System.nanoTime();
        TrainingResult result = state.fit(TrainingData.autoencoding(x), listeners);
        Duration time = Duration.ofNanos(System.nanoTime() - t0);
        if (result.stopReason() == TrainingResult.StopReason.NON_FINITE_LOSS) {
            throw new LvaException("training stopped: " + result.message() + saver.lastWritten()
                    .map(p -> "; the last good checkpoint is " + p).orElse("; no checkpoint was written yet"));
        }
        Path modelFile = config.out().resolve(MODEL_FILE);
        saver.lastWritten().ifPresent(p -> copyAtomically(p, modelFile));
        return finish(model, data, history, result, time, modelFile);
    }

    private Result finish(LeastVolumeAutoencoder model, RunData data, LossHistory history, TrainingResult result,
                          Duration time, Path modelFile) {
        INDArray x = data.scaled();
        LatentAnalysis analysis = LatentAnalysis.of(model, x);
        model.setTraining(false);
        INDArray z = model.encode(x);
        INDArray reconstruction = model.decode(z);
        Path out = config.out();
        List<String> latentNames = new ArrayList<>();
        for (int j = 0; j < z.columns(); j++) {
            latentNames.add("z" + j);
        }
        Outputs.writeCsv(out.resolve(Outputs.LATENT_FILE), latentNames, z);
        Outputs.writeString(out.resolve(Outputs.CONFIG_FILE), Outputs.configYaml(config));
        Map<String, Double> losses = new LinkedHashMap<>();
        StepLoss last = history.last();
        if (last != null) {
            losses.put("last step: total", last.total());
            losses.put("last step: reconstruction", last.data());
            losses.put("last step: penalty", last.penalty());
        }
        losses.put("reconstruction MSE (eval mode)", analysis.lossNone());
        Path report = Outputs.report(out, "Least-volume analysis of " + data.source(), config,
                Outputs.figures(history, analysis, x, z, reconstruction, data.dataset().columns()), analysis, losses,
                time);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("data", data.source());
        summary.put("rows", x.rows());
        summary.put("columns", x.columns());
        summary.put("intrinsic_dimension", analysis.intrinsicDimension());
        summary.put("stds_sorted", analysis.sortedStds());
        summary.put("order", analysis.order());
        summary.put("explained", analysis.explained());
        summary.put("reconstruction_mse", analysis.lossNone());
        summary.put("pruned", model.prunedDimensions());
        summary.put("steps", result.steps());
        summary.put("stop_reason", result.stopReason().name());
        summary.put("training_seconds", time.toNanos() / 1e9);
        summary.put("model", modelFile.toString());
        Outputs.writeJson(out.resolve(Outputs.SUMMARY_FILE), summary);
        return new Result(model, result, analysis, report, modelFile, time);
    }

    LeastVolumeAutoencoder.Options modelOptions(int width, int latent) {
        try {
            return new LeastVolumeAutoencoder.Options(width, latent, config.hidden(), config.activation(),
                    config.regularizer(), config.pruning(), config.pruneFrom(), 0.9, config.prunedInPenalty(),
                    config.precision(), config.seed());
        } catch (IllegalArgumentException e) {
            throw new LvaException("invalid model options: " + e.getMessage(), e);
        }
    }

    /** The optimizer spec with the run's learning rate, unless the spec sets its own. */
    PluginSpec optimizerSpec() {
        PluginSpec spec = PluginSpec.parse(config.optimizer());
        Map<String, String> options = new LinkedHashMap<>(spec.options());
        options.putIfAbsent("lr", Double.toString(config.lr()));
        return new PluginSpec(spec.name(), options);
    }

    TrainerOptions trainerOptions(int epochs) {
        return new TrainerOptions(epochs, config.batch(), true, config.seed());
    }

    private static void copyAtomically(Path from, Path to) {
        try {
            AtomicFiles.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + to + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path old) {
        try {
            Files.deleteIfExists(old);
            LOG.info("removed {} of an earlier run in the same output folder", old);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + old + ": " + e.getMessage(), e);
        }
    }
}
