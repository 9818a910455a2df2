package dev.lva.run.sweep;

import dev.lva.api.LvaException;
import dev.lva.api.plugin.Options;
import dev.lva.api.plugin.Plugins;
import dev.lva.core.Engine;
import dev.lva.core.tensor.Blas;
import dev.lva.run.LvaRun;
import dev.lva.run.RunConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Trains one grid point exactly as {@code lva fit} would, through {@link LvaRun}: the one place the
 * sweep calls it. It runs wherever the engine puts the task: in a scratch folder of that machine,
 * with the data from memory; then it sends the run folder's files back in a {@link RunOutcome} as
 * they are, with the numbers of the run's {@link dev.lva.run.RunSummary}, and removes the scratch.
 * No file of a run folder names the folder (its paths are relative to it), so the driver writes them
 * into the run's own folder unchanged: nothing is rewritten or patched after the run wrote it.
 */
public final class PointTrainer {
    private static final Map<ClassLoader, Plugins> PLUGINS = new WeakHashMap<>();

    private PointTrainer() {
    }

    /**
     * @param checkpoints receives each checkpoint the run writes while it trains (for the driver)
     * @throws RuntimeException when the run broke for a reason outside it (a full disk, a bug): the
     *                          engine retries the task; a run that fails on its own (a non-finite loss,
     *                          options the model refuses) comes back as {@link RunOutcome.Status#FAILED}
     */
    public static RunOutcome train(SweepTask task, SweepData data, Consumer<CheckpointBytes> checkpoints) {
        return train(task, data, checkpoints, false);
    }

    /**
     * The same run for a driver on this machine (the threads engine): the outcome's files are the run
     * folder itself ({@link RunFiles.OnDisk}), which the driver moves into place and then
     * {@linkplain RunFiles#discard discards}, instead of its bytes on the heap. It trains beside its
     * final folder, as {@code .NAME.UUID.tmp} (what the sweep's folder drops as half written when a
     * killed driver left it), so that the move is a rename and a kill -9 leaves nothing elsewhere.
     */
    public static RunOutcome trainHere(SweepTask task, SweepData data, Consumer<CheckpointBytes> checkpoints) {
        return train(task, data, checkpoints, true);
    }

    /** The folder that will hold the run's own ({@code --out}'s parent), or null where there is none yet. */
    private static Path besideItsFolder(SweepTask task) {
        String out = task.config().get("out");
        Path parent = out == null ? null : Path.of(out).toAbsolutePath().getParent();
        return parent != null && Files.isDirectory(parent) ? parent : null;
    }

    private static RunOutcome train(SweepTask task, SweepData data, Consumer<CheckpointBytes> checkpoints,
                                    boolean here) {
        if (Blas.threads() != task.threads()) {
            Engine.setThreads(task.threads());
        }
        Path scratch;
        try {
            Path beside = here ? besideItsFolder(task) : null;
            scratch = beside != null ? Files.createDirectories(beside.resolve("." + task.name() + "."
                    + java.util.UUID.randomUUID() + ".tmp")) : Files.createTempDirectory("lva-sweep-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch folder for run " + task.name() + ": " + e, e);
        }
        boolean keep = false;
        try {
            RunOutcome outcome = trainIn(scratch.resolve("run"), task, data, checkpoints, here ? scratch : null);
            keep = outcome.files() instanceof RunFiles.OnDisk;
            return outcome;
        } finally {
            if (!keep) {
                deleteTree(scratch);
            }
        }
    }

    /** @param scratch the folder around {@code dir} where the files stay on this machine, or null to read them */
    private static RunOutcome trainIn(Path dir, SweepTask task, SweepData data, Consumer<CheckpointBytes> sink,
                                      Path scratch) {
        RunConfig config = Options.bind(RunConfig.fitDefaults(), task.config(), "run " + task.name());
        Plugins plugins = plugins();
        Path checkpointDir = dir.resolve(LvaRun.CHECKPOINT_DIR);
        CheckpointBytes start = task.checkpoint();
        LvaRun.Result result;
        // the trainer's count: every epoch takes ceil(rows / batch) steps, one for the full batch
        long perEpoch = config.batch() == 0 ? 1 : (data.rows() + config.batch() - 1) / config.batch();
        try (CheckpointWatcher watcher = new CheckpointWatcher(task.name(), checkpointDir,
                start == null ? -1 : start.step(), perEpoch * config.epochs(), sink).start()) {
            if (start == null) {
                result = new LvaRun(config, dir, plugins, null, List.of())
                        .run(data.runData(config.scale().newScaler(), true));
            } else {
                Path file = checkpointDir.resolve(start.file());
                write(file, start.bytes());
                result = LvaRun.resume(file, config.epochs(), dir, (source, saved, trained) -> data.runData(null, false),
                        plugins, null);
            }
        } catch (LvaException e) {
            return RunOutcome.failed(task.name(), RunOutcome.Status.FAILED, e.getMessage());
        }
        // lva fit's figures and report, drawn where the run trained; what cannot be drawn is a warning.
        // No file of the folder names the folder, so the driver writes them into the run's own as they are
        String warnings = task.report() ? String.join("; ", LvaRun.report(result).warnings()) : "";
        // every file of the run folder but the periodic checkpoints (model.zip is the final one)
        Path checkpoints = dir.resolve(LvaRun.CHECKPOINT_DIR);
        return new RunOutcome(task.name(), RunOutcome.Status.OK, warnings, RunMetrics.of(result.runSummary()),
                scratch == null ? RunFiles.read(dir, checkpoints) : new RunFiles.OnDisk(dir, checkpoints, scratch));
    }

    /** The plugins the task's class loader sees (the executor's, which holds the sweep's jars). */
    private static Plugins plugins() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = PointTrainer.class.getClassLoader();
        }
        synchronized (PLUGINS) {
            return PLUGINS.computeIfAbsent(loader, Plugins::discover);
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e, e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + root + ": " + e, e);
        }
    }
}
