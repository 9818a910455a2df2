package dev.lva.core.kernel.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.core.kernel.ConvGeometry;
import org.junit.jupiter.api.Test;

/**
 * Which batches the CPU convolutions run in blocks of samples (lowered, multiplied and placed by one
 * thread each) and which over the whole batch: KernelsAgreeTest's conv-workload shapes check both
 * paths against the reference kernels only as long as these hold.
 */
class CpuConvolutionsBlocksTest {
    private static ConvGeometry halving(int in, int side, int out) {
        return ConvGeometry.of(in, side, side, out, 4, 4, 2, 2, 1, 1, 1, 1);
    }

    @Test
    void theConvWorkloadsLayersRunInBlocksButTheLast() {
        assertTrue(CpuConvolutions.fused(halving(1, 32, 4), 100));
        assertTrue(CpuConvolutions.fused(halving(4, 16, 8), 100));
        assertTrue(CpuConvolutions.fused(halving(8, 8, 16), 100));
        assertFalse(CpuConvolutions.fused(halving(16, 4, 32), 100), "2 x 2 outputs: 52-row blocks");
        // a batch of 37 leaves a ragged last block of the 16 x 16 layer, and runs the 8 x 8 one whole
        assertTrue(CpuConvolutions.fused(halving(4, 16, 8), 37));
        assertEquals(1, 37 % CpuConvolutions.fusedGroup(halving(4, 16, 8), 37));
        assertFalse(CpuConvolutions.fused(halving(8, 8, 16), 37));
    }

    @Test
    void blocksDependOnTheBatchOnlyAndCoverIt() {
        ConvGeometry g = halving(4, 16, 8);
        assertEquals(4, CpuConvolutions.fusedGroup(g, 100), "4 samples of 64 positions: 256 rows");
        assertEquals(1, CpuConvolutions.fusedGroup(g, 1));
        assertEquals(1, CpuConvolutions.fusedGroup(halving(1, 32, 4), 100), "256 positions a sample");
        // a single sample's operator (the operator norm's power iteration) runs whole unless it is large
        assertFalse(CpuConvolutions.fused(halving(8, 8, 16), 1));
    }
}
