package dev.lva.models;

import dev.lva.core.train.Convergence;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a least-volume analysis concludes, each number with the rule that gave it, so that a reader
 * knows what it means and how far to trust it: the intrinsic dimension (dimensions whose explained
 * reconstruction reaches a threshold), the LV paper's second count (stds above a share of the
 * largest), the gap between the last kept and the first dropped std, whether the code collapsed
 * altogether, and whether training had converged, with a warning and its evidence when it had not.
 * The command's printed summary, {@code summary.json}, the HTML report and a sweep's table all read
 * this one record.
 *
 * @param count        the intrinsic dimension; 0 when the code collapsed
 * @param latent       the latent dimensions the model has
 * @param collapsed    no dimension carries the data ({@link LatentAnalysis#collapsed})
 * @param rule         the rule of {@code count}, e.g. {@code explained reconstruction >= 1%}
 * @param stdCount     the second count
 * @param stdRule      its rule, e.g. {@code std above 1% of the largest}
 * @param gapRatio     the last kept std over the first dropped one; NaN when there is no such pair,
 *                     infinite when the first dropped std is 0
 * @param gap          what the gap divides, or why there is none
 * @param converged    whether training had converged by its end (false when not measured)
 * @param convergence  the convergence verdict with its evidence, or {@code not measured} and why
 * @param warning      what the reader should beware of (a count that may still fall, a collapsed
 *                     code), or null
 */
public record IntrinsicDimension(int count, int latent, boolean collapsed, String rule, int stdCount, String stdRule,
                                 double gapRatio, String gap, boolean converged, String convergence, String warning) {

    /** What the printed count says when the code collapsed. */
    public static final String COLLAPSED = "no dimension carries the data: the penalty is too strong";

    /** With the default thresholds of {@link LatentAnalysis.Options#defaults}. */
    public static IntrinsicDimension of(LatentAnalysis analysis, Convergence.Verdict convergence) {
        return of(analysis, LatentAnalysis.DEFAULT_EXPLAINED_THRESHOLD, LatentAnalysis.DEFAULT_RELATIVE_STD,
                convergence);
    }

    /**
     * @param explainedThreshold the threshold the analysis counted with
     * @param relativeStd        the share of the largest std of the second count
     * @param convergence        what the training's convergence rule found, or null when it had none
     */
    public static IntrinsicDimension of(LatentAnalysis analysis, double explainedThreshold, double relativeStd,
                                        Convergence.Verdict convergence) {
        double[] sorted = analysis.sortedStds();
        int[] order = analysis.order();
        int d = sorted.length;
        boolean collapsed = analysis.collapsed();
        int k = collapsed ? 0 : analysis.intrinsicDimension();
        String rule = "explained reconstruction >= " + percent(explainedThreshold);
        String stdRule = "std above " + percent(relativeStd) + " of the largest";
        double ratio = Double.NaN;
        String gap;
        if (collapsed || k == 0) {
            gap = "none: no dimension is kept";
        } else if (k >= d) {
            gap = "none: no dimension was dropped";
        } else {
            ratio = sorted[k] == 0 ? Double.POSITIVE_INFINITY : sorted[k - 1] / sorted[k];
            gap = sorted[k] == 0 ? "std z" + order[k] + ", the first dropped, is 0 (pruned or constant)"
                    : "std z" + order[k - 1] + " / std z" + order[k] + ": the last kept over the first dropped";
        }
        // a run that stopped on the rule converged; one that only measured did if the rule ever found it so
        boolean converged = convergence != null && (convergence.options().stop() ? convergence.converged()
                : convergence.convergedAt() >= 0);
        String verdict = convergence == null ? "not measured: the training had no convergence rule"
                : verdict(convergence);
        String warning = null;
        if (collapsed) {
            warning = String.format(Locale.ROOT, "the codes improve the reconstruction by %s of the data's variance"
                    + " (below %s), so every dimension's explained reconstruction is a ratio of noise; lower the"
                    + " penalty's lambda", smallPercent(analysis.spanShare()), percent(LatentAnalysis.COLLAPSED_SHARE));
        } else if (!converged) {
            warning = unsettled(convergence, k);
        }
        return new IntrinsicDimension(k, d, collapsed, rule, analysis.aboveRelativeStd(), stdRule, ratio, gap,
                converged, verdict, warning);
    }

    private static String verdict(Convergence.Verdict v) {
        Convergence.Options o = v.options();
        String tolerance = "tolerance " + percent(o.tol()) + " over windows of " + o.effectiveWindow() + " epochs";
        if (!v.measured()) {
            return "not measured: the run took " + v.epochs() + " epochs, fewer than the two windows of "
                    + o.effectiveWindow() + " epochs the rule compares";
        }
        String evidence = v.evidence("stds") + "; " + tolerance;
        if (o.stop()) {
            return v.converged() ? "converged at epoch " + v.convergedAt() + " (" + evidence + ")"
                    : "not converged after " + v.epochs() + " epochs (" + evidence + ")";
        }
        if (v.convergedAt() < 0) {
            return "not converged after " + v.epochs() + " epochs (" + evidence + ")";
        }
        return "converged by epoch " + v.convergedAt() + " by the rule (" + tolerance + "); the run trained every"
                + " epoch, to " + v.epochs() + ", and at its end " + v.evidence("stds");
    }

    /**
     * Why an unconverged run's count may not be final, with the evidence: the smallest kept std
     * shrinking, or else the loss still moving.
     */
    private static String unsettled(Convergence.Verdict v, int k) {
        if (v == null || !v.measured()) {
            return "the dimension count may still fall: the run was too short to tell whether it had settled";
        }
        double[] now = v.spectrum();
        double[] before = v.spectrumBefore();
        int window = v.options().effectiveWindow();
        if (k < 1 || now.length < k || before.length < k) {
            return String.format(Locale.ROOT, "the result may still change: the loss changed %s between the last two"
                    + " windows of %d epochs", percentOf(v.lossChange()), window);
        }
        double a = before[k - 1];
        double b = now[k - 1];
        double change = a > 0 ? (b - a) / a : 0;
        String std = String.format(Locale.ROOT, "the smallest kept std (%s largest of %d) went from %s to %s (%s)",
                ordinal(k), now.length, shortNumber(a), shortNumber(b), signedPercent(change));
        if (change < -v.options().tol()) {
            return "the dimension count may still fall: " + std + " between the last two windows of " + window
                    + " epochs";
        }
        return String.format(Locale.ROOT, "the result may still change: the loss changed %s between the last two"
                + " windows of %d epochs, and %s", percentOf(v.lossChange()), window, std);
    }

    /** The lines a command prints. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(collapsed ? "intrinsic dimension: none of " + latent + " latent dimensions: " + COLLAPSED
                : "intrinsic dimension: " + count + " of " + latent + " latent dimensions (rule: " + rule + ")");
        out.add("second count: " + stdCount + " (rule: " + stdRule + ")");
        out.add("gap ratio: " + (Double.isNaN(gapRatio) ? gap : Double.isInfinite(gapRatio) ? "infinite: " + gap
                : number(gapRatio) + " (" + gap + ")"));
        out.add("convergence: " + convergence);
        if (warning != null) {
            out.add("warning: " + warning);
        }
        return out;
    }

    /** The fields of {@code summary.json}; numbers that are not finite are null. */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("intrinsic_dimension", count);
        m.put("intrinsic_dimension_rule", rule);
        m.put("collapsed", collapsed);
        m.put("std_count", stdCount);
        m.put("std_count_rule", stdRule);
        m.put("gap_ratio", Double.isFinite(gapRatio) ? gapRatio : null);
        m.put("gap", Double.isInfinite(gapRatio) ? "infinite: " + gap : gap);
        m.put("converged", converged);
        m.put("convergence", convergence);
        m.put("warning", warning);
        return m;
    }

    /** {@code 1%}, {@code 0.5%}: a share as a short percentage. */
    public static String percent(double share) {
        return new BigDecimal(share * 100).round(new MathContext(3)).stripTrailingZeros().toPlainString() + "%";
    }

    private static String percentOf(double share) {
        return Convergence.Verdict.percent(share);
    }

    /** A share that may be tiny or negative, with its exponent: {@code -1.4e-05%}, {@code 0.31%}. */
    private static String smallPercent(double share) {
        double p = 100 * share;
        return p != 0 && Math.abs(p) < 1e-3 ? String.format(Locale.ROOT, "%.1e%%", p) : percentOf(share);
    }

    private static String signedPercent(double share) {
        return (share > 0 ? "+" : "") + percentOf(share);
    }

    /** Four significant digits without trailing zeros: {@code 1.2}, {@code 0.003417}, {@code 1.235e-07}. */
    static String shortNumber(double v) {
        if (!Double.isFinite(v) || v == 0) {
            return Double.toString(v).replace(".0", "");
        }
        double a = Math.abs(v);
        if (a < 1e-4 || a >= 1e7) {
            return String.format(Locale.ROOT, "%.4g", v);
        }
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static String number(double v) {
        return Double.isInfinite(v) ? "infinite" : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String ordinal(int n) {
        int mod100 = n % 100;
        String suffix = mod100 >= 11 && mod100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
