package dev.lva.examples.course;

import dev.lva.api.TrainingListener;
import dev.lva.api.plugin.Options;
import dev.lva.core.pca.PcaSpectrum;
import dev.lva.examples.Lva;
import dev.lva.run.LvaRun;
import dev.lva.run.RunConfig;
import dev.lva.run.RunData;
import dev.lva.models.IntrinsicDimension;
import dev.lva.models.LatentAnalysis;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code lva fashion} and {@code lva blobs} share: a {@code conv-lvae} run of {@code lva fit}
 * (model.zip, latent.csv, summary.json, the report with its image figures, resumable with
 * {@code lva resume}) and its result set beside PCA's: how many components PCA needs for the
 * LVAE's reconstruction error, and PCA's error with as many components as the LVAE keeps.
 */
final class ImageLaunch {
    private ImageLaunch() {
    }

    /** The model options every image launcher gives: LeakyReLU(0.2), Adam with lva_conv.py's betas 0.9, 0.99. */
    static Map<String, String> convDefaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model", "conv-lvae");
        m.put("scale", "none");
        m.put("activation", "leaky-relu:slope=0.2");
        m.put("optimizer", "adam:beta2=0.99");
        m.put("checkpointEvery", "0");
        m.put("keep", "1");
        // the launchers train their fixed epochs (their figures are measured at them) and say whether
        // the rule, judged over tenths of the run, found them converged
        m.put("tol", "0");
        return m;
    }

    /** {@code lva fit}'s defaults with {@code values} over them; an invalid value is named as the launcher's option. */
    static RunConfig config(Map<String, String> values, String owner) {
        return Options.bind(RunConfig.fitDefaults(), values, owner);
    }

    /**
     * Trains, printing the loss ten times, then prints the result and writes the report.
     *
     * @param trueDimension the data's known intrinsic dimension, or 0 when nobody knows it
     */
    static LvaRun.Result run(Lva lva, RunConfig config, RunData data, PrintWriter out, int trueDimension) {
        List<TrainingListener> printer = List.of(new CourseTraining.LossPrinter(config.epochs(), out));
        LvaRun.Result result = new LvaRun(config, lva.plugins(), null, printer).run(data, true);
        LatentAnalysis a = result.analysis();
        // the same stated counts, rules, gap and convergence verdict as lva fit prints
        result.summary().forEach(line -> out.println("LVAE: " + line));
        if (trueDimension > 0) {
            out.println("the true dimension is " + trueDimension);
        }
        // images held as bytes are converted by the pixel rule: PCA sees the values the model saw
        PcaSpectrum pca = PcaSpectrum.of(dev.lva.core.data.ImageBytes.pixels(data.scaled(),
                config.precision().dataType()));
        IntrinsicDimension v = result.verdict();
        int needed = pca.componentsFor(a.lossNone());
        // a run without a count keeps no dimension to compare PCA's error at
        String atCount = v.counted() ? String.format(Locale.ROOT, "with %d components (as many as the LVAE keeps) PCA's"
                + " MSE is %.4g", v.count(), pca.mse(v.count())) : "the LVAE keeps no dimension (" + v.noCount() + ")";
        String comparison = String.format(Locale.ROOT, "%d components reach the LVAE's MSE %.4g; %s%s", needed,
                a.lossNone(), atCount, trueDimension > 0 ? String.format(Locale.ROOT, ", with %d (the true dimension)"
                        + " %.4g", trueDimension, pca.mse(trueDimension)) : "");
        out.println("PCA: " + comparison);
        out.flush();
        // the comparison belongs with the run's results, not only on the console
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("components_for_lvae_mse", needed);
        numbers.put("lvae_mse", a.lossNone());
        numbers.put("lvae_count", v.counted() ? v.count() : null);
        numbers.put("mse_at_lvae_count", v.counted() ? pca.mse(v.count()) : null);
        if (trueDimension > 0) {
            numbers.put("true_dimension", trueDimension);
            numbers.put("mse_at_true_dimension", pca.mse(trueDimension));
        }
        numbers.put("text", comparison);
        result = result.withSummaryEntry("pca", numbers);
        LvaRun.Report report = LvaRun.report(result, Map.of("PCA", comparison));
        report.warnings().forEach(w -> out.println("warning: " + w));
        if (report.file() != null) {
            out.println("report: " + report.file());
        }
        return result;
    }
}
