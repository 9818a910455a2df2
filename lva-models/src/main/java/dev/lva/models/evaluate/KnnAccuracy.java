package dev.lva.models.evaluate;

import dev.lva.api.LvaException;
import dev.lva.core.pca.Pca;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Downstream accuracy: k-nearest-neighbour classification of held-out rows, their neighbours found
 * among the training rows only ({@link HeldOutSplit}), on three representations of the same rows:
 * the kept dimensions of the autoencoder's code, PCA with as many components (fit on the training
 * rows only), and the raw data. Beside them, the share of the test rows in the commonest training
 * class: what a classifier that ignores its input scores.
 *
 * @param k          neighbours that vote
 * @param testShare  the share of the rows held out
 * @param seed       the seed of the split
 * @param trainRows  the training rows searched (a large data set's are capped)
 * @param testRows   the held-out rows scored
 * @param dimensions the kept code dimensions, and PCA's components
 * @param code       accuracy on the kept code dimensions; NaN when none is kept
 * @param pca        accuracy on PCA's first {@code dimensions} components; NaN when that is 0
 * @param raw        accuracy on the raw data
 * @param chance     the share of the test rows in the commonest training class
 */
public record KnnAccuracy(int k, double testShare, long seed, int trainRows, int testRows, int dimensions,
                          double code, double pca, double raw, double chance) {

    /**
     * How the accuracy is measured.
     *
     * @param k         neighbours that vote
     * @param testShare share of the rows held out
     * @param seed      seed of the split
     * @param maxTrain  the most training rows searched
     * @param maxTest   the most held-out rows scored
     */
    public record Options(int k, double testShare, long seed, int maxTrain, int maxTest) {
        public Options {
            if (k < 1 || !(testShare > 0 && testShare < 1) || maxTrain < 1 || maxTest < 1) {
                throw new LvaException("kNN accuracy needs k >= 1, a test share in (0, 1) and caps >= 1; got k = " + k
                        + ", " + testShare + ", " + maxTrain + ", " + maxTest);
            }
        }

        /** The split these options make of {@code rows} rows. */
        public HeldOutSplit split(int rows) {
            return HeldOutSplit.of(rows, testShare, seed, maxTrain, maxTest);
        }

        /** k = 5, a fifth of the rows held out, seed 0, at most 10,000 training and 2,000 test rows. */
        public static Options defaults() {
            return new Options(5, 0.2, 0, 10_000, 2_000);
        }
    }

    /**
     * @param codes  the kept code dimensions of every row (n x kept), or null when none is kept
     * @param x      the raw rows (n x input)
     * @param labels a class per row
     */
    public static KnnAccuracy of(INDArray codes, INDArray x, int[] labels, Options options) {
        return of(codes, x, labels, options.split((int) x.rows()), options);
    }

    /** As {@link #of(INDArray, INDArray, int[], Options)} on a split of the rows made already. */
    public static KnnAccuracy of(INDArray codes, INDArray x, int[] labels, HeldOutSplit split, Options options) {
        int n = (int) x.rows();
        if ((codes != null && codes.rows() != n) || labels.length != n) {
            throw new LvaException("kNN accuracy of " + n + " rows given " + (codes == null ? 0 : codes.rows())
                    + " codes and " + labels.length + " labels");
        }
        int[] trainLabels = NearestNeighbours.labelsOf(labels, split.train());
        int[] testLabels = NearestNeighbours.labelsOf(labels, split.test());
        int k = Math.min(options.k(), split.train().length);
        int dims = codes == null ? 0 : (int) codes.columns();
        double code = dims == 0 ? Double.NaN : score(codes, split, trainLabels, testLabels, k);
        // the rows first, then float64: a large data set is not copied whole
        INDArray xTrain = x.getRows(split.train()).castTo(DataType.DOUBLE);
        INDArray xTest = x.getRows(split.test()).castTo(DataType.DOUBLE);
        double pca = Double.NaN;
        if (dims > 0) {
            Pca fit = Pca.fit(xTrain, Math.min(dims, (int) Math.min(xTrain.rows(), xTrain.columns())));
            pca = NearestNeighbours.accuracy(fit.transform(xTrain), trainLabels, fit.transform(xTest), testLabels, k);
        }
        double raw = NearestNeighbours.accuracy(xTrain, trainLabels, xTest, testLabels, k);
        return new KnnAccuracy(k, options.testShare(), options.seed(), split.train().length, split.test().length, dims,
                code, pca, raw, chance(trainLabels, testLabels));
    }

    private static double score(INDArray features, HeldOutSplit split, int[] trainLabels, int[] testLabels, int k) {
        INDArray f = features.castTo(DataType.DOUBLE);
        return NearestNeighbours.accuracy(f.getRows(split.train()), trainLabels, f.getRows(split.test()), testLabels,
                k);
    }

    /** The test share of the commonest training class (the lowest such class on a tie). */
    private static double chance(int[] train, int[] test) {
        int[] sorted = train.clone();
        Arrays.sort(sorted);
        int best = sorted[0];
        int bestCount = 0;
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            if (j - i > bestCount) {
                best = sorted[i];
                bestCount = j - i;
            }
            i = j;
        }
        int commonest = best;
        return (double) Arrays.stream(test).filter(c -> c == commonest).count() / test.length;
    }

    /** JSON-friendly fields, named as {@code summary.json} would name them. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("knn_k", k);
        m.put("knn_test_share", testShare);
        m.put("knn_seed", seed);
        m.put("knn_train_rows", trainRows);
        m.put("knn_test_rows", testRows);
        m.put("knn_dimensions", dimensions);
        m.put("knn_accuracy_code", RunEvaluation.finite(code));
        m.put("knn_accuracy_pca", RunEvaluation.finite(pca));
        m.put("knn_accuracy_raw", RunEvaluation.finite(raw));
        m.put("knn_chance", chance);
        m.put("knn_rule", k + "-nearest-neighbour accuracy on held-out rows (" + Math.round(testShare * 100)
                + "% of the rows, seed " + seed + "), neighbours among the training rows only; code: the kept"
                + " dimensions; pca: as many components fit on the training rows; raw: the data");
        return m;
    }
}
