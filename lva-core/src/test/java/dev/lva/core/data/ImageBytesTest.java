package dev.lva.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The conversion of stored bytes to pixels against the whole-array path the readers used before
 * (a float32 array of 0..255, divided by 255 in place, then framed by {@link ImageFiles#frame} and
 * cast for a float64 run): the same bits, every byte value, every kind of frame.
 */
class ImageBytesTest {
    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        // every value at least once
        for (int i = 0; i < Math.min(n, 256); i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    private static INDArray ubyte(byte[] values, long... shape) {
        INDArray a = Nd4j.create(DataType.UBYTE, shape);
        for (int i = 0; i < values.length; i++) {
            a.putScalar(i, values[i] & 0xff);
        }
        return a;
    }

    /** The old path: float32 0..255, divided by 255 in place, framed, then cast. */
    private static INDArray wholeArray(byte[] values, long[] shape, int side, DataType type) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = values[i] & 0xff;
        }
        INDArray a = Nd4j.create(f, shape, 'c').divi(255f);
        INDArray framed = side == 0 ? a : ImageFiles.frame(a, side);
        return type == DataType.FLOAT ? framed : framed.castTo(type);
    }

    @Test
    void everyByteGivesTheFloatThatDividingTheWholeArrayGave() {
        for (int[] dims : new int[][] {{3, 1, 28, 28, 32}, {2, 3, 5, 7, 8}, {2, 3, 5, 7, 4}, {4, 1, 9, 9, 0},
                {1, 2, 6, 3, 5}, {5, 1, 16, 16, 16}, {1, 1, 1, 1, 3}}) {
            long[] shape = {dims[0], dims[1], dims[2], dims[3]};
            int side = dims[4];
            byte[] values = randomBytes(dims[0] * dims[1] * dims[2] * dims[3], side);
            for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
                INDArray expected = wholeArray(values, shape, side, type);
                INDArray got = new ImageBytes(ubyte(values, shape)).toFloats(type, side);
                assertArrayEquals(expected.shape(), got.shape());
                assertEquals(type, got.dataType());
                double[] e = expected.dup('c').data().asDouble();
                double[] g = got.data().asDouble();
                for (int i = 0; i < e.length; i++) {
                    assertEquals(Double.doubleToRawLongBits(e[i]), Double.doubleToRawLongBits(g[i]),
                            "value " + i + " of " + java.util.Arrays.toString(dims) + " as " + type);
                }
            }
        }
    }

    @Test
    void theRuleIsFloat32Division() {
        for (int b = 0; b < 256; b++) {
            assertEquals(Float.floatToRawIntBits((float) b / 255f), Float.floatToRawIntBits(ImageBytes.pixel((byte) b)));
        }
        assertEquals(1f, ImageBytes.pixel((byte) 0xff));
    }

    @Test
    void refusesWhatIsNotWholeImageBytes() {
        assertThrows(IllegalArgumentException.class, () -> new ImageBytes(Nd4j.create(DataType.FLOAT, 1, 1, 2, 2)));
        assertThrows(IllegalArgumentException.class, () -> new ImageBytes(Nd4j.create(DataType.UBYTE, 2, 4)));
        INDArray four = Nd4j.create(DataType.UBYTE, 2, 1, 2, 2);
        INDArray view = four.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 2));
        assertThrows(IllegalArgumentException.class, () -> new ImageBytes(view));
        assertThrows(IllegalArgumentException.class,
                () -> new ImageBytes(four).toFloats(DataType.INT, 0));
    }
}
