package dev.lva.core.pca;

import dev.lva.api.LvaException;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * PCA's reconstruction error for every number of components at once, from the eigenvalues of the
 * data's covariance: keeping the top k components of centred data leaves a mean squared error per
 * entry of {@code sum_{i >= k} lambda_i / d} (covariance with the N estimate), which is what
 * projecting onto k components and back gives, without doing it d times. The covariance is
 * accumulated a block of rows at a time in float64, so memory holds one block and a d x d matrix,
 * not a float64 copy of the data (60,000 images of 32 x 32 would be 490 MB; the covariance is 8 MB).
 *
 * @param eigenvalues the covariance's eigenvalues, largest first, clipped at 0 (rounding)
 * @param rows        the rows it was measured on
 */
public record PcaSpectrum(double[] eigenvalues, long rows) {
    private static final int BLOCK_ROWS = 2048;

    /** The spectrum of the rows of {@code x} (N x d, any float type). */
    public static PcaSpectrum of(INDArray x) {
        if (x.rank() != 2 || x.rows() < 2) {
            throw new LvaException("a PCA spectrum needs a matrix of at least 2 rows, got shape "
                    + Arrays.toString(x.shape()));
        }
        long n = x.rows();
        int d = (int) x.columns();
        INDArray sum = Nd4j.zeros(DataType.DOUBLE, 1, d);
        INDArray gram = Nd4j.zeros(DataType.DOUBLE, d, d);
        for (long from = 0; from < n; from += BLOCK_ROWS) {
            long to = Math.min(n, from + BLOCK_ROWS);
            INDArray view = x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            // a float64 copy of the block, released at once: ND4J frees off-heap buffers only when the
            // garbage collector finds their arrays, and a small heap rarely runs it, so 30 blocks of
            // 60,000 images would otherwise all stay resident (+1 GB measured)
            try (INDArray block = view.dataType() == DataType.DOUBLE ? view.dup('c') : view.castTo(DataType.DOUBLE);
                 INDArray column = block.sum(true, 0)) {
                sum.addi(column);
                Nd4j.gemm(block, block, gram, true, false, 1.0, 1.0);   // gram += block^T block, in place
            }
        }
        INDArray mean = sum.divi(n);
        INDArray cov = gram.divi(n).subi(mean.transpose().mmul(mean));
        // symmetric by construction up to rounding; LAPACK's syev reads one triangle
        INDArray values = Eigen.symmetricGeneralizedEigenvalues(cov, false);
        double[] ev = values.toDoubleVector();
        Arrays.sort(ev);
        double[] desc = new double[d];
        for (int i = 0; i < d; i++) {
            desc[i] = Math.max(0, ev[d - 1 - i]);
        }
        return new PcaSpectrum(desc, n);
    }

    /** Mean squared error per entry with the top {@code k} components kept (k = 0: the variance per entry). */
    public double mse(int k) {
        if (k < 0 || k > eigenvalues.length) {
            throw new LvaException("components must be 0.." + eigenvalues.length + ", got " + k);
        }
        double s = 0;
        for (int i = eigenvalues.length - 1; i >= k; i--) {
            s += eigenvalues[i];
        }
        return s / eigenvalues.length;
    }

    /** The fewest components whose error is at most {@code target}. */
    public int componentsFor(double target) {
        for (int k = 0; k <= eigenvalues.length; k++) {
            if (mse(k) <= target) {
                return k;
            }
        }
        return eigenvalues.length;
    }
}
