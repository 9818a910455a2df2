package dev.lva.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.core.io.Npy;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Images read as bytes ({@link ImageFiles#readBytes}) and converted give the floats the whole-array
 * path gave (0..255 as float32, transposed, divided by 255, framed), for every layout and option.
 */
class ImageBytesReadTest {
    @TempDir
    Path dir;

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private Path npy(String name, String header, byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String dict = header;
        int total = 10 + dict.length() + 1;
        dict = dict + " ".repeat((64 - total % 64) % 64) + "\n";
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) dict.length(), 0});
        out.write(dict.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        out.write(data);
        return Files.write(dir.resolve(name), out.toByteArray());
    }

    private Path idx(String name, int n, int h, int w, byte[] data) throws Exception {
        Path f = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write(new byte[] {0, 0, 8, 3});
            for (int d : new int[] {n, h, w}) {
                out.write(new byte[] {(byte) (d >>> 24), (byte) (d >>> 16), (byte) (d >>> 8), (byte) d});
            }
            out.write(data);
        }
        return f;
    }

    /** The old path: the stored values as float32, N x C x H x W, divided by 255, framed. */
    private static INDArray wholeArray(byte[] data, long[] stored, boolean nhwc, boolean fortran, int limit, int side) {
        float[] f = new float[data.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = data[i] & 0xff;
        }
        INDArray a;
        if (fortran) {
            long[] rev = new long[stored.length];
            for (int i = 0; i < rev.length; i++) {
                rev[i] = stored[stored.length - 1 - i];
            }
            int[] axes = new int[stored.length];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = axes.length - 1 - i;
            }
            a = Nd4j.create(f, rev, 'c').permute(axes).dup('c');
        } else {
            a = Nd4j.create(f, stored, 'c');
        }
        if (limit > 0) {
            a = a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, limit)).dup('c');
        }
        if (a.rank() == 3) {
            a = a.reshape('c', a.size(0), 1, a.size(1), a.size(2));
        } else if (nhwc) {
            a = a.permute(0, 3, 1, 2).dup('c');
        }
        a = a.divi(255f);
        return side == 0 ? a : ImageFiles.frame(a, side);
    }

    private static void assertSameBits(INDArray expected, INDArray got, String what) {
        assertArrayEquals(expected.shape(), got.shape(), what);
        float[] e = expected.dup('c').data().asFloat();
        float[] g = got.dup('c').data().asFloat();
        for (int i = 0; i < e.length; i++) {
            assertEquals(Float.floatToRawIntBits(e[i]), Float.floatToRawIntBits(g[i]), what + ", value " + i);
        }
    }

    private void check(Path file, byte[] data, long[] stored, boolean nhwc, boolean fortran, int limit, int side) {
        ImageFiles.Options o = new ImageFiles.Options(side, limit,
                nhwc ? ImageFiles.Layout.NHWC : ImageFiles.Layout.AUTO);
        Dataset bytes = ImageFiles.readBytes(file, o);
        assertEquals(DataType.UBYTE, bytes.features().dataType());
        INDArray expected = wholeArray(data, stored, nhwc, fortran, limit, side);
        String what = file.getFileName() + " limit " + limit + " side " + side;
        assertSameBits(expected, ImageBytes.pixels(bytes.features(), DataType.FLOAT), what + " (bytes)");
        assertSameBits(expected, ImageFiles.read(file, o).features(), what + " (read)");
    }

    @Test
    void everyLayoutAndOptionGivesTheWholeArraysFloats() throws Exception {
        byte[] r3 = random(7 * 9 * 6, 1);
        Path grey = npy("grey.npy", "{'descr': '|u1', 'fortran_order': False, 'shape': (7, 9, 6), }", r3);
        byte[] r4 = random(5 * 3 * 4 * 6, 2);
        Path colour = npy("colour.npy", "{'descr': '|u1', 'fortran_order': False, 'shape': (5, 3, 4, 6), }", r4);
        byte[] last = random(5 * 4 * 6 * 3, 3);
        Path nhwc = npy("nhwc.npy", "{'descr': '|u1', 'fortran_order': False, 'shape': (5, 4, 6, 3), }", last);
        byte[] fo = random(4 * 5 * 7, 4);
        Path fortran = npy("fortran.npy", "{'descr': '|u1', 'fortran_order': True, 'shape': (4, 5, 7), }", fo);
        byte[] id = random(6 * 28 * 28, 5);
        Path idx = idx("images-idx3-ubyte.gz", 6, 28, 28, id);
        for (int side : new int[] {0, 3, 8, 9, 32}) {
            for (int limit : new int[] {0, 2}) {
                check(grey, r3, new long[] {7, 9, 6}, false, false, limit, side);
                check(colour, r4, new long[] {5, 3, 4, 6}, false, false, limit, side);
                check(nhwc, last, new long[] {5, 4, 6, 3}, true, false, limit, side);
                check(fortran, fo, new long[] {4, 5, 7}, false, true, limit, side);
                check(idx, id, new long[] {6, 28, 28}, false, false, limit, side);
            }
        }
    }

    @Test
    void imagesNotStoredAsBytesAreLeftToRead() throws Exception {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        for (int i = 0; i < 2 * 3 * 3; i++) {
            f.write(new byte[] {0, 0, 0, 0});
        }
        Path floats = npy("f.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3, 3), }", f.toByteArray());
        assertNull(ImageFiles.readBytes(floats, ImageFiles.Options.asStored()));
        assertThrows(DataException.class, () -> ImageFiles.readBytes(dir.resolve("none.npy"),
                ImageFiles.Options.asStored()));
        Path nhwc = npy("looks-last.npy", "{'descr': '|u1', 'fortran_order': False, 'shape': (2, 5, 5, 3), }",
                random(150, 6));
        DataException e = assertThrows(DataException.class, () -> ImageFiles.readBytes(nhwc,
                ImageFiles.Options.asStored()));
        assertTrue(e.getMessage().contains("--layout nhwc"), e.getMessage());
    }

    @Test
    void aFrameTooLargeIsRefusedBeforeItIsMade() throws Exception {
        Path grey = npy("g.npy", "{'descr': '|u1', 'fortran_order': False, 'shape': (3, 2, 2), }", random(12, 7));
        DataException e = assertThrows(DataException.class, () -> ImageFiles.readBytes(grey,
                new ImageFiles.Options(100_000, 0)));
        assertTrue(e.getMessage().contains("--pad-to") && e.getMessage().contains("as uint8"), e.getMessage());
    }
}
