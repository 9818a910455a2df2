package dev.lva.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DataDigestTest {
    private static double[] values(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.sin(i) * 10;
        }
        return v;
    }

    private static INDArray table(double[] v, int rows, int cols) {
        return Nd4j.create(v.clone(), new long[] {rows, cols}, 'c');
    }

    @Test
    void theSameValuesGiveTheSameDigestWhateverTheirLayout() {
        double[] v = values(12);
        INDArray c = table(v, 4, 3);
        DataDigest d = DataDigest.of(c);
        assertEquals(d, DataDigest.of(c.dup('f')), "an f-ordered copy holds the same data");
        assertEquals(d, DataDigest.of(new long[] {4, 3}, v), "the sweep's arrays hash as the matrix does");
        assertEquals(d, DataDigest.parse(d.text(), d.shape()));
        assertEquals("4 x 3 float64", d.shape());
        assertEquals(12, d.shortText().length());
        assertTrue(d.text().startsWith("sha256:"));
    }

    @Test
    void reorderedCutOrEditedDataGiveAnotherDigest() {
        double[] v = values(12);
        DataDigest d = DataDigest.of(table(v, 4, 3));
        INDArray reordered = table(v, 4, 3).getRows(1, 0, 2, 3);
        assertFalse(d.sameData(DataDigest.of(reordered)), "rows reordered");
        assertFalse(d.sameData(DataDigest.of(table(v, 4, 3).getRows(0, 1, 2))), "a row cut");
        double[] edited = v.clone();
        edited[7] = Math.nextUp(edited[7]);
        assertFalse(d.sameData(DataDigest.of(table(edited, 4, 3))), "one value off by one ulp");
        assertFalse(d.sameData(DataDigest.of(table(v, 3, 4))), "the same values in another shape");
        assertFalse(d.sameData(DataDigest.of(table(v, 4, 3).castTo(DataType.FLOAT))), "another precision");
    }

    @Test
    void aLargeSetHashedASliceAtATimeMatchesItsWholeArray() {
        // more values than one slice, so the INDArray path reads several slices of rows
        int rows = 1100;
        int cols = 1000;
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i % 977) * 0.5f;
        }
        INDArray x = Nd4j.create(v.clone(), new long[] {rows, cols}, 'c');
        assertEquals(DataDigest.of(new long[] {rows, cols}, v), DataDigest.of(x));
        INDArray images = Nd4j.create(v.clone(), new long[] {rows, 1, 20, 50}, 'c');
        DataDigest img = DataDigest.of(images);
        assertEquals(DataDigest.of(new long[] {rows, 1, 20, 50}, v), img);
        assertNotEquals(DataDigest.of(x).hex(), img.hex(), "the shape is part of what is hashed");
    }

    @Test
    void aStringThatIsNoDigestIsRefused() {
        assertThrows(CheckpointException.class, () -> DataDigest.parse("md5:abc", "1 x 1 float64"));
    }
}
