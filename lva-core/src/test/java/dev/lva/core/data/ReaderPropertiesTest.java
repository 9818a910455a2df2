package dev.lva.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lva.core.io.Npy;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Properties of every reader (CSV, .npy as a table and as images, IDX, a folder of PNGs), checked on
 * seeded random files (the seed of a failing case is in its message; {@code -Dreaders.seed=N} moves
 * them all): a random valid file reads back as written, and a random corruption (cut short, a byte
 * flipped, garbage appended) either still reads or is refused with one line naming the file, never
 * another exception from deep inside ND4J or ImageIO. Written with plain JUnit and java.util.Random:
 * jqwik's 1.10 engine tells AI agents, which wrote these tests, not to use it.
 */
class ReaderPropertiesTest {
    private static final int VALID = 40;
    private static final int CORRUPT = 120;
    private static final long SEED = Long.getLong("readers.seed", 0);

    @TempDir
    Path dir;

    /** A random valid file of one format, and how to read it and check what it read. */
    private interface Format {
        /** Writes a random valid file (or folder) into {@code at} and returns what the reader must give. */
        Written write(Path at, Random rnd) throws IOException;

        Dataset read(Path path);

        /** Whether a corruption of this kind may still read: a format with no length in its header may. */
        boolean mayRead(Corruption c);
    }

    /** A written file, the file a corruption is applied to (the folder's first image for PNGs) and its values. */
    private record Written(Path path, Path corruptible, long[] shape, double[] values) {
    }

    private enum Corruption {
        TRUNCATE, FLIP, APPEND
    }

    private record Reader(String name, Format format) {
    }

    private static final List<Reader> READERS = List.of(
            new Reader("csv", new Csv()), new Reader("npy table", new NpyTable()),
            new Reader("npy images", new NpyImages()), new Reader("idx", new IdxImages(false)),
            new Reader("idx.gz", new IdxImages(true)), new Reader("png folder", new PngFolder()));

    @Test
    void randomValidFilesReadBackAsWritten() throws IOException {
        for (Reader r : READERS) {
            for (int i = 0; i < VALID; i++) {
                long seed = SEED + 1000L * i + r.name().hashCode();
                Path at = Files.createDirectories(dir.resolve(r.name().replace(' ', '-') + "-valid-" + i));
                Written w = r.format().write(at, new Random(seed));
                INDArray got = r.format().read(w.path()).features();
                String where = r.name() + ", seed " + seed;
                assertArrayEquals(w.shape(), got.shape(), where);
                double[] flat = got.dup('c').castTo(DataType.DOUBLE).data().asDouble();
                assertArrayEquals(w.values(), flat, 1e-6, where);
            }
        }
    }

    @Test
    void randomCorruptionsReadOrAreRefusedNamingTheFile() throws IOException {
        for (Reader r : READERS) {
            int refused = 0;
            for (int i = 0; i < CORRUPT; i++) {
                long seed = SEED + 7919L * i + r.name().hashCode();
                Random rnd = new Random(seed);
                Path at = Files.createDirectories(dir.resolve(r.name().replace(' ', '-') + "-bad-" + i));
                Written w = r.format().write(at, rnd);
                Corruption c = Corruption.values()[i % Corruption.values().length];
                byte[] valid = Files.readAllBytes(w.corruptible());
                Files.write(w.corruptible(), corrupt(valid, c, rnd));
                String where = r.name() + ", " + c + ", seed " + seed;
                Dataset d = null;
                try {
                    d = r.format().read(w.path());
                } catch (DataException e) {
                    String m = e.getMessage();
                    assertTrue(m.startsWith(w.path().toString()), where + ": names the file: " + m);
                    assertFalse(m.contains("\n"), where + ": one line: " + m);
                    refused++;
                } catch (RuntimeException | Error e) {
                    fail(where + ": " + e, e);
                }
                if (d != null) {
                    assertTrue(r.format().mayRead(c), where + ": read " + Arrays.toString(d.features().shape())
                            + " from a corrupted file");
                }
            }
            assertTrue(refused >= CORRUPT / 3, r.name() + ": only " + refused + " of " + CORRUPT + " refused");
        }
    }

    private static byte[] corrupt(byte[] valid, Corruption c, Random rnd) {
        return switch (c) {
            case TRUNCATE -> Arrays.copyOf(valid, rnd.nextInt(valid.length));
            case FLIP -> {
                byte[] b = valid.clone();
                int at = rnd.nextInt(b.length);
                b[at] ^= (byte) (1 + rnd.nextInt(255));
                yield b;
            }
            case APPEND -> {
                byte[] garbage = new byte[1 + rnd.nextInt(64)];
                rnd.nextBytes(garbage);
                byte[] b = Arrays.copyOf(valid, valid.length + garbage.length);
                System.arraycopy(garbage, 0, b, valid.length, garbage.length);
                yield b;
            }
        };
    }

    private static final class Csv implements Format {
        @Override
        public Written write(Path at, Random rnd) throws IOException {
            int rows = 1 + rnd.nextInt(20);
            int cols = 1 + rnd.nextInt(5);
            double[] v = new double[rows * cols];
            StringBuilder s = new StringBuilder();
            for (int j = 0; j < cols; j++) {
                s.append(j == 0 ? "" : ",").append("c").append(j);
            }
            s.append('\n');
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    v[i * cols + j] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3);
                    s.append(j == 0 ? "" : ",").append(v[i * cols + j]);
                }
                s.append('\n');
            }
            Path f = at.resolve("t.csv");
            Files.writeString(f, s, StandardCharsets.UTF_8);
            return new Written(f, f, new long[] {rows, cols}, v);
        }

        @Override
        public Dataset read(Path path) {
            return DataFiles.read(path, new DataFiles.Options(CsvTable.Header.AUTO, List.of(), DataType.DOUBLE));
        }

        @Override
        public boolean mayRead(Corruption c) {
            // text: a row cut short or a changed digit can still be numbers
            return true;
        }
    }

    private static final class NpyTable implements Format {
        @Override
        public Written write(Path at, Random rnd) throws IOException {
            boolean rank1 = rnd.nextBoolean();
            long[] shape = rank1 ? new long[] {1 + rnd.nextInt(30)} : new long[] {1 + rnd.nextInt(20), 1 + rnd.nextInt(6)};
            INDArray x = Nd4j.randn(DataType.DOUBLE, shape);
            Path f = at.resolve("t.npy");
            Npy.write(f, x);
            return new Written(f, f, rank1 ? new long[] {shape[0], 1} : shape, x.dup('c').data().asDouble());
        }

        @Override
        public Dataset read(Path path) {
            return DataFiles.read(path, new DataFiles.Options(CsvTable.Header.AUTO, List.of(), DataType.DOUBLE));
        }

        @Override
        public boolean mayRead(Corruption c) {
            // the header declares the length: only a flipped data byte still reads
            return c == Corruption.FLIP;
        }
    }

    private static final class NpyImages implements Format {
        @Override
        public Written write(Path at, Random rnd) throws IOException {
            // channels first and a width no channel count has: a layout that is not ambiguous
            int n = 1 + rnd.nextInt(5);
            int c = rnd.nextBoolean() ? 1 : 3;
            int h = 1 + rnd.nextInt(6);
            int w = 5 + rnd.nextInt(4);
            boolean rank3 = c == 1 && rnd.nextBoolean();
            long[] shape = rank3 ? new long[] {n, h, w} : new long[] {n, c, h, w};
            byte[] pixels = new byte[n * c * h * w];
            rnd.nextBytes(pixels);
            Path f = at.resolve("x.npy");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(Npy.header("|u1", shape));
            out.write(pixels);
            Files.write(f, out.toByteArray());
            return new Written(f, f, new long[] {n, c, h, w}, scaled(pixels));
        }

        @Override
        public Dataset read(Path path) {
            return ImageFiles.read(path, ImageFiles.Options.asStored(), DataType.DOUBLE);
        }

        @Override
        public boolean mayRead(Corruption c) {
            return c == Corruption.FLIP;
        }
    }

    private static final class IdxImages implements Format {
        private final boolean gzip;

        IdxImages(boolean gzip) {
            this.gzip = gzip;
        }

        @Override
        public Written write(Path at, Random rnd) throws IOException {
            int n = 1 + rnd.nextInt(6);
            int h = 1 + rnd.nextInt(6);
            int w = 1 + rnd.nextInt(6);
            byte[] pixels = new byte[n * h * w];
            rnd.nextBytes(pixels);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(gzip ? new GZIPOutputStream(bytes) : bytes)) {
                out.writeInt(0x0803);
                out.writeInt(n);
                out.writeInt(h);
                out.writeInt(w);
                out.write(pixels);
            }
            Path f = at.resolve("x-images-idx3-ubyte" + (gzip ? ".gz" : ""));
            Files.write(f, bytes.toByteArray());
            return new Written(f, f, new long[] {n, 1, h, w}, scaled(pixels));
        }

        @Override
        public Dataset read(Path path) {
            return ImageFiles.read(path, ImageFiles.Options.asStored(), DataType.DOUBLE);
        }

        @Override
        public boolean mayRead(Corruption c) {
            // a flipped byte in raw data is another pixel; in a gzip stream it fails gzip's CRC, or lands in
            // the gzip header's time field, which nothing checks
            return c == Corruption.FLIP;
        }
    }

    private static final class PngFolder implements Format {
        @Override
        public Written write(Path at, Random rnd) throws IOException {
            int n = 1 + rnd.nextInt(3);
            int h = 1 + rnd.nextInt(8);
            int w = 1 + rnd.nextInt(8);
            byte[] pixels = new byte[n * h * w];
            rnd.nextBytes(pixels);
            for (int i = 0; i < n; i++) {
                BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        img.getRaster().setSample(x, y, 0, pixels[(i * h + y) * w + x] & 0xff);
                    }
                }
                ImageIO.write(img, "png", at.resolve("img" + i + ".png").toFile());
            }
            return new Written(at, at.resolve("img0.png"), new long[] {n, 1, h, w}, scaled(pixels));
        }

        @Override
        public Dataset read(Path path) {
            return ImageFiles.read(path, ImageFiles.Options.asStored(), DataType.DOUBLE);
        }

        @Override
        public boolean mayRead(Corruption c) {
            // a flipped byte can land in a field ImageIO does not check; a PNG must end with its IEND chunk
            return c == Corruption.FLIP;
        }
    }

    private static double[] scaled(byte[] pixels) {
        double[] v = new double[pixels.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (pixels[i] & 0xff) / 255.0;
        }
        return v;
    }

    @Test
    void theCorruptionsChangeTheFile() {
        byte[] valid = {1, 2, 3, 4, 5, 6, 7, 8};
        for (Corruption c : Corruption.values()) {
            byte[] b = corrupt(valid, c, new Random(3));
            assertFalse(Arrays.equals(valid, b), c.name());
            assertEquals(c == Corruption.APPEND, b.length > valid.length, c.name());
        }
    }
}
