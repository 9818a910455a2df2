package dev.lva.models.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lva.api.LvaException;
import dev.lva.api.PruningPolicy;
import dev.lva.api.plugin.OptionsException;
import dev.lva.api.plugin.Plugins;
import dev.lva.api.plugin.PruningPolicyProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

class PruningPoliciesTest {
    private final Plummet plummet = new Plummet(0.02);
    private final Lognorm lognorm = new Lognorm(0.05);
    private final PcaCdf pcaCdf = new PcaCdf(0.99);

    @Test
    void plummetCutsBelowTheSteepestDrop() {
        // sorted: 20, 1.5, 0.9 | 0.004, 0.002: the steepest log drop is 0.9 -> 0.004
        assertArrayEquals(new boolean[] {false, true, false, true, false},
                plummet.prune(new double[] {20, 0.004, 1.5, 0.002, 0.9}));
        // a drop that is steepest but not deep enough (0.5 -> 0.1 is above 0.02 x 0.5): nothing goes
        assertArrayEquals(new boolean[] {false, false, false}, plummet.prune(new double[] {1, 0.5, 0.1}));
    }

    @Test
    void lognormCutsOutliersOnTheSmallSide() {
        double[] stds = {1, 1.2, 0.9, 1.1, 1.05, 0.95, 1e-4};
        assertArrayEquals(new boolean[] {false, false, false, false, false, false, true}, lognorm.prune(stds));
    }

    @Test
    void pcaCdfKeepsTheDimensionsHoldingTheVariance() {
        // variances 100, 25, 0.01, 0.0001: the first two hold 99.99%
        assertArrayEquals(new boolean[] {false, true, false, true}, pcaCdf.prune(new double[] {10, 0.1, 5, 0.01}));
        assertArrayEquals(new boolean[] {false, false, true}, new PcaCdf(0.7).prune(new double[] {3, 2, 1}));
    }

    @Test
    void edgeCases() {
        for (PruningPolicy p : List.of(plummet, lognorm, pcaCdf, new NoPruning())) {
            String name = p.getClass().getSimpleName();
            assertArrayEquals(new boolean[] {false, false, false, false}, p.prune(new double[] {2, 2, 2, 2}),
                    name + ": all equal stds");
            assertArrayEquals(new boolean[] {false}, p.prune(new double[] {0.3}), name + ": a single dimension");
            assertArrayEquals(new boolean[0], p.prune(new double[0]), name + ": nothing active");
            boolean[] zeros = p.prune(new double[] {0, 0, 0});
            int kept = 0;
            for (boolean z : zeros) {
                kept += z ? 0 : 1;
            }
            assertEquals(true, kept >= 1, name + ": never prunes every dimension");
        }
        // already pruned dimensions are not passed in: the model asks about the active ones only, so a
        // profile of survivors with no drop keeps them all
        assertArrayEquals(new boolean[] {false, false}, plummet.prune(new double[] {16.2, 15.9}));
    }

    @Test
    void foundByNameWithValidatedOptions() {
        Plugins plugins = Plugins.discover(getClass().getClassLoader());
        assertEquals(List.of("lognorm", "none", "pca-cdf", "plummet"),
                plugins.registry(PruningPolicyProvider.KIND).names());
        PruningPolicy p = plugins.create(PruningPolicyProvider.KIND, "plummet:threshold=0.5");
        assertArrayEquals(new boolean[] {false, true}, p.prune(new double[] {1, 0.4}));
        assertEquals("invalid options for plummet: threshold must be in (0, 1), got 2.0",
                assertThrows(OptionsException.class,
                        () -> plugins.create(PruningPolicyProvider.KIND, "plummet:threshold=2")).getMessage());
        assertEquals("unknown pruning policy 'cliff'; known pruning policies: lognorm, none, pca-cdf, plummet",
                assertThrows(LvaException.class, () -> plugins.create(PruningPolicyProvider.KIND, "cliff")).getMessage());
    }
}
