package dev.lva.examples.cli;

import dev.lva.api.LvaException;
import dev.lva.examples.Lva;
import dev.lva.run.sweep.EngineSettings;
import dev.lva.run.sweep.SweepEngine;
import dev.lva.run.sweep.SweepExecutor;
import dev.lva.run.sweep.SweepGrid;
import dev.lva.run.sweep.SweepOptions;
import dev.lva.run.sweep.SweepPlan;
import dev.lva.run.sweep.SweepRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code lva compare-penalties}: the LV paper's comparison at CPU size, on the built-in data. The
 * volume penalty and the paper's baselines (the mean latent std, lasso on the code, Student's t),
 * each at three weights and three seeds, on the handwritten digits and on the course's 3-D curve;
 * a sweep per data set in {@code OUT/digits} and {@code OUT/curve}.
 */
@Command(name = "compare-penalties", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The LV paper's comparison of latent penalties at CPU size: volume, l1-std, lasso and"
                + " student-t at several weights and seeds, on the built-in digits and 3-D curve.",
                "One sweep per data set (see lva sweep): OUT/digits and OUT/curve, each with sweep.csv and report.html."})
public final class ComparePenaltiesCommand implements Callable<Integer> {
    static final String PENALTIES = "volume,l1-std,lasso,student-t";

    /** A built-in data set and the model the comparison trains on it. */
    enum Preset {
        DIGITS("digits", "builtin:digits.csv", digitColumns(), "minmax", "32", "128;128", "60", "128"),
        CURVE("curve", "builtin:ae3d.csv", "", "none", "3", "48;48;48;48", "5000", "0");

        final String folder;
        final String data;
        final String columns;
        final String scale;
        final String latent;
        final String hidden;
        final String epochs;
        final String batch;

        Preset(String folder, String data, String columns, String scale, String latent, String hidden, String epochs,
               String batch) {
            this.folder = folder;
            this.data = data;
            this.columns = columns;
            this.scale = scale;
            this.latent = latent;
            this.hidden = hidden;
            this.epochs = epochs;
            this.batch = batch;
        }

        private static String digitColumns() {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                names.add("p" + i);
            }
            return String.join(";", names);
        }
    }

    @ParentCommand
    Lva lva;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "NAMES", split = ",", defaultValue = "digits,curve",
            description = "Which built-in data: digits, curve or both (default: ${DEFAULT-VALUE}).")
    List<String> data;
    @Option(names = "--regularizer", paramLabel = "SPECS", defaultValue = PENALTIES,
            description = "The penalties compared (default: ${DEFAULT-VALUE}).")
    String regularizer;
    @Option(names = "--lambda", paramLabel = "LIST", defaultValue = "1e-3,1e-2,1e-1",
            description = "Their weights (default: ${DEFAULT-VALUE}).")
    String lambda;
    @Option(names = {"--seeds", "--seed"}, paramLabel = "LIST", defaultValue = "0-2",
            description = "Seeds (default: ${DEFAULT-VALUE}).")
    String seeds;
    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the data (default: 60 on the digits,"
            + " 5000 full-batch steps on the curve).")
    Integer epochs;
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "lva-out/compare-penalties",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--retry-failed", description = "Train again the runs an earlier comparison recorded as failed.")
    boolean retryFailed;
    @Option(names = "--yes", description = "Start a comparison of more than " + SweepPlan.CONFIRM_RUNS + " runs"
            + " per data set.")
    boolean yes;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws InterruptedException {
        lva.configure();
        List<Preset> presets = new ArrayList<>();
        for (String d : data) {
            Preset p = switch (d.strip()) {
                case "digits" -> Preset.DIGITS;
                case "curve" -> Preset.CURVE;
                default -> throw new LvaException("--data " + d + ": the comparison runs on digits or curve");
            };
            if (!presets.contains(p)) {
                presets.add(p);
            }
        }
        if (epochs != null && epochs < 1) {
            throw new LvaException("--epochs " + epochs + ": at least 1");
        }
        List<SweepPlan> plans = new ArrayList<>();
        for (Preset p : presets) {
            plans.add(SweepGrid.plan(options(p), SweepOptions.defaults(), lva.plugins()));
            plans.get(plans.size() - 1).requireConfirmed(yes);
        }
        EngineSettings settings = engine.settings(lva.threads());
        SweepEngine chosen = engine.check(settings, spec.commandLine().getErr());
        PrintWriter out = spec.commandLine().getOut();
        int code = 0;
        try (SweepExecutor executor = chosen.open(settings)) {
            for (int i = 0; i < plans.size(); i++) {
                out.println(presets.get(i).folder + ":");
                code = Math.max(code, SweepCommand.report(SweepRunner.of(plans.get(i), java.util.Map.of(),
                        settings.threads(), spec.commandLine().getErr()).retryFailed(retryFailed).runReports(true)
                        .parallel(settings.runsAtATime()).run(executor), out, spec.commandLine().getErr()));
            }
        }
        return code;
    }

    SweepOptions options(Preset p) {
        SweepOptions o = new SweepOptions();
        o.put("data", "compare-penalties", List.of(p.data));
        if (!p.columns.isEmpty()) {
            o.put("columns", "compare-penalties", List.of(p.columns));
        }
        o.put("scale", "compare-penalties", List.of(p.scale));
        o.put("latent", "compare-penalties", List.of(p.latent));
        o.put("hidden", "compare-penalties", List.of(p.hidden));
        o.put("epochs", "--epochs", List.of(epochs != null ? epochs.toString() : p.epochs));
        o.put("batch", "compare-penalties", List.of(p.batch));
        o.put("regularizer", "--regularizer", SweepGrid.parseList("regularizer", "--regularizer", regularizer));
        o.put("lambda", "--lambda", SweepGrid.parseList("lambda", "--lambda", lambda));
        o.put("seed", "--seeds", SweepGrid.parseList("seed", "--seeds", seeds));
        o.put("out", "--out", List.of(out.resolve(p.folder).toString()));
        return o;
    }
}
