package dev.lva.models.evaluate;

import dev.lva.models.AutoEncoder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The reconstruction MSE of a set of rows decoded from altered codes: the mean over every entry of
 * {@code (decode(z') - x)^2}, in float64, a batch of rows at a time so that memory holds one batch's
 * activations. Every metric that replaces latent coordinates (the pruning curve, the principal
 * counts) measures through it, so that they share one definition of the error.
 */
final class Reconstructions {
    private final AutoEncoder model;
    private final INDArray x;
    /** The rows as given: {@code x} itself when they were float64 already (then not freed here). */
    private final INDArray given;
    private final INDArray codes;
    private final int rows;
    private final int batchRows;
    /** MSEs already measured, by replaced set: the two pruning curves share their ends and often more. */
    private final Map<String, Double> measured = new HashMap<>();

    /**
     * @param x     the rows (n x input), in any precision
     * @param codes their codes (n x latent), float64
     */
    Reconstructions(AutoEncoder model, INDArray x, INDArray codes, int batchRows) {
        this.model = model;
        this.given = x;
        this.x = x.castTo(DataType.DOUBLE);
        this.codes = codes;
        this.rows = (int) x.rows();
        this.batchRows = Math.max(1, Math.min(batchRows, model.maxBatchRows()));
    }

    INDArray codes() {
        return codes;
    }

    int rows() {
        return rows;
    }

    /** The codes of {@code x} in float64, encoded a batch at a time, the model in evaluation mode. */
    static INDArray encode(AutoEncoder model, INDArray x, int batchRows) {
        INDArray z = Nd4j.create(DataType.DOUBLE, x.rows(), model.latentDimension());
        INDArray typed = x.castTo(model.dataType());
        int batch = Math.max(1, Math.min(batchRows, model.maxBatchRows()));
        for (long from = 0; from < x.rows(); from += batch) {
            long to = Math.min(x.rows(), from + batch);
            INDArray code = model.encode(rowsOf(typed, from, to));
            INDArray wide = code.castTo(DataType.DOUBLE);
            rowsOf(z, from, to).assign(wide);
            free(wide, code);
            free(code, null);
        }
        free(typed, x);
        return z;
    }

    /** The MSE of the rows decoded from {@code altered} (n x latent, float64). */
    double mse(INDArray altered) {
        double sum = 0;
        for (long from = 0; from < rows; from += batchRows) {
            long to = Math.min(rows, from + batchRows);
            INDArray codes = rowsOf(altered, from, to);
            INDArray typed = codes.castTo(model.dataType());
            INDArray decoded = model.decode(typed);
            INDArray diff = decoded.castTo(DataType.DOUBLE).subi(rowsOf(x, from, to));
            // squared in place: the same products as diff.mul(diff), without a second array per batch
            sum += diff.muli(diff).sumNumber().doubleValue();
            // every temporary freed now: ND4J frees native memory only when the collector takes the Java
            // object, which a small heap seldom does; the pruning curves measure dozens of replaced sets,
            // and their batches grew a run's memory by 1.3 GB before JavaCPP's limit forced a collection
            free(diff, decoded);
            free(decoded, typed);
            free(typed, codes);
        }
        return sum / ((double) rows * x.columns());
    }

    /** The MSE with the latent coordinates flagged in {@code replaced} set to their means. */
    double mseReplacing(boolean[] replaced, double[] means) {
        return measured.computeIfAbsent(Arrays.toString(replaced), key -> measure(replaced, means));
    }

    private double measure(boolean[] replaced, double[] means) {
        INDArray altered = codes.dup();
        for (int j = 0; j < replaced.length; j++) {
            if (replaced[j]) {
                altered.getColumn(j).assign(means[j]);
            }
        }
        double mse = mse(altered);
        free(altered, codes);
        return mse;
    }

    /** Frees the float64 copy of the rows, once the measures are taken. */
    void free() {
        free(x, given);
    }

    /** Frees each of {@code temps} now (those that own their memory), not when the collector takes them. */
    static void free(INDArray... temps) {
        for (INDArray t : temps) {
            free(t, null);
        }
    }

    /** Closes {@code temp} unless it is {@code source} itself (castTo of the same type returns the array). */
    static void free(INDArray temp, INDArray source) {
        if (temp != null && temp != source && temp.closeable()) {
            temp.close();
        }
    }

    static INDArray rowsOf(INDArray a, long from, long to) {
        return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }
}
