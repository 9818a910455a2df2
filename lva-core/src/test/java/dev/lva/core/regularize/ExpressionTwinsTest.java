package dev.lva.core.regularize;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.Regularizer;
import dev.lva.api.autodiff.ExpressionRegularizer;
import dev.lva.api.autodiff.Tensor;
import dev.lva.api.check.GradientCheck;
import dev.lva.api.check.GradientChecker;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The built-in penalties written as one-line expressions of lva-api's autodiff, against their
 * hand-written twins: value and gradient agree to 1e-10 (relative) in float64, and the expressions
 * pass the finite-difference gradient check. The covariance log-det volume, which has no built-in,
 * is checked against a hand-written twin here.
 */
class ExpressionTwinsTest {
    private static final double ETA = 0.01;
    private final GradientChecker checker = GradientChecker.defaults();

    static Regularizer volume(double lambda, double eta) {
        return ExpressionRegularizer.of("volume", lambda, 2, z -> z.columnStd().add(eta).log().mean().exp());
    }

    static Regularizer l1Std(double lambda) {
        return ExpressionRegularizer.of("l1-std", lambda, 2, z -> z.columnStd().mean());
    }

    static Regularizer lasso(double lambda) {
        return ExpressionRegularizer.of("lasso", lambda, z -> z.abs().mean());
    }

    static Regularizer studentT(double lambda) {
        return ExpressionRegularizer.of("student-t", lambda, z -> z.square().log1p().mean());
    }

    /** Rotation-invariant volume exp(logdet(cov z + eta^2 I) / (2d)): the geometric mean of the spreads along the principal axes. */
    static Regularizer covarianceVolume(double lambda, double eta) {
        return ExpressionRegularizer.of("cov-volume", lambda, 2,
                z -> z.covariance().add(Tensor.eye(z.cols()).mul(eta * eta)).logdet().div(2 * z.cols()).exp());
    }

    private record Twin(String name, Regularizer expression, Regularizer handWritten) {
    }

    private static List<Twin> twins() {
        return List.of(new Twin("volume", volume(1, ETA), new VolumeRegularizer(1, ETA)),
                new Twin("volume eta 0.5", volume(1, 0.5), new VolumeRegularizer(1, 0.5)),
                new Twin("l1-std", l1Std(1), new L1StdRegularizer(1)),
                new Twin("lasso", lasso(1), new LassoRegularizer(1)),
                new Twin("student-t", studentT(1), new StudentTRegularizer(1)),
                new Twin("cov-volume", covarianceVolume(1, ETA), new CovarianceVolume(ETA)),
                new Twin("cov-volume eta 0.5", covarianceVolume(1, 0.5), new CovarianceVolume(0.5)));
    }

    @Test
    void expressionsAgreeWithTheHandWrittenPenalties() {
        for (int[] shape : new int[][] {{9, 4}, {600, 6}, {100, 3}}) {
            INDArray z = new GradientChecker(1e-6, 1e-5, 1e-8, 4000, shape[0]).random(shape[0], shape[1]);
            assertAll(twins().stream().map(t -> (Executable) () -> {
                String what = t.name() + " on " + shape[0] + " x " + shape[1];
                INDArray ge = Nd4j.zeros(DataType.DOUBLE, shape[0], shape[1]);
                INDArray gh = Nd4j.zeros(DataType.DOUBLE, shape[0], shape[1]);
                double ve = t.expression().valueAndGradient(z, ge, 1);
                double vh = t.handWritten().valueAndGradient(z, gh, 1);
                assertEquals(vh, ve, 1e-10 * Math.abs(vh), what + ": value");
                double scale = gh.amaxNumber().doubleValue();
                assertTrue(scale > 0, what + ": the hand-written gradient is zero");
                double worst = ge.sub(gh).amaxNumber().doubleValue();
                assertTrue(worst <= 1e-10 * scale, what + ": gradients differ by " + worst + " (largest entry " + scale + ")");
                assertEquals(t.handWritten().minRows(), t.expression().minRows(), what + ": minRows");
            }));
        }
    }

    @Test
    void expressionsPassTheGradientCheck() {
        assertAll(twins().stream().map(t -> (Executable) () -> {
            GradientCheck r = checker.checkRegularizer(t.expression(), checker.random(9, 4));
            assertTrue(r.passed(), t.name() + ": " + r);
        }));
    }

    @Test
    void covarianceVolumeIsTheGeometricMeanOfPrincipalSpreadsAndRotationInvariant() {
        // a code whose covariance is diag(4, 1): spreads 2 and 1 along the axes
        INDArray z = Nd4j.createFromArray(new double[][] {{2, 1}, {-2, 1}, {2, -1}, {-2, -1}}).mul(Math.sqrt(3.0 / 4));
        double eta = 1e-3;
        double expected = Math.pow((4 + eta * eta) * (1 + eta * eta), 0.25);
        assertEquals(expected, covarianceVolume(1, eta).value(z), 1e-12);
        double c = Math.cos(0.7);
        double s = Math.sin(0.7);
        INDArray rotation = Nd4j.createFromArray(new double[][] {{c, -s}, {s, c}});
        assertEquals(expected, covarianceVolume(1, eta).value(z.mmul(rotation)), 1e-12);
    }

    /**
     * The covariance log-det volume by hand, without the tape or Cholesky: V = det(S)^(1/(2d)) with
     * S = C^T C / (N - 1) + eta^2 I, C the centred code; dV/dz = V / (d (N - 1)) C S^-1 (the centring
     * drops out because the columns of C sum to zero). Determinant and inverse by Gauss-Jordan.
     */
    private static final class CovarianceVolume extends ActivationRegularizer {
        private final double eta;

        CovarianceVolume(double eta) {
            super(1);
            this.eta = eta;
        }

        @Override
        public int minRows() {
            return 2;
        }

        @Override
        public double valueAndGradient(dev.lva.core.tensor.Matrix z, dev.lva.core.tensor.Matrix gradient, double scale) {
            int n = z.rows();
            int d = z.cols();
            double[][] centred = new double[n][d];
            for (int j = 0; j < d; j++) {
                double mean = 0;
                for (int i = 0; i < n; i++) {
                    mean += z.get(i, j) / n;
                }
                for (int i = 0; i < n; i++) {
                    centred[i][j] = z.get(i, j) - mean;
                }
            }
            double[][] s = new double[d][d];
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    for (int i = 0; i < n; i++) {
                        s[a][b] += centred[i][a] * centred[i][b] / (n - 1);
                    }
                }
                s[a][a] += eta * eta;
            }
            double[][] inverse = new double[d][d];
            double det = gaussJordan(s, inverse);
            double volume = Math.pow(det, 1.0 / (2 * d));
            if (gradient != null) {
                for (int i = 0; i < n; i++) {
                    for (int b = 0; b < d; b++) {
                        double g = 0;
                        for (int a = 0; a < d; a++) {
                            g += centred[i][a] * inverse[a][b];
                        }
                        gradient.set(i, b, gradient.get(i, b) + scale * volume / (d * (n - 1.0)) * g);
                    }
                }
            }
            return volume;
        }

        /** Inverts {@code m} (destroyed) into {@code inverse} with partial pivoting; returns det m. */
        private static double gaussJordan(double[][] m, double[][] inverse) {
            int d = m.length;
            for (int i = 0; i < d; i++) {
                inverse[i][i] = 1;
            }
            double det = 1;
            for (int col = 0; col < d; col++) {
                int pivot = col;
                for (int r = col + 1; r < d; r++) {
                    if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                        pivot = r;
                    }
                }
                if (pivot != col) {
                    double[] t = m[pivot];
                    m[pivot] = m[col];
                    m[col] = t;
                    t = inverse[pivot];
                    inverse[pivot] = inverse[col];
                    inverse[col] = t;
                    det = -det;
                }
                double p = m[col][col];
                det *= p;
                for (int k = 0; k < d; k++) {
                    m[col][k] /= p;
                    inverse[col][k] /= p;
                }
                for (int r = 0; r < d; r++) {
                    if (r != col) {
                        double f = m[r][col];
                        for (int k = 0; k < d; k++) {
                            m[r][k] -= f * m[col][k];
                            inverse[r][k] -= f * inverse[col][k];
                        }
                    }
                }
            }
            return det;
        }
    }
}
