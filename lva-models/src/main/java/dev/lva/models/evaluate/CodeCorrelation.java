package dev.lva.models.evaluate;

import dev.lva.models.LatentAnalysis;

/**
 * How decorrelated a code is: the mean absolute off-diagonal Pearson correlation between the kept
 * latent dimensions (0 for a code as decorrelated as PCA's, 1 for copies of one coordinate).
 */
public final class CodeCorrelation {
    private CodeCorrelation() {
    }

    /**
     * The mean of {@code |corr(z_a, z_b)|} over ordered pairs {@code a != b} of {@code kept}, from the
     * analysis's covariance; NaN when fewer than two kept dimensions vary (nothing to correlate).
     */
    public static double meanAbsolute(LatentAnalysis analysis, int[] kept) {
        int[] order = analysis.order();
        int[] position = new int[order.length];
        for (int r = 0; r < order.length; r++) {
            position[order[r]] = r;
        }
        double[][] cov = analysis.covariance();
        double sum = 0;
        int pairs = 0;
        for (int a : kept) {
            for (int b : kept) {
                if (a == b) {
                    continue;
                }
                double va = cov[position[a]][position[a]];
                double vb = cov[position[b]][position[b]];
                if (va > 0 && vb > 0) {
                    sum += Math.abs(cov[position[a]][position[b]] / Math.sqrt(va * vb));
                    pairs++;
                }
            }
        }
        return pairs == 0 ? Double.NaN : sum / pairs;
    }

    /**
     * The dimensions the intrinsic dimension counts: explained reconstruction at least
     * {@code threshold}, in latent order; none when the analysis has no count (collapsed code, or
     * data without variance).
     */
    public static int[] kept(LatentAnalysis analysis, double threshold) {
        if (!analysis.counted()) {
            return new int[0];
        }
        double[] e = analysis.explained();
        return java.util.stream.IntStream.range(0, e.length).filter(j -> e[j] >= threshold).toArray();
    }
}
