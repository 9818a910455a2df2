package dev.lva.models.evaluate;

import dev.lva.api.LvaException;
import dev.lva.core.tensor.Rng;
import java.util.Arrays;

/**
 * A split of rows into training rows (the neighbours a classifier may look at, the rows a PCA is fit
 * on) and held-out test rows (the ones it is scored on): a seeded permutation, the first
 * {@code testShare} of it held out, each side then cut to at most its cap so that a large data set
 * costs a bounded brute-force search. No row is on both sides.
 *
 * @param train training rows, ascending
 * @param test  held-out rows, ascending
 */
public record HeldOutSplit(int[] train, int[] test) {

    public static HeldOutSplit of(int rows, double testShare, long seed, int maxTrain, int maxTest) {
        if (!(testShare > 0 && testShare < 1) || maxTrain < 1 || maxTest < 1) {
            throw new LvaException("a held-out split needs a test share in (0, 1) and caps >= 1; got " + testShare
                    + ", " + maxTrain + ", " + maxTest);
        }
        int tests = (int) Math.round(rows * testShare);
        if (tests < 1 || rows - tests < 1) {
            throw new LvaException("a held-out split of " + rows + " rows with test share " + testShare
                    + " leaves no " + (tests < 1 ? "test" : "training") + " row");
        }
        int[] perm = new int[rows];
        new Rng(seed).permutation(perm);
        int[] test = Arrays.copyOfRange(perm, 0, Math.min(tests, maxTest));
        int[] train = Arrays.copyOfRange(perm, tests, tests + Math.min(rows - tests, maxTrain));
        Arrays.sort(test);
        Arrays.sort(train);
        return new HeldOutSplit(train, test);
    }
}
