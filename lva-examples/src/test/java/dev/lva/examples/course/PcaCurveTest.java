package dev.lva.examples.course;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lva.models.LatentAnalysis;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class PcaCurveTest {

    @Test
    void reconstructionErrorByComponentsMatchesScikitLearnOnTheCurve() {
        INDArray x = CourseData.curve3d().scaled();
        PcaCurve curve = PcaCurve.of(x, 3);
        // ae.py's data_var_total_per_entry, numpy's var (N): keeping only the mean leaves the variance
        assertEquals(0.3746, curve.mse()[0], 1e-4);
        assertEquals(0.175782, curve.mse()[1], 1e-5);
        assertEquals(0.0240542, curve.mse()[2], 1e-6);
        assertEquals(0, curve.mse()[3], 1e-9);
        assertEquals(2, curve.componentsFor(0.03));
        assertEquals(1, curve.componentsFor(0.2));
        assertEquals(0, curve.componentsFor(1));
        assertEquals(-1, curve.componentsFor(-1));
    }

    @Test
    void lvaeCurveTurnsTheCumulativeShareBackIntoErrors() {
        LatentAnalysis a = new LatentAnalysis(new double[] {1, 0.5}, new int[] {0, 1}, new double[2][2],
                new double[] {0.8, 0.2}, new double[] {0.8, 1.0}, 0.01, 0.11, 2, 2);
        assertArrayEquals(new double[] {0.11, 0.03, 0.01}, DigitsLauncher.lvaeCurve(a), 1e-12);
    }

    @Test
    void leastSquaresRecoversAnExactLine() {
        double[] fit = RegressionLauncher.leastSquares(new double[] {-1, 0, 2}, new double[] {-1, 1, 5});
        assertArrayEquals(new double[] {2, 1, 0}, fit, 1e-12);
    }
}
