package dev.lva.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.lva.core.data.ImageFiles;
import dev.lva.core.nn.Shape;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class CodesTest {
    /** The window decode's grid shows is the one --pad-to's framing filled: padding, then cutting, gives the image. */
    @Test
    void theGridWindowUndoesPadToPadding() {
        for (int[] hw : new int[][] {{3, 3}, {2, 3}, {3, 4}}) {
            int h = hw[0];
            int w = hw[1];
            double[] pixels = new double[2 * h * w];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = i + 1;
            }
            double[] framed = ImageFiles.frame(Nd4j.createFromArray(pixels).reshape(1, 2, h, w)
                    .castTo(DataType.DOUBLE), 6).reshape(-1).toDoubleVector();
            Shape padded = Shape.image(2, 6, 6);
            int top = (6 - h) / 2;
            int left = (6 - w) / 2;
            assertArrayEquals(pixels, Codes.window(framed, padded, 2, top, left, h, w), h + " x " + w);
            // one channel shown of two: the first
            assertArrayEquals(java.util.Arrays.copyOf(pixels, h * w), Codes.window(framed, padded, 1, top, left, h, w));
        }
    }
}
