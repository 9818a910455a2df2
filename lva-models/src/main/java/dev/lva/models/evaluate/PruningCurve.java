package dev.lva.models.evaluate;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The pruning curve: the reconstruction MSE when only the top k latent dimensions are kept and every
 * other one is set to its mean, for k = 0..D, with the dimensions ranked by std ({@link #byStd}) and
 * by explained reconstruction ({@link #byExplained}). Entry D is the model's own MSE; entry 0 the MSE
 * of decoding every row from the mean code. Where the two rankings agree the curves are the same:
 * the LV paper's evidence that ordering by std is ordering by importance.
 *
 * @param byStd          entry k: the MSE keeping the k largest-std dimensions
 * @param stdOrder       latent indices, largest std first
 * @param byExplained    entry k: the MSE keeping the k dimensions of largest explained reconstruction
 * @param explainedOrder latent indices, largest explained reconstruction first
 * @param rows           the rows the MSEs were measured on
 */
public record PruningCurve(double[] byStd, int[] stdOrder, double[] byExplained, int[] explainedOrder, int rows) {

    /** Measures both curves on the rows of {@code rec}: at most 2(D + 1) decodes of them, D + 1 when the orders agree. */
    static PruningCurve of(Reconstructions rec, double[] means, int[] stdOrder, double[] explained) {
        int[] explainedOrder = IntStream.range(0, explained.length).boxed()
                .sorted(Comparator.comparingDouble((Integer j) -> -explained[j]).thenComparingInt(j -> j))
                .mapToInt(Integer::intValue).toArray();
        double[] byStd = curve(rec, means, stdOrder, null, null);
        return new PruningCurve(byStd, stdOrder.clone(), curve(rec, means, explainedOrder, stdOrder, byStd),
                explainedOrder, rec.rows());
    }

    /**
     * Entry k: the MSE keeping the first k dimensions of {@code order}. Where those are the same set as
     * the first k of {@code shared}'s order (always for k = 0 and D, for every k when the two orders
     * agree, as they do when std orders importance), {@code shared}'s entry is taken, not decoded again.
     */
    private static double[] curve(Reconstructions rec, double[] means, int[] order, int[] sharedOrder,
                                  double[] shared) {
        int d = order.length;
        double[] mse = new double[d + 1];
        boolean[] kept = new boolean[d];
        boolean[] keptShared = new boolean[d];
        int differ = 0;   // dimensions kept in one of the two prefixes but not the other
        for (int k = 0; k <= d; k++) {
            if (k > 0 && shared != null) {
                int a = order[k - 1];
                kept[a] = true;
                differ += keptShared[a] ? -1 : 1;
                int b = sharedOrder[k - 1];
                keptShared[b] = true;
                differ += kept[b] ? -1 : 1;
            }
            if (shared != null && differ == 0) {
                mse[k] = shared[k];
                continue;
            }
            boolean[] replaced = new boolean[d];
            for (int r = k; r < d; r++) {
                replaced[order[r]] = true;
            }
            mse[k] = rec.mseReplacing(replaced, means);
        }
        return mse;
    }

    /** The MSE with every dimension kept (entry D of either curve). */
    public double full() {
        return byStd[byStd.length - 1];
    }

    @Override
    public String toString() {
        return "PruningCurve[byStd=" + Arrays.toString(byStd) + ", byExplained=" + Arrays.toString(byExplained)
                + ", rows=" + rows + "]";
    }
}
