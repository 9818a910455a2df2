package dev.lva.models.evaluate;

import dev.lva.api.LvaException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How well the kept code dimensions recover the true parameters of synthetic data, scored on
 * held-out rows by R^2, {@code 1 - SSE / SST} around the held-out mean, two ways: a least-squares
 * fit (with intercept) of the parameter on the kept codes over the training rows ({@code r2}), and
 * k-nearest-neighbour regression, the mean parameter of the k nearest training rows in the kept
 * code ({@code knnR2}). The linear fit misses a parameter the code holds through a bend (an angle
 * as a point on a curve) and reads it low; the neighbours see through bends but blur with few
 * rows. R^2 can be negative on held-out rows (worse than the mean).
 *
 * @param parameters the parameters' names
 * @param r2         each parameter's held-out R^2 of the linear fit; NaN when the held-out parameter does
 *                   not vary
 * @param knnR2      each parameter's held-out R^2 of the k-nearest-neighbour regression; NaN likewise,
 *                   and when no dimension is kept
 * @param k          the neighbours averaged
 * @param dimensions the kept code dimensions regressed on (0: the intercept alone)
 * @param trainRows  rows fitted
 * @param testRows   held-out rows scored
 */
public record TruthRecovery(List<String> parameters, double[] r2, double[] knnR2, int k, int dimensions,
                            int trainRows, int testRows) {

    public TruthRecovery {
        parameters = List.copyOf(parameters);
    }

    /**
     * @param codes the kept code dimensions of every row (n x kept), or null when none is kept
     * @param truth the true parameters, one row per data row (n x P)
     * @param names the parameters' names (P)
     * @param k     the neighbours the nearest-neighbour regression averages (at most the training rows)
     */
    public static TruthRecovery of(INDArray codes, double[][] truth, List<String> names, HeldOutSplit split, int k) {
        int p = names.size();
        for (int i = 0; i < truth.length; i++) {
            if (truth[i].length != p) {
                throw new LvaException("true parameters: row " + i + " has " + truth[i].length + " values, there are "
                        + p + " names " + names);
            }
        }
        if (codes != null && codes.rows() != truth.length) {
            throw new LvaException("true parameters for " + truth.length + " rows, codes for " + codes.rows());
        }
        int d = codes == null ? 0 : (int) codes.columns();
        double[][] z = codes == null ? new double[truth.length][0] : codes.castTo(DataType.DOUBLE).toDoubleMatrix();
        Array2DRowRealMatrix design = design(z, split.train(), d);
        DecompositionSolver solver = new SingularValueDecomposition(design).getSolver();
        double[] r2 = new double[p];
        double[] knnR2 = new double[p];
        int kk = Math.min(k, split.train().length);
        int[][] nearest = d == 0 ? null : NearestNeighbours.nearest(codes.getRows(split.train()),
                codes.getRows(split.test()), kk);
        for (int j = 0; j < p; j++) {
            double[] y = new double[split.train().length];
            for (int i = 0; i < y.length; i++) {
                y[i] = truth[split.train()[i]][j];
            }
            // the least-squares solution (minimum norm when codes are collinear)
            RealVector beta = solver.solve(new ArrayRealVector(y, false));
            double mean = 0;
            for (int t : split.test()) {
                mean += truth[t][j];
            }
            mean /= split.test().length;
            double sse = 0;
            double sst = 0;
            double sseKnn = 0;
            for (int ti = 0; ti < split.test().length; ti++) {
                int t = split.test()[ti];
                if (nearest != null) {
                    double average = 0;
                    for (int nb : nearest[ti]) {
                        average += truth[split.train()[nb]][j];
                    }
                    average /= kk;
                    sseKnn += (truth[t][j] - average) * (truth[t][j] - average);
                }
                double predicted = beta.getEntry(0);
                for (int c = 0; c < d; c++) {
                    predicted += beta.getEntry(c + 1) * z[t][c];
                }
                sse += (truth[t][j] - predicted) * (truth[t][j] - predicted);
                sst += (truth[t][j] - mean) * (truth[t][j] - mean);
            }
            r2[j] = sst > 0 ? 1 - sse / sst : Double.NaN;
            knnR2[j] = sst > 0 && nearest != null ? 1 - sseKnn / sst : Double.NaN;
        }
        return new TruthRecovery(names, r2, knnR2, kk, d, split.train().length, split.test().length);
    }

    private static Array2DRowRealMatrix design(double[][] z, int[] rows, int d) {
        double[][] a = new double[rows.length][d + 1];
        for (int i = 0; i < rows.length; i++) {
            a[i][0] = 1;
            System.arraycopy(z[rows[i]], 0, a[i], 1, d);
        }
        return new Array2DRowRealMatrix(a, false);
    }

    /** JSON-friendly fields: {@code truth_r2} maps each parameter to its R^2. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> byName = new LinkedHashMap<>();
        Map<String, Object> byNameKnn = new LinkedHashMap<>();
        for (int j = 0; j < parameters.size(); j++) {
            byName.put(parameters.get(j), RunEvaluation.finite(r2[j]));
            byNameKnn.put(parameters.get(j), RunEvaluation.finite(knnR2[j]));
        }
        m.put("truth_r2", byName);
        m.put("truth_knn_r2", byNameKnn);
        m.put("truth_knn_k", k);
        m.put("truth_dimensions", dimensions);
        m.put("truth_train_rows", trainRows);
        m.put("truth_test_rows", testRows);
        m.put("truth_rule", "R^2 on held-out rows of each true parameter predicted from the kept code dimensions:"
                + " r2 by a least-squares fit with intercept, knn_r2 by the mean of the " + k + " nearest training"
                + " rows; fit on the training rows");
        return m;
    }
}
