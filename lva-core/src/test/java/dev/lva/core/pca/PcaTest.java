package dev.lva.core.pca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import dev.lva.core.tensor.Rng;
import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PcaTest {

    private static INDArray randomData(int n, int d, long seed) {
        Rng rng = new Rng(seed);
        INDArray x = Nd4j.create(DataType.DOUBLE, n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                // columns of different scales so the components are well separated
                x.putScalar(i, j, rng.nextGaussian() * (j + 1) + 0.3 * j);
            }
        }
        return x;
    }

    /** Reference: eigen-decomposition of the sample covariance by Commons Math, independent of LAPACK. */
    private static double[] covarianceEigenvalues(INDArray x) {
        int n = (int) x.rows();
        INDArray c = x.sub(x.mean(0).reshape(1, x.columns()));
        double[][] cov = c.transpose().mmul(c).div(n - 1).toDoubleMatrix();
        RealMatrix m = new Array2DRowRealMatrix(cov);
        double[] ev = new EigenDecomposition(m).getRealEigenvalues();
        Arrays.sort(ev);
        double[] desc = new double[ev.length];
        for (int i = 0; i < ev.length; i++) {
            desc[i] = ev[ev.length - 1 - i];
        }
        return desc;
    }

    @Test
    void explainedVarianceMatchesTheCovarianceSpectrum() {
        INDArray x = randomData(60, 5, 1);
        Pca pca = Pca.fit(x, 0);
        double[] expected = covarianceEigenvalues(x);
        double[] got = pca.explainedVariance().toDoubleVector();
        for (int i = 0; i < 5; i++) {
            assertEquals(expected[i], got[i], 1e-10 * expected[0], "component " + i);
        }
        assertEquals(1.0, pca.explainedVarianceRatio().sumNumber().doubleValue(), 1e-12);
    }

    @Test
    void componentsAreOrthonormalAndReconstructExactlyWhenAllAreKept() {
        INDArray x = randomData(40, 4, 2);
        Pca pca = Pca.fit(x, 0);
        INDArray v = pca.componentMatrix();
        assertTrue(v.mmul(v.transpose()).equalsWithEps(Nd4j.eye(4).castTo(DataType.DOUBLE), 1e-10));
        INDArray back = pca.inverseTransform(pca.transform(x));
        assertTrue(back.equalsWithEps(x, 1e-10));
    }

    @Test
    void truncatedReconstructionErrorIsTheDiscardedVariance() {
        INDArray x = randomData(80, 6, 3);
        Pca full = Pca.fit(x, 0);
        Pca two = full.truncate(2);
        assertEquals(two.explainedVariance().getDouble(1), full.explainedVariance().getDouble(1), 1e-12);
        INDArray back = two.inverseTransform(two.transform(x));
        double sse = back.sub(x).norm2Number().doubleValue();
        double discarded = 0;
        for (int i = 2; i < 6; i++) {
            discarded += full.explainedVariance().getDouble(i);
        }
        // sum of squared residuals = (n - 1) * sum of discarded variances
        assertEquals(discarded * 79, sse * sse, 1e-8 * discarded * 79);
        assertEquals(Pca.fit(x, 2).componentMatrix(), two.componentMatrix(), "fit(k) equals truncate(k)");
    }

    @Test
    void badRequestsAreClear() {
        INDArray x = randomData(5, 3, 4);
        assertEquals("PCA of 5 x 3 data keeps 1 to 3 components, asked for 4",
                assertThrows(LvaException.class, () -> Pca.fit(x, 4)).getMessage());
        assertEquals("PCA needs at least 2 rows, got 1",
                assertThrows(LvaException.class, () -> Pca.fit(x.getRows(0), 1)).getMessage());
        assertEquals("PCA.transform expects 3 columns, got shape [2, 2]",
                assertThrows(LvaException.class, () -> Pca.fit(x, 2).transform(Nd4j.zeros(2, 2))).getMessage());
    }
}
