package dev.lva.models;

import dev.lva.api.LvaException;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A sample-wise function applied a batch of samples at a time, its results gathered in one array:
 * samples lie along the first axis, as rows of a matrix or images of an {@code N x C x H x W} batch.
 */
final class Batches {
    private Batches() {
    }

    static INDArray map(INDArray x, int batchRows, UnaryOperator<INDArray> f) {
        if (batchRows < 1) {
            throw new LvaException("batch size must be >= 1, got " + batchRows);
        }
        if (x.rank() < 2) {
            throw new LvaException("expected a batch (rows or images are samples), got shape "
                    + Arrays.toString(x.shape()));
        }
        long n = x.size(0);
        if (n <= batchRows) {
            return f.apply(x);
        }
        INDArray out = null;
        for (long from = 0; from < n; from += batchRows) {
            long to = Math.min(n, from + batchRows);
            INDArray y = f.apply(x.get(samples(x.rank(), from, to)));
            if (out == null) {
                long[] shape = y.shape();
                shape[0] = n;
                out = Nd4j.create(y.dataType(), shape);
            }
            out.get(samples(y.rank(), from, to)).assign(y);
            if (y.closeable()) {
                // now, not when the garbage collector takes it: a small heap may not be collected for
                // thousands of batches, and their native memory would add up
                y.close();
            }
        }
        return out;
    }

    /** Samples {@code from} to {@code to} of an array of the given rank, all of each. */
    private static INDArrayIndex[] samples(int rank, long from, long to) {
        INDArrayIndex[] index = new INDArrayIndex[rank];
        index[0] = NDArrayIndex.interval(from, to);
        for (int i = 1; i < rank; i++) {
            index[i] = NDArrayIndex.all();
        }
        return index;
    }
}
