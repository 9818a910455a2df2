package dev.lva.examples.cli;

import dev.lva.api.LvaException;
import dev.lva.examples.Lva;
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
        modelTransformer = RunOptionSpecs.Sweep.class,
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

    // the run options (--data ... --out, a list for an axis of the grid) are made from RunOptions.ALL by
    // RunOptionSpecs.Sweep and listed first; these are the command's own
    @Option(names = "--config", paramLabel = "FILE", description = "The sweep from a YAML or JSON file (same names;"
            + " a list is an axis); the command line wins.")
    Path config;
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
