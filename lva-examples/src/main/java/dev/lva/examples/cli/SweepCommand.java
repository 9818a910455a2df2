package dev.lva.examples.cli;

import dev.lva.api.LvaException;
import dev.lva.examples.Lva;
import dev.lva.run.RunConfig;
import dev.lva.run.RunOptions;
import dev.lva.run.sweep.EngineSettings;
import dev.lva.run.sweep.SweepEngine;
import dev.lva.run.sweep.SweepExecutor;
import dev.lva.run.sweep.SweepFile;
import dev.lva.run.sweep.SweepFolder;
import dev.lva.run.sweep.SweepGrid;
import dev.lva.run.sweep.SweepOptions;
import dev.lva.run.sweep.SweepPlan;
import dev.lva.run.sweep.SweepRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lva sweep}: many {@code lva fit} runs over a grid of options, compared in one table and report. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train one lva fit run per point of a grid of options and compare them: DIR/sweep.csv,"
                + " DIR/report.html, and each run's own files in DIR/runs/NAME.",
                "Options that take a list (a,b,c; whole numbers also as ranges, 0-4) make the grid; the same in a"
                        + " YAML file with --config. Running the same sweep again skips finished runs and resumes"
                        + " unfinished ones from their checkpoints.",
                "Example: lva sweep --data data/ae3d.csv --regularizer volume,l1-std,lasso,student-t"
                        + " --lambda 1e-4,1e-3,1e-2 --seeds 0-4 --out sweeps/curve"})
public final class SweepCommand implements Callable<Integer> {
    @ParentCommand
    Lva lva;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE", description = "Data file, read once for all runs: .csv or .npy; or"
            + " images (an IDX file, a .npy of rank 3 or 4, a folder of PNG/JPEG) for --model conv-lvae.")
    String data;
    @Option(names = "--model", description = "lvae (MLP) or conv-lvae (convolutional, for images) (default: lvae).")
    String model;
    @Option(names = "--channels", paramLabel = "LIST", description = "conv-lvae's encoder channels, e.g. 32,64,128,256;"
            + " repeat the option to compare architectures.")
    List<String> channels;
    @Option(names = "--pad-to", paramLabel = "SIDE", description = "Pad or centre-crop images to SIDE x SIDE (default:"
            + " as stored).")
    String padTo;
    @Option(names = "--limit", paramLabel = "N", description = "Use the first N rows or images (default: all).")
    String limit;
    @Option(names = "--layout", paramLabel = "nchw|nhwc", description = "How a rank-4 .npy or IDX of images is"
            + " ordered: nchw or nhwc (channels last) (default: nchw, refusing an array that looks channels-last).")
    String layout;
    @Option(names = "--labels", paramLabel = "FILE", description = "A class label per data row (IDX, .npy or a CSV"
            + " column): each run's summary.json and report add k-nearest-neighbour accuracy of its kept code.")
    String labels;
    @Option(names = "--truth", paramLabel = "FILE", description = "The true parameters of synthetic data (lva synth's"
            + " parameters.csv): each run's summary.json and report add how well its kept code recovers each.")
    String truth;
    @Option(names = "--columns", paramLabel = "NAMES", description = "Columns to use, comma-separated (default: all).")
    String columns;
    @Option(names = "--header", description = "CSV header: auto, present, absent (default: auto).")
    String header;
    @Option(names = "--regularizer", paramLabel = "SPECS",
            description = "Latent penalties, e.g. volume,l1-std,lasso,student-t (default: volume).")
    List<String> regularizer;
    @Option(names = "--lambda", paramLabel = "LIST", description = "Penalty weights, put into every regularizer,"
            + " e.g. 1e-4,1e-3,1e-2 (default: each regularizer's own).")
    List<String> lambda;
    @Option(names = {"--seeds", "--seed"}, paramLabel = "LIST", description = "Seeds, e.g. 0-4 or 0,3,7 (default: 0).")
    List<String> seeds;
    @Option(names = "--latent", paramLabel = "LIST", description = "Latent dimensions (default: as many as columns).")
    List<String> latent;
    @Option(names = "--hidden", paramLabel = "WIDTHS", description = "Hidden widths, e.g. 48,48,48,48; repeat the"
            + " option to compare architectures.")
    List<String> hidden;
    @Option(names = "--activation", paramLabel = "SPECS", description = "Hidden activations.")
    List<String> activation;
    @Option(names = "--scale", paramLabel = "LIST", description = "Column scaling: standard, minmax, none.")
    List<String> scale;
    @Option(names = "--pruning", paramLabel = "SPECS", description = "Pruning policies.")
    List<String> pruning;
    @Option(names = "--prune-from", paramLabel = "EPOCHS", description = "First epoch that may prune.")
    List<String> pruneFrom;
    @Option(names = "--pruned-in-penalty", paramLabel = "LIST",
            description = "Whether pruned dimensions stay in the penalty as constants: true, false.")
    List<String> prunedInPenalty;
    @Option(names = "--optimizer", paramLabel = "SPECS", description = "Optimizers: adam, adamw, sgd.")
    List<String> optimizer;
    @Option(names = "--lr", paramLabel = "LIST", description = "Learning rates.")
    List<String> lr;
    @Option(names = "--epochs", paramLabel = "LIST", description = "The most passes over the data (default: "
            + RunConfig.DEFAULT_EPOCHS + "; 100 for conv-lvae).")
    List<String> epochs;
    @Option(names = "--tol", paramLabel = "LIST", description = "Convergence tolerances (default: " + RunConfig.DEFAULT_TOL
            + "; 0 trains every epoch).")
    List<String> tol;
    @Option(names = "--tol-window", paramLabel = "EPOCHS", description = "Epochs of the windows --tol compares"
            + " (default: " + RunConfig.DEFAULT_TOL_WINDOW + "; 5 for conv-lvae).")
    List<String> tolWindow;
    @Option(names = "--batch", paramLabel = "LIST", description = "Rows per step; 0 for the full batch.")
    List<String> batch;
    @Option(names = "--precision", paramLabel = "LIST", description = "float32 or float64.")
    List<String> precision;
    @Option(names = "--checkpoint-every", paramLabel = "STEPS", description = "Steps between a run's checkpoints.")
    String checkpointEvery;
    @Option(names = "--checkpoint-seconds", paramLabel = "SECONDS",
            description = "Seconds between a run's checkpoints, which the driver keeps until the run ends"
                    + " (default: 60).")
    String checkpointSeconds;
    @Option(names = "--keep", paramLabel = "N", description = "Periodic checkpoints a run keeps while it trains"
            + " (default: 3).")
    String keep;
    @Option(names = "--config", paramLabel = "FILE", description = "The sweep from a YAML or JSON file (same names;"
            + " a list is an axis); the command line wins.")
    Path config;
    @Option(names = "--out", paramLabel = "DIR", description = "The sweep's folder (default: lva-sweep).")
    String out;

    @Option(names = "--retry-failed", description = "Train again the runs an earlier sweep recorded as failed.")
    boolean retryFailed;
    @Option(names = "--yes", description = "Start a grid of more than " + SweepPlan.CONFIRM_RUNS + " runs (without it"
            + " such a sweep only says its size: a range typed 0-1000 for 0-100 costs hours).")
    boolean yes;
    @Option(names = "--run-reports", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Each run also draws its figures and report.html, as lva fit does (default: on;"
                    + " --no-run-reports for tables and models only, a second or so less per run).")
    boolean runReports;

    @Option(names = SweepFolder.ACCEPT_CHANGED_DATA, description = "Go on though the data differ from those the"
            + " folder's runs trained on (sweep.json keeps their digest): the finished runs stay, each row of sweep.csv"
            + " names its data (data_digest), and the rest train on these data.")
    boolean acceptChangedData;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws InterruptedException {
        lva.configure();
        SweepOptions options = new SweepOptions();
        if (config != null) {
            SweepFile.read(config, options);
        }
        // every option of the table, by its flag: an axis takes a list, the others one value
        for (OptionSpec option : spec.options()) {
            Object value = option.getValue();
            if (RunOptions.find(option.longestName()) != null && value != null) {
                options.putTyped(option.longestName(), option.longestName(), value instanceof List<?> list
                        ? list.stream().map(String::valueOf).toList() : List.of(value.toString()));
            }
        }
        if (!options.has("data")) {
            throw new LvaException("no data: give --data FILE (.csv or .npy) or a 'data' entry in the sweep file");
        }
        SweepPlan plan = SweepGrid.plan(options, SweepOptions.defaults(options), lva.plugins());
        plan.requireConfirmed(yes);
        EngineSettings settings = engine.settings(lva.threads());
        SweepEngine chosen = engine.check(settings, spec.commandLine().getErr());
        try (SweepExecutor executor = chosen.open(settings)) {
            return report(SweepRunner.of(plan, java.util.Map.of(), settings.threads(), spec.commandLine().getErr())
                    .retryFailed(retryFailed).runReports(runReports).acceptChangedData(acceptChangedData)
                    .parallel(settings.runsAtATime()).run(executor),
                    spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }

    /** Prints where the results are; an exit code of 1 when some runs could not be run. */
    static int report(SweepRunner.Summary s, PrintWriter out, PrintWriter err) {
        out.printf(java.util.Locale.ROOT, "%d runs: %d ok, %d failed, %d errors (%d finished before, %d resumed)%n",
                s.runs(), s.ok(), s.failed(), s.errors(), s.skipped(), s.resumed());
        out.println("table: " + SweepRunner.shown(s.table()));
        if (s.report() != null) {
            out.println("report: " + SweepRunner.shown(s.report()));
        }
        out.flush();
        if (s.errors() > 0) {
            err.println("lva: " + s.errors() + " run(s) could not be run; run the same command again to retry them");
            err.flush();
            return Lva.EXIT_ERROR;
        }
        return 0;
    }
}
