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
 * <p>When the data has no variance, or the code collapsed, there is no count: neither rule is stated
 * with a number (the lines say none and why, {@code summary.json} has null), since the explained
 * reconstructions and the stds are then noise ({@link #counted}).
 *
 * @param count        the intrinsic dimension; 0 when nothing is counted
 * @param latent       the latent dimensions the model has
 * @param collapsed    no dimension carries the data ({@link LatentAnalysis#collapsed})
 * @param rule         the rule of {@code count}, e.g. {@code explained reconstruction >= 1%}
 * @param stdCount     the second count; 0 when nothing is counted
 * @param stdRule      its rule, e.g. {@code std above 1% of the largest}
 * @param gapRatio     the last kept std over the first dropped one; NaN when there is no such pair,
 *                     infinite when the first dropped std is 0
 * @param gap          what the gap divides, or why there is none
 * @param converged    whether training had converged by its end (false when not measured)
 * @param convergence  the convergence verdict with its evidence, or {@code not measured} and why
 * @param warning      what the reader should beware of (a count that may still fall, a collapsed
 *                     code), or null
 * @param noVariance   the data has no variance ({@link LatentAnalysis#noVariance}): nothing to count
 * @param sample       {@code computed on 88 of 60,000 rows} when the explained reconstruction was
 *                     measured on a sample of the rows, or null when on every row
 */
public record IntrinsicDimension(int count, int latent, boolean collapsed, String rule, int stdCount, String stdRule,
                                 double gapRatio, String gap, boolean converged, String convergence, String warning,
                                 boolean noVariance, String sample) {

    /** What the printed count says when the code collapsed. */
    /** The convergence of a run trained without a rule: nothing is known of how settled it was. */
    private static final String NO_RULE = "not measured: the training had no convergence rule";
    public static final String COLLAPSED = "no dimension carries the data: the penalty is too strong";
    /** {@link #COLLAPSED} of a run that had not converged: two epochs of an image model look the same. */
    public static final String COLLAPSED_UNSETTLED = COLLAPSED + ", or the run too short (it had not converged)";
    /** What the printed count says when the data has no variance. */
    public static final String NO_VARIANCE = "the data has no variance: no dimension to count";

    /** A verdict of data that varies, measured on every row (as {@code summary.json} held before these were added). */
    public IntrinsicDimension(int count, int latent, boolean collapsed, String rule, int stdCount, String stdRule,
                              double gapRatio, String gap, boolean converged, String convergence, String warning) {
        this(count, latent, collapsed, rule, stdCount, stdRule, gapRatio, gap, converged, convergence, warning, false,
                null);
    }

    /** Whether the counts stand: the data varies and the code did not collapse. */
    public boolean counted() {
        return !collapsed && !noVariance;
    }

    /** Why there is no count ({@link #NO_VARIANCE} or {@link #COLLAPSED}), or null when there is one. */
    public String noCount() {
        if (noVariance) {
            return NO_VARIANCE;
        }
        return !collapsed ? null : unsettled() ? COLLAPSED_UNSETTLED : COLLAPSED;
    }

    /** Whether the run had a convergence rule and had not converged (or was too short for it to judge). */
    private boolean unsettled() {
        return !converged && convergence != null && !convergence.equals(NO_RULE);
    }

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
        boolean noVariance = analysis.noVariance();
        boolean nothing = collapsed || noVariance;
        int k = nothing ? 0 : analysis.intrinsicDimension();
        String rule = "explained reconstruction >= " + percent(explainedThreshold);
        String stdRule = "std above " + percent(relativeStd) + " of the largest";
        double ratio = Double.NaN;
        String gap;
        if (nothing || k == 0) {
            gap = "none: no dimension is kept";
        } else if (k >= d) {
            gap = "none: no dimension was dropped";
        } else if (!largestKept(analysis, explainedThreshold, k)) {
            // the rule keeps by explained reconstruction, not by std: a gap between ranks would compare a
            // kept std with a kept one, or a dropped with a dropped
            gap = "none: the kept dimensions are not the " + k + " largest stds (" + crossing(analysis,
                    explainedThreshold) + ")";
        } else {
            ratio = sorted[k] == 0 ? Double.POSITIVE_INFINITY : sorted[k - 1] / sorted[k];
            gap = sorted[k] == 0 ? "std z" + order[k] + ", the first dropped, is 0 (pruned or constant)"
                    : "std z" + order[k - 1] + " / std z" + order[k] + ": the last kept over the first dropped";
        }
        // a run that stopped on the rule converged; one that only measured did if the rule ever found it so
        boolean converged = convergence != null && (convergence.options().stop() ? convergence.converged()
                : convergence.convergedAt() >= 0);
        String verdict = convergence == null ? NO_RULE
                : verdict(convergence);
        String warning = null;
        if (noVariance) {
            warning = "every column of the data is constant, so no dimension can explain any of it and the latent"
                    + " stds are rounding noise; check the data's columns";
        } else if (collapsed) {
            warning = String.format(Locale.ROOT, "the codes improve the reconstruction by %s of the data's variance"
                    + " (below %s), so every dimension's explained reconstruction is a ratio of noise; %s",
                    smallPercent(analysis.spanShare()), percent(LatentAnalysis.COLLAPSED_SHARE), converged
                            || convergence == null ? "lower the penalty's lambda"
                            : "lower the penalty's lambda, or train longer (the run had not converged)");
        } else if (!converged) {
            warning = unsettled(convergence, k);
        }
        String sample = analysis.sampled() ? String.format(Locale.ROOT, "computed on %,d of %,d rows",
                analysis.explainedRows(), analysis.rows()) : null;
        return new IntrinsicDimension(k, d, collapsed, rule, nothing ? 0 : analysis.aboveRelativeStd(), stdRule, ratio,
                gap, converged, verdict, warning, noVariance, sample);
    }

    /** Whether the dimensions the rule keeps are the {@code k} largest stds. */
    private static boolean largestKept(LatentAnalysis a, double threshold, int k) {
        int[] order = a.order();
        for (int r = 0; r < k; r++) {
            if (!(a.explained()[order[r]] >= threshold)) {
                return false;
            }
        }
        return true;
    }

    /** {@code z29, kept, has std 0.95; z31, dropped, 2.49}: the smallest kept std against the largest dropped one. */
    private static String crossing(LatentAnalysis a, double threshold) {
        int[] order = a.order();
        int lastKept = -1;
        int firstDropped = -1;
        for (int j : order) {
            if (a.explained()[j] >= threshold) {
                lastKept = j;
            } else if (firstDropped < 0) {
                firstDropped = j;
            }
        }
        return "z" + lastKept + ", kept, has std " + shortNumber(a.stds()[lastKept]) + "; z" + firstDropped
                + ", dropped, " + shortNumber(a.stds()[firstDropped]);
    }

    private static String verdict(Convergence.Verdict v) {
        Convergence.Options o = v.options();
        // the rule measures whole blocks of a tenth of the window: a window of 15 is measured as 8 blocks of 2
        String tolerance = "tolerance " + percent(o.tol()) + " over windows of " + o.effectiveWindow() + " epochs"
                + (o.effectiveWindow() == o.window() ? "" : " (" + o.window() + " asked, rounded up to whole blocks of "
                + o.blockEpochs() + " epochs)");
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
        out.add(!counted() ? "intrinsic dimension: none of " + latent + " latent dimensions: " + noCount()
                : "intrinsic dimension: " + count + " of " + latent + " latent dimensions (rule: " + rule
                + (sample == null ? "" : "; " + sample) + ")");
        out.add(counted() ? "second count: " + stdCount + " (rule: " + stdRule + ")"
                : "second count: none (" + (noVariance ? "the data has no variance" : "no dimension carries the data")
                + ")");
        out.add("gap ratio: " + (Double.isNaN(gapRatio) ? gap : Double.isInfinite(gapRatio) ? "infinite: " + gap
                : number(gapRatio) + " (" + gap + ")"));
        out.add("convergence: " + convergence);
        if (warning != null) {
            out.add("warning: " + warning);
        }
        return out;
    }

    /** The fields of {@code summary.json}; numbers that are not finite are null, and so are the counts when nothing is counted. */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("intrinsic_dimension", counted() ? count : null);
        m.put("intrinsic_dimension_rule", rule);
        m.put("intrinsic_dimension_sample", sample);
        m.put("collapsed", collapsed);
        m.put("no_variance", noVariance);
        m.put("std_count", counted() ? stdCount : null);
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
