package dev.lva.run.study;

import dev.lva.api.LvaException;
import dev.lva.api.plugin.Plugins;
import dev.lva.run.sweep.SweepExecutor;
import dev.lva.run.sweep.SweepGrid;
import dev.lva.run.sweep.SweepOptions;
import dev.lva.run.sweep.SweepPlan;
import dev.lva.run.sweep.SweepRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The LV paper's comparison of latent penalties as one study: for each data set a sweep of the
 * penalties x lambdas x seeds ({@code lva sweep}'s machinery, so a study run again skips finished
 * runs and resumes the others from their checkpoints), then one report over all of them
 * ({@link StudyReport}).
 *
 * <p>The study's folder:
 * <pre>
 * OUT/report.html, OUT/fig-NN-*.png   the study's report
 * OUT/study.csv                       the headline numbers, a row per data set and penalty
 * OUT/fashion/                        a sweep folder: sweep.csv, report.html, runs/NAME/
 * OUT/synth/                          a sweep folder, on the images below
 * OUT/data/synth/                     the synthetic images, their true parameters and how they were drawn
 * </pre>
 */
public final class Study {
    /** The folder of the data the study draws itself. */
    public static final String DATA = "data";

    private final StudyOptions options;
    private final Map<StudyData, SweepPlan> plans;

    private Study(StudyOptions options, Map<StudyData, SweepPlan> plans) {
        this.options = options;
        this.plans = plans;
    }

    /**
     * The study's sweeps, every grid point checked (an unknown penalty is refused here, naming it);
     * nothing is read, drawn or written.
     */
    public static Study plan(StudyOptions options, Plugins plugins) {
        requireStudyFolder(options.out());
        Map<StudyData, SweepPlan> plans = new LinkedHashMap<>();
        for (StudyData d : options.datasets()) {
            SweepOptions o = sweepOptions(options, d);
            SweepPlan plan;
            try {
                plan = SweepGrid.plan(o, SweepOptions.defaults(o), plugins);
            } catch (LvaException e) {
                throw new LvaException(e.getMessage().replace("--regularizer", "--penalties"), e);
            }
            plans.put(d, plan);
        }
        return new Study(options, plans);
    }

    /**
     * Refuses a folder that holds another command's results: the study's report.html would replace
     * a sweep's or a run's own page, and its sweeps would sit among their files.
     */
    static void requireStudyFolder(Path out) {
        if (!java.nio.file.Files.isDirectory(out)) {
            return;
        }
        for (String foreign : List.of(dev.lva.run.sweep.SweepFolder.STATE_FILE, dev.lva.run.sweep.SweepFolder.TABLE,
                "summary.json", "config.yaml", "model.zip")) {
            if (java.nio.file.Files.exists(out.resolve(foreign))) {
                throw new LvaException("--out " + out + " holds " + foreign + ", the results of lva "
                        + (foreign.startsWith("sweep") ? "sweep" : "fit") + ", not of a study: the study's report would"
                        + " replace its report.html; choose another --out");
            }
        }
        if (java.nio.file.Files.exists(out.resolve(dev.lva.viz.report.RunReport.FILE_NAME))
                && !java.nio.file.Files.exists(out.resolve(StudyReport.TABLE))) {
            throw new LvaException("--out " + out + " holds a report.html that lva study did not write (no "
                    + StudyReport.TABLE + " beside it); choose another --out");
        }
    }

    /** The sweep of one data set, as {@code lva sweep} would be asked for it. */
    static SweepOptions sweepOptions(StudyOptions s, StudyData d) {
        SweepOptions o = new SweepOptions();
        String study = "lva study";
        o.put("model", study, List.of("conv-lvae"));
        o.put("channels", "--channels", List.of(StudyOptions.join(s.channels()).replace(',', ';')));
        o.put("latent", "--latent", List.of(Integer.toString(s.latent())));
        o.put("epochs", "--epochs", List.of(Integer.toString(s.epochs())));
        o.put("batch", study, List.of(Integer.toString(s.batch(d))));
        o.put("regularizer", "--penalties", s.penalties());
        o.put("lambda", "--lambda", s.lambdas());
        o.put("seed", "--seeds", s.seeds().stream().map(String::valueOf).toList());
        o.put("out", "--out", List.of(sweepDir(s.out(), d).toString()));
        if (d == StudyData.FASHION) {
            o.put("data", study, List.of(s.fashionImages().toString()));
            o.put("padTo", study, List.of("32"));
            o.put("limit", "--images", List.of(Integer.toString(s.images())));
            if (s.fashionLabels() != null) {
                o.put("labels", study, List.of(s.fashionLabels().toString()));
            }
        } else {
            StudySynthData synth = synthData(s);
            o.put("data", study, List.of(synth.images().toString()));
            o.put("truth", study, List.of(synth.parameters().toString()));
        }
        return o;
    }

    /** The sweep folder of a data set: {@code OUT/fashion}, {@code OUT/synth}. */
    public static Path sweepDir(Path out, StudyData d) {
        return out.resolve(d.key());
    }

    static StudySynthData synthData(StudyOptions s) {
        return new StudySynthData(s.out().resolve(DATA).resolve(StudyData.SYNTH.key()), s.synthImages(),
                s.synthSize());
    }

    public StudyOptions options() {
        return options;
    }

    /** Each data set's sweep, in the order they run. */
    public Map<StudyData, SweepPlan> plans() {
        return java.util.Collections.unmodifiableMap(plans);
    }

    /** Every run of every sweep. */
    public int runs() {
        return plans.values().stream().mapToInt(p -> p.points().size()).sum();
    }

    /**
     * The study's size in words: {@code 24 runs: fashion 12 (penalty 4 x lambda 3 x seed 1), synth 12
     * (...), each up to 10 epochs}.
     */
    public String sizeText() {
        List<String> parts = new ArrayList<>();
        plans.forEach((d, p) -> parts.add(d.key() + " " + p.points().size()));
        return String.format(Locale.ROOT, "%d run%s: %s (penalty %d x lambda %d x seed %d each), each up to %d epoch%s",
                runs(), runs() == 1 ? "" : "s", String.join(", ", parts), options.penalties().size(),
                options.lambdas().size(), options.seeds().size(), options.epochs(), options.epochs() == 1 ? "" : "s");
    }

    /**
     * A study of more runs than a sweep starts unconfirmed ({@link SweepPlan#CONFIRM_RUNS}) starts only
     * when confirmed; the message states its size and the time it should take.
     */
    public void requireConfirmed(boolean yes, int runsAtATime) {
        if (runs() > SweepPlan.CONFIRM_RUNS && !yes) {
            throw new LvaException("the study has " + sizeText() + "; " + StudyEstimate.of(options, runsAtATime)
                    .text() + "; more than " + SweepPlan.CONFIRM_RUNS + " runs start only with --yes");
        }
    }

    /**
     * How a study went.
     *
     * @param sweeps each data set's sweep
     * @param report the study's report.html
     * @param table  the headline numbers as CSV
     * @param rows   the headline numbers
     */
    public record Result(Map<StudyData, SweepRunner.Summary> sweeps, Path report, Path table,
                         List<StudyReport.Headline> rows) {
        /** Runs that could not be run (an engine's error), which a rerun tries again. */
        public int errors() {
            return sweeps.values().stream().mapToInt(SweepRunner.Summary::errors).sum();
        }
    }

    /**
     * Draws the synthetic images (once), runs each data set's sweep on {@code executor} and writes the
     * study's report.
     *
     * @param threads     the engine threads of every run
     * @param runsAtATime runs the engine trains at a time, for the time estimates (0: not known)
     * @param log         progress lines: each sweep's, one per finished run
     */
    public Result run(SweepExecutor executor, int threads, int runsAtATime, boolean retryFailed, PrintWriter log)
            throws InterruptedException {
        if (plans.containsKey(StudyData.SYNTH) && synthData(options).ensure()) {
            log.println("study: drew " + options.synthImages() + " synthetic images into "
                    + SweepRunner.shown(synthData(options).images().getParent()));
        }
        Map<StudyData, SweepRunner.Summary> sweeps = new LinkedHashMap<>();
        for (Map.Entry<StudyData, SweepPlan> e : plans.entrySet()) {
            log.println("study: " + e.getKey().key() + ":");
            log.flush();
            sweeps.put(e.getKey(), SweepRunner.of(e.getValue(), Map.of(), threads, log).retryFailed(retryFailed)
                    .runReports(options.runReports()).parallel(runsAtATime).run(executor));
        }
        StudyReport.Written w = StudyReport.write(this, sweeps);
        return new Result(sweeps, w.report(), w.table(), w.rows());
    }
}
