package dev.lva.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.core.checkpoint.DataDigest;
import dev.lva.core.io.Npy;
import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rows read from a uint8 .npy or an uncompressed IDX file a row at a time are the rows the file read into memory holds, byte for
 * byte (framed, limited, channels-last), rows past 2 GB are found, and a file that changes or is not
 * what the reader reads is refused with an error naming it.
 */
class ImageFileRowsTest {
    @TempDir
    Path dir;

    private Path npy(String name, String dtype, long[] shape, byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Npy.header(dtype, shape));
        out.write(data);
        return Files.write(dir.resolve(name), out.toByteArray());
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] bytesOf(INDArray a) {
        byte[] out = new byte[(int) a.length()];
        a.data().asNio().get(out);
        return out;
    }

    private void sameAsInMemory(Path file, ImageFiles.Options options) {
        INDArray memory = ImageFiles.readBytes(file, options).features();
        try (ImageFileRows rows = ImageFileRows.open(file, options)) {
            assertArrayEquals(memory.shape(), rows.shape(), "the shape the reader in memory gives");
            INDArray read = rows.bytes(0, rows.rows());
            assertArrayEquals(bytesOf(memory), bytesOf(read), "every byte, in place");
            assertEquals(DataDigest.of(memory, DataType.FLOAT), DataDigest.of(rows, DataType.FLOAT),
                    "the digest of the rows in the file is the digest of the same rows in memory");
            assertEquals(DataDigest.of(memory, DataType.DOUBLE), DataDigest.of(rows, DataType.DOUBLE));
        }
    }

    @Test
    void rowsAreTheRowsInMemoryPaddedCroppedLimitedAndChannelsLast() throws Exception {
        Path grey = npy("grey.npy", "|u1", new long[] {7, 5, 6}, random(7 * 5 * 6, 1));
        sameAsInMemory(grey, new ImageFiles.Options(0, 0));
        sameAsInMemory(grey, new ImageFiles.Options(9, 0));
        sameAsInMemory(grey, new ImageFiles.Options(4, 3));
        sameAsInMemory(grey, new ImageFiles.Options(8, 100));
        Path rgb = npy("rgb.npy", "|u1", new long[] {5, 3, 6, 6}, random(5 * 3 * 36, 2));
        sameAsInMemory(rgb, new ImageFiles.Options(0, 0));
        sameAsInMemory(rgb, new ImageFiles.Options(9, 2));
        Path last = npy("last.npy", "|u1", new long[] {4, 6, 5, 3}, random(4 * 90, 3));
        sameAsInMemory(last, new ImageFiles.Options(0, 0, ImageFiles.Layout.NHWC));
        sameAsInMemory(last, new ImageFiles.Options(8, 0, ImageFiles.Layout.NHWC));
    }

    @Test
    void picksRowsInTheOrderAsked() throws Exception {
        Path f = npy("p.npy", "|u1", new long[] {6, 2, 3}, random(36, 4));
        INDArray memory = ImageFiles.readBytes(f, new ImageFiles.Options(0, 0)).features();
        try (ImageFileRows rows = ImageFileRows.open(f, new ImageFiles.Options(0, 0))) {
            byte[] row = new byte[rows.cols()];
            rows.read(4, row);
            assertArrayEquals(bytesOf(memory.get(org.nd4j.linalg.indexing.NDArrayIndex.point(4)).dup('c')), row);
            assertArrayEquals(bytesOf(ImageFiles.readBytes(f, new ImageFiles.Options(0, 0)).rows(new int[] {5, 0}).features()),
                    bytesOf(rows.bytes(new int[] {5, 0})));
            assertThrows(IndexOutOfBoundsException.class, () -> rows.read(6, row));
        }
    }

    @Test
    void offsetsPast2GbAreLongArithmetic() {
        // a map's window is at most 2^31 - 1 bytes; a row's place is a long
        long rowBytes = 3 * 64 * 64;
        assertEquals(128 + 199_999L * rowBytes, ImageFileRows.offset(128, 199_999, rowBytes));
        assertTrue(ImageFileRows.offset(128, 199_999, rowBytes) > Integer.MAX_VALUE);
        assertThrows(ArithmeticException.class, () -> ImageFileRows.offset(0, Long.MAX_VALUE / 2, 3));
    }

    @Test
    void aSparseFileOfMoreThan2GbIsReadPastItsFirst2Gb() throws Exception {
        // 600,000 images of 64 x 64: 2.46 GB of which only the header and two rows are written (a sparse file)
        long n = 600_000;
        int side = 64;
        byte[] header = Npy.header("|u1", new long[] {n, side, side});
        Path f = dir.resolve("large.npy");
        long rowBytes = (long) side * side;
        long boundaryRow = (Integer.MAX_VALUE - header.length) / rowBytes; // the row holding byte 2^31 - 1
        byte[] a = random((int) rowBytes, 5);
        byte[] b = random((int) rowBytes, 6);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.write(header);
            raf.setLength(header.length + n * rowBytes);
            raf.seek(header.length + boundaryRow * rowBytes);
            raf.write(a);
            raf.seek(header.length + (n - 1) * rowBytes);
            raf.write(b);
        }
        assertTrue(Files.size(f) > (1L << 31));
        try (ImageFileRows rows = ImageFileRows.open(f, new ImageFiles.Options(0, 0))) {
            assertEquals(n, rows.rows());
            byte[] row = new byte[rows.cols()];
            rows.read((int) boundaryRow, row);
            assertArrayEquals(a, row, "the row across 2^31");
            rows.read((int) (n - 1), row);
            assertArrayEquals(b, row, "the last row");
            rows.read(1000, row);
            assertArrayEquals(new byte[row.length], row, "a hole reads as zeros");
        }
    }

    @Test
    void aFileTruncatedWhileReadIsAnErrorNamingIt() throws Exception {
        Path f = npy("t.npy", "|u1", new long[] {10, 4, 4}, random(160, 7));
        try (ImageFileRows rows = ImageFileRows.open(f, new ImageFiles.Options(0, 0))) {
            try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                raf.setLength(Files.size(f) - 40);
            }
            byte[] row = new byte[16];
            rows.read(0, row); // still there
            DataException e = assertThrows(DataException.class, () -> rows.read(9, row));
            assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("changed"), e.getMessage());
            // a row still inside the file is refused too once the reader looks at the file's length
            DataException later = assertThrows(DataException.class, () -> {
                for (int i = 0; i <= ImageFileRows.CHECK_EVERY; i++) {
                    rows.read(0, row);
                }
            });
            assertTrue(later.getMessage().contains("it had"), later.getMessage());
        }
    }

    @Test
    void aFileRewrittenInPlaceIsAnError() throws Exception {
        Path f = npy("w.npy", "|u1", new long[] {10, 4, 4}, random(160, 8));
        try (ImageFileRows rows = ImageFileRows.open(f, new ImageFiles.Options(0, 0))) {
            Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 5000));
            byte[] row = new byte[16];
            DataException e = assertThrows(DataException.class, () -> {
                for (int i = 0; i <= ImageFileRows.CHECK_EVERY; i++) {
                    rows.read(i % 10, row);
                }
            });
            assertTrue(e.getMessage().contains("modified"), e.getMessage());
        }
    }

    @Test
    void aFileRemovedWhileOpenIsStillReadAsOpened() throws Exception {
        byte[] data = random(160, 9);
        Path f = npy("r.npy", "|u1", new long[] {10, 4, 4}, data);
        try (ImageFileRows rows = ImageFileRows.open(f, new ImageFiles.Options(0, 0))) {
            Files.delete(f);
            byte[] row = new byte[16];
            for (int i = 0; i <= ImageFileRows.CHECK_EVERY; i++) {
                rows.read(9, row);
            }
            assertArrayEquals(java.util.Arrays.copyOfRange(data, 144, 160), row);
        }
    }

    @Test
    void whatItCannotReadIsRefusedWithTheReason() throws Exception {
        Path floats = npy("f.npy", "<i8", new long[] {2, 2, 2}, new byte[64]);
        assertTrue(assertThrows(DataException.class, () -> ImageFileRows.open(floats, new ImageFiles.Options(0, 0)))
                .getMessage().contains("holds int64 (dtype '<i8'): only a .npy of uint8, or of little-endian float32"));
        ByteArrayOutputStream fortran = new ByteArrayOutputStream();
        String dict = "{'descr': '|u1', 'fortran_order': True, 'shape': (2, 2, 2), }";
        byte[] h = Npy.header("|u1", new long[] {2, 2, 2});
        String text = new String(h, java.nio.charset.StandardCharsets.ISO_8859_1);
        int open = text.indexOf('{');
        String padded = dict + " ".repeat(h.length - open - dict.length() - 1) + "\n";
        fortran.write(h, 0, open);
        fortran.write(padded.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        fortran.write(new byte[8]);
        Path f = Files.write(dir.resolve("fortran.npy"), fortran.toByteArray());
        assertTrue(assertThrows(DataException.class, () -> ImageFileRows.open(f, new ImageFiles.Options(0, 0)))
                .getMessage().contains("Fortran order"));
        assertFalse(ImageFileRows.canRead(f));
        Path table = npy("table.npy", "|u1", new long[] {4, 3}, new byte[12]);
        assertTrue(assertThrows(DataException.class, () -> ImageFileRows.open(table, new ImageFiles.Options(0, 0)))
                .getMessage().contains("rank 2"));
        Path empty = npy("empty.npy", "|u1", new long[] {0, 3, 3}, new byte[0]);
        assertTrue(assertThrows(DataException.class, () -> ImageFileRows.open(empty, new ImageFiles.Options(0, 0)))
                .getMessage().contains("no images"));
        Path truncated = Files.write(dir.resolve("trunc.npy"), java.util.Arrays.copyOf(Files.readAllBytes(
                npy("whole.npy", "|u1", new long[] {3, 2, 2}, new byte[12])), 100));
        assertTrue(assertThrows(DataException.class, () -> ImageFileRows.open(truncated, new ImageFiles.Options(0, 0)))
                .getMessage().contains("truncated"));
        assertTrue(assertThrows(DataException.class, () -> ImageFileRows.open(dir.resolve("none.npy"),
                new ImageFiles.Options(0, 0))).getMessage().contains("no such file"));
    }

    @Test
    void theModeAndTheSizeDecideWhetherImagesAreReadFromTheFile() throws Exception {
        Path f = npy("m.npy", "|u1", new long[] {10, 4, 4}, new byte[160]);
        ImageFiles.Options o = new ImageFiles.Options(0, 0);
        assertTrue(ImageStreaming.fromFile(f, o, ImageStreaming.Mode.AUTO, 4 * 160 - 1), "more than a quarter");
        assertFalse(ImageStreaming.fromFile(f, o, ImageStreaming.Mode.AUTO, 4 * 160), "a quarter");
        assertTrue(ImageStreaming.fromFile(f, new ImageFiles.Options(8, 0), ImageStreaming.Mode.AUTO, 4 * 640 - 1),
                "sized framed");
        assertFalse(ImageStreaming.fromFile(f, o, ImageStreaming.Mode.NEVER, 0));
        assertTrue(ImageStreaming.fromFile(f, o, ImageStreaming.Mode.ALWAYS, Long.MAX_VALUE));
        Path floats = npy("f.npy", "<i4", new long[] {2, 2, 2}, new byte[32]);
        assertFalse(ImageStreaming.fromFile(floats, o, ImageStreaming.Mode.AUTO, 0), "int32 stays in memory");
        Path idx = idx("x-idx3-ubyte", new long[] {3, 4, 4}, random(48, 6));
        assertTrue(ImageStreaming.fromFile(idx, o, ImageStreaming.Mode.ALWAYS, 0), "an uncompressed IDX file is read by rows");
        assertTrue(ImageStreaming.fromFile(idx, o, ImageStreaming.Mode.AUTO, 4 * 48 - 1));
        Path table = Files.writeString(dir.resolve("t.csv"), "a,b\n1,2\n");
        assertTrue(assertThrows(DataException.class, () -> ImageStreaming.fromFile(table, o, ImageStreaming.Mode.ALWAYS,
                0)).getMessage().startsWith("--stream always: " + table + " is a table"));
        assertTrue(assertThrows(DataException.class, () -> ImageStreaming.fromFile(dir, o, ImageStreaming.Mode.ALWAYS,
                0)).getMessage().contains("is a folder of images"));
        assertTrue(assertThrows(DataException.class, () -> ImageStreaming.open(floats, o, ImageStreaming.Mode.ALWAYS))
                .getMessage().startsWith("--stream always: " + floats + ": holds int32"));
        assertTrue(assertThrows(DataException.class, () -> ImageStreaming.parse("sometimes")).getMessage()
                .equals("--stream sometimes: expected auto, always or never"));
        assertEquals(ImageStreaming.Mode.NEVER, ImageStreaming.parse(" Never "));
        // a header's own refusal (read before the rows are opened) names the option too
        Path truncated = Files.write(dir.resolve("cut.npy"), java.util.Arrays.copyOf(Files.readAllBytes(f), 150));
        String cut = assertThrows(DataException.class, () -> ImageStreaming.open(truncated, o, ImageStreaming.Mode.ALWAYS))
                .getMessage();
        assertTrue(cut.startsWith("--stream always: " + truncated + ": truncated"), cut);
        Path bigEndian = npy("be.npy", ">f4", new long[] {2, 2, 2}, new byte[32]);
        assertTrue(assertThrows(DataException.class, () -> ImageStreaming.open(bigEndian, o, ImageStreaming.Mode.ALWAYS))
                .getMessage().contains("holds float32 (dtype '>f4'), big-endian"));
    }

    @Test
    void theReplacedPropertyIsRefusedNamingTheOption() {
        String before = System.getProperty(ImageStreaming.PROPERTY);
        try {
            System.setProperty(ImageStreaming.PROPERTY, "always");
            assertTrue(assertThrows(DataException.class, ImageStreaming::refuseProperty).getMessage()
                    .contains("give the run option --stream always"));
            System.setProperty(ImageStreaming.PROPERTY, "bogus");
            assertTrue(assertThrows(DataException.class, ImageStreaming::refuseProperty).getMessage()
                    .contains("give the run option --stream auto, always or never"), "not '--stream bogus'");
            System.clearProperty(ImageStreaming.PROPERTY);
            ImageStreaming.refuseProperty();
        } finally {
            if (before == null) {
                System.clearProperty(ImageStreaming.PROPERTY);
            } else {
                System.setProperty(ImageStreaming.PROPERTY, before);
            }
        }
    }

    /** An uncompressed IDX file of unsigned bytes: magic 00 00 08 RANK, big-endian dimensions, the data. */
    private Path idx(String name, long[] shape, byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0, 0, 8, (byte) shape.length});
        for (long d : shape) {
            out.write(java.nio.ByteBuffer.allocate(4).putInt((int) d).array());
        }
        out.write(data);
        return Files.write(dir.resolve(name), out.toByteArray());
    }

    @Test
    void rowsOfAnUncompressedIdxFileAreTheRowsInMemory() throws Exception {
        Path grey = idx("grey-idx3-ubyte", new long[] {7, 5, 6}, random(7 * 30, 7));
        sameAsInMemory(grey, new ImageFiles.Options(0, 0));
        sameAsInMemory(grey, new ImageFiles.Options(8, 3));
        sameAsInMemory(grey, new ImageFiles.Options(4, 100));
        Path rgb = idx("rgb.idx", new long[] {4, 3, 5, 5}, random(4 * 75, 8));
        sameAsInMemory(rgb, new ImageFiles.Options(0, 0));
        Path last = idx("last-idx4-ubyte", new long[] {4, 5, 6, 3}, random(4 * 90, 9));
        sameAsInMemory(last, new ImageFiles.Options(7, 0, ImageFiles.Layout.NHWC));
        assertTrue(ImageFileRows.canRead(grey));
    }

    /** {@code n} float values of {@code dtype} ('<f4' or '<f8'), in [0, 1] with a few outside, as bytes. */
    private static byte[] floats(String dtype, int n, long seed) {
        boolean single = dtype.equals("<f4");
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(n * (single ? 4 : 8)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            double v = r.nextDouble() * 1.2 - 0.1;
            if (single) {
                b.putFloat((float) v);
            } else {
                b.putDouble(v);
            }
        }
        return b.array();
    }

    /** The float rows equal the values {@link ImageFiles#read} gives, as float32 and as float64, and their digest. */
    private void sameValuesAsInMemory(Path file, ImageFiles.Options options) {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray memory = ImageFiles.read(file, options, type).features();
            try (ImageFileRows rows = ImageFileRows.open(file, options)) {
                assertArrayEquals(memory.shape(), rows.shape());
                INDArray read = rows.rows(java.util.stream.IntStream.range(0, rows.rows()).toArray(), type);
                assertEquals(type, read.dataType());
                assertArrayEquals(memory.data().asDouble(), read.data().asDouble(), 0.0, "every value, in place");
                assertEquals(DataDigest.of(memory, type), DataDigest.of(rows, type), "one digest, wherever the rows are");
                double[] row = new double[rows.cols()];
                rows.readValues(rows.rows() - 1, row);
                if (type == DataType.FLOAT) {
                    // the values as stored; a float32 run's matrix rounds a float64 value once, as the cast in memory does
                    for (int j = 0; j < row.length; j++) {
                        row[j] = (float) row[j];
                    }
                }
                assertArrayEquals(memory.get(org.nd4j.linalg.indexing.NDArrayIndex.point(rows.rows() - 1)).dup('c')
                        .data().asDouble(), row, 0.0);
                assertThrows(IllegalStateException.class, () -> rows.read(0, new byte[rows.cols()]),
                        "float rows are not bytes");
            }
        }
    }

    @Test
    void rowsOfFloat32AndFloat64ImagesAreTheValuesInMemory() throws Exception {
        for (String dtype : new String[] {"<f4", "<f8"}) {
            String t = dtype.substring(1);
            Path grey = npy("grey-" + t + ".npy", dtype, new long[] {7, 5, 6}, floats(dtype, 7 * 30, 11));
            sameValuesAsInMemory(grey, new ImageFiles.Options(0, 0));
            sameValuesAsInMemory(grey, new ImageFiles.Options(9, 0));
            sameValuesAsInMemory(grey, new ImageFiles.Options(4, 3));
            Path last = npy("last-" + t + ".npy", dtype, new long[] {4, 6, 5, 3}, floats(dtype, 4 * 90, 12));
            sameValuesAsInMemory(last, new ImageFiles.Options(0, 0, ImageFiles.Layout.NHWC));
            sameValuesAsInMemory(last, new ImageFiles.Options(8, 2, ImageFiles.Layout.NHWC));
            assertTrue(ImageFileRows.canRead(grey));
            assertTrue(ImageStreaming.fromFile(grey, new ImageFiles.Options(0, 0), ImageStreaming.Mode.AUTO,
                    4 * 7 * 30 * (dtype.equals("<f4") ? 4 : 8) - 1), "sized in the bytes of its values");
        }
    }

    @Test
    void floatRowsThatAreNotFiniteOrNotLittleEndianAreRefusedAsInMemory() throws Exception {
        byte[] data = floats("<f4", 3 * 2 * 5 * 5, 13);
        // image 2, channel 1, row 3, column 0 of 3 x 2 x 5 x 5
        java.nio.ByteBuffer.wrap(data).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(((2 * 2 + 1) * 25 + 3 * 5) * 4,
                Float.NaN);
        Path nan = npy("nan.npy", "<f4", new long[] {3, 2, 5, 5}, data);
        String inMemory = assertThrows(DataException.class, () -> ImageFiles.read(nan, new ImageFiles.Options(0, 0)))
                .getMessage();
        String byRows = assertThrows(DataException.class, () -> ImageFileRows.open(nan, new ImageFiles.Options(0, 0)))
                .getMessage();
        assertEquals(inMemory, byRows, "the same refusal, naming image 2, channel 1, pixel (row 3, column 0)");
        assertTrue(byRows.contains("image 2, channel 1, pixel (row 3, column 0) is NaN"), byRows);
        String always = assertThrows(DataException.class, () -> ImageStreaming.open(nan, new ImageFiles.Options(0, 0),
                ImageStreaming.Mode.ALWAYS)).getMessage();
        assertEquals("--stream always: " + inMemory, always, "no hint to read it into memory, which refuses it too");
        // cropped away, a NaN is still refused, as in memory (checked as stored)
        assertThrows(DataException.class, () -> ImageFileRows.open(nan, new ImageFiles.Options(2, 0)));
        // and --limit leaves it out, as in memory
        try (ImageFileRows two = ImageFileRows.open(nan, new ImageFiles.Options(0, 2))) {
            assertEquals(2, two.rows());
        }
        Path big = npy("big-endian.npy", ">f4", new long[] {2, 2, 2}, new byte[32]);
        String m = assertThrows(DataException.class, () -> ImageFileRows.open(big, new ImageFiles.Options(0, 0)))
                .getMessage();
        assertTrue(m.contains("(dtype '>f4'), big-endian") && m.contains("astype('<f4')"), m);
        assertFalse(ImageFileRows.canRead(big));
        Path ints = npy("ints.npy", "<i4", new long[] {2, 2, 2}, new byte[32]);
        assertTrue(assertThrows(DataException.class, () -> ImageFileRows.open(ints, new ImageFiles.Options(0, 0)))
                .getMessage().contains("holds int32 (dtype '<i4')"));
    }

    @Test
    void anIdxFileThatCannotBeReadByRowsIsRefusedWithTheReason() throws Exception {
        Path plain = idx("g-idx3-ubyte", new long[] {3, 4, 4}, random(48, 10));
        Path gz = dir.resolve("g-idx3-ubyte.gz");
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            z.write(Files.readAllBytes(plain));
        }
        assertFalse(ImageFileRows.canRead(gz), "auto reads a gzipped file into memory");
        assertTrue(assertThrows(DataException.class, () -> ImageFileRows.open(gz, new ImageFiles.Options(0, 0)))
                .getMessage().contains("gzip-compressed, and a compressed file cannot be read by position"));
        Path labels = idx("l-idx1-ubyte", new long[] {5}, new byte[5]);
        assertTrue(assertThrows(DataException.class, () -> ImageFileRows.open(labels, new ImageFiles.Options(0, 0)))
                .getMessage().contains("rank 1"));
        Path cut = Files.write(dir.resolve("cut-idx3-ubyte"), java.util.Arrays.copyOf(Files.readAllBytes(plain), 40));
        assertTrue(assertThrows(DataException.class, () -> ImageFileRows.open(cut, new ImageFiles.Options(0, 0)))
                .getMessage().contains("truncated"));
        Path none = idx("n-idx3-ubyte", new long[] {0, 4, 4}, new byte[0]);
        assertTrue(assertThrows(DataException.class, () -> ImageFileRows.open(none, new ImageFiles.Options(0, 0)))
                .getMessage().contains("no images"));
    }

    @Test
    void theSampleIsEvenlySpacedAndBoundedInBytes() throws Exception {
        Path f = npy("s.npy", "|u1", new long[] {10, 4, 4}, new byte[160]);
        try (ImageFileRows rows = ImageFileRows.open(f, new ImageFiles.Options(0, 0))) {
            assertArrayEquals(java.util.stream.IntStream.range(0, 10).toArray(), ImageStreaming.sample(rows));
        }
    }
}
