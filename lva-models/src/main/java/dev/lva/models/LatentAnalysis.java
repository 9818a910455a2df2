package dev.lva.models;

import dev.lva.api.LvaException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What an autoencoder's latent space says about the data, as the LV paper reports it: the latent
 * standard deviations sorted descending and the permutation that sorts them, the covariance in that
 * order, and the explained reconstruction of each dimension: replace it by its mean, decode, and
 * measure {@code (loss_pruned - loss_none) / (loss_all - loss_none)}. The cumulative curve replaces
 * the smallest-std dimensions instead, keeping the top k. The intrinsic dimension counts the
 * dimensions whose explained reconstruction reaches a threshold.
 *
 * @param stds          std of each latent dimension over the data (N - 1), in latent order
 * @param order         latent indices sorted by std, largest first
 * @param covariance    latent covariance with rows and columns in {@code order}
 * @param explained     explained reconstruction of each dimension, in latent order
 * @param cumulative    entry k-1: share of the reconstruction kept by the top k dimensions
 * @param lossNone      reconstruction loss with every dimension kept
 * @param lossAll       reconstruction loss with every dimension replaced by its mean
 * @param intrinsicDimension dimensions whose explained reconstruction is at least the threshold
 * @param aboveRelativeStd   dimensions whose std exceeds the relative threshold times the largest
 */
public record LatentAnalysis(double[] stds, int[] order, double[][] covariance, double[] explained,
                             double[] cumulative, double lossNone, double lossAll, int intrinsicDimension,
                             int aboveRelativeStd) {

    public static final double DEFAULT_EXPLAINED_THRESHOLD = 0.01;
    public static final double DEFAULT_RELATIVE_STD = 0.01;

    /** With the default thresholds (1% explained reconstruction, std above 1% of the largest). */
    public static LatentAnalysis of(AutoEncoder model, INDArray x) {
        return of(model, x, DEFAULT_EXPLAINED_THRESHOLD, DEFAULT_RELATIVE_STD);
    }

    public static LatentAnalysis of(AutoEncoder model, INDArray x, double explainedThreshold, double relativeStd) {
        if (x.rows() < 2) {
            throw new LvaException("latent analysis needs at least 2 rows, got " + x.rows());
        }
        boolean wasTraining = model.isTraining();
        model.setTraining(false);
        try {
            INDArray data = x.castTo(model.dataType());
            INDArray z = model.encode(data).castTo(DataType.DOUBLE);
            int d = (int) z.columns();
            double[] stds = z.std(0).toDoubleVector();
            double[] means = z.mean(0).toDoubleVector();
            int[] order = IntStream.range(0, d).boxed()
                    .sorted(Comparator.comparingDouble((Integer j) -> -stds[j]).thenComparingInt(j -> j))
                    .mapToInt(Integer::intValue).toArray();
            INDArray centred = z.subRowVector(z.mean(0).reshape(1, d));
            INDArray cov = centred.transpose().mmul(centred).divi(z.rows() - 1);
            double[][] ordered = new double[d][d];
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    ordered[a][b] = cov.getDouble(order[a], order[b]);
                }
            }
            double lossNone = loss(model, data, z, means, new boolean[d]);
            boolean[] all = new boolean[d];
            Arrays.fill(all, true);
            double lossAll = loss(model, data, z, means, all);
            double span = lossAll - lossNone;
            double[] explained = new double[d];
            for (int j = 0; j < d; j++) {
                boolean[] one = new boolean[d];
                one[j] = true;
                explained[j] = span > 0 ? (loss(model, data, z, means, one) - lossNone) / span : 0;
            }
            double[] cumulative = new double[d];
            for (int k = 1; k <= d; k++) {
                boolean[] rest = new boolean[d];
                for (int r = k; r < d; r++) {
                    rest[order[r]] = true;
                }
                cumulative[k - 1] = span > 0 ? 1 - (loss(model, data, z, means, rest) - lossNone) / span : 1;
            }
            int intrinsic = (int) Arrays.stream(explained).filter(e -> e >= explainedThreshold).count();
            double max = d == 0 ? 0 : stds[order[0]];
            int above = (int) Arrays.stream(stds).filter(s -> s > relativeStd * max).count();
            return new LatentAnalysis(stds, order, ordered, explained, cumulative, lossNone, lossAll, intrinsic, above);
        } finally {
            model.setTraining(wasTraining);
        }
    }

    private static double loss(AutoEncoder model, INDArray x, INDArray z, double[] means, boolean[] replaced) {
        INDArray zz = z.dup();
        for (int j = 0; j < replaced.length; j++) {
            if (replaced[j]) {
                zz.getColumn(j).assign(means[j]);
            }
        }
        INDArray rec = model.decode(zz.castTo(model.dataType()));
        return model.loss().value(rec, x);
    }

    /** The stds in descending order. */
    public double[] sortedStds() {
        return Arrays.stream(order).mapToDouble(j -> stds[j]).toArray();
    }
}
