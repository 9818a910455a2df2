package dev.lva.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Bad input fails at once with a message naming the chart, the argument and the index. */
class BadInputTest {
    private static final PlotOptions O = PlotOptions.titled("bad");
    private static final GridOptions G = GridOptions.titled("bad grid");

    private static void fails(String expected, Executable call) {
        ChartException e = assertThrows(ChartException.class, call);
        assertEquals(expected, e.getMessage());
        assertTrue(e instanceof LvaException);
    }

    @Test
    void scatterRejectsEmptyNanAndMismatchedArrays() {
        fails("scatter 'bad': x is empty", () -> ScatterPlot.of(O, new double[0], new double[0]));
        fails("scatter 'bad': y[2] is NaN", () -> ScatterPlot.of(O, new double[] {1, 2, 3}, new double[] {1, 2, Double.NaN}));
        fails("scatter 'bad': x[0] is infinite (Infinity)",
                () -> ScatterPlot.of(O, new double[] {Double.POSITIVE_INFINITY}, new double[] {1}));
        fails("scatter 'bad': x has 3 values but y has 2", () -> ScatterPlot.of(O, new double[] {1, 2, 3}, new double[] {1, 2}));
        fails("scatter 'bad': x has 2 values but values has 1",
                () -> ScatterPlot.colored(O, new double[] {1, 2}, new double[] {1, 2}, new double[] {1}, "t"));
        fails("scatter 'bad': y is missing", () -> ScatterPlot.of(O, new double[] {1}, null));
    }

    @Test
    void logScaleRejectsZeroAndNegativeValues() {
        PlotOptions log = O.withLogY(true);
        fails("line plot 'bad': series 'train' y[1] is 0.0, but a log-scale y axis needs values > 0",
                () -> LinePlot.of(log, List.of(Series.of("train", new double[] {1, 0, 2}))));
        fails("bar chart 'bad': bars on a log-scale axis would rise from an arbitrary floor; use a linear axis,"
                + " or points (StdSpectrum for latent stds)", () -> BarChart.latentStds(log, new double[] {0, 1}));
        fails("scatter 'bad': y[0] is -1.0, but a log-scale y axis needs values > 0",
                () -> ScatterPlot.of(log, new double[] {1}, new double[] {-1}));
    }

    @Test
    void linePlotRejectsMissingDuplicateAndBrokenSeries() {
        fails("line plot 'bad': series is empty", () -> LinePlot.of(O, List.of()));
        fails("line plot 'bad': series name 'a' appears twice",
                () -> LinePlot.of(O, List.of(Series.of("a", new double[] {1}), Series.of("a", new double[] {2}))));
        fails("line plot 'bad': series 'a' x has 2 values but y has 3",
                () -> LinePlot.of(O, List.of(Series.of("a", new double[] {1, 2}, new double[] {1, 2, 3}))));
        fails("line plot 'bad': series 'a' y[1] is NaN",
                () -> LinePlot.of(O, List.of(Series.of("a", new double[] {1, Double.NaN}))));
        List<Series> withNull = new ArrayList<>(Arrays.asList(Series.of("a", new double[] {1}), null));
        fails("line plot 'bad': series[1] is missing", () -> LinePlot.of(O, withNull));
    }

    @Test
    void barChartRejectsNanNegativeStdsAndLabelMismatch() {
        fails("bar chart 'bad': stds[3] is NaN", () -> BarChart.latentStds(O, new double[] {1, 2, 3, Double.NaN}));
        fails("bar chart 'bad': stds[1] is -0.5; a standard deviation cannot be negative",
                () -> BarChart.latentStds(O, new double[] {1, -0.5}));
        fails("bar chart 'bad': 3 labels for 2 values", () -> BarChart.of(O, List.of("a", "b", "c"), new double[] {1, 2}));
        fails("bar chart 'bad': labels[1] 'a' appears twice", () -> BarChart.of(O, List.of("a", "a"), new double[] {1, 2}));
    }

    @Test
    void heatMapRejectsNonSquareRaggedAndNonFiniteMatrices() {
        fails("heat map 'bad': matrix must be square to share one label list, but is 2 x 3",
                () -> HeatMap.covariance(O, new double[][] {{1, 2, 3}, {4, 5, 6}}, null));
        fails("heat map 'bad': matrix row 1 has 2 values but row 0 has 3",
                () -> HeatMap.of(O, new double[][] {{1, 2, 3}, {4, 5}}, null, null));
        fails("heat map 'bad': matrix[0][1] is infinite (-Infinity)",
                () -> HeatMap.of(O, new double[][] {{1, Double.NEGATIVE_INFINITY}}, null, null));
        fails("heat map 'bad': matrix has no rows", () -> HeatMap.covariance(O, new double[0][], null));
        fails("heat map 'bad': 1 labels for 2 rows", () -> HeatMap.covariance(O, new double[][] {{1, 0}, {0, 1}}, List.of("a")));
        fails("heat map 'bad': a 400 x 400 matrix does not fit in 200 x 200 px (cells would be 0.0 px); make the figure larger",
                () -> HeatMap.of(O.withSize(200, 200), new double[400][400], null, null));
    }

    @Test
    void pairPlotRejectsMoreThanEightDimensions() {
        fails("pair plot 'bad grid': data has 9 dimensions; a pair plot draws at most 8 (select or project the dimensions first)",
                () -> PairPlot.of(G, new double[5][9], null));
        fails("pair plot 'bad grid': data[1][0] is NaN",
                () -> PairPlot.of(G, new double[][] {{1, 2}, {Double.NaN, 3}}, null));
    }

    @Test
    void parityPlotRejectsShapeMismatch() {
        fails("parity plot 'bad grid': truth has 2 rows but reconstruction has 1",
                () -> ParityPlot.of(G, new double[][] {{1, 2}, {3, 4}}, new double[][] {{1, 2}}, null));
        fails("parity plot 'bad grid': reconstruction row 0 has 1 values but each row needs 2",
                () -> ParityPlot.of(G, new double[][] {{1, 2}}, new double[][] {{1}}, null));
    }

    @Test
    void scatter3dRejectsRowsWithoutThreeCoordinates() {
        fails("3-D scatter 'bad': original row 1 has 2 values but each row needs 3",
                () -> Scatter3D.of(O, View3D.standard(), new double[][] {{1, 2, 3}, {1, 2}}, null));
        fails("3-D scatter 'bad': a log-scale y axis does not apply to a projected 3-D view",
                () -> Scatter3D.of(O.withLogY(true), View3D.standard(), new double[][] {{1, 2, 3}}, null));
    }

    @Test
    void optionsThatDoNotApplyAreRefused() {
        fails("heat map 'bad': a fixed y range does not apply: a heat map's rows are categories; the colour scale is fitted to the values",
                () -> HeatMap.covariance(O.withYRange(Range.of(0, 1)), new double[][] {{1}}, null));
        fails("bar chart 'bad': a fixed x range does not apply: the bars are categories",
                () -> BarChart.latentStds(O.withXRange(Range.of(0, 1)), new double[] {1}));
    }

    @Test
    void functionPlotNeedsSomethingToDraw() {
        fails("function plot 'bad': nothing to draw: truth, train, test and prediction are all missing",
                () -> FunctionPlot.of(O, null, null, null, null));
        fails("function plot 'bad': series 'test' x has 1 values but y has 2",
                () -> FunctionPlot.of(O, null, null, Series.of("test", new double[] {1}, new double[] {1, 2}), null));
    }

    @Test
    void explainedVarianceRejectsRatiosOutsideTheUnitInterval() {
        fails("explained variance 'bad': ratios[1] is 1.5; an explained variance ratio lies in [0, 1]",
                () -> ExplainedVariancePlot.of(O, new double[] {0.1, 1.5}));
        fails("explained variance 'bad': ratios sum to 1.2; shares of one total cannot exceed 1",
                () -> ExplainedVariancePlot.of(O, new double[] {0.6, 0.6}));
    }

    @Test
    void galleryRejectsEmptyAndDuplicateFunctions() {
        fails("activation gallery 'bad grid': functions is empty", () -> ActivationGallery.of(G, List.of()));
        fails("activation gallery 'bad grid': series name 'relu' appears twice", () -> ActivationGallery.of(G,
                List.of(Series.of("relu", new double[] {1}), Series.of("relu", new double[] {2}))));
    }

    @Test
    void optionsAreValidated() {
        fails("plot options 'x': width 10 px is outside 64..8000", () -> PlotOptions.titled("x").withSize(10, 300));
        fails("plot options: title is missing", () -> PlotOptions.titled(" "));
        fails("axis range min 3.0 must be below max 1.0", () -> Range.of(3, 1));
        fails("plot options 'x': y range 0.0..1.0 must be positive on a log-scale y axis",
                () -> PlotOptions.titled("x").withYRange(Range.of(0, 1)).withLogY(true));
        fails("grid options 'g': columns is -1, must be >= 0 (0 = automatic)", () -> GridOptions.titled("g").withColumns(-1));
        fails("3-D view needs finite angles, got elevation NaN, azimuth 0.0", () -> new View3D(Double.NaN, 0));
    }

    @Test
    void saveNamesThePathWhenTheExtensionIsUnknown(@TempDir Path dir) {
        Path target = dir.resolve("loss.jpg");
        fails("line plot 'loss': cannot save to " + target + ": the file name must end in .png or .svg",
                () -> Samples.line().save(target));
    }

    @Test
    void inputArraysAreCopiedSoLaterChangesDoNotReachTheFigure() {
        double[] x = {1, 2, 3};
        double[] y = {3, 1, 2};
        Figure f = ScatterPlot.of(O.withSize(200, 150), x, y);
        byte[] before = f.toPng();
        y[0] = Double.NaN;
        assertTrue(Arrays.equals(before, f.toPng()));
    }
}
