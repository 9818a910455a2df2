package dev.lva.models.evaluate;

import dev.lva.core.pca.Pca;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The code counted along its principal axes instead of its coordinates: the stds along the
 * eigenvectors of the code's covariance (through {@link Pca}'s SVD of the centred codes), and the
 * explained reconstruction of each axis (the MSE increase when the code's component along that axis
 * alone is set to its mean, {@code z' = z - ((z - m) . p) p}, as a share of the increase when every
 * coordinate is). Counted with the rules of the coordinate counts, so that a penalty that does not
 * care which way the code is rotated (a log-determinant of the covariance, say) is counted fairly:
 * its coordinates may all vary while its axes do not. For a penalty that aligns the code with its
 * coordinates (the volume, l1 of the stds) both counts agree.
 *
 * @param stds           the stds along the principal axes, largest first (N - 1)
 * @param explained      each axis's explained reconstruction, in the order of {@code stds}
 * @param explainedCount axes whose explained reconstruction is at least the threshold; 0 when the
 *                       code has no count
 * @param stdCount       axes whose std exceeds the relative threshold times the largest; 0 when
 *                       the code has no count
 * @param rule           the rules, in words
 */
public record PrincipalCounts(double[] stds, double[] explained, int explainedCount, int stdCount, String rule) {

    /**
     * @param counted whether the coordinate counts stand (the code did not collapse and the data varies)
     */
    static PrincipalCounts of(Reconstructions rec, double explainedThreshold, double relativeStd, boolean counted) {
        INDArray z = rec.codes();
        int d = (int) z.columns();
        Pca pca = Pca.fit(z, 0);
        int k = pca.components();
        double[] variances = pca.explainedVariance().toDoubleVector();
        double[] stds = new double[d];
        for (int c = 0; c < k; c++) {
            stds[c] = Math.sqrt(Math.max(variances[c], 0));
        }
        INDArray mean = pca.mean();
        INDArray axes = pca.componentMatrix();
        double none = rec.mse(z);
        INDArray meanCodes = Nd4j.zeros(DataType.DOUBLE, z.rows(), d).addiRowVector(mean);
        double span = rec.mse(meanCodes) - none;
        double[] explained = new double[d];
        INDArray centred = z.subRowVector(mean);
        for (int c = 0; c < k; c++) {
            INDArray p = axes.getRow(c).reshape(1, d);
            INDArray along = centred.mmul(p.transpose());
            INDArray projected = along.mmul(p);
            INDArray altered = z.sub(projected);
            explained[c] = span > 0 ? (rec.mse(altered) - none) / span : 0;
            // three arrays of the sample's rows per axis: freed now, not left for the collector (64 axes of
            // a 4,096-row sample in float64 would be some 270 MB of garbage)
            Reconstructions.free(along, projected, altered);
        }
        Reconstructions.free(meanCodes, centred);
        int byExplained = 0;
        int byStd = 0;
        if (counted) {
            for (int c = 0; c < d; c++) {
                byExplained += explained[c] >= explainedThreshold ? 1 : 0;
                byStd += stds[c] > relativeStd * stds[0] ? 1 : 0;
            }
        }
        String rule = "along the principal axes of the code's covariance: explained reconstruction >= "
                + dev.lva.models.IntrinsicDimension.percent(explainedThreshold) + "; std above "
                + dev.lva.models.IntrinsicDimension.percent(relativeStd) + " of the largest";
        return new PrincipalCounts(stds, explained, byExplained, byStd, rule);
    }
}
