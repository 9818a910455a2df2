package dev.lva.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

/**
 * A figure must never cost a run: every figure type, fed arrays a trained model can produce
 * (a collapsed dimension is constant or spans 1e-7 around 1e4; one or two rows; values where
 * bin edges round past the top of the range; huge and subnormal magnitudes; NaN, infinities,
 * nothing at all), either draws a valid PNG and SVG of its stated size or refuses with a
 * {@link ChartException} that names the figure. Any other exception, or a hang, fails the test.
 */
class AdversarialInputTest {

    /** The arrays, each also usable as a column of a matrix or the values of a series. */
    static Map<String, double[]> cases() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("constant", new double[] {5, 5, 5, 5, 5, 5});
        m.put("zeros", new double[] {0, 0, -0.0, 0});
        m.put("ties", new double[] {1, 1, 1, 2, 2, 2, 3, 3});
        double[] tiny = new double[10];
        for (int i = 0; i < tiny.length; i++) {
            tiny[i] = 1e4 + i * 1e-8;
        }
        m.put("1e-7 span around 1e4", tiny);
        m.put("one row", new double[] {3});
        m.put("two rows", new double[] {1, 2});
        // Latent values of a float32 run: the pair plot's last histogram edge, lo + bins * ((hi - lo) / bins),
        // rounded above hi and XChart refused the area ("X-Data must be in ascending order").
        m.put("bin edges round past hi", new double[] {-0.053112051676166436, 0.7123514829626961, 2.2075567266842273,
            -1.3033249443062447, 1.3577149433764155, 0.3405825646846972, -0.6180364878905048, -1.0357680907926352});
        m.put("huge", new double[] {-1e308, 1e308, 0, 5e307});
        m.put("largest doubles", new double[] {-Double.MAX_VALUE, Double.MAX_VALUE});
        m.put("huge and close", new double[] {1e299, 1e299 * (1 + 1e-15), 1e299 * (1 + 2e-15)});
        m.put("subnormal", new double[] {Double.MIN_VALUE, 3 * Double.MIN_VALUE, 0, 1e-310});
        m.put("tiny", new double[] {1e-300, 2e-300, 3e-300});
        m.put("negative", new double[] {-3, -2.5, -1});
        m.put("NaN", new double[] {1, Double.NaN, 2});
        m.put("infinity", new double[] {1, Double.POSITIVE_INFINITY, 2});
        m.put("empty", new double[0]);
        return m;
    }

    /** Every figure type, built from one adversarial array. */
    static Map<String, Function<double[], Figure>> figures() {
        Map<String, Function<double[], Figure>> m = new LinkedHashMap<>();
        PlotOptions o = PlotOptions.titled("adversarial").withSize(320, 240);
        GridOptions g = GridOptions.titled("adversarial").withPanelSize(120, 110);
        m.put("line", v -> LinePlot.of(o, List.of(Series.of("a", v), Series.of("b", v, reversed(v)))));
        m.put("line log-y", v -> LinePlot.of(o.withLogY(true), List.of(Series.of("a", v))));
        m.put("scatter", v -> ScatterPlot.of(o, v, reversed(v)));
        m.put("colored scatter", v -> ScatterPlot.colored(o, v, reversed(v), v, "row"));
        m.put("3-D scatter", v -> Scatter3D.of(o, View3D.standard(), rows(v, reversed(v), v), rows(v, v, v)));
        m.put("bar", v -> BarChart.of(o, labels(v.length), v));
        m.put("latent stds", v -> BarChart.latentStds(o, v));
        m.put("std spectrum", v -> StdSpectrum.of(o, v, v.length / 2, 0.01 * Math.abs(ScatterPlot.max(v)),
                "1% of the largest"));
        m.put("heat map", v -> HeatMap.of(o, square(v), null, null));
        m.put("covariance", v -> HeatMap.covariance(o, symmetric(v), null));
        m.put("parity", v -> ParityPlot.of(g, rows(v, reversed(v)), rows(reversed(v), v), null, "the units of x.csv"));
        m.put("pair plot", v -> PairPlot.of(g, rows(v, reversed(v), v), null));
        m.put("latent pair plot", v -> PairPlot.latent(g, rows(v, reversed(v), v), null,
                new boolean[] {false, false, true}));
        m.put("latent scatter on one scale", v -> ScatterPlot.colored(o.withSameScale(true), v, reversed(v), v, "row"));
        m.put("activation gallery", v -> ActivationGallery.of(g, List.of(Series.of("f", v, reversed(v)),
                Series.of("g", v))));
        m.put("explained variance", v -> ExplainedVariancePlot.of(o, v));
        m.put("image grid", v -> ImageGrid.of(ImageGrid.Options.titled("adversarial"),
                new double[][][] {{v, reversed(v)}, {v}}, 1, v.length, null, null));
        m.put("function plot", v -> FunctionPlot.of(o, Series.of("truth", v, v), Series.of("train", v, reversed(v)),
                Series.of("test", reversed(v), v), Series.of("model", v, v)));
        return m;
    }

    static Stream<Arguments> combinations() {
        List<Arguments> all = new ArrayList<>();
        for (String figure : figures().keySet()) {
            for (String input : cases().keySet()) {
                all.add(Arguments.of(figure, input));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} of {1}")
    @MethodSource("combinations")
    void drawsOrRefusesCleanly(String figure, String input) throws Exception {
        double[] values = cases().get(input);
        Figure f;
        try {
            f = figures().get(figure).apply(values.clone());
        } catch (ChartException e) {
            assertNamesTheFigure(e, figure, input);
            assertTrue(meaningless(figure, values), figure + " of " + input + " can be drawn but was refused: "
                    + e.getMessage());
            return;
        } catch (RuntimeException e) {
            throw new AssertionError(figure + " of " + input + ": not a ChartException: " + e, e);
        }
        byte[] png;
        byte[] svg;
        try {
            png = f.toPng();
            svg = f.toSvg();
        } catch (RuntimeException e) {
            // What the factory accepted must draw: a failure here is what cost runs their report.
            throw new AssertionError(figure + " of " + input + ": accepted, then drawing threw " + e, e);
        }
        String dump = System.getProperty("lva.viz.dump");
        if (dump != null) {
            // -Dlva.viz.dump=DIR keeps every drawing, to look at what the assertions cannot judge
            Path dir = Files.createDirectories(Path.of(dump));
            Files.write(dir.resolve((figure + "--" + input).replaceAll("[^A-Za-z0-9.-]+", "_") + ".png"), png);
        }
        BufferedImage img = Images.decode(png);
        assertEquals(f.width(), img.getWidth(), figure + " of " + input);
        assertEquals(f.height(), img.getHeight(), figure + " of " + input);
        assertTrue(Images.inkFraction(img) > 0.005, figure + " of " + input + " is blank");
        Document doc = Images.parseSvg(svg);
        assertEquals("svg", doc.getDocumentElement().getLocalName(), figure + " of " + input);
    }

    /**
     * Where no figure can be meaningful and a refusal is the right answer: no values, values that
     * are not numbers, or values outside what the figure shows (a log axis, a standard deviation,
     * a share of variance).
     */
    static boolean meaningless(String figure, double[] v) {
        if (v.length == 0 || Arrays.stream(v).anyMatch(x -> !Double.isFinite(x) || Math.abs(x) > Check.MAX_MAGNITUDE)) {
            return true;
        }
        return switch (figure) {
            case "line log-y" -> Arrays.stream(v).anyMatch(x -> x <= 0);
            case "latent stds", "std spectrum" -> Arrays.stream(v).anyMatch(x -> x < 0);
            case "explained variance" -> Arrays.stream(v).anyMatch(x -> x < 0 || x > 1) || Arrays.stream(v).sum() > 1;
            default -> false;
        };
    }

    private static void assertNamesTheFigure(ChartException e, String figure, String input) {
        String message = e.getMessage();
        if (message == null || !message.contains("'adversarial'")) {
            fail(figure + " of " + input + ": the refusal does not name the figure: " + message);
        }
        assertTrue(message.length() < 400, figure + " of " + input + ": message too long: " + message);
    }

    static double[] reversed(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = v[v.length - 1 - i];
        }
        return r;
    }

    static double[][] rows(double[]... columns) {
        double[][] m = new double[columns[0].length][columns.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < columns.length; j++) {
                m[i][j] = columns[j][i];
            }
        }
        return m;
    }

    static double[][] square(double[] v) {
        double[][] m = new double[v.length][v.length];
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
                m[i][j] = v[(i + j) % v.length];
            }
        }
        return m;
    }

    static double[][] symmetric(double[] v) {
        double[][] m = new double[v.length][v.length];
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
                m[i][j] = v[Math.min(i, j)];
            }
        }
        return m;
    }

    static List<String> labels(int n) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add("c" + i);
        }
        return l;
    }
}
