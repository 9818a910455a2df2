package dev.lva.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lva.api.LvaException;
import dev.lva.api.io.AtomicFiles;
import dev.lva.api.io.IoErrors;
import dev.lva.api.plugin.Options;
import dev.lva.core.tensor.Matrix;
import dev.lva.models.LatentAnalysis;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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
            throw new UncheckedIOException(IoErrors.describe("write", file, e), e);
        }
    }

    /**
     * The run's options as a run folder's files record them: all but the output folder, which is
     * where the files are (a folder moved or copied elsewhere must not name its old place).
     */
    public static Map<String, String> folderOptions(RunConfig config) {
        Map<String, String> map = new LinkedHashMap<>(Options.format(config));
        map.remove("out");
        return map;
    }

    /**
     * The resolved configuration as YAML, keys as the config file takes them, in sections by group
     * ({@code data:}, {@code model:}, ... as {@link RunOptions#grouped} orders them), without the
     * output folder ({@link #folderOptions}): {@code lva fit --config OUT/config.yaml} repeats the run
     * into the folder its {@code --out} names. {@link ConfigFile} reads it back, as it reads the flat
     * files earlier runs wrote.
     */
    public static String configYaml(RunConfig config) {
        Map<String, Object> map = new LinkedHashMap<>(RunOptions.grouped(folderOptions(config)));
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

    /** The figures and the report of an LVA run, made when the report is written ({@link RunFigures}). */
    public static RunFigures figures(LossHistory history, LatentAnalysis analysis, RunData data, int[] rows,
                                     INDArray latent, INDArray reconstruction) {
        return new RunFigures(history, analysis, data, rows, latent, reconstruction);
    }

    /** Log axes need positive values; a loss of exactly 0 is drawn at the smallest positive double. */
    public static double[] positive(double[] v) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(out[i], Double.MIN_NORMAL);
        }
        return out;
    }

    /**
     * Writes the figures as PNG files beside the report and the report itself. A figure that cannot
     * be drawn is a warning naming it and a "figure missing" note on the page, never a lost run.
     */
    public static Path report(Path dir, String title, RunConfig config, RunFigures figures,
                              Map<String, Double> finalLosses, Duration training) {
        return figures.report(title, config, finalLosses, training).write(dir);
    }
}
