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

    /** Measures both curves on the rows of {@code rec}: 2(D + 1) decodes of them. */
    static PruningCurve of(Reconstructions rec, double[] means, int[] stdOrder, double[] explained) {
        int[] explainedOrder = IntStream.range(0, explained.length).boxed()
                .sorted(Comparator.comparingDouble((Integer j) -> -explained[j]).thenComparingInt(j -> j))
                .mapToInt(Integer::intValue).toArray();
        return new PruningCurve(curve(rec, means, stdOrder), stdOrder.clone(), curve(rec, means, explainedOrder),
                explainedOrder, rec.rows());
    }

    private static double[] curve(Reconstructions rec, double[] means, int[] order) {
        int d = order.length;
        double[] mse = new double[d + 1];
        for (int k = 0; k <= d; k++) {
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
