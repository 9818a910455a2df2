package dev.lva.models.evaluate;

import dev.lva.api.LvaException;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A k-nearest-neighbour classifier by brute force in Euclidean distance, float64: each query's k
 * nearest reference rows (ties in distance to the lower row index), and the majority class among
 * them; a tie between classes goes to the tied class whose nearest member is nearest (so k = 1
 * and a k that ties always have an answer). Distances come from one matrix product per block of
 * queries ({@code |q|^2 + |r|^2 - 2 q.r}).
 */
final class NearestNeighbours {
    /** Queries per block: a block's distances are {@code BLOCK x references} doubles. */
    private static final int BLOCK = 256;

    private NearestNeighbours() {
    }

    /** The share of {@code queries} whose predicted class is their label. */
    static double accuracy(INDArray references, int[] referenceLabels, INDArray queries, int[] queryLabels, int k) {
        int[] predicted = predict(references, referenceLabels, queries, k);
        int right = 0;
        for (int i = 0; i < predicted.length; i++) {
            right += predicted[i] == queryLabels[i] ? 1 : 0;
        }
        return (double) right / predicted.length;
    }

    static int[] predict(INDArray references, int[] labels, INDArray queries, int k) {
        if (references.rows() != labels.length) {
            throw new LvaException("nearest neighbours among " + references.rows() + " references with "
                    + labels.length + " labels");
        }
        int[][] nearest = nearest(references, queries, k);
        int[] out = new int[nearest.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = vote(nearest[i], labels, k);
        }
        return out;
    }

    /** Each query's k nearest reference rows, nearest first (ties in distance to the lower row index). */
    static int[][] nearest(INDArray references, INDArray queries, int k) {
        int m = (int) references.rows();
        if (references.columns() != queries.columns()) {
            throw new LvaException("nearest neighbours of " + queries.columns() + "-column queries among " + m + " x "
                    + references.columns() + " references");
        }
        if (k < 1 || k > m) {
            throw new LvaException("k = " + k + " nearest neighbours among " + m + " training rows");
        }
        INDArray r = references.castTo(DataType.DOUBLE);
        INDArray q = queries.castTo(DataType.DOUBLE);
        double[] rNorms = r.mul(r).sum(1).toDoubleVector();
        int n = (int) q.rows();
        int[][] out = new int[n][];
        double[] nearestDistance = new double[k];
        for (int from = 0; from < n; from += BLOCK) {
            int to = Math.min(n, from + BLOCK);
            INDArray block = q.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            double[] qNorms = block.mul(block).sum(1).toDoubleVector();
            INDArray products = block.mmul(r.transpose());
            for (int i = from; i < to; i++) {
                double[] dot = products.getRow(i - from).toDoubleVector();
                int[] nearest = new int[k];
                int found = 0;
                for (int j = 0; j < m; j++) {
                    double d = qNorms[i - from] + rNorms[j] - 2 * dot[j];
                    // insertion into the k nearest so far, kept sorted by (distance, index)
                    if (found < k || d < nearestDistance[found - 1]) {
                        int at = found < k ? found++ : k - 1;
                        while (at > 0 && nearestDistance[at - 1] > d) {
                            nearestDistance[at] = nearestDistance[at - 1];
                            nearest[at] = nearest[at - 1];
                            at--;
                        }
                        nearestDistance[at] = d;
                        nearest[at] = j;
                    }
                }
                out[i] = nearest;
            }
        }
        return out;
    }

    /** The majority class of the k nearest (sorted nearest first); a tie goes to the class met first. */
    private static int vote(int[] nearest, int[] labels, int k) {
        int[] classes = new int[k];
        for (int i = 0; i < k; i++) {
            classes[i] = labels[nearest[i]];
        }
        int best = classes[0];
        int bestCount = 0;
        for (int i = 0; i < k; i++) {
            int c = classes[i];
            int count = 0;
            for (int j = 0; j < k; j++) {
                count += classes[j] == c ? 1 : 0;
            }
            // strictly more: among tied classes the one whose nearest member comes first keeps the vote
            if (count > bestCount) {
                best = c;
                bestCount = count;
            }
        }
        return best;
    }

    static int[] labelsOf(int[] labels, int[] rows) {
        return Arrays.stream(rows).map(i -> labels[i]).toArray();
    }
}
