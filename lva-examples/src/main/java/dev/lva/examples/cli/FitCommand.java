package dev.lva.examples.cli;

import dev.lva.api.plugin.Options;
import dev.lva.examples.Lva;
import dev.lva.examples.run.ConfigFile;
import dev.lva.examples.run.LvaRun;
import dev.lva.examples.run.RunConfig;
import dev.lva.examples.run.RunData;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lva fit}: a least-volume analysis of the user's data. */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = {"Train a least-volume autoencoder on your data and report its intrinsic dimension.",
                "Every option can also come from --config (YAML or JSON, same names); the command line wins."})
public final class FitCommand implements Callable<Integer> {
    @ParentCommand
    Lva lva;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE", description = {"Data file: .csv (with or without header) or .npy;",
            "or images: an IDX file (train-images-idx3-ubyte.gz), a .npy of rank 3 or 4, a folder of PNG/JPEG."})
    Path data;
    @Option(names = "--model", description = "lvae (MLP encoder and decoder) or conv-lvae (convolutional, for images)"
            + " (default: lvae).")
    String model;
    @Option(names = "--channels", split = ",", description = "conv-lvae's encoder channels, one per halving"
            + " convolution (default: 32,64,128,256).")
    List<Integer> channels;
    @Option(names = "--pad-to", paramLabel = "SIDE", description = "Pad (with zeros) or centre-crop images to SIDE x"
            + " SIDE, e.g. 32 for 28 x 28 Fashion-MNIST (default: as stored).")
    Integer padTo;
    @Option(names = "--limit", paramLabel = "N", description = "Use the first N rows or images (default: all).")
    Integer limit;
    @Option(names = "--columns", split = ",", paramLabel = "NAME|INDEX", description = "Columns to use (default: all).")
    List<String> columns;
    @Option(names = "--header", description = "CSV header: auto, present, absent (default: auto).")
    String header;
    @Option(names = "--scale", description = "Column scaling: standard, minmax, none (default: standard; images are"
            + " never scaled: unsigned bytes become [0, 1]).")
    String scale;
    @Option(names = "--latent", description = "Latent dimensions (default: as many as columns; 64 for conv-lvae).")
    Integer latent;
    @Option(names = "--hidden", split = ",", description = "Hidden widths (default: 48,48,48,48).")
    List<Integer> hidden;
    @Option(names = "--activation", description = "Hidden activation (default: leaky-relu:slope=0.2).")
    String activation;
    @Option(names = "--regularizer", paramLabel = "SPEC",
            description = "Latent penalty (default: volume:lambda=0.01,eta=0.01).")
    String regularizer;
    @Option(names = "--pruning", paramLabel = "SPEC", description = "Pruning policy: none, plummet, lognorm, pca-cdf"
            + " (default: none), e.g. plummet:threshold=0.02.")
    String pruning;
    @Option(names = "--prune-from", paramLabel = "EPOCH", description = "First epoch that may prune (default: 0).")
    Integer pruneFrom;
    @Option(names = "--optimizer", paramLabel = "SPEC", description = "Optimizer: adam, adamw, sgd (default: adam).")
    String optimizer;
    @Option(names = "--lr", description = "Learning rate (default: 0.001).")
    Double lr;
    @Option(names = "--epochs", description = "Passes over the data (default: 2000).")
    Integer epochs;
    @Option(names = "--batch", description = "Rows per step; 0 for full batch (default: 0).")
    Integer batch;
    @Option(names = "--seed", description = "Seed: PyTorch-compatible initialisation and shuffling (default: 0).")
    Long seed;
    @Option(names = "--precision", description = "float32 or float64 (default: float32).")
    String precision;
    @Option(names = "--checkpoint-every", paramLabel = "STEPS", description = "Steps between checkpoints.")
    Integer checkpointEvery;
    @Option(names = "--checkpoint-seconds", paramLabel = "SECONDS", description = "Seconds between checkpoints.")
    Double checkpointSeconds;
    @Option(names = "--keep", description = "Periodic checkpoints to keep (default: 3).")
    Integer keep;
    @Option(names = "--config", paramLabel = "FILE", description = "Options from a YAML or JSON file.")
    Path config;
    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: lva-out).")
    Path out;
    @Option(names = "--overwrite", description = {"Replace an earlier run in the output folder. Without it such a "
            + "folder is refused; with it the earlier run's model, summary and checkpoints stay until this run has "
            + "written its own, so a run that fails leaves the earlier one as it was."})
    boolean overwrite;

    @Override
    public Integer call() {
        lva.configure();
        RunConfig cfg = resolve();
        RunData data = RunData.load(cfg, cfg.precision().dataType());
        LvaRun.Result result = new LvaRun(cfg, lva.plugins(), System.err).run(data, overwrite);
        return lva.finish(result, spec.commandLine().getOut());
    }

    /**
     * Defaults, then the config file, then what the command line says. Command-line values are keyed
     * as typed ({@code --checkpoint-every}), so an invalid one is named that way in the message.
     */
    RunConfig resolve() {
        Map<String, String> merged = new LinkedHashMap<>();
        if (config != null) {
            merged.putAll(ConfigFile.read(config));
        }
        put(merged, "--data", data);
        put(merged, "--columns", columns == null ? null : String.join(";", columns));
        put(merged, "--header", header);
        put(merged, "--scale", scale);
        put(merged, "--latent", latent);
        put(merged, "--hidden", hidden == null ? null : hidden.stream().map(String::valueOf)
                .reduce((a, b) -> a + ";" + b).orElse(""));
        put(merged, "--activation", activation);
        put(merged, "--regularizer", regularizer);
        put(merged, "--pruning", pruning);
        put(merged, "--prune-from", pruneFrom);
        put(merged, "--optimizer", optimizer);
        put(merged, "--lr", lr);
        put(merged, "--epochs", epochs);
        put(merged, "--batch", batch);
        put(merged, "--seed", seed);
        put(merged, "--precision", precision);
        put(merged, "--checkpoint-every", checkpointEvery);
        put(merged, "--checkpoint-seconds", checkpointSeconds);
        put(merged, "--keep", keep);
        put(merged, "--out", out);
        put(merged, "--model", model);
        put(merged, "--channels", channels == null ? null : channels.stream().map(String::valueOf)
                .reduce((a, b) -> a + ";" + b).orElse(""));
        put(merged, "--pad-to", padTo);
        put(merged, "--limit", limit);
        return Options.bind(RunConfig.fitDefaults(), merged, config == null ? "lva fit" : "lva fit (with " + config + ")");
    }

    private static void put(Map<String, String> m, String key, Object value) {
        if (value != null) {
            // a config file's kebab-case or camelCase key and the command line's option are the same option
            m.keySet().removeIf(k -> normalize(k).equals(normalize(key)));
            m.put(key, value.toString());
        }
    }

    private static String normalize(String key) {
        return key.replace("-", "").replace("_", "").toLowerCase(java.util.Locale.ROOT);
    }
}
