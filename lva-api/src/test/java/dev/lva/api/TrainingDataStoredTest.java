package dev.lva.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Training data read from a file counts the file's rows and holds a sample of the same width. */
class TrainingDataStoredTest {
    private static StoredRows rows(int n, int cols) {
        return new StoredRows() {
            @Override
            public int rows() {
                return n;
            }

            @Override
            public int cols() {
                return cols;
            }

            @Override
            public long[] sampleShape() {
                return new long[] {1, 1, cols};
            }

            @Override
            public String source() {
                return "x.npy";
            }

            @Override
            public void read(int row, byte[] into) {
            }
        };
    }

    @Test
    void countsTheStoredRowsAndAutoencodes() {
        INDArray sample = Nd4j.zeros(DataType.UBYTE, 3, 1, 2, 2);
        TrainingData d = TrainingData.stored(rows(1000, 4), sample);
        assertEquals(1000, d.rows());
        assertTrue(d.isAutoencoding());
        assertSame(sample, d.inputs());
    }

    @Test
    void refusesASampleOfAnotherWidthAndNoRows() {
        INDArray sample = Nd4j.zeros(DataType.UBYTE, 3, 1, 2, 2);
        assertTrue(assertThrows(LvaException.class, () -> TrainingData.stored(rows(10, 9), sample)).getMessage()
                .contains("rows of 9 values"));
        assertTrue(assertThrows(LvaException.class, () -> TrainingData.stored(rows(0, 4), sample)).getMessage()
                .contains("no rows"));
        assertThrows(LvaException.class, () -> new TrainingData(sample, sample.dup(), rows(10, 4)));
    }
}
