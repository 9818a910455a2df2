package dev.lva.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Image grids draw every image pixel as a solid square, grey or in colour; traversals label rows and columns. */
class ImageGridTest {

    private static long count(BufferedImage img, int rgb) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += (img.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        return n;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    /** A constant image is one solid colour, to the pixel: no seams between its pixel squares. */
    @Test
    void pixelsAreSolidSquaresWithoutSeams() {
        double[][][] images = new double[2][3][];
        for (double[][] row : images) {
            Arrays.fill(row, filled(6 * 5, 0.5));
        }
        for (int scale : new int[] {3, 7}) {
            Figure f = ImageGrid.of(ImageGrid.Options.titled("solid").withScale(scale).withValues(Range.of(0, 1)),
                    images, 6, 5, List.of("a", "b"), List.of("x", "y", "z"));
            BufferedImage img = f.toImage();
            assertEquals(2L * 3 * 6 * 5 * scale * scale, count(img, 0x808080), "every image pixel drawn as a solid"
                    + " " + scale + " x " + scale + " square of grey 128");
        }
    }

    @Test
    void colourImagesDrawTheirThreeChannels() {
        int plane = 4 * 4;
        double[] red = new double[3 * plane];
        Arrays.fill(red, 0, plane, 1);
        double[] cyan = new double[3 * plane];
        Arrays.fill(cyan, plane, 3 * plane, 1);
        Figure f = ImageGrid.of(ImageGrid.Options.titled("colour").withScale(4).withValues(Range.of(0, 1)),
                new double[][][] {{red, cyan}}, 3, 4, 4, null, null);
        BufferedImage img = f.toImage();
        assertEquals(plane * 16L, count(img, 0xff0000));
        assertEquals(plane * 16L, count(img, 0x00ffff));
        ChartException two = assertThrows(ChartException.class, () -> ImageGrid.of(ImageGrid.Options.titled("two"),
                new double[][][] {{new double[32]}}, 2, 4, 4, null, null));
        assertEquals("image grid 'two': images have 2 channels; grey images have 1, colour images 3", two.getMessage());
        ChartException size = assertThrows(ChartException.class, () -> ImageGrid.of(ImageGrid.Options.titled("size"),
                new double[][][] {{new double[16]}}, 3, 4, 4, null, null));
        assertEquals("image grid 'size': image [0][0] has 16 values, but 3 x 4 x 4 images need 48", size.getMessage());
    }

    @Test
    void aTraversalLabelsDimensionsAndOffsets() {
        double[] offsets = LatentTraversal.offsets(2, 9);
        assertArrayEquals(new double[] {-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2}, offsets, 1e-12);
        assertEquals("-2\u03c3", LatentTraversal.offset(-2));
        assertEquals("+0.5\u03c3", LatentTraversal.offset(0.5));
        assertEquals("mean", LatentTraversal.offset(0));
        double[][][] rows = new double[2][9][];
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 9; c++) {
                rows[r][c] = filled(9, c / 8.0);
            }
        }
        Figure f = LatentTraversal.of(ImageGrid.Options.titled("traversal"), rows, 1, 3, 3, List.of("z3", "z0"),
                new double[] {1.25, 0.001}, new boolean[] {false, true}, offsets);
        assertTrue(f.width() > 9 * 3 && f.height() > 2 * 3);
        ChartException e = assertThrows(ChartException.class, () -> LatentTraversal.of(ImageGrid.Options.titled("t"),
                rows, 1, 3, 3, List.of("z3"), new double[] {1, 2}, null, offsets));
        assertEquals("image grid 't': a traversal needs one name, std per row: 2 rows, 1 names, 2 stds", e.getMessage());
    }
}
