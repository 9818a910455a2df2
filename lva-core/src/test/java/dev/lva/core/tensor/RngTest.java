package dev.lva.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RngTest {

    @Test
    void matchesTheReferenceScriptsSplitMix64() {
        // values of common.splitmix64_uniforms(12345, 3) from the reference scripts (pure Python)
        Rng rng = new Rng(12345);
        assertEquals(2454886589211414944L, rng.nextLong());
        Rng uniforms = new Rng(12345);
        assertEquals(0.1330796686614273, uniforms.nextDouble());
        assertEquals(0.20481663336165912, uniforms.nextDouble());
        assertEquals(0.11954258300911547, uniforms.nextDouble());
    }

    @Test
    void stateRoundTripsAndPermutationsAreComplete() {
        Rng a = new Rng(3);
        a.nextLong();
        long state = a.state();
        long next = a.nextLong();
        Rng b = new Rng(0);
        b.setState(state);
        assertEquals(next, b.nextLong());

        int[] p = new int[50];
        new Rng(1).permutation(p);
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 50; i++) {
            assertEquals(i, sorted[i]);
        }
        int[] q = new int[50];
        new Rng(2).permutation(q);
        assertNotEquals(Arrays.toString(p), Arrays.toString(q));
    }

    @Test
    void gaussianHasUnitVariance() {
        Rng rng = new Rng(11);
        double s = 0;
        double s2 = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            double g = rng.nextGaussian();
            s += g;
            s2 += g * g;
        }
        assertEquals(0, s / n, 0.01);
        assertEquals(1, s2 / n, 0.01);
        int[] counts = new int[7];
        for (int i = 0; i < 70_000; i++) {
            counts[rng.nextInt(7)]++;
        }
        for (int c : counts) {
            assertEquals(10_000, c, 400);
        }
    }
}
