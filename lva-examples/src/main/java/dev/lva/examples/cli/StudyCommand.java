package dev.lva.examples.cli;

import dev.lva.api.LvaException;
import dev.lva.examples.Lva;
import dev.lva.run.study.Study;
import dev.lva.run.study.StudyEstimate;
import dev.lva.run.study.StudyOptions;
import dev.lva.run.study.StudyReport;
import dev.lva.run.sweep.EngineSettings;
import dev.lva.run.sweep.SweepEngine;
import dev.lva.run.sweep.SweepExecutor;
import dev.lva.run.sweep.SweepGrid;
import dev.lva.run.sweep.SweepPlan;
import dev.lva.run.sweep.SweepRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code lva study}: the LV paper's comparison of latent penalties, end to end. A sweep per data set
 * (volume, l1-std, lasso and student-t x lambdas x seeds on Fashion-MNIST and on synthetic images of
 * five known parameters) and one report of the paper's figures over them; see
 * {@link dev.lva.run.study.Study}.
 */
@Command(name = "study", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The LV paper's comparison of latent penalties, end to end: volume, l1-std, lasso and"
                + " student-t across lambda and seeds, on Fashion-MNIST and on synthetic images of 5 known parameters"
                + " (lva synth's, drawn into the study folder), one sweep per data set (see lva sweep), then one"
                + " report: DIR/report.html with dimensions kept against lambda, pruning curves at comparable"
                + " reconstruction, importance correlation against lambda, kNN accuracy against dimensions with"
                + " PCA's, and the recovery of the true parameters (R^2 on held-out rows, each predicted from the kept"
                + " code by its nearest neighbours, and by a linear fit); DIR/study.csv has the headline numbers.",
                "Run again on the same DIR it skips finished runs and resumes the others from their checkpoints.",
                "--quick: lambda 3e-4,1e-3,3e-3, seed 0, 20 epochs, the first 1000 Fashion-MNIST images and "
                        + StudyOptions.QUICK_SYNTH_IMAGES + " synthetic images of 32 x 32 (sheared within +-"
                        + (int) StudyOptions.SYNTH_SHEAR + " degrees), conv-lvae channels 8,16,32, latent 10 (24 runs)."
                        + " Without it,"
                        + " the full study: lambda 1e-4,3e-4,1e-3,3e-3,1e-2, seeds 0-2, 30 epochs, 10,000 Fashion-MNIST"
                        + " and 5,000 synthetic images, channels 16,32,64, latent 32 (120 runs); it states its number"
                        + " of runs and expected time first, and above " + SweepPlan.CONFIRM_RUNS + " runs starts only"
                        + " with --yes.",
                "Runs train on embedded Spark by default, as lva sweep's do, or with --engine threads on this"
                        + " machine's threads without Spark (the library, dev.lva.run.study, takes either engine).",
                "Example: lva study --quick --out runs/study"})
public final class StudyCommand implements Callable<Integer> {
    @ParentCommand
    Lva lva;

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "The reduced study: about 5 minutes on a quiet 2-core machine (560 s of"
            + " CPU, two runs at a time; much longer on a loaded one: see the README); sets --lambda, --seeds,"
            + " --epochs, --images, --synth-images, --synth-size, --channels and --latent, which may not be given"
            + " with it.")
    boolean quick;
    @Option(names = "--datasets", paramLabel = "NAMES", split = ",", description = "The data sets: fashion, synth"
            + " or both (default: fashion,synth).")
    List<String> datasets;
    @Option(names = "--penalties", paramLabel = "NAMES", split = ",", description = "The penalties compared, without"
            + " lambda (default: volume,l1-std,lasso,student-t).")
    List<String> penalties;
    @Option(names = "--lambda", paramLabel = "LIST", description = "Their weights, e.g. 1e-4,1e-3 (default: full "
            + "1e-4,3e-4,1e-3,3e-3,1e-2; quick 3e-4,1e-3,3e-3).")
    String lambda;
    @Option(names = {"--seeds", "--seed"}, paramLabel = "LIST", description = "Seeds, e.g. 0-2 (default: full 0-2;"
            + " quick 0).")
    String seeds;
    @Option(names = "--epochs", paramLabel = "N", description = "The most passes over the data of each run (default:"
            + " full 30; quick 20).")
    Integer epochs;
    @Option(names = "--images", paramLabel = "N", description = "Fashion-MNIST images, the first N of its training"
            + " set (default: full 10000; quick 1000).")
    Integer images;
    @Option(names = "--synth-images", paramLabel = "N", description = "Synthetic images drawn (default: full 5000;"
            + " quick " + StudyOptions.QUICK_SYNTH_IMAGES + ").")
    Integer synthImages;
    @Option(names = "--synth-size", paramLabel = "SIDE", description = "Their side in pixels (default: 32).")
    Integer synthSize;
    @Option(names = "--channels", paramLabel = "LIST", split = ",", description = "conv-lvae's encoder channels"
            + " (default: full 16,32,64; quick 8,16,32).")
    List<Integer> channels;
    @Option(names = "--latent", paramLabel = "N", description = "Latent dimensions of every run (default: full 32;"
            + " quick 10).")
    Integer latent;
    @Option(names = "--fashion", paramLabel = "DIR", description = "Where Fashion-MNIST's train-images-idx3-ubyte.gz"
            + " and train-labels-idx1-ubyte.gz are (default: ${DEFAULT-VALUE}, Debian's dataset-fashion-mnist; kNN"
            + " accuracy only where the labels are).", defaultValue = "/usr/share/datasets/fashion-mnist")
    Path fashion;
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "lva-out/study",
            description = "The study's folder (default: ${DEFAULT-VALUE}).")
    Path out;
    @Option(names = "--run-reports", description = "Each run also draws its own figures and report.html, as lva fit"
            + " does (default: off; the study's report draws from every run's summary.json).")
    boolean runReports;
    @Option(names = "--retry-failed", description = "Train again the runs an earlier study recorded as failed.")
    boolean retryFailed;
    @Option(names = "--yes", description = "Start a study of more than " + SweepPlan.CONFIRM_RUNS + " runs (the full"
            + " study has 120).")
    boolean yes;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws InterruptedException {
        lva.configure();
        StudyOptions options = options();
        Study study = Study.plan(options, lva.plugins());
        EngineSettings settings = engine.settings(lva.threads());
        StudyEstimate estimate = StudyEstimate.of(options, settings.runsAtATime());
        study.requireConfirmed(yes, settings.runsAtATime());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // an engine that cannot start is refused before the study says what it would run
        SweepEngine chosen = engine.check(settings, err);
        out.println("study: " + study.sizeText() + "; " + estimate.text());
        out.println("study: " + options.describe());
        out.flush();
        Study.Result result;
        try (SweepExecutor executor = chosen.open(settings)) {
            result = study.run(executor, settings.threads(), settings.runsAtATime(), retryFailed, err);
        }
        print(result, out);
        if (result.errors() > 0) {
            err.println("lva: " + result.errors() + " run(s) could not be run; run the same command again to retry"
                    + " them");
            err.flush();
            return Lva.EXIT_ERROR;
        }
        return 0;
    }

    StudyOptions options() {
        StudyOptions.Builder b = StudyOptions.builder(out).quick(quick).runReports(runReports);
        if (datasets != null) {
            b.datasets(datasets);
        }
        if (penalties != null) {
            b.penalties(penalties);
        }
        if (lambda != null) {
            b.lambdas(SweepGrid.parseList("lambda", "--lambda", lambda));
        }
        if (seeds != null) {
            List<Long> s = new ArrayList<>();
            for (String v : SweepGrid.parseList("seed", "--seeds", seeds)) {
                try {
                    s.add(Long.parseLong(v));
                } catch (NumberFormatException e) {
                    throw new LvaException("--seeds '" + v + "': a seed is a whole number");
                }
            }
            b.seeds(s);
        }
        if (epochs != null) {
            b.epochs(epochs);
        }
        if (images != null) {
            b.images(images);
        }
        if (synthImages != null) {
            b.synthImages(synthImages);
        }
        if (synthSize != null) {
            b.synthSize(synthSize);
        }
        if (channels != null) {
            b.channels(channels);
        }
        if (latent != null) {
            b.latent(latent);
        }
        Path labels = fashion.resolve("train-labels-idx1-ubyte.gz");
        b.fashion(fashion.resolve("train-images-idx3-ubyte.gz"), java.nio.file.Files.isRegularFile(labels) ? labels
                : null);
        return b.build();
    }

    /** Where the report is, and the headline numbers as a short table. */
    static void print(Study.Result r, PrintWriter out) {
        r.sweeps().forEach((d, s) -> out.printf(Locale.ROOT, "%s: %d run%s: %d ok, %d failed, %d error%s (%d"
                + " finished before, %d resumed)%n", d.key(), s.runs(), s.runs() == 1 ? "" : "s", s.ok(), s.failed(),
                s.errors(), s.errors() == 1 ? "" : "s", s.skipped(), s.resumed()));
        out.printf(Locale.ROOT, "%-8s %-10s %5s %6s %11s %11s %9s %9s %8s %8s %8s%n", "data", "penalty", "runs",
                "dims", "recon MSE", "importance", "kNN", "kNN PCA", "R^2", "worst", "linear");
        for (StudyReport.Headline h : r.rows()) {
            out.printf(Locale.ROOT, "%-8s %-10s %5s %6s %11s %11s %9s %9s %8s %8s %8s%n", h.dataset(), h.penalty(),
                    h.ok() + "/" + h.runs(), cell(h.dims(), "%.1f"), cell(h.reconstruction(), "%.4g"),
                    cell(h.importance(), "%.3f"), cell(h.knn(), "%.3f"), cell(h.knnPca(), "%.3f"),
                    cell(h.truthKnnR2(), "%.3f"), cell(h.truthKnnR2Min(), "%.3f"), cell(h.truthR2(), "%.3f"));
        }
        out.println("(medians over lambdas and seeds; dims: kept by explained reconstruction >= 1%; R^2: of the true"
                + " parameters on held-out rows, synthetic data, predicted from the kept code by its nearest neighbours,"
                + " the mean over the parameters and the worst one; linear: the mean by a linear fit)");
        out.println("table: " + SweepRunner.shown(r.table()));
        out.println("report: " + SweepRunner.shown(r.report()));
        out.flush();
    }

    private static String cell(Double v, String format) {
        return v == null ? "-" : String.format(Locale.ROOT, format, v);
    }
}
