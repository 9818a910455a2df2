package dev.lva.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lva.core.io.Npy;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.LoggerFactory;

/**
 * Issue 20's reader defects, a row per case: one pixel rule for every dtype, channels-last arrays,
 * IDX trailing data, --limit reading only its rows, options sized before they allocate, 1-bit and
 * palette PNGs, and .npy ranks.
 */
class ImageReadersTest {
    @TempDir
    Path dir;

    /** A .npy of {@code dtype} ({@code <i4}, {@code <i8}, {@code |u1}, {@code <f4}) holding {@code values}. */
    private Path npy(String name, String dtype, long[] shape, double[] values) throws IOException {
        int item = dtype.charAt(2) - '0';
        ByteBuffer data = ByteBuffer.allocate(values.length * item).order(dtype.charAt(0) == '>'
                ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            switch (dtype.substring(1)) {
                case "i4" -> data.putInt((int) v);
                case "i8" -> data.putLong((long) v);
                case "u1" -> data.put((byte) v);
                case "f4" -> data.putFloat((float) v);
                default -> data.putDouble(v);
            }
        }
        Path f = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(f)) {
            out.write(Npy.header(dtype, shape));
            out.write(data.array());
        }
        return f;
    }

    private static double[] ramp(int n, double step) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i * step) % 256;
        }
        return v;
    }

    private record Pixels(String dtype, double[] values) {
    }

    @Test
    void integerPixelsOfEveryTypeAreDividedBy255() throws IOException {
        double[] values = ramp(2 * 3 * 4, 11);
        List<Pixels> rows = List.of(new Pixels("|u1", values), new Pixels("<i4", values), new Pixels("<i8", values),
                new Pixels(">i4", values));
        for (Pixels p : rows) {
            Path f = npy(p.dtype().substring(1) + (p.dtype().charAt(0) == '>' ? "-be" : "") + ".npy", p.dtype(),
                    new long[] {2, 3, 4}, p.values());
            INDArray x = ImageFiles.read(f, ImageFiles.Options.asStored()).features();
            assertArrayEquals(new long[] {2, 1, 3, 4}, x.shape(), p.dtype());
            for (int i = 0; i < values.length; i++) {
                assertEquals(values[i] / 255, x.getDouble(i), 1e-6, p.dtype() + " value " + i);
            }
        }
    }

    private record OutOfRange(String dtype, double[] values, String range) {
    }

    @Test
    void integerPixelsOutside0To255AreRefusedWithTheRangeFound() throws IOException {
        List<OutOfRange> rows = List.of(
                new OutOfRange("<i4", new double[] {0, 1000, 3, 4}, "int32 pixels range from 0 to 1000"),
                new OutOfRange("<i8", new double[] {-3, 10, 3, 4}, "int64 pixels range from -3 to 10"),
                new OutOfRange("<i4", new double[] {0, 256, 3, 4}, "int32 pixels range from 0 to 256"));
        for (OutOfRange r : rows) {
            Path f = npy("range.npy", r.dtype(), new long[] {1, 2, 2}, r.values());
            String m = assertThrows(DataException.class, () -> ImageFiles.read(f, ImageFiles.Options.asStored()))
                    .getMessage();
            assertEquals(f + ": " + r.range() + "; integer pixels are divided by 255 and must lie in 0..255 (store"
                    + " other values as float32, which is used as stored)", m);
        }
    }

    private record FloatRange(double[] values, boolean warned) {
    }

    @Test
    void floatPixelsFarOutsideZeroOneAreAWarningWithTheRange() throws IOException {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(ImageFiles.class);
        logger.addAppender(log);
        try {
            List<FloatRange> rows = List.of(new FloatRange(new double[] {0, 255, 12, 40}, true),
                    new FloatRange(new double[] {-5, 0.5, 0, 1}, true), new FloatRange(new double[] {0, 1, 0.5, 0.2},
                            false), new FloatRange(new double[] {-1, 1, 0.5, 0.2}, false));
            for (FloatRange r : rows) {
                log.list.clear();
                Path f = npy("float.npy", "<f4", new long[] {1, 2, 2}, r.values());
                INDArray x = ImageFiles.read(f, ImageFiles.Options.asStored()).features();
                assertEquals(r.values()[1], x.getDouble(1), 1e-6, "float pixels are used as stored");
                assertEquals(r.warned() ? 1 : 0, log.list.size(), java.util.Arrays.toString(r.values()));
                if (r.warned()) {
                    String m = log.list.get(0).getFormattedMessage();
                    double min = java.util.Arrays.stream(r.values()).min().orElseThrow();
                    double max = java.util.Arrays.stream(r.values()).max().orElseThrow();
                    assertTrue(m.startsWith(f + ": float32 pixels range from " + min + " to " + max
                            + ", far outside [0, 1]"), m);
                }
            }
        } finally {
            logger.detachAppender(log);
        }
    }

    private record LayoutCase(ImageFiles.Layout layout, long[] stored, long[] read, String refused) {
    }

    @Test
    void channelsLastArraysAreRefusedUnlessTheLayoutIsGiven() throws IOException {
        long[] nhwc = {2, 5, 6, 4};
        double[] values = new double[2 * 5 * 6 * 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 251;
        }
        Path f = npy("rgba.npy", "|u1", nhwc, values);
        List<LayoutCase> rows = List.of(
                new LayoutCase(ImageFiles.Layout.AUTO, nhwc, null, f + ": shape 2 x 5 x 6 x 4 looks channels-last"
                        + " (N x H x W x C, 4 channels); read as N x C x H x W it would be 5 channels of 6 x 4: give"
                        + " --layout nhwc to read it as N x H x W x C, or --layout nchw to read it as stored"),
                new LayoutCase(ImageFiles.Layout.NHWC, nhwc, new long[] {2, 4, 5, 6}, null),
                new LayoutCase(ImageFiles.Layout.NCHW, nhwc, nhwc, null));
        for (LayoutCase c : rows) {
            ImageFiles.Options o = new ImageFiles.Options(0, 0, c.layout());
            if (c.refused() != null) {
                assertEquals(c.refused(), assertThrows(DataException.class, () -> ImageFiles.read(f, o)).getMessage());
                continue;
            }
            INDArray x = ImageFiles.read(f, o).features();
            assertArrayEquals(c.read(), x.shape(), c.layout().name());
            // image 1, row 2, column 3, channel 1 of the stored N x H x W x C
            int stored = ((1 * 5 + 2) * 6 + 3) * 4 + 1;
            double expected = values[stored] / 255;
            double got = c.layout() == ImageFiles.Layout.NHWC ? x.getDouble(1, 1, 2, 3) : x.getDouble(1, 2, 3, 1);
            assertEquals(expected, got, 1e-6, c.layout().name());
        }
        // channels first, or no axis that could be channels: read as stored without a layout
        assertArrayEquals(new long[] {1, 3, 5, 6}, ImageFiles.read(npy("nchw.npy", "|u1", new long[] {1, 3, 5, 6},
                new double[90]), ImageFiles.Options.asStored()).features().shape());
        assertEquals(ImageFiles.Layout.NHWC, ImageFiles.Layout.parse(" NHWC"));
        assertThrows(IllegalArgumentException.class, () -> ImageFiles.Layout.parse("hwc"));
    }

    private Path idx(String name, int[] dims, int dataBytes, int trailing, boolean gzip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(gzip ? new GZIPOutputStream(bytes) : bytes)) {
            out.writeInt(0x0800 | dims.length);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(new byte[dataBytes + trailing]);
        }
        Path f = dir.resolve(name);
        Files.write(f, bytes.toByteArray());
        return f;
    }

    private record Trailing(boolean gzip, int limit, int trailing) {
    }

    @Test
    void idxFilesWithTrailingDataAreRefusedWithBothLengths() throws IOException {
        List<Trailing> rows = List.of(new Trailing(false, 0, 1), new Trailing(false, 2, 7), new Trailing(true, 0, 3),
                new Trailing(true, 1, 100));
        for (Trailing t : rows) {
            Path f = idx("t-images-idx3-ubyte" + (t.gzip() ? ".gz" : ""), new int[] {3, 4, 5}, 60, t.trailing(),
                    t.gzip());
            String m = assertThrows(DataException.class, () -> ImageFiles.read(f, new ImageFiles.Options(0,
                    t.limit()))).getMessage();
            assertEquals(f + ": " + (t.gzip() ? "unzipped, " : "") + "the file has " + (76 + t.trailing())
                    + " bytes, the header declares 76 (a 16-byte header and 3 x 4 x 5 unsigned bytes): "
                    + t.trailing() + " bytes follow the data", m, t.toString());
        }
        // bytes after the gzip stream itself, which java.util.zip skips
        Path gz = idx("g-images-idx3-ubyte.gz", new int[] {3, 4, 5}, 60, 0, true);
        Files.write(gz, new byte[] {1, 2, 3, 4, 5}, java.nio.file.StandardOpenOption.APPEND);
        String m = assertThrows(DataException.class, () -> ImageFiles.read(gz, ImageFiles.Options.asStored()))
                .getMessage();
        assertTrue(m.startsWith(gz + ": the gzip data unzips to 76 bytes but the file ends with the length "), m);
        // exactly the declared length still reads
        assertEquals(3, ImageFiles.read(idx("ok-images-idx3-ubyte", new int[] {3, 4, 5}, 60, 0, false),
                ImageFiles.Options.asStored()).rows());
    }

    /** Counts the bytes read through it. */
    private static final class Counting extends FilterInputStream {
        long read;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            read += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            read += Math.max(n, 0);
            return n;
        }
    }

    @Test
    void aLimitReadsOnlyItsRows() throws IOException {
        long[] shape = {50, 2, 3, 3};
        double[] values = ramp(50 * 18, 7);
        Path f = npy("rows.npy", "<f4", shape, values);
        int header = Npy.header("<f4", shape).length;
        for (int limit : new int[] {1, 10, 49}) {
            try (Counting in = new Counting(Files.newInputStream(f))) {
                INDArray x = Npy.readRows(f.toString(), in, Files.size(f), limit, 4);
                assertArrayEquals(new long[] {limit, 2, 3, 3}, x.shape());
                assertEquals(values[limit * 18 - 1], x.getDouble(limit * 18L - 1), 1e-6);
                assertEquals(header + limit * 18L * 4, in.read, "bytes read for --limit " + limit);
            }
        }
        // a file of 600,000 images of 32 x 32 (2.5 GB, sparse on disk): --limit 100 costs 100 images
        Path big = dir.resolve("big.npy");
        long[] bigShape = {600_000, 1, 32, 32};
        byte[] h = Npy.header("<f4", bigShape);
        try (RandomAccessFile raf = new RandomAccessFile(big.toFile(), "rw")) {
            raf.write(h);
            raf.setLength(h.length + 600_000L * 32 * 32 * 4);
        }
        INDArray first = ImageFiles.read(big, new ImageFiles.Options(0, 100)).features();
        assertArrayEquals(new long[] {100, 1, 32, 32}, first.shape());
    }

    private record TableLimit(int limit, int rows, String refused) {
    }

    @Test
    void aTableLimitReadsOnlyItsRows() throws IOException {
        // a NaN in row 8 (0-based): a limit that stops before it never reads it
        double[] values = ramp(10 * 3, 1);
        values[8 * 3 + 1] = Double.NaN;
        Path f = npy("table.npy", "<f8", new long[] {10, 3}, values);
        List<TableLimit> rows = List.of(new TableLimit(5, 5, null), new TableLimit(8, 8, null),
                new TableLimit(9, 0, "(row 9, column 2) is NaN"), new TableLimit(0, 0, "(row 9, column 2) is NaN"));
        for (TableLimit r : rows) {
            DataFiles.Options o = new DataFiles.Options(CsvTable.Header.AUTO, List.of(), DataType.DOUBLE);
            if (r.refused() != null) {
                String m = assertThrows(DataException.class, () -> DataFiles.readFor(f, o, List.of(), r.limit()))
                        .getMessage();
                assertTrue(m.startsWith(f + ": ") && m.contains(r.refused()), m);
                continue;
            }
            Dataset d = DataFiles.readFor(f, o, List.of(), r.limit());
            assertEquals(r.rows(), d.rows(), "--limit " + r.limit());
            assertEquals(values[r.rows() * 3 - 1], d.features().getDouble(r.rows() - 1, 2), 0);
        }
    }

    private record TooLarge(int padTo, int limit, String starts, String mentions) {
    }

    @Test
    void aPadToOrLimitTooLargeIsRefusedWithTheBytesItNeeds() throws IOException {
        Path f = idx("s-images-idx3-ubyte", new int[] {60, 2, 2}, 240, 0, false);
        List<TooLarge> rows = List.of(
                new TooLarge(100_000, 0, f + ": --pad-to 100000 makes 60 images of 1 x 100000 x 100000 as float32 is"
                        + " 600,000,000,000 values (2,400,000,000,000 bytes (2.2 TiB)), more than one array holds",
                        "lower --pad-to"),
                new TooLarge(4096, 0, f + ": --pad-to 4096 makes 60 images of 1 x 4096 x 4096 as float32 needs"
                        + " 4,026,531,840 bytes (3.8 GiB)", ", more than the 1,073,741,824 bytes (1.0 GiB) this"
                        + " process may still use (free memory); lower --pad-to"));
        for (TooLarge r : rows) {
            // the element count alone refuses the first; the second against a budget of 1 GiB
            DataException e = assertThrows(DataException.class, () -> {
                if (r.padTo() == 100_000) {
                    ImageFiles.read(f, new ImageFiles.Options(r.padTo(), r.limit()));
                } else {
                    NativeMemory.require(ImageFiles.product(60, 1, 4096, 4096), DataType.FLOAT, f + ": --pad-to 4096"
                            + " makes 60 images of 1 x 4096 x 4096", "lower --pad-to", 1L << 30);
                }
            });
            assertTrue(e.getMessage().startsWith(r.starts()), e.getMessage());
            assertTrue(e.getMessage().contains(r.mentions()), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
        // frame() refuses on its own too, before it allocates
        INDArray small = Nd4j.zeros(DataType.FLOAT, 3, 1, 2, 2);
        assertTrue(assertThrows(DataException.class, () -> ImageFiles.frame(small, 1 << 16)).getMessage()
                .startsWith("3 images of 1 x 65536 x 65536 as float32 is 12,884,901,888 values"));
        assertEquals(Long.MAX_VALUE, ImageFiles.product(1L << 40, 1L << 40));
    }

    private record Name(String name, int index) {
    }

    @Test
    void theColumnNamesOfLargeImagesAreNotHeldAsStrings() {
        // 4 megapixels an image: the names are computed, and still found by name
        Dataset d = new Dataset(Nd4j.zeros(DataType.FLOAT, 1, 1, 2048, 2048));
        assertEquals(2048 * 2048, d.columns().size());
        assertFalse(d.columns() instanceof java.util.ArrayList, "no list of 4 million strings");
        List<Name> rows = List.of(new Name("x0", 0), new Name("x17", 17), new Name("x4194303", 4194303),
                new Name("x4194304", -1), new Name("x01", -1), new Name("y3", -1), new Name("x", -1));
        for (Name n : rows) {
            assertEquals(n.index(), d.columns().indexOf(n.name()), n.name());
            if (n.index() >= 0) {
                assertEquals(n.name(), d.columns().get(n.index()));
            }
        }
        assertEquals(List.of("x0", "x1", "x2"), new Dataset(Nd4j.zeros(DataType.FLOAT, 2, 3)).columns());
    }

    private static BufferedImage binary(int h, int w) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, (x + y) % 2);
            }
        }
        return img;
    }

    private static BufferedImage palette(int h, int w, boolean grey) {
        byte[] r = {0, (byte) 128, (byte) 255};
        byte[] g = grey ? r : new byte[] {0, 10, 20};
        IndexColorModel cm = new IndexColorModel(2, 3, r, g, r);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, cm);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, (x + 2 * y) % 3);
            }
        }
        return img;
    }

    private record Png(String what, BufferedImage image, int channels, double pixel01) {
    }

    @Test
    void oneBitAndGreyPalettePngsAreOneChannel() throws IOException {
        List<Png> rows = List.of(new Png("1-bit", binary(3, 4), 1, 1.0), new Png("grey palette", palette(3, 4, true), 1,
                128 / 255.0), new Png("colour palette", palette(3, 4, false), 3, 128 / 255.0));
        for (Png p : rows) {
            Path folder = Files.createDirectories(dir.resolve(p.what().replace(' ', '-')));
            ImageIO.write(p.image(), "png", folder.resolve("a.png").toFile());
            ImageIO.write(p.image(), "png", folder.resolve("b.png").toFile());
            INDArray x = ImageFiles.read(folder, ImageFiles.Options.asStored()).features();
            assertArrayEquals(new long[] {2, p.channels(), 3, 4}, x.shape(), p.what());
            // pixel (row 0, column 1): 1-bit white; palette entry 1 (red 128)
            assertEquals(p.pixel01(), x.getDouble(0, 0, 0, 1), 1e-6, p.what());
            assertEquals(0.0, x.getDouble(0, 0, 0, 0), 1e-6, p.what());
        }
    }

    private record Rank(long[] shape, boolean asImages) {
    }

    @Test
    void aNpyOfAnotherRankNamesTheRanksRead() throws IOException {
        List<Rank> rows = List.of(new Rank(new long[] {1, 1, 1, 2, 2}, true), new Rank(new long[] {1, 1, 1, 2, 2}, false),
                new Rank(new long[] {2, 1, 1, 1, 1, 1}, false), new Rank(new long[0], false));
        for (Rank r : rows) {
            Path f = dir.resolve("rank.npy");
            Npy.write(f, r.shape().length == 0 ? Nd4j.scalar(1f) : Nd4j.zeros(DataType.FLOAT, r.shape()));
            String m = assertThrows(DataException.class, () -> {
                if (r.asImages()) {
                    ImageFiles.read(f, ImageFiles.Options.asStored());
                } else {
                    DataFiles.read(f, DataFiles.Options.defaults());
                }
            }).getMessage();
            assertEquals(f + ": a .npy of rank " + r.shape().length + " (" + (r.shape().length == 0 ? "a scalar"
                    : "shape " + ImageFiles.dims(r.shape())) + "); lva reads rank 1 or 2 as a table (rows x columns),"
                    + " rank 3 or 4 as images (N x H x W or N x C x H x W)", m);
        }
    }
}
