package dev.lva.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lva.core.data.DataException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Batches of images: .npy of rank 3 and 4 (uint8, float32, float64) and IDX files as MNIST ships them. */
class ImageFilesTest {
    @TempDir
    Path dir;

    private Path uint8Npy(String name, long[] shape, byte[] data) throws IOException {
        Path f = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(f)) {
            out.write(Npy.header("|u1", shape));
            out.write(data);
        }
        return f;
    }

    @Test
    void uint8ImagesAreReadAs0To255() throws IOException {
        byte[] pixels = new byte[2 * 3 * 4];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 11);
        }
        Path f = uint8Npy("grey.npy", new long[] {2, 3, 4}, pixels);
        INDArray a = Npy.read(f);
        assertEquals(DataType.FLOAT, a.dataType());
        assertArrayEquals(new long[] {2, 3, 4}, a.shape());
        assertEquals(253, a.getDouble(23), 0); // 23 * 11 = 253, unsigned
        assertEquals(0, a.getDouble(0), 0);
        assertEquals(11 * 5, a.getDouble(0, 1, 1), 0);
        // a grey batch read as one-channel images
        INDArray images = Npy.readSamples(f, 1, 3, 4);
        assertArrayEquals(new long[] {2, 1, 3, 4}, images.shape());
        assertEquals(11 * 17, images.getDouble(1, 0, 1, 1), 0);
    }

    @Test
    void float32AndFloat64ImagesOfRankFour() throws IOException {
        for (DataType t : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray x = Nd4j.rand(t, 3, 2, 4, 5);
            Path f = dir.resolve("x-" + t + ".npy");
            Npy.write(f, x);
            INDArray back = Npy.readSamples(f, 2, 4, 5);
            assertEquals(t, back.dataType());
            assertEquals(x, back);
        }
    }

    @Test
    void aWrongShapeNamesTheFileAndBothShapes() throws IOException {
        Path f = uint8Npy("small.npy", new long[] {4, 28, 28}, new byte[4 * 28 * 28]);
        DataException e = assertThrows(DataException.class, () -> Npy.readSamples(f, 1, 32, 32));
        assertEquals(f + ": expected N x 1 x 32 x 32, got 4 x 28 x 28", e.getMessage());
        Path g = dir.resolve("rgb.npy");
        Npy.write(g, Nd4j.zeros(DataType.FLOAT, 2, 3, 8, 8));
        DataException channels = assertThrows(DataException.class, () -> Npy.readSamples(g, 1, 8, 8));
        assertEquals(g + ": expected N x 1 x 8 x 8, got 2 x 3 x 8 x 8", channels.getMessage());
    }

    private Path idx(String name, int[] dims, byte[] data, boolean gzip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(gzip ? new GZIPOutputStream(bytes) : bytes)) {
            out.writeInt(0x0800 | dims.length);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
        Path f = dir.resolve(name);
        Files.write(f, bytes.toByteArray());
        return f;
    }

    @Test
    void idxFilesGzippedOrNot() throws IOException {
        byte[] data = new byte[3 * 2 * 2];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (250 + i);
        }
        for (boolean gzip : new boolean[] {true, false}) {
            Path f = idx("images-" + gzip, new int[] {3, 2, 2}, data, gzip);
            INDArray all = Idx.read(f, -1);
            assertArrayEquals(new long[] {3, 2, 2}, all.shape());
            assertEquals(250, all.getDouble(0), 0);
            assertEquals((byte) 261 & 0xff, all.getDouble(11), 0);
            INDArray two = Idx.read(f, 2);
            assertArrayEquals(new long[] {2, 2, 2}, two.shape());
            assertEquals(all.getDouble(7), two.getDouble(7), 0);
        }
        Path truncated = idx("short", new int[] {3, 2, 2}, new byte[5], true);
        assertEquals(truncated + ": truncated: the header declares 3 samples of 4 values, the data ends inside"
                + " sample 2 (1 of its 4 values) of shape 2 x 2", assertThrows(DataException.class,
                () -> Idx.read(truncated, -1)).getMessage());
        Path text = dir.resolve("text");
        Files.writeString(text, "hello, world");
        assertThrows(DataException.class, () -> Idx.read(text, -1));
    }
}
