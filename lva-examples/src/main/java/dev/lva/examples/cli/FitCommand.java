package dev.lva.examples.cli;

import dev.lva.api.LvaException;
import dev.lva.api.plugin.Options;
import dev.lva.examples.Lva;
import dev.lva.run.ConfigFile;
import dev.lva.run.LvaRun;
import dev.lva.run.RunConfig;
import dev.lva.run.RunData;
import dev.lva.run.RunMemory;
import dev.lva.run.RunOption;
import dev.lva.run.RunOptions;
import dev.lva.run.sweep.SeedSweep;
import java.io.PrintWriter;
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
    @Option(names = "--layout", paramLabel = "nchw|nhwc", description = "How a rank-4 .npy or IDX of images is ordered:"
            + " nchw (N x C x H x W) or nhwc (N x H x W x C, channels last) (default: nchw, refusing an array that"
            + " looks channels-last).")
    String layout;
    @Option(names = "--limit", paramLabel = "N", description = "Use the first N rows or images (default: all).")
    Integer limit;
    @Option(names = "--labels", paramLabel = "FILE", description = {"A class label per data row (after --limit): an"
            + " IDX file, a .npy vector or a CSV column (its only one, or label). The report adds k-nearest-neighbour"
            + " accuracy on held-out rows of the kept code, beside PCA's and the raw data's; never trained on."})
    Path labels;
    @Option(names = "--truth", paramLabel = "FILE", description = {"The true parameters of synthetic data, a CSV row"
            + " per data row (lva synth's parameters.csv). The report adds how well the kept code recovers each (R^2"
            + " on held-out rows)."})
    Path truth;
    @Option(names = "--columns", split = ",", paramLabel = "NAME|INDEX", description = "Columns to use (default: all).")
    List<String> columns;
    @Option(names = "--header", description = "CSV header: auto, present, absent (default: auto).")
    String header;
    @Option(names = "--scale", description = "Column scaling: standard, minmax, none (default: standard; images are"
            + " never scaled: unsigned bytes become [0, 1]; integer pixels of any type are divided by 255 and must lie"
            + " in 0..255, float pixels are used as stored, with a warning when far outside [0, 1]).")
    String scale;
    @Option(names = "--latent", description = "Latent dimensions, at least 1; 0 or not given: as many as the data has"
            + " columns (64 for conv-lvae).")
    Integer latent;
    @Option(names = "--hidden", split = ",", description = "Hidden widths (default: 48,48,48,48).")
    List<Integer> hidden;
    @Option(names = "--activation", description = "Hidden activation (default: leaky-relu:slope=0.2).")
    String activation;
    @Option(names = "--regularizer", paramLabel = "SPEC", completionCandidates = PluginNames.Regularizers.class,
            description = "Latent penalty, NAME:KEY=VALUE,... with NAME one of ${COMPLETION-CANDIDATES} (default:"
                    + " volume:lambda=0.01,eta=0.01, for conv-lvae volume:lambda=0.001,eta=0.01; lva plugins lists each"
                    + " one's options).")
    String regularizer;
    @Option(names = "--lambda", paramLabel = "WEIGHT", description = "The penalty's weight: lambda in --regularizer,"
            + " the default penalty's unless --regularizer names another (as lva sweep --lambda).")
    String lambda;
    @Option(names = "--pruning", paramLabel = "SPEC", completionCandidates = PluginNames.PruningPolicies.class,
            description = "Pruning policy, NAME:KEY=VALUE,... with NAME one of ${COMPLETION-CANDIDATES} (default: none;"
                    + " for example plummet:threshold=0.02).")
    String pruning;
    @Option(names = "--prune-from", paramLabel = "EPOCH", description = "The first epoch (counted from 0) at whose end"
            + " pruning may happen (default: 0). An epoch is one pass over the data.")
    Integer pruneFrom;
    @Option(names = "--optimizer", paramLabel = "SPEC", completionCandidates = PluginNames.Optimizers.class,
            description = "Optimizer, NAME or NAME:KEY=VALUE,... with NAME one of ${COMPLETION-CANDIDATES} (default:"
                    + " adam; its learning rate is --lr).")
    String optimizer;
    @Option(names = "--lr", description = "Learning rate (default: 0.001).")
    Double lr;
    @Option(names = "--epochs", description = "The most passes over the data; the run stops earlier once it has"
            + " converged (--tol) (default: " + RunConfig.DEFAULT_EPOCHS + "; 100 for conv-lvae).")
    Integer epochs;
    @Option(names = "--tol", description = "Stop once the run has converged: from one window of --tol-window epochs"
            + " to the next, the loss and the sorted latent stds (relative to the largest) change by less than this"
            + " share (default: " + RunConfig.DEFAULT_TOL + "); 0 trains all --epochs and still reports whether the"
            + " default rule finds the run converged.")
    Double tol;
    @Option(names = "--tol-window", paramLabel = "EPOCHS", description = "Epochs of the windows --tol compares"
            + " (default: " + RunConfig.DEFAULT_TOL_WINDOW + "; 5 for conv-lvae).")
    Integer tolWindow;
    @Option(names = "--batch", description = "Rows per optimizer step; 0 for the full batch, one step an epoch"
            + " (default: the full batch where its activations take at most a quarter of the free memory, else the"
            + " largest round batch that does, said when chosen; 100 for conv-lvae).")
    Integer batch;
    @Option(names = "--seed", description = "Seed: PyTorch-compatible initialisation and shuffling (default: 0).")
    Long seed;
    @Option(names = "--seeds", paramLabel = "LIST", description = "Several seeds, e.g. 0,1,2 or 0-4: one run each into"
            + " OUT/seed-S (side by side, as many at a time as the cores hold --threads each and memory holds, all"
            + " reading one copy of the data), then the count most"
            + " seeds give and the sorted stds of every seed in one figure (OUT/report.html, OUT/seeds.json,"
            + " OUT/sweep.csv). Run again, it skips the seeds that finished and resumes the others.")
    String seeds;
    @Option(names = "--precision", description = "float32 or float64 (default: float32).")
    String precision;
    @Option(names = "--checkpoint-every", paramLabel = "STEPS", description = "Optimizer steps (not epochs) between"
            + " checkpoints; an epoch is one step with the full batch, rows/--batch steps with minibatches (default: 0,"
            + " only at the end).")
    Integer checkpointEvery;
    @Option(names = "--checkpoint-seconds", paramLabel = "SECONDS", description = "Seconds of training between"
            + " checkpoints (default: 0, no time trigger).")
    Double checkpointSeconds;
    @Option(names = "--keep", description = "Periodic checkpoints to keep (default: 3).")
    Integer keep;
    @Option(names = "--config", paramLabel = "FILE", description = "Options from a YAML or JSON file.")
    Path config;
    /** The config file's {@code seeds}, which the command line's --seed or --seeds replace. */
    private String configSeeds;
    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: lva-out/fit).")
    Path out;
    @Option(names = "--overwrite", description = {"Replace an earlier run in the output folder. Without it such a "
            + "folder is refused; with it the earlier run's model, summary and checkpoints stay until this run has "
            + "written its own, so a run that fails leaves the earlier one as it was."})
    boolean overwrite;
    @Option(names = dev.lva.run.sweep.SweepFolder.ACCEPT_CHANGED_DATA, description = "With --seeds: go on though the data differ from"
            + " those the folder's seeds trained on (sweep.json keeps their digest); the finished seeds stay, and"
            + " sweep.csv names each seed's data.")
    boolean acceptChangedData;
    /** Whether the command line or the config file chose the batch (else lva may choose one that fits). */
    private boolean batchGiven;

    /** Whether the batch size is the model's default, not one the user gave. */
    private boolean defaultBatch;
    /** The options the command line and the config file gave, before any default. */
    private Map<String, String> given = Map.of();

    @Override
    public Integer call() throws InterruptedException {
        lva.configure();
        if (seeds != null && seed != null) {
            throw new LvaException("--seed " + seed + " and --seeds " + seeds + ": give one of them");
        }
        if (acceptChangedData && seeds == null) {
            throw new LvaException("--accept-changed-data: a single lva fit starts afresh; it goes with --seeds (and"
                    + " lva resume, lva sweep)");
        }
        List<Long> seedList = seeds == null ? null : SeedSweep.parse(seeds, "--seeds");
        RunConfig cfg = resolve();
        if (seedList == null && seed == null && configSeeds != null) {
            seedList = SeedSweep.parse(configSeeds, config + ": seeds");
        }
        RunData data = RunData.load(cfg, cfg.precision().dataType());
        FitModelOptions.requireUsedByData(given, data);
        String note = FitModelOptions.imagesNote(given, data);
        if (note != null) {
            spec.commandLine().getErr().println("lva: note: " + note);
            spec.commandLine().getErr().flush();
        }
        if (defaultBatch) {
            FitModelOptions.requireDefaultBatchFits(cfg, data);
        } else if (batchGiven) {
            FitModelOptions.requireGivenBatchFits(cfg, data);
        }
        // sized to this JVM before any training: a default full batch that cannot fit becomes minibatches
        // (said here), a run that cannot fit at all is refused with the bytes and what to change
        RunMemory.Plan plan = RunMemory.plan(cfg, data, lva.plugins(), batchGiven, seedList != null);
        if (plan.note() != null) {
            spec.commandLine().getErr().println("lva: " + plan.note());
            spec.commandLine().getErr().flush();
        }
        cfg = plan.config();
        if (seedList != null) {
            return seeds(cfg, seedList, data, plan);
        }
        LvaRun.Result result = new LvaRun(cfg, lva.plugins(), ProgressDisplay.on(System.err)).run(data, overwrite);
        return lva.finish(result, spec.commandLine().getOut());
    }

    /** {@code --seeds}: a one-axis sweep on this machine's threads; a seed that did not finish makes the exit code 1. */
    private int seeds(RunConfig cfg, List<Long> seedList, RunData data, RunMemory.Plan plan)
            throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunMemory.Parallel p = RunMemory.parallel(plan, data, SeedSweep.parallel(seedList.size(),
                Runtime.getRuntime().availableProcessors(), lva.threads()), lva.threads());
        int parallel = p.runs();
        err.println("lva: " + seedList.size() + " seeds, " + parallel + " at a time (" + p.why() + "), into "
                + cfg.out());
        err.flush();
        SeedSweep.Outcome o = SeedSweep.run(cfg, seedList, data, lva.plugins(), lva.threads(), parallel, overwrite,
                acceptChangedData, err);
        o.warnings().forEach(w -> err.println("lva: warning: " + w));
        err.flush();
        o.summary().forEach(out::println);
        if (o.report() != null) {
            out.println("report: " + o.report());
        }
        out.flush();
        if (!o.complete()) {
            err.println("lva: " + o.failed().size() + " of " + seedList.size() + " seeds did not finish (the lines"
                    + " above say why); the same command again retries those that could not run");
            err.flush();
            return Lva.EXIT_ERROR;
        }
        return 0;
    }

    /**
     * Defaults, then the config file, then what the command line says. Command-line values are keyed
     * as typed ({@code --checkpoint-every}), so an invalid one is named that way in the message.
     */
    RunConfig resolve() {
        Map<String, String> merged = new LinkedHashMap<>();
        if (config != null) {
            merged.putAll(ConfigFile.read(config));
            // seeds: in the file is --seeds, as in a sweep file (a YAML list arrives joined by ';')
            for (java.util.Iterator<Map.Entry<String, String>> it = merged.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, String> e = it.next();
                if (RunOptions.same(e.getKey(), "seeds")) {
                    configSeeds = e.getValue().replace(';', ',');
                    it.remove();
                }
            }
            if (configSeeds != null && value(merged, "seed") != null && seed == null && seeds == null) {
                throw new LvaException(config + ": seed and seeds: give one of them");
            }
        }
        // every option of the table that lva fit has a flag for, by that flag (lambda and seeds come apart)
        for (picocli.CommandLine.Model.OptionSpec option : spec.options()) {
            RunOption run = RunOptions.find(option.longestName());
            if (run != null && run.inRecord() && run.flag().equals(option.longestName())) {
                put(merged, option.longestName(), commandLine(option.getValue()));
            }
        }
        String chosen = value(merged, "--model") == null ? RunConfig.fitDefaults().model() : value(merged, "--model");
        FitModelOptions.requireUsed(chosen, merged);
        given = new LinkedHashMap<>(merged);
        FitModelOptions.putLambda(merged, lambda, chosen);
        batchGiven = value(merged, "--batch") != null;
        // a default batch larger than the data is refused as the default it is, not as a batch the user chose
        defaultBatch = "conv-lvae".equals(chosen) && !batchGiven;
        if ("conv-lvae".equals(value(merged, "--model"))) {
            // an epoch of images costs seconds, not milliseconds: the MLP's full batch, 10,000-epoch cap
            // and 200-epoch windows would mean days; these are the image launchers' scale
            RunConfig.modelDefaults("conv-lvae").forEach((k, v) -> {
                if (value(merged, k) == null) {
                    merged.put(k, v);
                }
            });
        }
        return Options.bind(RunConfig.fitDefaults(), merged, config == null ? "lva fit" : "lva fit (with " + config + ")");
    }

    /** A command-line value as a config file gives it: lists joined by ';', null when not given. */
    private static String commandLine(Object value) {
        if (value instanceof List<?> list) {
            return String.join(";", list.stream().map(String::valueOf).toList());
        }
        return value == null ? null : value.toString();
    }

    private static void put(Map<String, String> m, String key, String value) {
        if (value != null) {
            // a config file's kebab-case or camelCase key and the command line's option are the same option
            m.keySet().removeIf(k -> RunOptions.same(k, key));
            m.put(key, value);
        }
    }

    private static String value(Map<String, String> m, String key) {
        return FitModelOptions.value(m, key);
    }
}
