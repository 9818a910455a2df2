package dev.lva.core.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import dev.lva.core.tensor.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class SyntheticImagesTest {

    private static INDArray image(SyntheticImages s, int i) {
        return s.images().get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
    }

    @Test
    void noRangeGivesTheSourceItself() {
        for (int channels : new int[] {1, 3}) {
            SourceImage source = SourceImage.builtIn("ell", channels, 16);
            SyntheticImages s = SyntheticImages.generate(source, TransformRanges.none(), 3, 16, 1);
            assertEquals(0, s.trueDimension());
            assertArrayEquals(new long[] {3, channels, 16, 16}, s.images().shape());
            for (int i = 0; i < 3; i++) {
                assertEquals(source.toArray(), image(s, i), "image " + i + " on " + channels + " channels");
            }
            assertTrue(source.toArray().sumNumber().doubleValue() > 10, "the shape is drawn");
        }
    }

    @Test
    void parametersStayInTheirRangesAndTheVariedOnesCount() {
        TransformRanges ranges = TransformRanges.defaults(true);
        SyntheticImages s = SyntheticImages.generate(SourceImage.builtIn("ell", 3, 12), ranges, 50, 12, 7);
        assertEquals(7, s.trueDimension());
        for (double[] row : s.parameters()) {
            for (Parameter p : Parameter.values()) {
                TransformRanges.Range r = ranges.range(p);
                double v = row[p.ordinal()];
                assertTrue(v >= r.lo() && v <= r.hi(), p + " = " + v + " outside " + r);
            }
        }
        TransformRanges two = TransformRanges.none().with(Parameter.ROTATION, -30, 30).with(Parameter.SCALE, 0.8, 1)
                .with(Parameter.SHEAR, 10, 10);
        SyntheticImages t = SyntheticImages.generate(SourceImage.builtIn("ell", 1, 12), two, 20, 12, 7);
        assertEquals(2, t.trueDimension(), "a fixed shear is no dimension");
        assertEquals(List.of(Parameter.ROTATION, Parameter.SCALE), t.varied());
        assertEquals(2, t.variedParameters()[0].length);
        for (double[] row : t.parameters()) {
            assertEquals(10, row[Parameter.SHEAR.ordinal()]);
            assertEquals(0, row[Parameter.TRANSLATE_X.ordinal()]);
        }
        assertEquals(List.of("rotation", "translate_x", "translate_y", "scale", "shear", "hue", "saturation"),
                t.trueParameters().names());
        TrueParameters varying = t.trueParameters().varying();
        assertEquals(List.of("rotation", "scale"), varying.names());
        assertArrayEquals(t.variedParameters(), varying.values());
    }

    @Test
    void aSeedGivesTheSameImages() {
        TransformRanges ranges = TransformRanges.defaults(false);
        SourceImage source = SourceImage.builtIn("triangle", 1, 10);
        SyntheticImages a = SyntheticImages.generate(source, ranges, 5, 10, 3);
        SyntheticImages b = SyntheticImages.generate(source, ranges, 5, 10, 3);
        SyntheticImages c = SyntheticImages.generate(source, ranges, 5, 10, 4);
        assertEquals(a.images(), b.images());
        assertArrayEquals(a.parameters(), b.parameters());
        assertNotEquals(a.images(), c.images());
    }

    @Test
    void aQuarterTurnMovesEveryPixelWhereItShould() {
        Rng rng = new Rng(1);
        INDArray src = Nd4j.create(DataType.DOUBLE, 1, 8, 8);
        for (int i = 0; i < 64; i++) {
            src.putScalar(i, rng.nextDouble());
        }
        SyntheticImages s = SyntheticImages.generate(SourceImage.of(src),
                TransformRanges.none().with(Parameter.ROTATION, 90, 90), 1, 8, 0);
        // counter-clockwise as shown: the left column becomes the bottom row
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                assertEquals(src.getDouble(0, c, 7 - r), s.images().getDouble(0, 0, r, c), 1e-6, r + ", " + c);
            }
        }
    }

    @Test
    void aTranslationMovesTheCentroidByIt() {
        SourceImage disc = SourceImage.builtIn("disc", 1, 32);
        SyntheticImages s = SyntheticImages.generate(disc, TransformRanges.none()
                .with(Parameter.TRANSLATE_X, 0.125, 0.125).with(Parameter.TRANSLATE_Y, -0.0625, -0.0625), 1, 32, 0);
        double[] before = centroid(disc.toArray().reshape(32, 32));
        double[] after = centroid(s.images().reshape(32, 32));
        assertEquals(4, after[0] - before[0], 1e-6, "x moves by 0.125 of 32 pixels");
        assertEquals(-2, after[1] - before[1], 1e-6, "y moves by -0.0625 of 32 pixels");
        // a random shift is found again from the image
        TransformRanges ranges = TransformRanges.none().with(Parameter.TRANSLATE_X, -0.2, 0.2);
        SyntheticImages random = SyntheticImages.generate(disc, ranges, 10, 32, 5);
        for (int i = 0; i < 10; i++) {
            double shift = centroid(image(random, i).reshape(32, 32))[0] - before[0];
            assertEquals(random.parameters()[i][Parameter.TRANSLATE_X.ordinal()] * 32, shift, 0.05, "image " + i);
        }
    }

    /** (x, y) of the intensity's centre of mass, in pixels. */
    private static double[] centroid(INDArray img) {
        double sum = 0;
        double x = 0;
        double y = 0;
        for (int r = 0; r < img.rows(); r++) {
            for (int c = 0; c < img.columns(); c++) {
                double v = img.getDouble(r, c);
                sum += v;
                x += v * c;
                y += v * r;
            }
        }
        return new double[] {x / sum, y / sum};
    }

    @Test
    void hueAndSaturationChangeTheColour() {
        INDArray red = Nd4j.zeros(DataType.DOUBLE, 3, 2, 2);
        red.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all()).assign(1);
        SyntheticImages green = SyntheticImages.generate(SourceImage.of(red),
                TransformRanges.none().with(Parameter.HUE, 1 / 3.0, 1 / 3.0), 1, 2, 0);
        assertEquals(0, green.images().getDouble(0, 0, 0, 0), 1e-6);
        assertEquals(1, green.images().getDouble(0, 1, 0, 0), 1e-6);
        assertEquals(0, green.images().getDouble(0, 2, 0, 0), 1e-6);
        SyntheticImages grey = SyntheticImages.generate(SourceImage.of(red),
                TransformRanges.none().with(Parameter.SATURATION, 0, 0), 1, 2, 0);
        for (int ch = 0; ch < 3; ch++) {
            assertEquals(1, grey.images().getDouble(0, ch, 1, 1), 1e-6);
        }
    }

    @Test
    void aPngIsASourceAndChannelsConvert(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.awt.image.BufferedImage png = new java.awt.image.BufferedImage(4, 3,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        png.setRGB(1, 2, 0xff0000);
        java.nio.file.Path file = dir.resolve("red.png");
        javax.imageio.ImageIO.write(png, "png", file.toFile());
        SourceImage source = SourceImage.read(file);
        assertEquals(3, source.channels());
        assertEquals(3, source.height());
        assertEquals(4, source.width());
        assertEquals(1, source.toArray().getDouble(0, 2, 1), 0);
        assertEquals(0, source.toArray().getDouble(1, 2, 1), 0);
        SourceImage grey = source.withChannels(1);
        assertEquals(0.299, grey.toArray().getDouble(0, 2, 1), 1e-6);
        assertEquals(grey.toArray().getDouble(0, 2, 1), grey.withChannels(3).toArray().getDouble(2, 2, 1), 0);
        // a source of another size is read as if stretched to the output: output pixel (6, 2) of 8 x 8 reads
        // the 3 x 4 source at row (6.5 * 3 / 8 - 0.5) = 1.9375 and column (2.5 * 4 / 8 - 0.5) = 0.75
        SyntheticImages s = SyntheticImages.generate(source, TransformRanges.none(), 1, 8, 0);
        assertEquals(0.9375 * 0.75, s.images().getDouble(0, 0, 6, 2), 1e-6);
    }

    @Test
    void trueParametersGoThroughTheirCsvExactly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        SyntheticImages s = SyntheticImages.generate(SourceImage.builtIn("ell", 3, 8), TransformRanges.defaults(true),
                6, 8, 2);
        java.nio.file.Path csv = dir.resolve("params.csv");
        s.trueParameters().write(csv);
        TrueParameters back = TrueParameters.read(csv);
        assertEquals(s.trueParameters().names(), back.names());
        assertArrayEquals(s.parameters(), back.values());
        assertThrows(dev.lva.core.data.DataException.class, () -> back.requireRows(7, "images.npy"));
        // the images as .npy: a fixed seed writes the same bytes, and they read back as generated
        java.nio.file.Path a = dir.resolve("a.npy");
        java.nio.file.Path b = dir.resolve("b.npy");
        dev.lva.core.io.Npy.write(a, s.images());
        dev.lva.core.io.Npy.write(b, SyntheticImages.generate(SourceImage.builtIn("ell", 3, 8),
                TransformRanges.defaults(true), 6, 8, 2).images());
        assertArrayEquals(java.nio.file.Files.readAllBytes(a), java.nio.file.Files.readAllBytes(b));
        assertEquals(s.images(), dev.lva.core.io.Npy.read(a, 4));
    }

    /** Files that are not true parameters of the rows, each refused naming the file and what is wrong. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        // no header: its first row was taken for one, every later row shifted against the data
        "no header|0,1\\n2,3\\n|is numbers, not a header",
        "a NaN|a\\n1\\nNaN\\n|value NaN is not finite",
        "a word|a\\n1\\nx\\n|is not a number",
        "a header only|a,b\\n|no data rows"})
    void aFileThatIsNotTrueParametersIsRefused(String name, String text, String message,
                                               @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path csv = java.nio.file.Files.writeString(dir.resolve("t.csv"), text.replace("\\n", "\n"));
        String m = assertThrows(dev.lva.core.data.DataException.class, () -> TrueParameters.read(csv)).getMessage();
        assertTrue(m.contains(csv.toString()) && m.contains(message), m);
    }

    @Test
    void sizesBeyondAnArrayAreRefusedNotWrapped() {
        // 65537 x 1 x 256 x 256 is 2^32 + 65536: an int product wrapped to 65536 values
        LvaException e = assertThrows(LvaException.class, () -> SyntheticImages.generate(
                SourceImage.builtIn("ell", 1, 256), TransformRanges.none(), 65537, 256, 0));
        assertTrue(e.getMessage().contains("more than one array holds"), e.getMessage());
        // the source alone: 3 x 100,000^2 wrapped to a negative array length
        e = assertThrows(LvaException.class, () -> SourceImage.builtIn("ell", 3, 100_000));
        assertTrue(e.getMessage().contains("3 x 100000 x 100000") && e.getMessage().contains("more than one array"),
                e.getMessage());
    }

    @Test
    void aGreySourceIsToldFromAColouredOne() {
        assertTrue(SourceImage.builtIn("ell", 1, 8).grey());
        assertTrue(!SourceImage.builtIn("ell", 3, 8).grey(), "a built-in shape is orange on three channels");
        assertTrue(SourceImage.builtIn("ell", 1, 8).withChannels(3).grey(), "grey copied to three channels");
    }

    @Test
    void badRangesAndColourOnOneChannelAreRefused() {
        LvaException e = assertThrows(LvaException.class, () -> SyntheticImages.generate(
                SourceImage.builtIn("ell", 1, 8), TransformRanges.none().with(Parameter.HUE, -0.1, 0.1), 2, 8, 0));
        assertTrue(e.getMessage().contains("hue") && e.getMessage().contains("3 channels"), e.getMessage());
        assertThrows(LvaException.class, () -> TransformRanges.none().with(Parameter.ROTATION, 10, -10));
        assertThrows(LvaException.class, () -> TransformRanges.none().with(Parameter.SCALE, 0, 1));
        e = assertThrows(LvaException.class, () -> SourceImage.builtIn("star", 1, 8));
        assertTrue(e.getMessage().contains("ell"), e.getMessage());
        assertEquals(Parameter.TRANSLATE_X, Parameter.of("translate_x"));
    }
}
