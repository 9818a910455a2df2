package dev.lva.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.core.data.DataException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

class LabelsTest {
    @TempDir
    Path dir;

    /** An IDX file of unsigned bytes with the given shape and data. */
    private static byte[] idx(int[] shape, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * shape.length + data.length).order(ByteOrder.BIG_ENDIAN);
        b.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) shape.length);
        for (int d : shape) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        }
        return out.toByteArray();
    }

    /** A .npy file of int64 values. */
    private static byte[] npyLongs(long[] shape, long... values) {
        byte[] header = Npy.header("<i8", shape);
        ByteBuffer b = ByteBuffer.allocate(header.length + 8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(header);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    @Test
    void readsIdxLabelsPlainAndGzipped() throws IOException {
        byte[] file = idx(new int[] {5}, new byte[] {0, 9, 3, (byte) 200, 9});
        Labels plain = Labels.read(write("train-labels-idx1-ubyte", file));
        assertArrayEquals(new int[] {0, 9, 3, 200, 9}, plain.classes());
        assertArrayEquals(new int[] {0, 3, 9, 200}, plain.distinct());
        Labels zipped = Labels.read(write("train-labels-idx1-ubyte.gz", gzip(file)));
        assertArrayEquals(plain.classes(), zipped.classes());
    }

    @Test
    void refusesIdxImagesTrailingBytesAndShortData() throws IOException {
        Path images = write("images", idx(new int[] {2, 2, 2}, new byte[8]));
        DataException e = assertThrows(DataException.class, () -> Labels.read(images));
        assertTrue(e.getMessage().contains(images.toString()) && e.getMessage().contains("2 x 2 x 2")
                && e.getMessage().contains("1-D"), e.getMessage());
        Path trailing = write("trailing", idx(new int[] {3}, new byte[] {1, 2, 3, 4}));
        e = assertThrows(DataException.class, () -> Labels.read(trailing));
        assertTrue(e.getMessage().contains("1 bytes follow the data"), e.getMessage());
        Path shortData = write("short", idx(new int[] {3}, new byte[] {1, 2}));
        e = assertThrows(DataException.class, () -> Labels.read(shortData));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void readsNpyIntegerVectorsAndWholeFloats() throws IOException {
        Labels longs = Labels.read(write("y.npy", npyLongs(new long[] {4}, 3, 1, 4, 1)));
        assertArrayEquals(new int[] {3, 1, 4, 1}, longs.classes());
        Labels column = Labels.read(write("col.npy", npyLongs(new long[] {3, 1}, 2, 7, 1)));
        assertArrayEquals(new int[] {2, 7, 1}, column.classes());
        Path floats = dir.resolve("f.npy");
        Npy.write(floats, Nd4j.createFromArray(1.0, 2.0, 5.0));
        assertArrayEquals(new int[] {1, 2, 5}, Labels.read(floats).classes());
    }

    @Test
    void refusesNpyFractionsMatricesAndTrailingData() throws IOException {
        Path fraction = dir.resolve("frac.npy");
        Npy.write(fraction, Nd4j.createFromArray(1.0, 2.5));
        DataException e = assertThrows(DataException.class, () -> Labels.read(fraction));
        assertTrue(e.getMessage().contains(fraction.toString()) && e.getMessage().contains("label 1 is 2.5"),
                e.getMessage());
        Path matrix = write("m.npy", npyLongs(new long[] {2, 2}, 1, 2, 3, 4));
        e = assertThrows(DataException.class, () -> Labels.read(matrix));
        assertTrue(e.getMessage().contains("vector") && e.getMessage().contains("(2, 2)"), e.getMessage());
        byte[] good = npyLongs(new long[] {2}, 1, 2);
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 3);
        Path trailing = write("t.npy", longer);
        assertThrows(DataException.class, () -> Labels.read(trailing));
    }

    @Test
    void readsACsvColumnOfNumbersOrNames() throws IOException {
        Path csv = dir.resolve("labels.csv");
        Files.writeString(csv, "x,label,name\n0.5,1,cat\n0.25,0,dog\n1.5,1,ant\n");
        assertArrayEquals(new int[] {1, 0, 1}, Labels.readCsv(csv, "label").classes());
        assertArrayEquals(new int[] {1, 0, 1}, Labels.readCsv(csv, "1").classes());
        Labels names = Labels.readCsv(csv, "name");
        assertEquals(List.of("ant", "cat", "dog"), names.names());
        assertArrayEquals(new int[] {1, 2, 0}, names.classes());
        DataException e = assertThrows(DataException.class, () -> Labels.readCsv(csv, "x"));
        assertTrue(e.getMessage().contains("column x") && e.getMessage().contains("label 0 is 0.5"), e.getMessage());
        e = assertThrows(DataException.class, () -> Labels.readCsv(csv, "nope"));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        e = assertThrows(DataException.class, () -> Labels.read(csv));
        assertTrue(e.getMessage().contains("column"), e.getMessage());
    }

    @Test
    void readsFashionMnistsTestLabelsWhereThePackageInstallsThem() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Labels.FASHION_MNIST.resolve(
                "t10k-labels-idx1-ubyte.gz")), "dataset-fashion-mnist is not installed");
        Labels l = Labels.fashionMnist(false);
        assertEquals(10_000, l.size());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, l.distinct());
        // the test set is balanced: 1,000 of each class
        assertEquals(1000, java.util.Arrays.stream(l.classes()).filter(c -> c == 3).count());
    }

    @Test
    void refusesAMissingFileOtherFormatsAndTheWrongCount() throws IOException {
        DataException e = assertThrows(DataException.class, () -> Labels.read(dir.resolve("none")));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
        Path text = write("labels.txt", "1\n2\n".getBytes());
        e = assertThrows(DataException.class, () -> Labels.read(text));
        assertTrue(e.getMessage().contains("not a label file"), e.getMessage());
        Labels l = Labels.of(new int[] {1, 2, 3}, "given");
        e = assertThrows(DataException.class, () -> l.requireRows(4, "data.npy"));
        assertEquals("given: 3 labels, but data.npy has 4 rows; give one label per row", e.getMessage());
        assertArrayEquals(new int[] {3, 1}, l.rows(new int[] {2, 0}).classes());
    }
}
