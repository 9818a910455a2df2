package dev.lva.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sweep's charts: spread over seeds against a log x, trade-off fronts, std spectra in small multiples. */
class SweepChartsTest {
    private static final double[] LAMBDA = {1e-3, 1e-3, 1e-3, 1e-2, 1e-2, 1e-2, 1e-1, 1e-1, 1e-1};
    private static final double[] DIMS = {5, 6, 5, 3, 3, 4, 1, 1, 2};

    @Test
    void spreadPlotDrawsEveryPointAndTheMedians() throws Exception {
        Figure f = SpreadPlot.of(PlotOptions.titled("dims").withLabels("lambda", "dimensions"), true,
                List.of(Series.of("volume", LAMBDA, DIMS), Series.of("lasso", LAMBDA, new double[] {6, 6, 6, 5, 5, 6, 4, 4,
                        3})));
        BufferedImage img = Images.decode(f.toPng());
        assertEquals(800, img.getWidth());
        assertTrue(Images.greyStdDev(img) > 15, "drawn");
        double[][] m = SpreadPlot.medians(LAMBDA, DIMS);
        assertArrayEquals(new double[] {1e-3, 1e-2, 1e-1}, m[0]);
        assertArrayEquals(new double[] {5, 3, 1}, m[1]);
        assertArrayEquals(new double[] {2, 3}, SpreadPlot.medians(new double[] {1, 1, 2}, new double[] {1, 3, 3})[1]);
    }

    @Test
    void aCompanionSeriesSharesItsGroupsColourWithDiamondsAndADashedLine() {
        // a study's mean R^2 and its worst parameter's: the worst lines had colours of their own, so no
        // reader could tell which penalty's worst line was which
        List<Series> groups = List.of(Series.of("volume", LAMBDA, DIMS), Series.of("lasso", LAMBDA, DIMS));
        List<Series> worst = List.of(Series.of("volume, worst", LAMBDA, DIMS), Series.of("lasso, worst", LAMBDA, DIMS));
        var series = SpreadPlot.chart(PlotOptions.titled("r2"), true, groups, worst).chart().getSeriesMap();
        for (String g : List.of("volume", "lasso")) {
            assertEquals(series.get(g).getMarkerColor(), series.get(g + ", worst").getMarkerColor(), g);
            assertEquals(series.get(g + " median").getLineColor(), series.get(g + ", worst median").getLineColor(), g);
            assertEquals(Styles.DASHED, series.get(g + ", worst median").getLineStyle(), g);
            assertEquals(Styles.SOLID, series.get(g + " median").getLineStyle(), g);
            assertTrue(series.get(g + ", worst").getMarker() instanceof org.knowm.xchart.style.markers.Diamond, g);
        }
        assertTrue(!series.get("volume").getMarkerColor().equals(series.get("lasso").getMarkerColor()));
        assertThrows(IllegalArgumentException.class, () -> SpreadPlot.of(PlotOptions.titled("r2"), true, groups,
                worst.subList(0, 1)));
    }

    @Test
    void aLogAxisSpansWholeDecadesAndEveryLambdaOfTheSweep() throws Exception {
        // one lambda left (the others' runs had no count): XChart labelled such an axis "1E-3, 0.001, 0.001"
        double[] one = {1e-3, 1e-3, 1e-3};
        PlotAreaChart single = SpreadPlot.chart(PlotOptions.titled("dims"), true,
                List.of(Series.of("volume", one, new double[] {2, 2, 3}))).chart();
        Axes.paint(single, 760, 440);
        // XChart lists minor ticks as null labels
        List<String> labels = Axes.xLabels(single).stream().filter(java.util.Objects::nonNull).toList();
        assertEquals(3, labels.size(), labels.toString());
        assertEquals(labels.size(), labels.stream().distinct().count(), labels.toString());
        assertArrayEquals(new double[] {1e-4, 1e-2}, SpreadPlot.decades(1e-3, 1e-3), 1e-18);
        assertArrayEquals(new double[] {1e-4, 1}, SpreadPlot.decades(1e-3, 1e-1), 1e-18);
        // the sweep's lambdas as the x range: 0.1 keeps its place without a point
        PlotAreaChart ranged = SpreadPlot.chart(PlotOptions.titled("dims").withXRange(Range.of(1e-3, 1e-1)), true,
                List.of(Series.of("volume", one, new double[] {2, 2, 3}))).chart();
        assertTrue(ranged.getStyler().getXAxisMax() >= 1e-1, "axis max " + ranged.getStyler().getXAxisMax());
    }

    @Test
    void groupsAreDodgedAlikeOnBothSidesOfTheirX() {
        double[] left = SpreadPlot.dodge(new double[] {1e-2}, -0.5, true, 0);
        double[] right = SpreadPlot.dodge(new double[] {1e-2}, 0.5, true, 0);
        assertEquals(Math.log10(1e-2), (Math.log10(left[0]) + Math.log10(right[0])) / 2, 1e-12);
        assertTrue(left[0] < 1e-2 && right[0] > 1e-2);
    }

    @Test
    void aLogXAxisRefusesAZeroWeight() {
        ChartException e = assertThrows(ChartException.class, () -> SpreadPlot.of(PlotOptions.titled("dims"), true,
                List.of(Series.of("volume", new double[] {0, 1e-2}, new double[] {3, 2}))));
        assertEquals("spread plot 'dims': series 'volume' x[0] is 0.0, but a log-scale x axis needs values > 0",
                e.getMessage());
    }

    @Test
    void theFrontKeepsTheRunsNoOtherBeatsOnBoth() throws Exception {
        double[][] front = TradeOffPlot.front(new double[] {3, 1, 2, 2, 4}, new double[] {0.1, 0.9, 0.5, 0.4, 0.2});
        assertArrayEquals(new double[] {1, 2, 3}, front[0]);
        assertArrayEquals(new double[] {0.9, 0.4, 0.1}, front[1]);
        double[][] steps = TradeOffPlot.steps(front);
        assertArrayEquals(new double[] {1, 2, 2, 3, 3}, steps[0]);
        assertArrayEquals(new double[] {0.9, 0.9, 0.4, 0.4, 0.1}, steps[1]);
        Figure f = TradeOffPlot.of(PlotOptions.titled("trade-off").withLabels("dimensions", "MSE").withLogY(true),
                List.of(Series.of("volume", DIMS, new double[] {1e-4, 8e-5, 1e-4, 1e-3, 1e-3, 5e-4, 1e-2, 1e-2, 5e-3})));
        assertTrue(Images.greyStdDev(Images.decode(f.toPng())) > 15);
    }

    @Test
    void spectraShareTheirAxesAndShowZeros() throws Exception {
        Figure f = SpectrumGrid.of(new GridOptions("spectra", 200, 160, 2), List.of("a", "b", "c"),
                List.of(new double[] {0.001, 2, 1}, new double[] {3, 0, 0.5}, new double[] {1}), 0.01);
        assertEquals(400, f.width());
        assertEquals(36 + 2 * 160, f.height());
        assertTrue(Images.greyStdDev(Images.decode(f.toPng())) > 15);
        assertTrue(new String(f.toSvg(), java.nio.charset.StandardCharsets.UTF_8).contains("<svg"));
        ChartException e = assertThrows(ChartException.class, () -> SpectrumGrid.of(GridOptions.titled("s"),
                List.of("a"), List.of(new double[] {1, -0.5}), 0.01));
        assertEquals("spectrum grid 's': spectra[0][1] is -0.5; a standard deviation cannot be negative", e.getMessage());
    }
}
