package dev.lva.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Every chart kind renders to a real, non-blank PNG and a well-formed SVG of the stated size. */
class ChartRenderingTest {

    static Stream<String> kinds() {
        return Samples.all().keySet().stream();
    }

    private static Figure sample(String kind) {
        return Samples.all().get(kind).get();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void pngDecodesWithTheFigureSizeAndIsNotBlank(String kind, @TempDir Path dir) throws Exception {
        Figure f = sample(kind);
        Path file = f.save(dir.resolve(kind + ".png"));

        BufferedImage img = Images.decode(file);
        assertEquals(f.width(), img.getWidth(), "width of " + kind);
        assertEquals(f.height(), img.getHeight(), "height of " + kind);
        assertTrue(Images.greyStdDev(img) > 15, kind + " looks blank: grey std dev " + Images.greyStdDev(img));
        double ink = Images.inkFraction(img);
        assertTrue(ink > 0.01 && ink < 0.9, kind + " has an implausible share of non-white pixels: " + ink);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void svgParsesWithAnSvgRootOfTheFigureSize(String kind, @TempDir Path dir) throws Exception {
        Figure f = sample(kind);
        Path file = f.save(dir.resolve(kind + ".SVG"));

        Document doc = Images.parseSvg(Files.readAllBytes(file));
        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
        assertEquals(f.width(), Images.pixels(root.getAttribute("width")), 0.0, kind);
        assertEquals(f.height(), Images.pixels(root.getAttribute("height")), 0.0, kind);
        // Something is drawn, not just the white background.
        int shapes = doc.getElementsByTagNameNS("*", "path").getLength() + doc.getElementsByTagNameNS("*", "rect").getLength();
        assertTrue(shapes > 10, kind + " SVG has almost no shapes");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void renderingTwiceGivesIdenticalBytes(String kind) {
        Figure f = sample(kind);
        assertArrayEquals(f.toPng(), f.toPng(), kind + ": same figure, different PNG");
        assertArrayEquals(f.toPng(), sample(kind).toPng(), kind + ": same input, different PNG");
        assertArrayEquals(f.toSvg(), sample(kind).toSvg(), kind + ": same input, different SVG");
    }

    @Test
    void renderingLeavesAwtHeadless() {
        Samples.line().toPng();
        assertTrue(GraphicsEnvironment.isHeadless());
    }

    @Test
    void differentDataGivesDifferentPixels() {
        // Guards the determinism test against a renderer that ignores its input.
        byte[] a = ScatterPlot.of(PlotOptions.titled("s").withSize(200, 150), new double[] {0, 1}, new double[] {0, 1}).toPng();
        byte[] b = ScatterPlot.of(PlotOptions.titled("s").withSize(200, 150), new double[] {0, 1}, new double[] {1, 0}).toPng();
        assertFalse(Arrays.equals(a, b));
    }

    @Test
    void saveCreatesMissingFoldersAndLeavesNoTemporaryFiles(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("a/b/loss.png");
        Samples.line().save(target);
        assertTrue(Files.size(target) > 1000);
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertEquals(1, files.count(), "only the figure itself should remain");
        }
    }

    @Test
    void saveReplacesAnExistingFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("f.png");
        Files.writeString(target, "old");
        Samples.line().save(target);
        assertEquals(480, Images.decode(target).getWidth());
    }
}
