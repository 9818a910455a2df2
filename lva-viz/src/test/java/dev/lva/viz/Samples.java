package dev.lva.viz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;

/** One small, fixed-seed example of every chart kind, for tests that apply to all of them. */
final class Samples {
    private Samples() {}

    static Map<String, Supplier<Figure>> all() {
        Map<String, Supplier<Figure>> m = new LinkedHashMap<>();
        m.put("line", Samples::line);
        m.put("line-log", () -> LinePlot.of(PlotOptions.titled("log loss").withLogY(true).withSize(420, 300),
                List.of(Series.of("loss", new double[] {1, 0.3, 0.05, 0.01}))));
        m.put("scatter", () -> ScatterPlot.of(PlotOptions.titled("scatter").withSize(400, 300),
                gaussian(1, 50), gaussian(2, 50)));
        m.put("scatter-colored", () -> ScatterPlot.colored(PlotOptions.titled("colored").withSize(500, 320),
                gaussian(3, 80), gaussian(4, 80), gaussian(5, 80), "t"));
        m.put("function", Samples::function);
        m.put("scatter3d", Samples::scatter3d);
        m.put("bar-stds", () -> BarChart.latentStds(PlotOptions.titled("stds").withSize(400, 300),
                new double[] {0.02, 1.5, 0.3, 0.001}));
        m.put("std-spectrum", () -> StdSpectrum.of(PlotOptions.titled("stds").withSize(480, 340),
                new double[] {0.02, 1.5, 0.3, 0.001, 0}, 3, 0.015, "1% of the largest"));
        m.put("heatmap", () -> HeatMap.covariance(PlotOptions.titled("cov").withSize(420, 380),
                new double[][] {{1.0, 0.3, -0.2}, {0.3, 0.5, 0.01}, {-0.2, 0.01, 0.002}}, null));
        m.put("parity", () -> ParityPlot.of(GridOptions.titled("parity").withPanelSize(180, 180),
                table(6, 40, 3), noisy(table(6, 40, 3)), List.of("a", "b", "c")));
        m.put("pair", () -> PairPlot.of(GridOptions.titled("pairs").withPanelSize(140, 140), table(7, 60, 3), null));
        m.put("pair-latent", () -> PairPlot.latent(GridOptions.titled("latent pairs").withPanelSize(140, 140),
                table(7, 60, 3), null, new boolean[] {false, false, true}));
        m.put("image-grid", Samples::imageGrid);
        m.put("gallery", Samples::gallery);
        m.put("explained-variance", () -> ExplainedVariancePlot.of(PlotOptions.titled("pca").withSize(420, 300),
                new double[] {0.6, 0.25, 0.1, 0.05}));
        return m;
    }

    static Figure line() {
        double[] a = new double[30];
        double[] b = new double[30];
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.exp(-i / 8.0) + 0.01;
            b[i] = 0.5 * Math.exp(-i / 15.0) + 0.02;
        }
        return LinePlot.of(PlotOptions.titled("loss").withLabels("epoch", "loss").withSize(480, 320),
                List.of(Series.of("train", a), Series.of("test", b)));
    }

    static Figure function() {
        double[] gx = new double[50];
        double[] gy = new double[50];
        double[] py = new double[50];
        for (int i = 0; i < gx.length; i++) {
            gx[i] = -3 + 6 * i / 49.0;
            gy[i] = Math.sin(gx[i]);
            py[i] = 0.9 * Math.sin(gx[i]);
        }
        return FunctionPlot.of(PlotOptions.titled("regression").withSize(480, 320),
                Series.of("truth", gx, gy),
                Series.of("train", new double[] {-2, -1, 0.5, 2}, new double[] {-0.9, -0.8, 0.5, 0.9}),
                Series.of("test", new double[] {-1.5, 1}, new double[] {-1, 0.8}),
                Series.of("prediction", gx, py));
    }

    static Figure scatter3d() {
        double[][] p = table(8, 40, 3);
        return Scatter3D.of(PlotOptions.titled("3d").withSize(360, 360), View3D.standard(), p, noisy(p));
    }

    static Figure gallery() {
        double[] x = new double[61];
        for (int i = 0; i < x.length; i++) {
            x[i] = -3 + i * 0.1;
        }
        List<Series> fns = new ArrayList<>();
        fns.add(Series.of("relu", x, map(x, v -> Math.max(0, v))));
        fns.add(Series.of("tanh", x, map(x, Math::tanh)));
        fns.add(Series.of("sigmoid", x, map(x, v -> 1 / (1 + Math.exp(-v)))));
        return ActivationGallery.of(GridOptions.titled("activations").withPanelSize(160, 130), fns);
    }

    /** Two rows of three 6 x 5 images: a bar moving right, and its negative. */
    static Figure imageGrid() {
        double[][][] images = new double[2][3][30];
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < 30; p++) {
                images[0][c][p] = p % 5 == c + 1 ? 1 : 0;
                images[1][c][p] = 1 - images[0][c][p];
            }
        }
        return ImageGrid.of(ImageGrid.Options.titled("images").withTone(ImageGrid.Tone.INK), images, 6, 5,
                List.of("bar", "negative"), List.of("a", "b", "c"));
    }

    static double[] gaussian(long seed, int n) {
        Random r = new Random(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextGaussian();
        }
        return a;
    }

    static double[][] table(long seed, int n, int d) {
        Random r = new Random(seed);
        double[][] t = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                t[i][j] = r.nextGaussian() + (j > 0 ? 0.8 * t[i][j - 1] : 0);
            }
        }
        return t;
    }

    static double[][] noisy(double[][] t) {
        Random r = new Random(99);
        double[][] out = new double[t.length][];
        for (int i = 0; i < t.length; i++) {
            out[i] = t[i].clone();
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] += 0.1 * r.nextGaussian();
            }
        }
        return out;
    }

    private static double[] map(double[] x, DoubleUnaryOperator f) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = f.applyAsDouble(x[i]);
        }
        return y;
    }
}
