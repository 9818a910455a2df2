package dev.lva.run.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SweepFolderTest {
    @Test
    void aRunMovedAsideByAKilledOverwriteIsKnownByItsName() {
        assertEquals("seed-1", SweepFolder.originalName(".seed-1.0b1e-uuid.old"));
        assertEquals("lambda=0.01_seed=3", SweepFolder.originalName(".lambda=0.01_seed=3.5f0c2a.old"));
    }
}
