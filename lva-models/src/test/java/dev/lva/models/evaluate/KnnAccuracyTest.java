package dev.lva.models.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.core.loss.MseLoss;
import dev.lva.core.nn.Linear;
import dev.lva.core.nn.Sequential;
import dev.lva.core.tensor.Rng;
import dev.lva.models.AutoEncoder;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** kNN accuracy where the answer is known, and the classifier against a direct count. */
class KnnAccuracyTest {

    /** Three tight Gaussian blobs far apart in the first 2 of 5 columns, the rest noise of std 0.1. */
    private static INDArray blobs(int n, int[] labels, long seed) {
        Rng rng = new Rng(seed);
        INDArray x = Nd4j.create(DataType.DOUBLE, n, 5);
        double[][] centres = {{0, 0}, {10, 0}, {0, 10}};
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int j = 0; j < 5; j++) {
                double centre = j < 2 ? centres[labels[i]][j] : 0;
                x.putScalar(i, j, centre + (j < 2 ? 1 : 0.1) * rng.nextGaussian());
            }
        }
        return x;
    }

    @Test
    void separableBlobsAreClassifiedAndRandomLabelsAreChance() {
        int n = 300;
        int[] labels = new int[n];
        INDArray x = blobs(n, labels, 1);
        KnnAccuracy a = KnnAccuracy.of(x.getColumns(0, 1), x, labels, KnnAccuracy.Options.defaults());
        assertEquals(1.0, a.code(), 0.02);
        assertEquals(1.0, a.pca(), 0.02, "PCA's 2 components are the blobs' plane");
        assertEquals(1.0, a.raw(), 0.02);
        assertEquals(60, a.testRows());
        assertEquals(240, a.trainRows());
        assertEquals(5, a.k());
        assertEquals(2, a.dimensions());

        Rng rng = new Rng(2);
        int[] random = new int[n];
        for (int i = 0; i < n; i++) {
            random[i] = rng.nextInt(3);
        }
        KnnAccuracy r = KnnAccuracy.of(x.getColumns(0, 1), x, random, new KnnAccuracy.Options(5, 0.5, 3, 10_000,
                10_000));
        assertTrue(Math.abs(r.code() - 1 / 3.0) < 0.1, "random labels: " + r);
        assertTrue(Math.abs(r.raw() - 1 / 3.0) < 0.1, "random labels: " + r);
        assertTrue(r.chance() > 0.2 && r.chance() < 0.5, r::toString);
    }

    @Test
    void theSplitNeverTestsATrainingRow() {
        HeldOutSplit s = HeldOutSplit.of(101, 0.3, 7, 50, 20);
        Set<Integer> train = new HashSet<>();
        Arrays.stream(s.train()).forEach(train::add);
        assertEquals(50, s.train().length);
        assertEquals(20, s.test().length);
        for (int t : s.test()) {
            assertTrue(!train.contains(t), "row " + t + " is on both sides");
        }
        assertArrayEquals(s.test(), HeldOutSplit.of(101, 0.3, 7, 50, 20).test(), "a seed gives the same split");
    }

    @Test
    void theClassifierIsADirectCount() {
        Rng rng = new Rng(4);
        int m = 40;
        int q = 25;
        INDArray ref = Nd4j.create(DataType.DOUBLE, m, 3);
        INDArray query = Nd4j.create(DataType.DOUBLE, q, 3);
        int[] labels = new int[m];
        for (int i = 0; i < m; i++) {
            labels[i] = rng.nextInt(4);
            for (int j = 0; j < 3; j++) {
                ref.putScalar(i, j, rng.nextGaussian());
            }
        }
        for (int i = 0; i < q; i++) {
            for (int j = 0; j < 3; j++) {
                query.putScalar(i, j, rng.nextGaussian());
            }
        }
        for (int k : new int[] {1, 3, 4, 7}) {
            int[] predicted = NearestNeighbours.predict(ref, labels, query, k);
            for (int i = 0; i < q; i++) {
                assertEquals(direct(ref, labels, query.getRow(i), k), predicted[i], "query " + i + ", k = " + k);
            }
        }
    }

    /** Sort every reference by distance, count the k nearest's classes, break ties by the nearest member. */
    private static int direct(INDArray ref, int[] labels, INDArray query, int k) {
        int m = (int) ref.rows();
        Integer[] idx = new Integer[m];
        double[] dist = new double[m];
        for (int i = 0; i < m; i++) {
            idx[i] = i;
            INDArray d = ref.getRow(i).sub(query);
            dist[i] = d.mul(d).sumNumber().doubleValue();
        }
        Arrays.sort(idx, (a, b) -> Double.compare(dist[a], dist[b]));
        int[] counts = new int[10];
        for (int r = 0; r < k; r++) {
            counts[labels[idx[r]]]++;
        }
        int max = Arrays.stream(counts).max().getAsInt();
        for (int r = 0; r < k; r++) {
            if (counts[labels[idx[r]]] == max) {
                return labels[idx[r]];
            }
        }
        throw new AssertionError();
    }

    @Test
    void aRunEvaluationWithLabelsScoresTheKeptCode() {
        int n = 150;
        int[] labels = new int[n];
        INDArray x = blobs(n, labels, 5).getColumns(0, 1, 2).dup();
        Linear enc = new Linear(3, 3);
        Linear dec = new Linear(3, 3);
        AutoEncoder m = new AutoEncoder(new Sequential(enc), new Sequential(dec), 3, new MseLoss(), null,
                DataType.DOUBLE, 0);
        for (Linear l : new Linear[] {enc, dec}) {
            l.weight().array().assign(Nd4j.eye(3).castTo(DataType.DOUBLE));
            l.bias().array().assign(0);
        }
        RunEvaluation e = RunEvaluation.of(m, x, labels);
        // the noise column (std 0.1 against blobs 10 apart) explains under 1%: the blobs' plane is kept
        assertArrayEquals(new int[] {0, 1}, e.kept());
        assertEquals(2, e.downstream().dimensions());
        assertEquals(1.0, e.downstream().code(), 0.04);
        assertEquals(e.downstream().code(), e.toMap().get("knn_accuracy_code"));
        assertEquals(5, e.toMap().get("knn_k"));
    }
}
