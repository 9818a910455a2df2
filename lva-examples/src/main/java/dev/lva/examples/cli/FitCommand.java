package dev.lva.examples.cli;

import dev.lva.api.LvaException;
import dev.lva.api.plugin.Options;
import dev.lva.examples.Lva;
import dev.lva.run.ConfigFile;
import dev.lva.run.LvaRun;
import dev.lva.run.ModelDefaults;
import dev.lva.run.RunConfig;
import dev.lva.run.RunData;
import dev.lva.run.RunMemory;
import dev.lva.run.RunOption;
import dev.lva.run.RunOptions;
import dev.lva.run.sweep.SeedSweep;
import dev.lva.run.sweep.SweepData;
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
@Command(name = "fit", mixinStandardHelpOptions = true, modelTransformer = RunOptionSpecs.Fit.class,
        description = {"Train a least-volume autoencoder on your data and report its intrinsic dimension.",
                "Every option can also come from --config (YAML or JSON, same names); the command line wins."})
public final class FitCommand implements Callable<Integer> {
    @ParentCommand
    Lva lva;

    @Spec
    CommandSpec spec;

    // the run options (--data ... --out) are made from RunOptions.ALL by RunOptionSpecs.Fit; these are the
    // command's own. --seeds is one too: not a run option but a run per seed (the table's seed option has
    // "seeds" as its alias, lva sweep's flag for its axis of seeds)
    @Option(names = "--seeds", paramLabel = "LIST", description = "Several seeds, e.g. 0,1,2 or 0-4: one run each into"
            + " OUT/seed-S (side by side, as many at a time as the cores hold --threads each and memory holds, all"
            + " reading one copy of the data), then the count most"
            + " seeds give and the sorted stds of every seed in one figure (OUT/report.html, OUT/seeds.json,"
            + " OUT/sweep.csv). Run again, it skips the seeds that finished and resumes the others.")
    String seeds;
    @Option(names = "--config", paramLabel = "FILE", description = "Options from a YAML or JSON file.")
    Path config;
    /** The config file's {@code seeds}, which the command line's --seed or --seeds replace. */
    private String configSeeds;
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
        Long seed = seedGiven();
        if (seeds != null && seed != null) {
            throw new LvaException("--seed " + seed + " and --seeds " + seeds + ": give one of them");
        }
        if (acceptChangedData && seeds == null) {
            throw new LvaException("--accept-changed-data: a single lva fit starts afresh; it goes with --seeds (and"
                    + " lva resume, lva sweep)");
        }
        List<Long> seedList = seeds == null ? null : SeedSweep.parse(seeds, "--seeds");
        RunConfig cfg = resolve();
        if (seedList == null && seedGiven() == null && configSeeds != null) {
            seedList = SeedSweep.parse(configSeeds, config + ": seeds");
        }
        if (seedList != null) {
            SweepData.requireInMemory(cfg);
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
            if (configSeeds != null && value(merged, "seed") != null && seedGiven() == null && seeds == null) {
                throw new LvaException(config + ": seed and seeds: give one of them");
            }
        }
        // every option of the table that lva fit has a flag for, by that flag (lambda comes apart)
        for (RunOption run : RunOptions.ALL) {
            if (run.fitFlag() && run.inRecord()) {
                put(merged, run.flag(), commandLine(RunOptionSpecs.value(spec, run)));
            }
        }
        String chosen = value(merged, "--model") == null ? RunConfig.fitDefaults().model() : value(merged, "--model");
        FitModelOptions.requireUsed(chosen, merged);
        given = new LinkedHashMap<>(merged);
        FitModelOptions.putLambda(merged, (String) RunOptionSpecs.value(spec, RunOptions.get("lambda")), chosen);
        batchGiven = value(merged, "--batch") != null;
        // a default batch larger than the data is refused as the default it is, not as a batch the user chose
        defaultBatch = "conv-lvae".equals(chosen) && !batchGiven;
        if (RunConfig.MODELS.contains(chosen)) {
            // the model's own defaults (its provider's, and conv-lvae's scale of training: an epoch of images
            // costs seconds, so the MLP's full batch, 10,000-epoch cap and 200-epoch windows would mean days);
            // a model no run trains is refused by name when the options are bound
            ModelDefaults.of(chosen).forEach((k, v) -> {
                if (value(merged, k) == null) {
                    merged.put(k, v);
                }
            });
        }
        return Options.bind(RunConfig.fitDefaults(), merged, config == null ? "lva fit" : "lva fit (with " + config + ")");
    }

    /** The command line's --seed, or null. */
    private Long seedGiven() {
        return (Long) RunOptionSpecs.value(spec, RunOptions.get("seed"));
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
