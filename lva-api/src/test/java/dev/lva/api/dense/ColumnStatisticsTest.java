package dev.lva.api.dense;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import dev.lva.api.Regularizer;
import dev.lva.api.check.GradientCheck;
import dev.lva.api.check.GradientChecker;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Column statistics and their derivatives, through penalties written as a plugin author would. */
class ColumnStatisticsTest {
    private final GradientChecker checker = GradientChecker.defaults();

    /** The least-volume penalty exp(mean_j log(s_j + eta)) on lva-api's dense package only. */
    static final class Volume extends DensePenalty {
        private final double eta;
        private final ColumnStatistics stats = new ColumnStatistics();
        private double[] dStd = new double[0];

        Volume(double lambda, double eta) {
            super("dense-volume", lambda);
            this.eta = eta;
        }

        @Override
        public int minRows() {
            return 2;
        }

        @Override
        public double valueAndGradient(DenseMatrix z, DenseMatrix gradient, double scale) {
            stats.compute(z, name());
            double[] s = stats.std();
            int d = s.length;
            double logSum = 0;
            for (double sj : s) {
                logSum += Math.log(sj + eta);
            }
            double volume = Math.exp(logSum / d);
            if (gradient != null) {
                if (dStd.length != d) {
                    dStd = new double[d];
                }
                for (int j = 0; j < d; j++) {
                    dStd[j] = volume / d / (s[j] + eta);
                }
                stats.addStdGradient(z, dStd, gradient, scale);
            }
            return volume;
        }
    }

    /** sum_j mean_j^2 / 2: exercises the mean's derivative. */
    static final class HalfSquaredMeans extends DensePenalty {
        private final ColumnStatistics stats = new ColumnStatistics();

        HalfSquaredMeans() {
            super("half-squared-means", 1);
        }

        @Override
        public double valueAndGradient(DenseMatrix z, DenseMatrix gradient, double scale) {
            stats.compute(z, name());
            double[] m = stats.mean();
            double v = 0;
            for (double mj : m) {
                v += mj * mj / 2;
            }
            if (gradient != null) {
                stats.addMeanGradient(z, m, gradient, scale);
            }
            return v;
        }
    }

    @Test
    void meansAndStdsMatchHandComputedOnes() {
        ColumnStatistics stats = new ColumnStatistics();
        // columns [1, 2, 3] (mean 2, std 1) and [0, 0, 3] (mean 1, std sqrt(3))
        stats.compute(DenseMatrix.of(Nd4j.createFromArray(new double[][] {{1, 0}, {2, 0}, {3, 3}})), "test");
        assertArrayEquals(new double[] {2, 1}, stats.mean(), 1e-15);
        assertArrayEquals(new double[] {1, Math.sqrt(3)}, stats.std(), 1e-15);
        double eta = 0.01;
        assertEquals(Math.sqrt((1 + eta) * (Math.sqrt(3) + eta)),
                new Volume(1, eta).value(Nd4j.createFromArray(new double[][] {{1, 0}, {2, 0}, {3, 3}})), 1e-14);
    }

    @Test
    void derivativesPassTheGradientCheck() {
        for (Regularizer r : new Regularizer[] {new Volume(1, 0.01), new Volume(0.5, 0.5), new HalfSquaredMeans()}) {
            GradientCheck check = checker.checkRegularizer(r, checker.random(9, 4));
            assertTrue(check.passed(), check::toString);
        }
    }

    @Test
    void aConstantColumnGetsZeroGradientAndFloat32Works() {
        INDArray z = Nd4j.createFromArray(new float[][] {{1, 5}, {2, 5}, {4, 5}});
        INDArray g = Nd4j.zeros(DataType.FLOAT, 3, 2);
        double v = new Volume(1, 0.01).valueAndGradient(z, g, 1);
        assertTrue(Double.isFinite(v));
        assertEquals(0.0, g.getColumn(1).amaxNumber().doubleValue());
        assertTrue(g.getColumn(0).amaxNumber().doubleValue() > 0);
    }

    @Test
    void aStridedCodeIsReadThroughACopyButAStridedGradientIsRefused() {
        INDArray z = checker.random(4, 6);
        INDArray transposed = z.transpose();
        double expected = new Volume(1, 0.01).value(transposed.dup('c'));
        assertEquals(expected, new Volume(1, 0.01).value(transposed), 1e-15);
        assertEquals("dense-volume: the gradient buffer must be a contiguous row-major float32 or float64 matrix (it is "
                        + "written in place), got DOUBLE of shape [6, 4] with strides [1, 6]",
                assertThrows(LvaException.class, () -> new Volume(1, 0.01).valueAndGradient(transposed.dup('c'),
                        Nd4j.zeros(DataType.DOUBLE, 4, 6).transpose(), 1)).getMessage());
    }

    @Test
    void misuseIsAClearError() {
        assertEquals("dense-volume needs at least 2 rows for a standard deviation, got 1",
                assertThrows(LvaException.class, () -> new Volume(1, 0.01).value(Nd4j.ones(DataType.DOUBLE, 1, 3)))
                        .getMessage());
        assertEquals("dense-volume: gradient is 2 x 2, the input 3 x 2",
                assertThrows(LvaException.class, () -> new Volume(1, 0.01).valueAndGradient(
                        Nd4j.ones(DataType.DOUBLE, 3, 2), Nd4j.ones(DataType.DOUBLE, 2, 2), 1)).getMessage());
        ColumnStatistics stats = new ColumnStatistics();
        DenseMatrix z = DenseMatrix.of(Nd4j.ones(DataType.DOUBLE, 3, 2));
        stats.compute(z, "test");
        assertEquals("ColumnStatistics: dStd has 3 entries for 2 columns (statistics computed for 2); call compute(z) first",
                assertThrows(LvaException.class, () -> stats.addStdGradient(z, new double[3], z, 1)).getMessage());
    }
}
