package dev.lva.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.core.tensor.Matrix;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class BuffersTest {

    @Test
    void aBatchSizeKeepsItsMatricesUntilEveryBufferIsReleased() {
        Buffers a = new Buffers(2);
        Buffers b = new Buffers(1);
        Matrix a200 = a.get(0, 200, 8, DataType.FLOAT);
        Matrix b200 = b.get(0, 200, 8, DataType.FLOAT);
        Matrix a40 = a.get(1, 40, 8, DataType.FLOAT);
        assertSame(a200, a.get(0, 200, 8, DataType.FLOAT), "steady state: the same matrix");
        assertSame(a40, a.get(1, 40, 8, DataType.FLOAT));
        // after training, before the analysis: a run that trained on a batch of 200 images of the
        // 64 x 64 CelebA net held 1.25 GB of them, and the analysis ran out of array memory beside them
        Buffers.releaseOnThisThread();
        Matrix again = a.get(0, 200, 8, DataType.FLOAT);
        assertNotSame(a200, again, "released: allocated afresh");
        assertNotSame(b200, b.get(0, 200, 8, DataType.FLOAT), "every layer's buffers, not one");
        assertNotSame(a40, a.get(1, 40, 8, DataType.FLOAT), "every batch size's");
        assertSame(again, a.get(0, 200, 8, DataType.FLOAT), "and kept again after that");
    }

    /** Another thread's release (another run of a sweep ending) leaves this thread's matrices alone. */
    @Test
    void aReleaseOnAnotherThreadKeepsThisThreadsMatrices() throws Exception {
        Buffers a = new Buffers(1);
        Matrix kept = a.get(0, 100, 4, DataType.FLOAT);
        Thread other = new Thread(Buffers::releaseOnThisThread);
        other.start();
        other.join();
        assertSame(kept, a.get(0, 100, 4, DataType.FLOAT), "a step between forward and backward keeps its matrices");
        assertFalse(kept.array().wasClosed(), "nor frees them");
    }

    /**
     * Matrices a release or a fifth batch size replaces are freed at once, not left to the collector:
     * a run's analysis after training passed batch sizes whose dropped matrices (the lowered inputs of
     * conv-lvae's default channels among them) stayed resident, hundreds of MB, until a collection.
     */
    @Test
    void replacedMatricesAreFreedAtOnceAndKeptOnesAreNot() {
        Buffers a = new Buffers(2);
        Matrix first = a.get(0, 10, 3, DataType.FLOAT);
        Matrix firstOther = a.get(1, 10, 5, DataType.FLOAT);
        Matrix[] kept = new Matrix[4];
        for (int i = 0; i < 4; i++) {
            kept[i] = a.get(0, 11 + i, 3, DataType.FLOAT);
        }
        assertTrue(first.array().wasClosed(), "the set of the batch size a fifth one replaced is freed");
        assertTrue(firstOther.array().wasClosed(), "every slot of it");
        for (Matrix m : kept) {
            assertFalse(m.array().wasClosed(), "the four batch sizes kept stay usable");
        }
        kept[3].array().assign(2);
        assertEquals(2 * 14 * 3, kept[3].array().sumNumber().doubleValue(), 1e-12);

        Matrix wide = a.get(1, 14, 5, DataType.FLOAT);
        Matrix wider = a.get(1, 14, 6, DataType.FLOAT);
        assertTrue(wide.array().wasClosed(), "a slot's matrix of other columns is replaced and freed");
        assertFalse(wider.array().wasClosed());

        Buffers.releaseOnThisThread();
        Matrix fresh = a.get(0, 14, 3, DataType.FLOAT);
        for (Matrix m : kept) {
            assertTrue(m.array().wasClosed(), "a release frees every batch size's matrices");
        }
        assertTrue(wider.array().wasClosed());
        assertFalse(fresh.array().wasClosed(), "and the matrix allocated afresh is live");
    }
}
