package dev.lva.run.sweep;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lva.api.LvaException;
import dev.lva.api.StepLoss;
import dev.lva.api.plugin.Options;
import dev.lva.api.plugin.Plugins;
import dev.lva.core.Engine;
import dev.lva.core.checkpoint.CheckpointFile;
import dev.lva.core.checkpoint.TrainingSnapshot;
import dev.lva.core.tensor.Blas;
import dev.lva.run.LvaRun;
import dev.lva.run.Outputs;
import dev.lva.run.RunConfig;
import dev.lva.models.IntrinsicDimension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Trains one grid point exactly as {@code lva fit} would, through {@link LvaRun}: the one place the
 * sweep calls it. It runs wherever the engine puts the task: in a scratch folder of that machine,
 * with the data from memory; then it reads the run folder back into a {@link RunOutcome}, with the
 * paths that {@code lva fit} records (the output folder in {@code config.yaml}, {@code summary.json},
 * the report and {@code model.zip}) set to the run's folder on the driver, and removes the scratch.
 */
public final class PointTrainer {
    /** Key under which lva fit's checkpoints record the output folder (LvaRun's config prefix + "out"). */
    static final String CONFIG_OUT = "config.out";
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
        if (Blas.threads() != task.threads()) {
            Engine.setThreads(task.threads());
        }
        Path scratch;
        try {
            scratch = Files.createTempDirectory("lva-sweep-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch folder for run " + task.name() + ": " + e, e);
        }
        try {
            return trainIn(scratch.resolve("run"), task, data, checkpoints);
        } finally {
            deleteTree(scratch);
        }
    }

    private static RunOutcome trainIn(Path dir, SweepTask task, SweepData data, Consumer<CheckpointBytes> sink) {
        Map<String, String> values = new LinkedHashMap<>(task.config());
        String home = values.get("out");
        values.put("out", dir.toString());
        RunConfig config = Options.bind(RunConfig.fitDefaults(), values, "run " + task.name());
        Plugins plugins = plugins();
        Path checkpointDir = dir.resolve(LvaRun.CHECKPOINT_DIR);
        CheckpointBytes start = task.checkpoint();
        LvaRun.Result result;
        // the trainer's count: every epoch takes ceil(rows / batch) steps, one for the full batch
        long perEpoch = config.batch() == 0 ? 1 : (data.rows() + config.batch() - 1) / config.batch();
        try (CheckpointWatcher watcher = new CheckpointWatcher(task.name(), checkpointDir,
                start == null ? -1 : start.step(), perEpoch * config.epochs(), sink).start()) {
            if (start == null) {
                result = new LvaRun(config, plugins, null).run(data.runData(config.scale().newScaler(), true));
            } else {
                Path file = checkpointDir.resolve(start.file());
                write(file, start.bytes());
                result = LvaRun.resume(file, config.epochs(), dir, (source, saved, trained) -> data.runData(null, false),
                        plugins, null);
            }
        } catch (LvaException e) {
            return RunOutcome.failed(task.name(), RunOutcome.Status.FAILED, e.getMessage());
        }
        // lva fit's figures and report, drawn where the run trained; what cannot be drawn is a warning
        String warnings = task.report() ? String.join("; ", LvaRun.report(result).warnings()) : "";
        relocate(dir, Path.of(home), config);
        return new RunOutcome(task.name(), RunOutcome.Status.OK, warnings, metrics(result), files(dir));
    }

    private static RunMetrics metrics(LvaRun.Result r) {
        StepLoss last = r.training().lastLoss();
        double nan = Double.NaN;
        // the counts as lva fit states them: a collapsed code, or data without variance, has none
        IntrinsicDimension v = r.verdict();
        return new RunMetrics(v.counted() ? v.count() : null, v.counted() ? v.stdCount() : null,
                r.analysis().lossNone(), last == null ? nan : last.total(), last == null ? nan : last.data(),
                last == null ? nan : last.penalty(), r.training().steps(), r.convergence() == null ? null : v.converged(),
                r.trainingTime().toNanos() / 1e9,
                r.analysis().sortedStds());
    }

    /**
     * Makes the folder read as if the run had been written in {@code home}: the resolved options, the
     * summary's model path, the report's options and the final checkpoint's recorded output folder (so
     * that {@code lva resume --checkpoint home/model.zip} continues there).
     */
    private static void relocate(Path dir, Path home, RunConfig config) {
        RunConfig atHome = Options.bind(config, Map.of("out", home.toString()), "run");
        Outputs.writeString(dir.resolve(Outputs.CONFIG_FILE), Outputs.configYaml(atHome));
        Path summary = dir.resolve(Outputs.SUMMARY_FILE);
        if (Files.isRegularFile(summary)) {
            try {
                Map<String, Object> map = new ObjectMapper().readValue(summary.toFile(), new TypeReference<>() { });
                map.computeIfPresent("model", (k, v) -> home.resolve(LvaRun.MODEL_FILE).toString());
                Outputs.writeJson(summary, map);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read back " + summary + ": " + e, e);
            }
        }
        Path report = dir.resolve("report.html");
        if (Files.isRegularFile(report)) {
            // the scratch path is plain ASCII without markup characters: it stands in the page as written
            String html = read(report).replace(dir.toString(), escapeHtml(home.toString()));
            Outputs.writeString(report, html);
        }
        Path model = dir.resolve(LvaRun.MODEL_FILE);
        if (Files.isRegularFile(model)) {
            TrainingSnapshot s = CheckpointFile.read(model);
            CheckpointFile.write(model, new TrainingSnapshot(s.setup(), s.progress(), s.parameters(), s.states(),
                    s.optimizerState(), s.extras().withString(CONFIG_OUT, home.toString()), s.plugins()));
        }
    }

    /** Every file of the run folder but the periodic checkpoints ({@code model.zip} is the final one). */
    private static Map<String, byte[]> files(Path dir) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        Path checkpoints = dir.resolve(LvaRun.CHECKPOINT_DIR);
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                if (Files.isRegularFile(p) && !p.startsWith(checkpoints)) {
                    out.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run folder " + dir + ": " + e, e);
        }
        return out;
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

    private static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e, e);
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
