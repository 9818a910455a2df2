package dev.lva.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsensusTest {

    private static IntrinsicDimension dims(int k, boolean collapsed) {
        return new IntrinsicDimension(k, 3, collapsed, "explained reconstruction >= 1%", k, "std above 1% of the"
                + " largest", Double.NaN, "", true, "converged", null);
    }

    private static Map<Long, IntrinsicDimension> seeds(int... counts) {
        Map<Long, IntrinsicDimension> m = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            m.put((long) i, dims(Math.max(counts[i], 0), counts[i] < 0));
        }
        return m;
    }

    @Test
    void theCountMostSeedsGiveWithTheOnesThatDisagree() {
        Consensus c = Consensus.of(seeds(2, 1, 1));
        assertEquals(1, c.count());
        assertEquals(2, c.agreeing());
        assertFalse(c.unanimous());
        assertEquals("1 (2 of 3 seeds: 1, 2; seed 0 gives 2)", c.text());
        assertEquals(Map.of(0L, 2, 1L, 1, 2L, 1), c.bySeed());
    }

    @Test
    void everySeedAgreeing() {
        Consensus c = Consensus.of(seeds(1, 1, 1, 1));
        assertTrue(c.unanimous());
        assertEquals("1 (every seed: seeds 0, 1, 2, 3)", c.text());
    }

    @Test
    void anEvenSplitIsNoConsensusAndACollapsedRunCountsAsNone() {
        Consensus c = Consensus.of(seeds(2, 1, -1, 1, 2, -1));
        assertEquals(-1, c.count());
        // a collapsed run has no count: "none", never 0
        assertEquals("none: the seeds split evenly, none (seeds 2, 5) against 1 (seeds 1, 3) against 2 (seeds 0, 4)",
                c.text());
        assertNull(c.bySeed().get(2L));
        assertEquals(1, c.bySeed().get(1L));

        Consensus most = Consensus.of(seeds(-1, -1, 1));
        assertEquals(-1, most.count(), "most seeds have no count: no consensus count");
        assertEquals("none (2 of 3 seeds: 0, 1; seed 2 gives 1)", most.text());
        assertEquals("1 (2 of 3 seeds: 0, 2; seed 1 gives none)", Consensus.of(seeds(1, -1, 1)).text());
        assertThrows(IllegalArgumentException.class, () -> Consensus.of(Map.of()));
    }
}
