package dev.lva.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.core.io.Npy;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Image files as batches of images: IDX (gzipped or not), .npy of rank 3 and 4, folders of PNG and
 * JPEG; padding, cropping and limits; and one clear line for every malformed input.
 */
class ImageFilesTest {
    @TempDir
    Path dir;

    private Path idx(String name, int magic, int[] dims, byte[] data, boolean gzip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(gzip ? new GZIPOutputStream(bytes) : bytes)) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
        Path f = dir.resolve(name);
        Files.write(f, bytes.toByteArray());
        return f;
    }

    private Path images(String name, int n, int h, int w, boolean gzip) throws IOException {
        byte[] data = new byte[n * h * w];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        return idx(name, 0x0803, new int[] {n, h, w}, data, gzip);
    }

    private Path png(Path folder, String name, BufferedImage img) throws IOException {
        Files.createDirectories(folder);
        Path f = folder.resolve(name);
        ImageIO.write(img, name.endsWith(".jpg") ? "jpg" : "png", f.toFile());
        return f;
    }

    private static BufferedImage grey(int h, int w, int value) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, (value + x + y) & 0xff);
            }
        }
        return img;
    }

    @Test
    void idxImagesGzippedOrNotAreScaledToZeroOneWithOneChannel() throws IOException {
        for (boolean gzip : new boolean[] {true, false}) {
            Path f = images("train-images-idx3-ubyte" + (gzip ? ".gz" : ""), 5, 4, 3, gzip);
            assertEquals(ImageFiles.Kind.IDX, ImageFiles.kind(f));
            Dataset d = ImageFiles.read(f, ImageFiles.Options.asStored());
            assertArrayEquals(new long[] {5, 1, 4, 3}, d.features().shape());
            assertEquals(DataType.FLOAT, d.features().dataType());
            assertEquals((13 * 7 & 0xff) / 255.0, d.features().getDouble(1, 0, 0, 1), 1e-7);
            assertEquals(12, d.cols());
            assertEquals(2, ImageFiles.read(f, new ImageFiles.Options(0, 2)).rows());
        }
        // an IDX file of another name is known by its first bytes
        Path other = images("pixels.bin", 2, 2, 2, true);
        assertEquals(ImageFiles.Kind.IDX, ImageFiles.kind(other));
    }

    /** numpy's .npy 1.0 header for unsigned bytes of the given shape, padded to 64 bytes. */
    private static byte[] uint8Header(String shape) {
        StringBuilder dict = new StringBuilder("{'descr': '|u1', 'fortran_order': False, 'shape': " + shape + ", }");
        while ((10 + dict.length() + 1) % 64 != 0) {
            dict.append(' ');
        }
        dict.append('\n');
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x93);
        b.writeBytes("NUMPY".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.write(1);
        b.write(0);
        b.write(dict.length() & 0xff);
        b.write(dict.length() >> 8);
        b.writeBytes(dict.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    @Test
    void npyOfRankThreeAndFour() throws IOException {
        Path grey = dir.resolve("grey.npy");
        try (OutputStream out = Files.newOutputStream(grey)) {
            out.write(uint8Header("(3, 2, 2)"));
            out.write(new byte[] {0, (byte) 255, 51, 102, 0, 0, 0, 0, 0, 0, 0, 1});
        }
        assertEquals(ImageFiles.Kind.NPY, ImageFiles.kind(grey));
        INDArray g = ImageFiles.read(grey, ImageFiles.Options.asStored()).features();
        assertArrayEquals(new long[] {3, 1, 2, 2}, g.shape());
        assertEquals(1.0, g.getDouble(0, 0, 0, 1), 0);
        assertEquals(0.2, g.getDouble(0, 0, 1, 0), 1e-7);
        Path rgb = dir.resolve("rgb.npy");
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, 2, 5);
        Npy.write(rgb, x);
        INDArray back = ImageFiles.read(rgb, new ImageFiles.Options(0, 3), DataType.DOUBLE).features();
        assertEquals(DataType.DOUBLE, back.dataType());
        assertArrayEquals(new long[] {3, 3, 2, 5}, back.shape());
        assertEquals(x.getDouble(2, 1, 1, 4), back.getDouble(2, 1, 1, 4), 1e-7);
        Path table = dir.resolve("table.npy");
        Npy.write(table, Nd4j.rand(DataType.FLOAT, 4, 3));
        assertEquals(ImageFiles.Kind.NONE, ImageFiles.kind(table));
    }

    @Test
    void aFolderOfImagesInNameOrder() throws IOException {
        Path folder = dir.resolve("pngs");
        png(folder, "b.png", grey(6, 5, 100));
        png(folder, "a.png", grey(6, 5, 10));
        Files.writeString(folder.resolve("README.txt"), "not an image");
        assertEquals(ImageFiles.Kind.FOLDER, ImageFiles.kind(folder));
        INDArray g = ImageFiles.read(folder, ImageFiles.Options.asStored()).features();
        assertArrayEquals(new long[] {2, 1, 6, 5}, g.shape());
        assertEquals(10 / 255.0, g.getDouble(0, 0, 0, 0), 1e-7, "a.png first");
        assertEquals(103 / 255.0, g.getDouble(1, 0, 1, 2), 1e-7);
        // one colour image makes all three-channel
        BufferedImage colour = new BufferedImage(5, 6, BufferedImage.TYPE_INT_RGB);
        colour.setRGB(1, 2, 0xff8000);
        png(folder, "c.png", colour);
        INDArray c = ImageFiles.read(folder, ImageFiles.Options.asStored()).features();
        assertArrayEquals(new long[] {3, 3, 6, 5}, c.shape());
        assertEquals(1.0, c.getDouble(2, 0, 2, 1), 1e-7);
        assertEquals(128 / 255.0, c.getDouble(2, 1, 2, 1), 1e-7);
        assertEquals(0, c.getDouble(2, 2, 2, 1), 1e-7);
        assertEquals(c.getDouble(0, 0, 3, 3), c.getDouble(0, 2, 3, 3), 0, "grey as three equal channels");
    }

    @Test
    void paddingCentresAndCroppingTakesTheMiddle() throws IOException {
        Path f = images("t10k-images-idx3-ubyte", 2, 28, 28, false);
        INDArray raw = ImageFiles.read(f, ImageFiles.Options.asStored()).features();
        INDArray padded = ImageFiles.read(f, new ImageFiles.Options(32, 0)).features();
        assertArrayEquals(new long[] {2, 1, 32, 32}, padded.shape());
        // as lva_conv.py: x[:, 0, 2:30, 2:30] = images
        assertEquals(raw.getDouble(1, 0, 0, 0), padded.getDouble(1, 0, 2, 2), 0);
        assertEquals(raw.getDouble(1, 0, 27, 27), padded.getDouble(1, 0, 29, 29), 0);
        assertEquals(0, padded.getDouble(1, 0, 1, 5), 0);
        assertEquals(0, padded.getDouble(1, 0, 30, 30), 0);
        assertEquals(raw.sumNumber().doubleValue(), padded.sumNumber().doubleValue(), 1e-3);
        INDArray cropped = ImageFiles.read(f, new ImageFiles.Options(24, 0)).features();
        assertArrayEquals(new long[] {2, 1, 24, 24}, cropped.shape());
        assertEquals(raw.getDouble(0, 0, 2, 2), cropped.getDouble(0, 0, 0, 0), 0);
        assertEquals(raw.getDouble(0, 0, 25, 25), cropped.getDouble(0, 0, 23, 23), 0);
        // an odd margin: the extra row and column go after
        INDArray odd = ImageFiles.frame(Nd4j.ones(DataType.FLOAT, 1, 1, 2, 2), 5);
        assertEquals(1, odd.getDouble(0, 0, 1, 1), 0);
        assertEquals(0, odd.getDouble(0, 0, 0, 0), 0);
        assertEquals(4, odd.sumNumber().doubleValue(), 0);
    }

    /** The input, the message's expected beginning, and what else it must name. */
    private record Bad(String what, Path path, String starts, String... mentions) {
    }

    @Test
    void everyMalformedInputIsOneLineNamingFileWhatAndWhere() throws IOException {
        List<Bad> cases = new ArrayList<>();
        Path text = dir.resolve("notes-idx3-ubyte");
        Files.writeString(text, "hello, world");
        cases.add(new Bad("wrong magic", text, text + ": not an IDX file (it starts 68 65 6c 6c", "00 00 08 03"));
        Path tiny = dir.resolve("tiny.idx");
        Files.write(tiny, new byte[] {0, 0});
        cases.add(new Bad("cut before the magic", tiny, tiny + ": not an IDX file: it ends after 2 bytes"));
        Path header = idx("header-idx3-ubyte", 0x0803, new int[] {5}, new byte[0], false);
        cases.add(new Bad("cut in the header", header, header + ": truncated in the header: it declares 3 dimensions"
                + " but ends after 1 (at byte 8)"));
        Path floats = idx("floats-idx3-ubyte", 0x0d03, new int[] {1, 2, 2}, new byte[16], false);
        cases.add(new Bad("float elements", floats, floats + ": IDX element type 0x0d (float32) is not supported"));
        Path labels = idx("train-labels-idx1-ubyte", 0x0801, new int[] {4}, new byte[4], false);
        cases.add(new Bad("a labels file", labels, labels + ": holds 4 labels (an IDX vector), not images"));
        Path cut = idx("cut-idx3-ubyte.gz", 0x0803, new int[] {3, 2, 2}, new byte[6], true);
        cases.add(new Bad("data cut inside an image", cut, cut + ": truncated: the header declares 3 samples of 4"
                + " values, the data ends inside sample 2 (2 of its 4 values) of shape 2 x 2"));
        Path zero = idx("zero-idx3-ubyte", 0x0803, new int[] {5, 0, 28}, new byte[0], false);
        cases.add(new Bad("a zero dimension", zero, zero + ": dimension 2 of the shape 5 x 0 x 28 is 0"));
        Path none = idx("none-idx3-ubyte", 0x0803, new int[] {0, 28, 28}, new byte[0], false);
        cases.add(new Bad("no images", none, none + ": holds no images (shape 0 x 28 x 28)"));
        Path damaged = dir.resolve("damaged-idx3-ubyte.gz");
        byte[] gz = Files.readAllBytes(images("good-idx3-ubyte.gz", 20, 8, 8, true));
        Files.write(damaged, java.util.Arrays.copyOf(gz, gz.length / 2));
        cases.add(new Bad("a cut gzip file", damaged, damaged + ": the gzip data is damaged or cut short"));
        Path rank5 = dir.resolve("rank5.npy");
        Npy.write(rank5, Nd4j.zeros(DataType.FLOAT, 1, 1, 1, 2, 2));
        cases.add(new Bad("a .npy of rank 5", rank5, rank5 + ": a .npy of rank 5 (shape 1 x 1 x 1 x 2 x 2); lva reads rank 1"
                + " or 2 as a table (rows x columns), rank 3 or 4 as images (N x H x W or N x C x H x W)"));
        Path nan = dir.resolve("nan.npy");
        INDArray withNan = Nd4j.zeros(DataType.FLOAT, 2, 3, 4, 5);
        withNan.putScalar(new long[] {1, 2, 3, 4}, Float.NaN);
        Npy.write(nan, withNan);
        cases.add(new Bad("a NaN pixel", nan, nan + ": image 1, channel 2, pixel (row 3, column 4) is NaN; images must"
                + " be finite"));
        Path shortNpy = dir.resolve("short.npy");
        byte[] full = Npy.toBytes(Nd4j.zeros(DataType.FLOAT, 4, 8, 8));
        Files.write(shortNpy, java.util.Arrays.copyOf(full, full.length - 10));
        cases.add(new Bad("a cut .npy", shortNpy, shortNpy + ": ", "bytes"));
        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        Files.writeString(empty.resolve("notes.txt"), "no images here");
        cases.add(new Bad("a folder without images", empty, empty + ": no PNG or JPEG images in this folder"));
        Path mixed = dir.resolve("mixed");
        png(mixed, "a.png", grey(28, 28, 0));
        png(mixed, "b.png", grey(28, 28, 9));
        png(mixed, "c.png", grey(30, 28, 9));
        png(mixed, "d.png", grey(30, 30, 9));
        cases.add(new Bad("an image of another size", mixed, mixed.resolve("c.png") + ": 30 x 28 pixels (height x"
                + " width), the images before it (from a.png) are 28 x 28; a folder's images must all have one size"));
        Path broken = dir.resolve("broken");
        png(broken, "a.png", grey(4, 4, 0));
        byte[] pngBytes = Files.readAllBytes(broken.resolve("a.png"));
        Files.write(broken.resolve("b.png"), java.util.Arrays.copyOf(pngBytes, 40));
        cases.add(new Bad("a cut PNG", broken, broken.resolve("b.png") + ": not a readable image ("));
        Path fake = dir.resolve("fake");
        png(fake, "a.png", grey(4, 4, 0));
        Files.writeString(fake.resolve("b.jpg"), "this is text, not a JPEG");
        cases.add(new Bad("a text file named .jpg", fake, fake.resolve("b.jpg") + ": not a PNG or JPEG image"));
        Path missing = dir.resolve("no-such-images-idx3-ubyte.gz");
        cases.add(new Bad("a missing file", missing, missing + ": no such file"));
        Path csv = dir.resolve("table.csv");
        Files.writeString(csv, "a,b\n1,2\n");
        cases.add(new Bad("a table", csv, csv + ": not an image file"));

        assertTrue(cases.size() >= 12);
        for (Bad c : cases) {
            Supplier<Dataset> read = () -> ImageFiles.read(c.path(), new ImageFiles.Options(32, 0));
            DataException e = assertThrows(DataException.class, read::get, c.what());
            String m = e.getMessage();
            assertTrue(m.startsWith(c.starts()), c.what() + ": " + m);
            for (String s : c.mentions()) {
                assertTrue(m.contains(s), c.what() + " should mention '" + s + "': " + m);
            }
            assertFalse(m.contains("\n"), c.what() + ": one line: " + m);
            assertTrue(m.length() < 400, c.what() + ": a sane length: " + m);
        }
    }

    @Test
    void optionsAreChecked() {
        assertEquals("padTo must be >= 0 (0 = as stored), got -1", assertThrows(IllegalArgumentException.class,
                () -> new ImageFiles.Options(-1, 0)).getMessage());
        assertEquals("limit must be >= 0 (0 = all), got -5", assertThrows(IllegalArgumentException.class,
                () -> new ImageFiles.Options(0, -5)).getMessage());
    }
}
