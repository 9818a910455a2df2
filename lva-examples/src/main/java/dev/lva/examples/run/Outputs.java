package dev.lva.examples.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lva.api.LvaException;
import dev.lva.api.io.AtomicFiles;
import dev.lva.api.plugin.Options;
import dev.lva.core.tensor.Matrix;
import dev.lva.models.LatentAnalysis;
import dev.lva.viz.BarChart;
import dev.lva.viz.Figure;
import dev.lva.viz.GridOptions;
import dev.lva.viz.HeatMap;
import dev.lva.viz.LinePlot;
import dev.lva.viz.PairPlot;
import dev.lva.viz.ParityPlot;
import dev.lva.viz.PlotOptions;
import dev.lva.viz.Scatter3D;
import dev.lva.viz.ScatterPlot;
import dev.lva.viz.Series;
import dev.lva.viz.View3D;
import dev.lva.viz.report.RunReport;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Writes what a run leaves behind: latent codes, figures, the HTML report, the resolved config and a summary. */
public final class Outputs {
    public static final String LATENT_FILE = "latent.csv";
    public static final String CONFIG_FILE = "config.yaml";
    public static final String SUMMARY_FILE = "summary.json";

    private Outputs() {
    }

    /** Rows of {@code a} as CSV with the given header, written atomically. */
    public static void writeCsv(Path file, List<String> header, INDArray a) {
        writeCsv(file, header, a, LatentAnalysis.Progress.NONE);
    }

    /**
     * Rows of {@code a} as CSV, streamed to the file (millions of rows never become one string) and
     * written atomically. Numbers are written in the shortest form that reads back to the same float32
     * or float64 value.
     */
    public static void writeCsv(Path file, List<String> header, INDArray a, LatentAnalysis.Progress progress) {
        Matrix m = Matrix.copyOf(a, a.dataType() == DataType.DOUBLE ? DataType.DOUBLE : DataType.FLOAT);
        int rows = m.rows();
        int cols = m.cols();
        boolean f32 = m.isFloat();
        try {
            AtomicFiles.write(file, out -> {
                Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                w.write(String.join(",", header));
                w.write('\n');
                StringBuilder line = new StringBuilder();
                for (int r = 0; r < rows; r++) {
                    line.setLength(0);
                    for (int j = 0; j < cols; j++) {
                        if (j > 0) {
                            line.append(',');
                        }
                        double v = m.get(r, j);
                        line.append(f32 ? Float.toString((float) v) : Double.toString(v));
                    }
                    w.append(line).write('\n');
                    if ((r & 0xffff) == 0xffff) {
                        progress.update(r + 1L, rows);
                    }
                }
                w.flush();
                progress.update(rows, rows);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static void writeString(Path file, String text) {
        try {
            AtomicFiles.write(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The resolved configuration as YAML, keys as the config file takes them. */
    public static String configYaml(RunConfig config) {
        Map<String, Object> map = new LinkedHashMap<>(Options.format(config));
        try {
            return new ObjectMapper(new YAMLFactory()).writeValueAsString(map);
        } catch (IOException e) {
            throw new LvaException("cannot render the configuration: " + e.getMessage(), e);
        }
    }

    public static void writeJson(Path file, Map<String, ?> values) {
        try {
            writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(values)
                    + "\n");
        } catch (IOException e) {
            throw new LvaException("cannot render " + file + ": " + e.getMessage(), e);
        }
    }

    /** The figures of an LVA run, in report order. */
    public static Map<String, Figure> figures(LossHistory history, LatentAnalysis analysis, INDArray data,
                                             INDArray latent, INDArray reconstruction, List<String> columns) {
        Map<String, Figure> figs = new LinkedHashMap<>();
        double[] steps = history.steps();
        if (steps.length > 1) {
            List<Series> series = new ArrayList<>();
            series.add(Series.of("total", steps, positive(history.total())));
            series.add(Series.of("reconstruction", steps, positive(history.data())));
            series.add(Series.of("penalty", steps, positive(history.penalty())));
            figs.put("Training loss", LinePlot.of(PlotOptions.titled("Training loss").withLabels("step", "loss")
                    .withLogY(true), series));
        }
        double[] stds = analysis.stds();
        boolean positiveStds = java.util.Arrays.stream(stds).allMatch(s -> s > 0);
        figs.put("Latent standard deviations", BarChart.latentStds(PlotOptions.titled("Latent standard deviations")
                .withLogY(positiveStds), stds));
        int[] order = analysis.order();
        List<String> ordered = new ArrayList<>();
        for (int j : order) {
            ordered.add("z" + j);
        }
        if (order.length >= 2) {
            double[] z0 = latent.getColumn(order[0]).toDoubleVector();
            double[] z1 = latent.getColumn(order[1]).toDoubleVector();
            double[] index = new double[z0.length];
            for (int i = 0; i < index.length; i++) {
                index[i] = i;
            }
            figs.put("Latent space (two largest dimensions)", ScatterPlot.colored(
                    PlotOptions.titled("Latent space").withLabels(ordered.get(0), ordered.get(1)), z0, z1, index, "row"));
        }
        if (order.length <= 12) {
            figs.put("Latent covariance (ordered)", HeatMap.covariance(PlotOptions.titled("Latent covariance"),
                    analysis.covariance(), ordered));
        }
        int features = (int) data.columns();
        if (features <= 12) {
            figs.put("Reconstruction parity", ParityPlot.of(GridOptions.titled("Ground truth vs reconstruction"),
                    data.toDoubleMatrix(), reconstruction.toDoubleMatrix(), columns));
        }
        int pairDims = Math.min(order.length, PairPlot.MAX_DIMENSIONS);
        if (pairDims >= 2) {
            double[][] z = new double[(int) latent.rows()][pairDims];
            for (int i = 0; i < z.length; i++) {
                for (int k = 0; k < pairDims; k++) {
                    z[i][k] = latent.getDouble(i, order[k]);
                }
            }
            figs.put("Latent pair plot", PairPlot.of(GridOptions.titled("Latent pair plot"), z,
                    ordered.subList(0, pairDims)));
        }
        if (features == 3) {
            figs.put("Data and reconstruction in 3-D", Scatter3D.of(PlotOptions.titled("Data and reconstruction")
                    .withSize(600, 600), View3D.standard(), data.toDoubleMatrix(), reconstruction.toDoubleMatrix()));
        }
        return figs;
    }

    /** Log axes need positive values; a loss of exactly 0 is drawn at the smallest positive double. */
    public static double[] positive(double[] v) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(out[i], Double.MIN_NORMAL);
        }
        return out;
    }

    /** Writes the figures as PNG files beside the report and the report itself. */
    public static Path report(Path dir, String title, RunConfig config, Map<String, Figure> figures,
                              LatentAnalysis analysis, Map<String, Double> finalLosses, Duration training) {
        RunReport report = new RunReport(title).options(Options.format(config)).seed(config.seed())
                .latentStds(analysis.sortedStds()).intrinsicDimension(analysis.intrinsicDimension())
                .timing("training", training);
        finalLosses.forEach(report::finalLoss);
        figures.forEach(report::figure);
        return report.write(dir);
    }
}
