package dev.lva.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.core.data.DataException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NpyTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    private static INDArray sample(DataType type, long... shape) {
        long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        INDArray a = Nd4j.create(type, shape);
        for (int i = 0; i < n; i++) {
            // values that are not exactly representable in fewer bits, so that a lossy path shows
            a.putScalar(unravel(i, shape), Math.PI * (i + 1) / 7 - 3);
        }
        return a;
    }

    private static long[] unravel(long i, long[] shape) {
        long[] idx = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = i % shape[d];
            i /= shape[d];
        }
        return idx;
    }

    private static void assertBitEqual(INDArray expected, INDArray actual) {
        assertEquals(expected.dataType(), actual.dataType());
        assertArrayEquals(expected.shape(), actual.shape());
        assertArrayEquals(expected.dup('c').data().asDouble(), actual.dup('c').data().asDouble());
    }

    @Test
    void roundTripsFloatAndDoubleOfEveryRank() {
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            for (long[] shape : List.of(new long[] {100, 3}, new long[] {7}, new long[] {2, 3, 4}, new long[] {1, 1})) {
                INDArray a = sample(type, shape);
                INDArray back = Npy.fromBytes("mem", Npy.toBytes(a));
                assertBitEqual(a, back);
            }
            INDArray view = sample(type, 6, 5).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 4),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 5));
            assertBitEqual(view.dup('c'), Npy.fromBytes("view", Npy.toBytes(view)));
        }
        INDArray scalar = Npy.fromBytes("scalar", Npy.toBytes(Nd4j.scalar(2.5)));
        assertEquals(0, scalar.rank());
        assertEquals(2.5, scalar.getDouble(0));
    }

    @Test
    void writesTheHeaderAsNumpyDoes() {
        byte[] bytes = Npy.toBytes(Nd4j.zeros(DataType.FLOAT, 100, 3));
        assertEquals(128 + 1200, bytes.length);
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0}, Arrays.copyOf(bytes, 10));
        String header = new String(bytes, 10, 118, StandardCharsets.ISO_8859_1);
        // numpy 1.24: the dict, room for the first axis to grow to 21 digits, padding to 64, '\n'
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (100, 3), }" + " ".repeat(56) + "\n", header);
        assertEquals(0, (10 + header.length()) % 64);
        String oneD = new String(Npy.toBytes(Nd4j.zeros(DataType.DOUBLE, 5)), 10, 118, StandardCharsets.ISO_8859_1);
        assertTrue(oneD.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (5,), }"), oneD);
    }

    @Test
    void readsFortranOrderBigEndianIntegersAndVersionTwo() throws IOException {
        // a 2 x 3 array [[1, 2, 3], [4, 5, 6]] stored column by column as big-endian float64
        ByteBuffer data = ByteBuffer.allocate(48).order(ByteOrder.BIG_ENDIAN);
        for (double v : new double[] {1, 4, 2, 5, 3, 6}) {
            data.putDouble(v);
        }
        INDArray f = Npy.fromBytes("f.npy", npy(1, "{'descr': '>f8', 'fortran_order': True, 'shape': (2, 3), }",
                data.array()));
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, f.data().asDouble());
        assertArrayEquals(new long[] {2, 3}, f.shape());

        ByteBuffer ints = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        ints.putLong(-3).putLong(1L << 40).putLong(7);
        INDArray i8 = Npy.fromBytes("i.npy", npy(2, "{\"descr\": \"<i8\", \"fortran_order\": False, \"shape\": (3L,)}",
                ints.array()));
        assertEquals(DataType.DOUBLE, i8.dataType());
        assertArrayEquals(new double[] {-3, 1L << 40, 7}, i8.toDoubleVector());
    }

    @Test
    void badFilesAreClearErrors() throws IOException {
        byte[] good = Npy.toBytes(Nd4j.zeros(DataType.FLOAT, 100, 3));
        assertEquals("t.npy: truncated: header says 100 x 3 float32 = 1200 bytes, the file has 800",
                assertThrows(DataException.class, () -> Npy.fromBytes("t.npy", Arrays.copyOf(good, 128 + 800)))
                        .getMessage());
        assertEquals("t.npy: header says 100 x 3 float32 = 1200 bytes, the file has 1201",
                assertThrows(DataException.class, () -> Npy.fromBytes("t.npy", Arrays.copyOf(good, 128 + 1201)))
                        .getMessage());
        assertEquals("t.npy: dtype '<i2' is not supported (float32 or float64; int32 and int64 are read as float64, uint8 as float32 0..255)",
                assertThrows(DataException.class, () -> Npy.fromBytes("t.npy",
                        npy(1, "{'descr': '<i2', 'fortran_order': False, 'shape': (3,), }", new byte[6])))
                        .getMessage());
        assertEquals("t.npy: expected a 1-D or 2-D array, got shape (2, 3, 4)", assertThrows(DataException.class,
                () -> Npy.fromBytes("t.npy", Npy.toBytes(Nd4j.zeros(DataType.FLOAT, 2, 3, 4)), 1, 2)).getMessage());
        assertEquals("t.npy: not a .npy file (it does not start with \\x93NUMPY)", assertThrows(DataException.class,
                () -> Npy.fromBytes("t.npy", "a,b\n1,2\n".getBytes(StandardCharsets.US_ASCII))).getMessage());
        assertEquals("t.npy: the file is empty, not a .npy array",
                assertThrows(DataException.class, () -> Npy.fromBytes("t.npy", new byte[0])).getMessage());
        assertEquals("t.npy: bad header: descr is not a plain dtype string (structured arrays are not supported)",
                assertThrows(DataException.class, () -> Npy.fromBytes("t.npy",
                        npy(1, "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", new byte[4])))
                        .getMessage());
        // a shape past one array's elements is checked against the file's length (a file that large is read a
        // batch at a time); one whose bytes overflow a long is refused as it is parsed
        assertEquals("t.npy: truncated: header says 100000 x 100000 float32 = 40000000000 bytes, the file has 8",
                assertThrows(DataException.class, () -> Npy.fromBytes("t.npy", npy(1, "{'descr': '<f4', 'fortran_order':"
                        + " False, 'shape': (100000, 100000), }", new byte[8]))).getMessage());
        assertEquals("t.npy: the shape has more than 1152921504606846975 elements", assertThrows(DataException.class,
                () -> Npy.fromBytes("t.npy", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': "
                        + "(100000000000, 100000000000), }", new byte[8]))).getMessage());
        Path missing = dir.resolve("missing.npy");
        assertEquals(missing + ": no such file", assertThrows(DataException.class, () -> Npy.read(missing))
                .getMessage());
    }

    /** A .npy file of the given version with a hand-written header dictionary (padded as numpy pads). */
    static byte[] npy(int major, String dict, byte[] data) {
        int prefix = major == 1 ? 10 : 12;
        int len = dict.length() + 1;
        int pad = (64 - (prefix + len) % 64) % 64;
        ByteBuffer b = ByteBuffer.allocate(prefix + len + pad + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) (len + pad));
        } else {
            b.putInt(len + pad);
        }
        b.put(dict.getBytes(StandardCharsets.ISO_8859_1)).put(" ".repeat(pad).getBytes(StandardCharsets.US_ASCII))
                .put((byte) '\n').put(data);
        return b.array();
    }

    /** numpy reads what lva writes, byte for byte as it would write it, and lva reads what numpy writes. */
    @Test
    void numpyAgrees() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(PYTHON)) && run(PYTHON, "-c", "import numpy") == 0,
                "skipped: " + PYTHON + " with numpy is not available");
        INDArray f = sample(DataType.FLOAT, 100, 3);
        INDArray d = sample(DataType.DOUBLE, 4, 2, 3);
        Npy.write(dir.resolve("f.npy"), f);
        Npy.write(dir.resolve("d.npy"), d);
        String script = String.join("\n",
                "import numpy as np, sys, os",
                "d = sys.argv[1]",
                "f = np.load(os.path.join(d, 'f.npy')); g = np.load(os.path.join(d, 'd.npy'))",
                "assert f.dtype == np.float32 and f.shape == (100, 3), (f.dtype, f.shape)",
                "assert g.dtype == np.float64 and g.shape == (4, 2, 3), (g.dtype, g.shape)",
                "i = np.arange(300).reshape(100, 3)",
                "assert (f == (np.pi * (i + 1) / 7 - 3).astype(np.float32)).all()",
                "np.save(os.path.join(d, 'f_numpy.npy'), f)",
                "np.save(os.path.join(d, 'fortran.npy'), np.asfortranarray(np.arange(12.0).reshape(3, 4)))",
                "np.save(os.path.join(d, 'i4.npy'), np.arange(5, dtype=np.int32) - 2)",
                "np.save(os.path.join(d, 'big.npy'), np.arange(6, dtype='>f4').reshape(2, 3))",
                "np.lib.format.write_array(open(os.path.join(d, 'v2.npy'), 'wb'), np.ones((2, 2)), version=(2, 0))");
        assertEquals(0, run(PYTHON, "-c", script, dir.toString()), "numpy's checks failed; see the test output");
        assertArrayEquals(Files.readAllBytes(dir.resolve("f_numpy.npy")), Files.readAllBytes(dir.resolve("f.npy")),
                "lva writes the same bytes as numpy");
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11},
                Npy.read(dir.resolve("fortran.npy")).dup('c').data().asDouble());
        assertArrayEquals(new double[] {-2, -1, 0, 1, 2}, Npy.read(dir.resolve("i4.npy")).toDoubleVector());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, Npy.read(dir.resolve("big.npy")).dup('c').data().asFloat());
        assertArrayEquals(new long[] {2, 2}, Npy.read(dir.resolve("v2.npy")).shape());
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
