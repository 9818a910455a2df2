package dev.lva.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.lva.viz.Range;
import org.junit.jupiter.api.Test;

class ImageFiguresTest {
    @Test
    void pixelsAreShownOnTheFixedScaleOfDecodesGridOtherValuesOnTheirOwn() {
        // faint images (0.1 to 0.4) were stretched to full contrast by a min-max scale
        assertEquals(Range.of(0, 1), ImageFigures.valueScale(new double[][] {{0.1, 0.4}, {0.2, 0.3}}));
        assertEquals(Codes.PIXELS, ImageFigures.valueScale(new double[][] {{0, 1}}));
        assertEquals(Range.of(-2, 3), ImageFigures.valueScale(new double[][] {{-2, 0}, {3, 1}}));
        assertNull(ImageFigures.valueScale(new double[][] {{5, 5}}));
    }
}
