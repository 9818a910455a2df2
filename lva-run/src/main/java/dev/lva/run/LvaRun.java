package dev.lva.run;

import dev.lva.api.LvaException;
import dev.lva.api.StepLoss;
import dev.lva.api.TrainingData;
import dev.lva.api.TrainingListener;
import dev.lva.api.TrainingResult;
import dev.lva.api.plugin.Options;
import dev.lva.api.plugin.PluginSpec;
import dev.lva.api.plugin.Plugins;
import dev.lva.core.Engine;
import dev.lva.core.checkpoint.CheckpointListener;
import dev.lva.core.checkpoint.DataDigest;
import dev.lva.core.checkpoint.Extras;
import dev.lva.core.checkpoint.TrainingSetup;
import dev.lva.core.checkpoint.TrainingSnapshot;
import dev.lva.core.data.FittedScaler;
import dev.lva.core.data.ImageStreaming;
import dev.lva.core.data.RowSample;
import dev.lva.core.data.Scaler;
import dev.lva.core.tensor.Blas;
import dev.lva.core.train.Batches;
import dev.lva.core.train.Convergence;
import dev.lva.core.train.TrainerOptions;
import dev.lva.core.train.TrainingChecks;
import dev.lva.models.IntrinsicDimension;
import dev.lva.models.LatentAnalysis;
import dev.lva.models.LeastVolumeAutoencoder;
import dev.lva.models.checkpoint.Checkpoints;
import dev.lva.models.checkpoint.RunState;
import dev.lva.models.evaluate.RunEvaluation;
import dev.lva.viz.report.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One least-volume analysis of a data set, as {@code lva demo}, {@code fit} and {@code resume} run
 * it, and the unit a sweep or a run over several seeds repeats: data in, an output folder, a
 * {@link Result} out, nothing printed. {@link #run} loads nothing itself: it takes the data, checks
 * and locks the output folder ({@link OutputFolder}) before any training, builds (or restores) the
 * model and optimizer, trains with periodic checkpoints, and writes the results in the order they
 * matter: {@code model.zip} (the final model itself), {@code latent.csv}, {@code config.yaml} and
 * {@code summary.json}. Figures and the HTML report come after, from {@link #report}, which never
 * fails a run: a figure or report that cannot be drawn or written becomes a warning in its
 * {@link Report}. The checkpoint carries the run's configuration and its scaler, so {@code resume},
 * {@code encode} and {@code decode} need nothing else.
 *
 * <p>A run goes into the folder it is given ({@link #LvaRun(RunConfig, Path, Plugins, RunProgress, List)},
 * {@link #fit}), and no file it writes there names that folder: {@code config.yaml} and the
 * checkpoints leave out the output folder, {@code summary.json} ({@link RunSummary}) names its model
 * relative to the folder, the report names {@code checkpoints/}. A run folder moved or copied
 * elsewhere (a sweep's run trained in a scratch folder) reads, encodes and resumes where it is, and
 * nothing in it is rewritten after it was written.
 *
 * <p>A run that stops on a NaN or an infinity (in the loss, a gradient, the parameters or the
 * optimizer's state) throws, naming the step and the last good checkpoint, and writes no results:
 * outputs never describe a model other than the one saved.
 */
public final class LvaRun {
    private static final Logger LOG = LoggerFactory.getLogger(LvaRun.class);
    public static final String MODEL_FILE = "model.zip";
    public static final String CHECKPOINT_DIR = "checkpoints";
    /** The most rows a figure draws: a scatter of more says nothing more, and costs memory and time. */
    public static final int FIGURE_ROWS = 2000;
    static final String CONFIG_PREFIX = "config.";
    /** The option of the output folder: never written into a run folder's files, which move with it. */
    static final String OUT = "out";
    static final String DATA_SOURCE = "data.source";
    static final String DATA_COLUMNS = "data.columns";
    static final String SCALER_OFFSET = "scaler_offset";
    static final String SCALER_SCALE = "scaler_scale";
    /** The engine's thread count the run trained with: matrix products are cut by it, so it is part of the numbers. */
    static final String ENGINE_THREADS = "engine.threads";
    /** OpenBLAS's and ND4J's OpenMP thread counts the run trained with ("engine 1, OpenBLAS 1, OpenMP 1"). */
    static final String NATIVE_THREADS = "engine.native_threads";
    /** The {@link DataDigest} of the rows the run trained on (as read, before scaling), and their shape. */
    static final String DATA_DIGEST = "data.digest";
    static final String DATA_SHAPE = "data.shape";
    /** Where a resume went on with other data than the run had trained on: one entry a change, ';' between. */
    static final String DATA_CHANGED = "data.changed";
    /** What a refusal of changed data offers. */
    public static final String ACCEPT_CHANGED_DATA = "--accept-changed-data";

    /**
     * What a finished run reports; everything in it describes the model saved as {@link #modelFile}.
     *
     * @param folder     the run folder, where its files are (they name no path of it: the folder may move)
     * @param runSummary the run's {@code summary.json} as a value
     * @param notes      what the front end should tell the user besides the results (a resume on another
     *                   thread count), one line each
     * @param figures    what the figures are drawn from
     */
    public record Result(RunConfig config, Path folder, RunSummary runSummary, LeastVolumeAutoencoder model,
                         TrainingResult training, LatentAnalysis analysis, Convergence.Verdict convergence,
                         Duration trainingTime, List<String> notes, FigureData figures) {

        /** The final model's file: the summary's {@code model.zip} in the run folder. */
        public Path modelFile() {
            return runSummary.modelIn(folder);
        }

        /**
         * This result with {@code key} added to its summary, and {@code summary.json} written again
         * from the value (a launcher's comparison with PCA belongs with the run's results).
         */
        public Result withSummaryEntry(String key, Object value) {
            RunSummary more = runSummary.with(key, value);
            more.write(folder);
            return new Result(config, folder, more, model, training, analysis, convergence, trainingTime, notes,
                    figures);
        }

        /** What the run concludes, each count with its rule, and whether the training had converged. */
        public IntrinsicDimension verdict() {
            return IntrinsicDimension.of(analysis, convergence);
        }

        /**
         * The lines the command prints at the end: the counts with their rules, the gap, the stds (a
         * long list shortened; all are in summary.json), the reconstruction error, the convergence
         * verdict and, when the count may still fall or the code collapsed, a warning with its evidence.
         */
        public List<String> summary() {
            IntrinsicDimension v = verdict();
            List<String> lines = new ArrayList<>(v.lines());
            int at = 3;
            lines.add(at, "latent stds (descending): " + shortList(analysis.sortedStds()));
            lines.add(at + 1, String.format(Locale.ROOT, "reconstruction MSE: %.4g", analysis.lossNone()));
            if (v.warning() != null && v.counted()) {
                int last = lines.size() - 1;
                lines.set(last, lines.get(last) + (config.tol() > 0
                        ? "; train longer (a larger --epochs) to let it settle, or accept it with a larger --tol"
                        : "; train longer (a larger --epochs) to let it settle"));
            }
            return lines;
        }
    }

    /**
     * What a run's figures are drawn from.
     *
     * @param title          the report's title
     * @param history        the loss per step
     * @param data           the run's data
     * @param rows           the rows the figures draw (an even sample of a large data set)
     * @param latent         the latent codes of those rows
     * @param reconstruction their reconstruction, scaled as the model sees the data
     * @param finalLosses    the losses the report lists
     * @param dataChanged    where a resume went on with changed data ({@code step 1200: 8b2e01c44a9f -> 3f9a1c2b7d4e}),
     *                       or null
     * @param evaluation     the LV paper's metrics of the run ({@link RunEvaluation}), or null when they failed
     */
    public record FigureData(String title, LossHistory history, RunData data, int[] rows, INDArray latent,
                             INDArray reconstruction, Map<String, Double> finalLosses, String dataChanged,
                             RunEvaluation evaluation) {
    }

    /**
     * The figures and report of a run.
     *
     * @param file     the report, or null when it could not be written
     * @param warnings one line for each figure or file that could not be made (the run's results are
     *                 complete without them)
     */
    public record Report(Path file, List<String> warnings) {
    }

    /** Values as %.4g, all of up to 16, else the first 10 and the last 3 around the count left out. */
    static String shortList(double[] values) {
        int n = values.length;
        boolean cut = n > 16;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (cut && i == 10) {
                sb.append(" ... (").append(n - 13).append(" more) ...");
                i = n - 3;
            }
            sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.4g", values[i]));
        }
        if (cut) {
            sb.append(" (").append(n).append(" in all; every value is in ").append(Outputs.SUMMARY_FILE).append(')');
        }
        return sb.toString();
    }

    private final RunConfig config;
    private final Path folder;
    private final Plugins plugins;
    private final RunProgress progress;
    private final List<TrainingListener> extraListeners;

    /**
     * A run of {@code config} into {@code folder}, whatever {@code config.out()} says: where a run is
     * written is not part of what it is (nothing in the folder names it, so the folder can move).
     *
     * @param progress       where the progress bar goes, or null for none
     * @param extraListeners more listeners for the training (a launcher's loss printer)
     */
    public LvaRun(RunConfig config, Path folder, Plugins plugins, RunProgress progress,
                  List<TrainingListener> extraListeners) {
        if (folder == null) {
            throw new IllegalArgumentException("a run needs a folder to write into");
        }
        this.folder = folder;
        this.config = config.out() != null && config.out().equals(folder) ? config
                : Options.bind(config, Map.of("out", folder.toString()), "run folder");
        this.plugins = plugins;
        this.progress = progress;
        this.extraListeners = List.copyOf(extraListeners);
    }

    /** A run into {@code config.out()}. */
    public LvaRun(RunConfig config, Plugins plugins, RunProgress progress, List<TrainingListener> extraListeners) {
        this(config, config.out(), plugins, progress, extraListeners);
    }

    public LvaRun(RunConfig config, Plugins plugins, RunProgress progress) {
        this(config, plugins, progress, List.of());
    }

    /** A fresh run of {@code config} on {@code data} into {@code folder}; refuses a folder that holds an earlier run. */
    public static Result fit(RunConfig config, RunData data, Path folder, Plugins plugins) {
        return new LvaRun(config, folder, plugins, null, List.of()).run(data);
    }

    /** The folder this run writes into. */
    public Path folder() {
        return folder;
    }

    /** A fresh run on {@code data}; refuses an output folder that holds an earlier run. */
    public Result run(RunData data) {
        return run(data, false);
    }

    /**
     * A fresh run on {@code data} into {@link #folder()}.
     *
     * @param replaceEarlier replace an earlier run in the output folder (it stays until this run has
     *                       written its results; see {@link OutputFolder}); false refuses such a folder
     */
    public Result run(RunData data, boolean replaceEarlier) {
        TrainingSetup setup = new TrainingSetup(RunModels.spec(config, data), optimizerSpec(),
                trainerOptions(config.epochs()), config.seed());
        try (OutputFolder folder = OutputFolder.open(this.folder)) {
            if (Files.isRegularFile(folder.dir().resolve("run.json"))) {
                // one run of a sweep's: its row in the sweep's table would go on describing the run replaced
                throw new LvaException("output folder " + folder.dir() + " is a run of a sweep or of lva fit --seeds"
                        + " (its run.json); replaced, its row in the sweep's table would describe another run, even"
                        + " with --overwrite: choose another output folder, or run the sweep again");
            }
            List<String> sweep = folder.sweepRuns();
            if (!sweep.isEmpty()) {
                throw new LvaException("output folder " + folder.dir() + " holds the runs of a sweep or of lva fit"
                        + " --seeds (" + String.join(", ", sweep) + "); one run beside them would leave their table"
                        + " describing another folder: choose another output folder");
            }
            if (replaceEarlier) {
                folder.setAsideEarlierRun();
            } else {
                folder.requireNoEarlierRun("add --overwrite to replace it (it is kept until the new run has finished)");
            }
            RunState state = Checkpoints.start(setup, extras(data), plugins);
            Result result;
            try {
                result = train(state, data, folder, List.of());
            } catch (RuntimeException | Error e) {
                if (folder.hasEarlierRunAside()) {
                    Path failed = folder.restoreEarlierRun();
                    LOG.info("this run failed; the earlier run in {} is as it was, this run's checkpoints are in {}",
                            folder.dir(), failed);
                }
                throw e;
            }
            folder.dropEarlierRun();
            return result;
        }
    }

    /**
     * The engine's thread count the run of {@code checkpoint} trained with ({@code "1"}), or null where
     * the checkpoint does not say (an older lva's). Products are cut by it: a run resumed on another
     * count goes on, but not bit for bit as it would have (what {@code lva resume} notes).
     */
    public static String trainedThreads(Path checkpoint) {
        return dev.lva.core.checkpoint.CheckpointFile.read(checkpoint).extras().strings().get(ENGINE_THREADS);
    }

    /**
     * Continues the run saved in {@code checkpoint}, on the same data scaled the same way.
     *
     * @param epochs total epochs to reach (more than the saved run's to train longer), or null
     * @param out    output folder, or null for the saved run's
     * @param data   the data file, or null for the one the run was trained on (where it was then)
     */
    public static Result resume(Path checkpoint, Integer epochs, Path out, Path data, Plugins plugins,
                                RunProgress progress) {
        return resume(checkpoint, epochs, out, data, false, plugins, progress);
    }

    /**
     * As above.
     *
     * @param acceptChangedData go on when the data differ from those the run trained on (its digest says
     *                          so): the run is then no exact continuation, and its checkpoints and summary
     *                          record where the data changed; false refuses such data
     */
    public static Result resume(Path checkpoint, Integer epochs, Path out, Path data, boolean acceptChangedData,
                                Plugins plugins, RunProgress progress) {
        return resume(checkpoint, epochs, out, data, null, acceptChangedData, plugins, progress);
    }

    /**
     * As above, reading the images as {@code stream} says ({@code --stream}), or as the run did when
     * null. Rows read from the file train exactly as rows in memory, so a changed choice continues the
     * run exactly; it only changes how much memory the run holds and which rows its analysis sees, and
     * the resumed run's config.yaml records it.
     */
    public static Result resume(Path checkpoint, Integer epochs, Path out, Path data, ImageStreaming.Mode stream,
                                boolean acceptChangedData, Plugins plugins, RunProgress progress) {
        return resume(checkpoint, epochs, out, (source, cfg, trained) -> RunData.reload(
                data != null ? data.toAbsolutePath().normalize().toString() : source, cfg, null,
                cfg.precision().dataType(), trained), stream, acceptChangedData, plugins, progress);
    }

    /**
     * Where a resumed run's rows come from, unscaled (the checkpoint's scaler is applied to them):
     * the file the checkpoint names, or rows a sweep's executor holds in memory.
     */
    @FunctionalInterface
    public interface DataSource {
        /**
         * @param savedSource    the data's source as the checkpoint records it
         * @param savedConfig    the run's configuration
         * @param trainedColumns the column names the model was trained on, in its order
         */
        RunData load(String savedSource, RunConfig savedConfig, List<String> trainedColumns);
    }

    /** As above, with the rows from {@code data} (a sweep's executor has them in memory, not on disk). */
    public static Result resume(Path checkpoint, Integer epochs, Path out, DataSource data, Plugins plugins,
                                RunProgress progress) {
        return resume(checkpoint, epochs, out, data, false, plugins, progress);
    }

    /** As above; {@code acceptChangedData} as in {@link #resume(Path, Integer, Path, Path, boolean, Plugins, RunProgress)}. */
    public static Result resume(Path checkpoint, Integer epochs, Path out, DataSource data, boolean acceptChangedData,
                                Plugins plugins, RunProgress progress) {
        return resume(checkpoint, epochs, out, data, null, acceptChangedData, plugins, progress);
    }

    private static Result resume(Path checkpoint, Integer epochs, Path out, DataSource data, ImageStreaming.Mode stream,
                                 boolean acceptChangedData, Plugins plugins, RunProgress progress) {
        RunState state = Checkpoints.load(checkpoint, plugins);
        RunConfig saved = savedConfig(state.extras(), checkpoint);
        int total = epochs == null ? saved.epochs() : epochs;
        if (total < state.progress().epoch()) {
            throw new LvaException("--epochs " + total + ": the checkpoint is already at epoch "
                    + state.progress().epoch());
        }
        // by default the run goes on in the folder the checkpoint is in (a run folder moved or copied
        // elsewhere goes on there), not in the folder the run was first given
        Path target = out != null ? out : runFolderOf(checkpoint);
        if (target == null && !state.extras().strings().containsKey(CONFIG_PREFIX + OUT)) {
            // a checkpoint names no folder (its run's folder may have moved): a copy on its own has none
            throw new LvaException(checkpoint + " lies in no run folder (OUT/model.zip or OUT/checkpoints/), and a"
                    + " checkpoint does not record one: give the resumed run's folder with --out DIR");
        }
        Map<String, String> changes = new java.util.LinkedHashMap<>(Map.of("epochs", Integer.toString(total)));
        if (target != null) {
            changes.put("out", target.toString());
        }
        if (stream != null) {
            changes.put("stream", stream.name());
        }
        RunConfig cfg = Options.bind(saved, changes, "resume");
        LvaRun run = new LvaRun(cfg, cfg.out(), plugins, progress, List.of());
        RunState resumed = state.withTrainer(run.trainerOptions(total));
        // the width is checked against the model before the saved scaler sees the rows, so a file of
        // another width is named with both widths, not reported by the scaler
        RunData raw = data.load(state.extras().string(DATA_SOURCE), cfg,
                RunData.trainedColumns(state.extras(), resumed.inputWidth()));
        RunModels.requireImageShape(state.extras(), raw, cfg.padTo(), checkpoint, cfg.layout());
        resumed.requireInputWidth(raw.dataset().cols(), raw.source());
        List<String> notes = new ArrayList<>();
        Extras extras = checkData(state, checkpoint, raw, acceptChangedData, notes);
        // the run's configuration as it goes on (--epochs, --out): a checkpoint of a run resumed with
        // --epochs 600 said 300, and resuming it without --epochs was refused for an option never typed
        extras = withoutFolder(extras);
        for (Map.Entry<String, String> c : Outputs.folderOptions(cfg).entrySet()) {
            extras = extras.withString(CONFIG_PREFIX + c.getKey(), c.getValue());
        }
        Scaler scaler = savedScaler(state.extras());
        RunData rows = scaler == null ? raw
                : new RunData(raw.source(), raw.dataset(), scaler, scaler.transform(raw.dataset().features()));
        String savedThreads = state.extras().strings().get(ENGINE_THREADS);
        String threads = Integer.toString(Blas.threads());
        if (savedThreads != null && !savedThreads.equals(threads)) {
            notes.add("the run trained on " + savedThreads + " thread(s) and resumes on " + threads
                    + "; its numbers will differ from an uninterrupted run's by rounding (--threads " + savedThreads
                    + " continues it exactly)");
        }
        // threads and data are said above; what else the manifest's provenance finds changed is said here
        List<String> changed = state.provenanceDifferences(raw.digest(cfg.precision().dataType())).stream()
                .filter(d -> !d.startsWith("threads:") && !d.startsWith("data:")).toList();
        if (!changed.isEmpty()) {
            notes.add("the checkpoint was written elsewhere (" + String.join("; ", changed) + "): the run goes on,"
                    + " but another lva, JDK, OS or kernel may round differently from an uninterrupted run");
        }
        try (OutputFolder folder = OutputFolder.open(cfg.out())) {
            if (Files.isRegularFile(cfg.out().resolve("run.json"))) {
                // a sweep's run: its row in the sweep's table (and the seeds' consensus) would describe the run before
                throw new LvaException(cfg.out() + " is a run of a sweep or of lva fit --seeds; resumed there, its row in"
                        + " the sweep's table would describe another run: resume into another folder (--out DIR), or"
                        + " run the sweep again with the new options");
            }
            if (isRunFolderOf(checkpoint, cfg.out())) {
                // the run's own folder: what came after the checkpoint is taken again, and kept until it has been
                folder.setAsideCheckpointsAfter(state.progress().step());
            } else {
                folder.requireNoEarlierRun("resume into the checkpoint's own folder");
            }
            Result result;
            try {
                result = run.train(resumed.withExtras(extras.withString(ENGINE_THREADS, threads)
                        .withString(NATIVE_THREADS, Engine.requireThreads().text())), rows,
                        folder, notes);
            } catch (RuntimeException | Error e) {
                if (folder.hasEarlierRunAside()) {
                    Path failed = folder.restoreEarlierRun();
                    LOG.info("the resumed run failed; {} is as it was, its checkpoints are in {}", folder.dir(), failed);
                }
                throw e;
            }
            folder.dropEarlierRun();
            return result;
        }
    }

    /**
     * Compares the rows a resumed run got with the digest its checkpoint recorded: the same data go on
     * silently; other data (a file since reordered, cut or edited) are refused unless accepted, and
     * then recorded, so that the run's later checkpoints and its summary say where the data changed.
     * A checkpoint of an lva that recorded no digest cannot be checked: a note says so.
     *
     * @return the extras the resumed run goes on with
     */
    private static Extras checkData(RunState state, Path checkpoint, RunData raw, boolean accept, List<String> notes) {
        Extras extras = state.extras();
        DataDigest now = raw.digest(state.model().parameters().dataType());
        String saved = extras.strings().get(DATA_DIGEST);
        if (saved == null) {
            notes.add(checkpoint + " records no digest of its data (an older lva wrote it): " + raw.source()
                    + " cannot be checked against the data the run trained on");
            return withDigest(extras, now);
        }
        DataDigest then = DataDigest.parse(saved, extras.strings().get(DATA_SHAPE));
        if (then.sameData(now)) {
            return extras;
        }
        long step = state.progress().step();
        if (!accept) {
            throw new LvaException(raw.source() + " is not the data the run in " + checkpoint + " trained on: its"
                    + " digest is " + now.describe() + ", the checkpoint's is " + then.describe() + "; give the run's"
                    + " own data (--data FILE), or add " + ACCEPT_CHANGED_DATA + " to continue on these data from step "
                    + step + " (the run is then no exact continuation, and its summary says so)");
        }
        String change = "step " + step + ": " + then.shortText() + " -> " + now.shortText();
        notes.add("the data changed at step " + step + " (digest " + then.describe() + " before, " + now.describe()
                + " now); " + ACCEPT_CHANGED_DATA + " goes on with them: the run is no exact continuation");
        String earlier = extras.strings().get(DATA_CHANGED);
        return withDigest(extras, now).withString(DATA_CHANGED, earlier == null ? change : earlier + "; " + change);
    }

    /** {@code extras} without the output folder that an older lva recorded (a resumed run's checkpoints move with their folder). */
    private static Extras withoutFolder(Extras extras) {
        Map<String, String> strings = new LinkedHashMap<>(extras.strings());
        strings.remove(CONFIG_PREFIX + OUT);
        return new Extras(extras.arrays(), strings);
    }

    private static Extras withDigest(Extras extras, DataDigest digest) {
        return extras.withString(DATA_DIGEST, digest.text()).withString(DATA_SHAPE, digest.shape());
    }

    /** Whether {@code out} is the folder of the run {@code checkpoint} belongs to (OUT/model.zip, OUT/checkpoints/...). */
    private static boolean isRunFolderOf(Path checkpoint, Path out) {
        Path folder = runFolderOf(checkpoint);
        return folder != null && folder.equals(out.toAbsolutePath().normalize());
    }

    /**
     * The run folder a checkpoint lies in: OUT for OUT/checkpoints/NAME.zip and OUT/model.zip; null for
     * a checkpoint anywhere else (a copy on its own says nothing about where its run is).
     */
    static Path runFolderOf(Path checkpoint) {
        Path file = checkpoint.toAbsolutePath().normalize();
        Path parent = file.getParent();
        if (parent == null) {
            return null;
        }
        if (parent.getFileName() != null && parent.getFileName().toString().equals(CHECKPOINT_DIR)) {
            return parent.getParent();
        }
        return file.getFileName().toString().equals(MODEL_FILE) ? parent : null;
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
        Extras e = withDigest(Extras.empty(), data.digest(config.precision().dataType()))
                .withString(DATA_SOURCE, data.source())
                .withString(ENGINE_THREADS, Integer.toString(Blas.threads()))
                .withString(NATIVE_THREADS, Engine.requireThreads().text());
        if (!RunData.isImages(data.dataset())) {
            // images are matched by their shape, not by column names (a 4096 x 4096 image has 16.7 million)
            e = e.withString(DATA_COLUMNS, String.join(";", data.dataset().columns()));
        }
        for (Map.Entry<String, String> c : Outputs.folderOptions(config).entrySet()) {
            e = e.withString(CONFIG_PREFIX + c.getKey(), c.getValue());
        }
        Scaler s = data.scaler();
        if (s != null) {
            e = e.withArray(SCALER_OFFSET, s.offset()).withArray(SCALER_SCALE, s.scale());
        }
        return RunModels.withStoredImageShape(RunModels.withImageShape(e, data), data, config.padTo());
    }

    private Result train(RunState state, RunData data, OutputFolder folder, List<String> notes) {
        LeastVolumeAutoencoder model = (LeastVolumeAutoencoder) state.model();
        INDArray x = data.scaled();
        int rows = data.rows();
        // the evaluation's labels and true parameters: a file that does not fit the data fails before training
        PaperMetrics.Given given = PaperMetrics.Given.load(config, data);
        TrainerOptions t = state.setup().trainer();
        Batches batches = TrainingChecks.requireBatches(rows, t, model.latentPenalty());
        long steps = Math.max(0, (long) t.epochs() * batches.perEpoch() - state.progress().step());
        // the whole run's history, restored from the checkpoint of a resumed run, so its report starts at step 1
        LossHistory history = new LossHistory(Math.max(1, (long) t.epochs() * batches.perEpoch()), 1000);
        Convergence rule = model.convergence(convergenceOptions());
        if (!state.restore(rule) && state.progress().step() > 0) {
            LOG.info("{} kept no convergence state (written before --tol existed); the rule starts measuring now",
                    state.source());
        }
        if (!state.restore(history) && state.progress().step() > 0) {
            notes = new ArrayList<>(notes);
            notes.add(state.source() + " kept no loss history (an older lva wrote it): the loss curve and the training"
                    + " time start at step " + state.progress().step());
        }
        CheckpointListener saver = Checkpoints.listener(new CheckpointListener.Options(
                folder.dir().resolve(CHECKPOINT_DIR), config.checkpointEvery(), config.checkpointSeconds(),
                config.keep(), true), state, plugins, List.of(rule, history));
        List<TrainingListener> listeners = new ArrayList<>(List.of(history, rule, saver));
        if (progress != null) {
            listeners.add(new ProgressListener(state.progress().step() + steps, progress));
        }
        listeners.addAll(extraListeners);
        long t0 = System.nanoTime();
        // images read from their file: the trainer reads its batches from the file, x is the sample in memory
        TrainingData trainingData = data.stored() != null ? TrainingData.stored(data.stored(), x)
                : TrainingData.autoencoding(x);
        TrainingResult result = state.fit(trainingData, listeners);
        // the whole run's training time: this session's and the sessions it was resumed from
        Duration time = Duration.ofNanos(System.nanoTime() - t0 + Math.round(history.secondsBefore() * 1e9));
        if (result.nonFinite()) {
            Optional<Path> lastGood = saver.lastWritten();
            String kept = "";
            if (folder.hasEarlierRunAside()) {
                Path failed = folder.restoreEarlierRun();
                lastGood = lastGood.map(p -> failed.resolve(p.getFileName()));
                kept = "; the earlier run in " + folder.dir() + " is as it was";
            }
            throw new LvaException("training stopped: " + result.message() + lastGood
                    .map(p -> "; the last good checkpoint is " + p).orElse("; no checkpoint was written yet") + kept);
        }
        Path modelFile = folder.dir().resolve(MODEL_FILE);
        arrays("training");
        saveModel(Checkpoints.capture(state, result, plugins), modelFile);
        return finish(model, data, history, result, rule.verdict(), time, modelFile, notes, state.extras(), given);
    }

    /** The final model itself, not a copy of the last checkpoint (which may be of an earlier step). */
    private static void saveModel(TrainingSnapshot snapshot, Path file) {
        String bad = snapshot.firstNonFiniteValue();
        if (bad != null) {
            throw new LvaException("the trained model holds " + bad + "; " + file + " was not written");
        }
        Checkpoints.save(file, snapshot);
    }

    private Result finish(LeastVolumeAutoencoder model, RunData data, LossHistory history, TrainingResult result,
                          Convergence.Verdict convergence, Duration time, Path modelFile, List<String> notes,
                          Extras extras, PaperMetrics.Given given) {
        // the training's scratch matrices, sized for its batch, are not the analysis's: let them go
        dev.lva.core.nn.Buffers.releaseOnThisThread();
        try {
            return analyse(model, data, history, result, convergence, time, modelFile, notes, extras, given);
        } catch (OutOfMemoryError e) {
            if (!Files.exists(modelFile)) {
                throw e;
            }
            throw new LvaException("out of memory after training (" + e.getMessage() + "); the trained model is safe"
                    + " in " + modelFile + " (lva encode and lva resume read it); give Java more memory with"
                    + " LVA_JAVA_OPTS=-Xmx2g to write the analysis", e);
        }
    }

    /**
     * The latent analysis and the files after training. Every pass over the data goes a batch of rows
     * at a time (memory: the data, its codes and one batch's activations), and the figures draw an
     * evenly spaced sample of at most {@link #FIGURE_ROWS} rows.
     */
    private Result analyse(LeastVolumeAutoencoder model, RunData data, LossHistory history, TrainingResult result,
                           Convergence.Verdict convergence, Duration time, Path modelFile, List<String> notes,
                           Extras extras, PaperMetrics.Given given) {
        INDArray x = data.scaled();
        LatentAnalysis analysis;
        try (TaskProgress p = new TaskProgress("analysis", "rows", progress)) {
            analysis = LatentAnalysis.of(model, x, LatentAnalysis.Options.defaults().withProgress(p));
        }
        arrays("latent analysis");
        model.setTraining(false);
        INDArray z = model.transform(x, Codes.BATCH_ROWS);
        arrays("codes");
        Path out = folder;
        List<String> latentNames = new ArrayList<>();
        for (int j = 0; j < z.columns(); j++) {
            latentNames.add("z" + j);
        }
        try (TaskProgress p = new TaskProgress("latent.csv", "rows", progress)) {
            Outputs.writeCsv(out.resolve(Outputs.LATENT_FILE), latentNames, z, p);
        }
        Outputs.writeString(out.resolve(Outputs.CONFIG_FILE), Outputs.configYaml(config));
        Map<String, Double> losses = new LinkedHashMap<>();
        StepLoss last = history.last();
        if (last != null) {
            losses.put("last step: total", last.total());
            losses.put("last step: reconstruction", last.data());
            losses.put("last step: penalty", last.penalty());
        }
        losses.put("reconstruction MSE (eval mode)", analysis.lossNone());
        int[] shown = RowSample.evenly(x.rows(), FIGURE_ROWS);
        INDArray zs = shown.length == x.rows() ? z : z.getRows(shown);
        if (zs != z && z.closeable()) {
            // every row's codes are written: only the figures' sample stays (ND4J would free them only
            // when the collector runs)
            z.close();
        }
        String changed = extras.strings().get(DATA_CHANGED);
        PaperMetrics.Outcome evaluation = PaperMetrics.run(model, x, analysis, given.labels(), given.truth());
        Map<String, Object> more = new LinkedHashMap<>(evaluation.entries());
        arrays("evaluation");
        if (data.stored() != null) {
            notes = new ArrayList<>(notes);
            notes.add(data.source() + ": " + data.rows() + " images were trained on from the file a batch at a time;"
                    + " the analysis, latent.csv, the evaluation and the figures see " + x.rows() + " of them, evenly"
                    + " spaced (summary.json: analysis_rows, analysis_sample)");
            // the analysis, latent.csv, the evaluation and the figures saw a sample: the summary says which
            more.put("analysis_rows", x.rows());
            more.put("analysis_sample", "the data's " + data.rows() + " images were trained on from the file a batch"
                    + " at a time; the analysis, latent.csv, the evaluation and the figures see " + x.rows() + " of them,"
                    + " evenly spaced (rows floor(i * " + data.rows() + " / " + x.rows() + "))");
        }
        // the threads the numbers were computed with (the trainer checked them before its first step)
        RunSummary summary = new RunSummary(data.source(), extras.strings().get(DATA_DIGEST),
                changed == null ? List.of() : List.of(changed.split("; ")), data.rows(), x.columns(),
                IntrinsicDimension.of(analysis, convergence), analysis.sortedStds(), analysis.order(),
                analysis.explained(), analysis.explainedRows(), shown.length, analysis.lossNone(),
                analysis.reconstructionSpan(), analysis.dataVariance(), model.prunedDimensions(), result.steps(),
                result.epochs(), result.stopReason().name(), result.message(), time.toNanos() / 1e9,
                lastLoss(result, history), Engine.threads().asMap(), history.resumedAt(), Path.of(MODEL_FILE), more);
        summary.write(out);
        FigureData figures = new FigureData("Least-volume analysis of " + data.source(), history, data, shown, zs,
                model.decode(zs), losses, changed, evaluation.evaluation());
        arrays("figures' reconstructions");
        return new Result(config, folder, summary, model, result, analysis, convergence, time, notes, figures);
    }

    /** Logs the native array memory held after {@code phase} (live and not yet collected), to see where a run's memory goes. */
    private static void arrays(String phase) {
        Runtime rt = Runtime.getRuntime();
        LOG.debug("after {}: {} MB resident, of which the Java heap {} MB ({} MB used)", phase,
                org.bytedeco.javacpp.Pointer.physicalBytes() >> 20, rt.totalMemory() >> 20,
                (rt.totalMemory() - rt.freeMemory()) >> 20);
    }

    /** The losses of the run's last step, from the checkpoint when this session took no step (a run resumed after its end). */
    private static StepLoss lastLoss(TrainingResult result, LossHistory history) {
        return Double.isNaN(result.lastLoss().total()) && history.last() != null ? history.last() : result.lastLoss();
    }

    /**
     * Draws the figures of {@code result} and writes them with the HTML report into its output
     * folder. Never throws for a figure or a file: what cannot be made becomes a warning (the run's
     * results are written before this is called), and the folder is locked while it writes.
     */
    public static Report report(Result result) {
        return report(result, Map.of());
    }

    /**
     * {@link #report(Result)} with more entries in the report's result section, such as a launcher's
     * comparison with PCA, which would otherwise only be printed.
     */
    public static Report report(Result result, Map<String, String> moreResults) {
        RunConfig config = result.config();
        FigureData f = result.figures();
        List<String> warnings = new ArrayList<>();
        try (OutputFolder folder = OutputFolder.open(result.folder())) {
            RunReport report = new RunFigures(f.history(), result.analysis(), result.verdict(), f.data(), f.rows(),
                    f.latent(), f.reconstruction())
                    .report(f.title(), config, f.finalLosses(), result.trainingTime());
            moreResults.forEach((key, value) -> report.entry("Result", key, value));
            resumeLines(f).forEach((k, v) -> report.entry("Run", k, v));
            ImageFigures.addTo(report, result);
            if (f.evaluation() != null) {
                PaperMetrics.addTo(report, f.evaluation());
            }
            Path file = report.write(folder.dir());
            report.missingFigures().forEach((caption, why) -> warnings.add("figure '" + caption + "' is missing from "
                    + "the report: " + why));
            return new Report(file, warnings);
        } catch (RuntimeException e) {
            // a figure must never cost a run: its results are already written
            LOG.debug("the report of {} failed", result.folder(), e);
            warnings.add("the report could not be made (" + e.getMessage() + "); the results are complete without it: "
                    + String.join(", ", MODEL_FILE, Outputs.LATENT_FILE, Outputs.SUMMARY_FILE) + " in " + result.folder());
            return new Report(null, warnings);
        }
    }

    /**
     * What the report says of a resumed run: where it resumed (the loss curve and the training time
     * cover the whole run), and where it went on with changed data.
     */
    static Map<String, String> resumeLines(FigureData f) {
        Map<String, String> lines = new LinkedHashMap<>();
        long[] at = f.history().resumedAt();
        if (at.length > 0) {
            StringBuilder steps = new StringBuilder();
            for (long s : at) {
                steps.append(steps.length() == 0 ? "" : ", ").append(s);
            }
            lines.put("resumed", "at step " + steps + (f.history().restored()
                    ? "; the loss curve and the training time cover the whole run"
                    : "; the checkpoint kept no earlier history, so the loss curve and the training time start there"));
        }
        if (f.dataChanged() != null) {
            lines.put("data changed", f.dataChanged() + " (resumed with " + ACCEPT_CHANGED_DATA + ")");
        }
        return lines;
    }

    /** The optimizer spec with the run's learning rate, unless the spec sets its own. */
    PluginSpec optimizerSpec() {
        PluginSpec spec = PluginSpec.parse(config.optimizer());
        Map<String, String> options = new LinkedHashMap<>(spec.options());
        options.putIfAbsent("lr", Double.toString(config.lr()));
        return new PluginSpec(spec.name(), options);
    }

    /**
     * The run's convergence rule: it stops the run at {@code --tol}, or with {@code --tol 0} only
     * measures by the default tolerance, so that the summary still says whether the run had settled.
     */
    Convergence.Options convergenceOptions() {
        return config.tol() > 0 ? Convergence.Options.stopping(config.tol(), config.tolWindow())
                : Convergence.Options.measuring(RunConfig.DEFAULT_TOL, config.tolWindow());
    }

    TrainerOptions trainerOptions(int epochs) {
        return new TrainerOptions(epochs, config.batch(), true, config.seed());
    }
}
