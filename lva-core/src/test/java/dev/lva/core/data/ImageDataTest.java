package dev.lva.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lva.api.LvaException;
import dev.lva.api.TrainingData;
import dev.lva.core.tensor.Matrix;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Datasets and training data of images (N x H x W, N x C x H x W): samples are whole images. */
class ImageDataTest {

    @Test
    void aDatasetOfImagesPicksWholeImages() {
        INDArray x = Nd4j.arange(5 * 2 * 3 * 3).castTo(DataType.FLOAT).reshape(5, 2, 3, 3);
        Dataset d = new Dataset(x);
        assertEquals(5, d.rows());
        assertEquals(18, d.cols());
        assertArrayEquals(new long[] {2, 3, 3}, d.sampleShape());
        Dataset picked = d.rows(new int[] {3, 1});
        assertArrayEquals(new long[] {2, 2, 3, 3}, picked.features().shape());
        assertEquals(x.getDouble(3, 1, 2, 0), picked.features().getDouble(0, 1, 2, 0), 0);
        Dataset.Split split = d.split(0.4, 1);
        assertEquals(3, split.train().rows());
        assertArrayEquals(new long[] {2, 2, 3, 3}, split.test().features().shape());
        int seen = 0;
        for (INDArray b : d.batches(2, true, 3)) {
            assertEquals(4, b.rank());
            seen += (int) b.size(0);
        }
        assertEquals(5, seen);
        LvaException e = assertThrows(LvaException.class, () -> d.select(0));
        assertEquals("columns are selected from a table; this dataset holds images of shape [2, 3, 3]", e.getMessage());
        assertThrows(LvaException.class, () -> new Dataset(Nd4j.zeros(2, 2, 2, 2, 2)));
    }

    @Test
    void trainingDataTakesImagesAndAMatrixViewOfThemSharesTheirMemory() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, 3, 3);
        TrainingData data = TrainingData.autoencoding(x);
        assertEquals(4, data.rows());
        Matrix m = Matrix.copyOf(x, DataType.FLOAT);
        assertEquals(4, m.rows());
        assertEquals(9, m.cols());
        assertArrayEquals(new long[] {4, 9}, m.array().shape());
        m.set(1, 2, 7);
        assertEquals(7, x.getDouble(1, 0, 0, 2), 0, "the matrix is a view of the images");
        LvaException e = assertThrows(LvaException.class, () -> new TrainingData(x, Nd4j.zeros(3, 9)));
        assertEquals("inputs have 4 rows but targets have 3", e.getMessage());
        assertThrows(LvaException.class, () -> TrainingData.autoencoding(Nd4j.zeros(5)));
    }
}
