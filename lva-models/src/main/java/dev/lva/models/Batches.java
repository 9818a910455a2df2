package dev.lva.models;

import dev.lva.api.LvaException;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** A row-wise function of a matrix applied a batch of rows at a time, its results gathered in one matrix. */
final class Batches {
    private Batches() {
    }

    static INDArray map(INDArray x, int batchRows, UnaryOperator<INDArray> f) {
        if (batchRows < 1) {
            throw new LvaException("batch size must be >= 1, got " + batchRows);
        }
        if (x.rank() != 2) {
            throw new LvaException("expected a matrix (rows are samples), got shape " + Arrays.toString(x.shape()));
        }
        long n = x.rows();
        if (n <= batchRows) {
            return f.apply(x);
        }
        INDArray out = null;
        for (long from = 0; from < n; from += batchRows) {
            long to = Math.min(n, from + batchRows);
            INDArray y = f.apply(x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()));
            if (out == null) {
                out = Nd4j.create(y.dataType(), n, y.columns());
            }
            out.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).assign(y);
            if (y.closeable()) {
                // now, not when the garbage collector takes it: a small heap may not be collected for
                // thousands of batches, and their native memory would add up
                y.close();
            }
        }
        return out;
    }
}
