package dev.lva.examples.run;

import dev.lva.api.LvaException;
import dev.lva.api.Optimizer;
import dev.lva.api.StepLoss;
import dev.lva.api.TrainingData;
import dev.lva.api.TrainingListener;
import dev.lva.api.TrainingResult;
import dev.lva.api.plugin.OptimizerProvider;
import dev.lva.api.plugin.PluginSpec;
import dev.lva.api.plugin.Plugins;
import dev.lva.core.data.Dataset;
import dev.lva.core.data.Scaler;
import dev.lva.core.train.GradientTrainer;
import dev.lva.core.train.TrainerOptions;
import dev.lva.models.LatentAnalysis;
import dev.lva.models.LeastVolumeAutoencoder;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One least-volume analysis of a data set, as {@code lva demo} and {@code lva fit} run it: load and
 * scale the data, build the model and optimizer from their specs, train with a progress bar, then
 * analyse the latent space and write everything into the output folder.
 */
public final class LvaRun {

    /** What a finished run reports. */
    public record Result(LeastVolumeAutoencoder model, TrainingResult training, LatentAnalysis analysis, Path report,
                         Duration trainingTime) {

        /** The three lines the command prints at the end. */
        public List<String> summary() {
            double[] s = analysis.sortedStds();
            StringBuilder stds = new StringBuilder();
            for (double v : s) {
                stds.append(stds.length() == 0 ? "" : " ").append(String.format(java.util.Locale.ROOT, "%.4g", v));
            }
            return List.of(
                    "intrinsic dimension: " + analysis.intrinsicDimension() + " (of " + s.length + " latent dimensions)",
                    "latent stds (descending): " + stds,
                    String.format(java.util.Locale.ROOT, "reconstruction MSE: %.4g", analysis.lossNone()));
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

    public Result run(RunData data) {
        Dataset ds = data.dataset();
        int width = ds.cols();
        int latent = config.latent() == 0 ? width : config.latent();
        LeastVolumeAutoencoder model = new LeastVolumeAutoencoder(modelOptions(width, latent), plugins);
        Optimizer optimizer = optimizer();
        INDArray x = data.scaled();
        int rows = (int) x.rows();
        int batch = config.batch() == 0 ? rows : config.batch();
        if (rows < 2) {
            throw new LvaException(data.source() + ": " + rows + " row; a least-volume analysis needs at least 2"
                    + " (a standard deviation over the batch)");
        }
        if (batch > rows) {
            throw new LvaException("batch size " + batch + " is larger than the data (" + rows + " rows)");
        }
        if (batch < 2) {
            throw new LvaException("batch size " + batch + " is too small: the volume penalty needs a standard"
                    + " deviation over at least 2 rows");
        }
        long steps = (long) config.epochs() * ((rows + batch - 1) / batch);
        LossHistory history = new LossHistory(steps, 2000);
        List<TrainingListener> listeners = new ArrayList<>(List.of(history));
        if (progress != null) {
            listeners.add(new ProgressListener(steps, progress));
        }
        listeners.addAll(extraListeners);
        GradientTrainer trainer = new GradientTrainer(new TrainerOptions(config.epochs(), config.batch(), true,
                config.seed()));
        long t0 = System.nanoTime();
        TrainingResult result = trainer.fit(model, optimizer, TrainingData.autoencoding(x), listeners);
        Duration time = Duration.ofNanos(System.nanoTime() - t0);
        if (result.stopReason() == TrainingResult.StopReason.NON_FINITE_LOSS) {
            throw new LvaException("training stopped: " + result.message());
        }
        return finish(model, data, history, result, time);
    }

    private Result finish(LeastVolumeAutoencoder model, RunData data, LossHistory history, TrainingResult result,
                          Duration time) {
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
        Outputs.writeJson(out.resolve(Outputs.SUMMARY_FILE), summary);
        return new Result(model, result, analysis, report, time);
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
    Optimizer optimizer() {
        PluginSpec spec = PluginSpec.parse(config.optimizer());
        Map<String, String> options = new LinkedHashMap<>(spec.options());
        options.putIfAbsent("lr", Double.toString(config.lr()));
        return plugins.registry(OptimizerProvider.KIND).get(spec.name()).create(options);
    }

    /** The scaler of a run's data, or null. */
    static Scaler scaler(RunConfig config) {
        return config.scale().newScaler();
    }
}
