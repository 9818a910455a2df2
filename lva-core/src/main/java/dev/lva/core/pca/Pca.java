package dev.lva.core.pca;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import dev.lva.api.LvaException;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Principal component analysis through an exact SVD (LAPACK {@code gesvd} in float64) of the
 * centred data, as scikit-learn's {@code PCA}: components are the right singular vectors, signs
 * fixed so that the largest entry of each left singular vector is positive ({@code svd_flip});
 * explained variance is {@code s^2 / (n - 1)}.
 */
public final class Pca {
    private final INDArray mean;
    private final INDArray components;
    private final INDArray singularValues;
    private final int samples;
    private final double totalVariance;

    private Pca(INDArray mean, INDArray components, INDArray singularValues, int samples, double totalVariance) {
        this.mean = mean;
        this.components = components;
        this.singularValues = singularValues;
        this.samples = samples;
        this.totalVariance = totalVariance;
    }

    /**
     * A fit from its parts, as {@link #mean()}, {@link #componentMatrix()}, {@link #singularValues()},
     * {@link #samples()} and {@link #totalVariance()} gave them (a saved model read back).
     */
    public static Pca of(INDArray mean, INDArray components, INDArray singularValues, int samples,
                         double totalVariance) {
        long d = components.columns();
        if (samples < 2) {
            throw new LvaException("a PCA fit comes from at least 2 rows, got " + samples);
        }
        return new Pca(mean.castTo(DataType.DOUBLE).reshape(1, d).dup(), components.castTo(DataType.DOUBLE).dup('c'),
                singularValues.castTo(DataType.DOUBLE).reshape(singularValues.length()).dup(), samples, totalVariance);
    }

    /** Rows the fit saw. */
    public int samples() {
        return samples;
    }

    /** Total variance of the data the fit saw (the denominator of the explained-variance ratio). */
    public double totalVariance() {
        return totalVariance;
    }

    /** Fits on {@code x} (rows are samples) keeping {@code k} components; 0 keeps min(n, d). */
    public static Pca fit(INDArray x, int k) {
        if (x.rank() != 2) {
            throw new LvaException("PCA needs a matrix, got shape " + Arrays.toString(x.shape()));
        }
        int n = (int) x.rows();
        int d = (int) x.columns();
        if (n < 2) {
            throw new LvaException("PCA needs at least 2 rows, got " + n);
        }
        int max = Math.min(n, d);
        if (k < 0 || k > max) {
            throw new LvaException("PCA of " + n + " x " + d + " data keeps 1 to " + max + " components, asked for " + k);
        }
        int keep = k == 0 ? max : k;
        INDArray xd = x.castTo(DataType.DOUBLE);
        INDArray mean = xd.mean(0).reshape(1, d);
        INDArray centred = xd.subRowVector(mean).dup('f');
        double total = centred.mul(centred).sumNumber().doubleValue() / (n - 1);
        INDArray s = Nd4j.create(DataType.DOUBLE, max);
        INDArray vt = Nd4j.create(DataType.DOUBLE, new long[] {d, d}, 'f');
        // no U: n x n would not fit for large n, and X v_c = s_c u_c gives what svd_flip needs of it
        Nd4j.getBlasWrapper().lapack().gesvd(centred.dup('f'), s, null, vt);
        INDArray comps = vt.get(interval(0, keep), all()).dup('c');
        INDArray scores = centred.mmul(comps.transpose());
        for (int c = 0; c < keep; c++) {
            // svd_flip: the largest-magnitude entry of each left singular vector becomes positive
            INDArray col = scores.getColumn(c);
            int arg = Nd4j.argMax(Transforms.abs(col, true), 0).getInt(0);
            if (col.getDouble(arg) < 0) {
                comps.getRow(c).muli(-1);
            }
        }
        return new Pca(mean, comps, s.get(interval(0, keep)).dup(), n, total);
    }

    /** The first {@code k} components of this fit. */
    public Pca truncate(int k) {
        if (k < 1 || k > components()) {
            throw new LvaException("can truncate to 1.." + components() + " components, asked for " + k);
        }
        return new Pca(mean, components.get(interval(0, k), all()).dup(), singularValues.get(interval(0, k)).dup(),
                samples, totalVariance);
    }

    public int components() {
        return (int) components.rows();
    }

    /** Principal axes as rows (k x d). */
    public INDArray componentMatrix() {
        return components.dup();
    }

    public INDArray mean() {
        return mean.dup();
    }

    public INDArray singularValues() {
        return singularValues.dup();
    }

    /** Variance along each kept component, {@code s^2 / (n - 1)}. */
    public INDArray explainedVariance() {
        return singularValues.mul(singularValues).divi(samples - 1);
    }

    /** Share of the total variance along each kept component. */
    public INDArray explainedVarianceRatio() {
        return explainedVariance().divi(totalVariance);
    }

    /** Coordinates of {@code x} along the components (n x k), in x's data type. */
    public INDArray transform(INDArray x) {
        requireWidth(x, mean.columns(), "transform");
        INDArray xd = x.castTo(DataType.DOUBLE).subRowVector(mean);
        return xd.mmul(components.transpose()).castTo(x.dataType());
    }

    /** Points in data space from component coordinates (n x k), in z's data type. */
    public INDArray inverseTransform(INDArray z) {
        requireWidth(z, components.rows(), "inverseTransform");
        return z.castTo(DataType.DOUBLE).mmul(components).addiRowVector(mean).castTo(z.dataType());
    }

    private static void requireWidth(INDArray a, long width, String what) {
        if (a.rank() != 2 || a.columns() != width) {
            throw new LvaException("PCA." + what + " expects " + width + " columns, got shape "
                    + Arrays.toString(a.shape()));
        }
    }
}
