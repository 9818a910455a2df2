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
 * How well the kept code dimensions recover the true parameters of synthetic data: for each
 * parameter, a least-squares fit (with intercept) of the parameter on the kept codes over the
 * training rows, scored by R^2 on the held-out rows, {@code 1 - SSE / SST} around the held-out
 * mean. A linear fit: a parameter the code holds through a bend (an angle as a point on a circle)
 * reads lower than it is recovered, so this is a lower bound of what the code knows. R^2 can be
 * negative on held-out rows (worse than the mean).
 *
 * @param parameters the parameters' names
 * @param r2         each parameter's held-out R^2; NaN when the held-out parameter does not vary
 * @param dimensions the kept code dimensions regressed on (0: the intercept alone)
 * @param trainRows  rows fitted
 * @param testRows   held-out rows scored
 */
public record TruthRecovery(List<String> parameters, double[] r2, int dimensions, int trainRows, int testRows) {

    public TruthRecovery {
        parameters = List.copyOf(parameters);
    }

    /**
     * @param codes the kept code dimensions of every row (n x kept), or null when none is kept
     * @param truth the true parameters, one row per data row (n x P)
     * @param names the parameters' names (P)
     */
    public static TruthRecovery of(INDArray codes, double[][] truth, List<String> names, HeldOutSplit split) {
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
            for (int t : split.test()) {
                double predicted = beta.getEntry(0);
                for (int k = 0; k < d; k++) {
                    predicted += beta.getEntry(k + 1) * z[t][k];
                }
                sse += (truth[t][j] - predicted) * (truth[t][j] - predicted);
                sst += (truth[t][j] - mean) * (truth[t][j] - mean);
            }
            r2[j] = sst > 0 ? 1 - sse / sst : Double.NaN;
        }
        return new TruthRecovery(names, r2, d, split.train().length, split.test().length);
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
        for (int j = 0; j < parameters.size(); j++) {
            byName.put(parameters.get(j), RunEvaluation.finite(r2[j]));
        }
        m.put("truth_r2", byName);
        m.put("truth_dimensions", dimensions);
        m.put("truth_train_rows", trainRows);
        m.put("truth_test_rows", testRows);
        m.put("truth_rule", "R^2 on held-out rows of a least-squares fit (with intercept) of each true parameter on"
                + " the kept code dimensions, fit on the training rows");
        return m;
    }
}
