package dev.lva.core.nn;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

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
    }
}
