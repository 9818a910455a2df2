package dev.lva.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lva.api.LvaException;
import dev.lva.api.StepLoss;
import dev.lva.models.IntrinsicDimension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a finished run concludes, as its {@code summary.json} holds it: the one owner of that file,
 * which writes it ({@link #write}) and reads it back ({@link #read}), so that a seed's consensus, a
 * sweep's table and a launcher's additions are computed from this value, never from JSON parsed by
 * hand. Every path in it is relative to the run folder ({@link #model}): a run folder moved or
 * copied elsewhere reads the same.
 *
 * <p>A {@code summary.json} written before this record existed still reads: its {@code model} was
 * the run folder's own {@code model.zip} as the output folder was typed (often absolute), and reads
 * as {@code model.zip}; it has no {@code last_step}, which reads as null.
 *
 * @param data               where the data came from (a file as given, or a built-in set's name)
 * @param dataDigest         the digest of the rows the run ended on, or null where none was recorded
 * @param dataChanged        where a resume went on with changed data ({@code step 1200: a -> b}), in order
 * @param rows               rows analysed
 * @param columns            columns (features) the model saw
 * @param verdict            the counts with their rules, the gap, the convergence verdict and any warning
 * @param stdsSorted         latent stds, largest first
 * @param order              latent indices sorted by std, largest first
 * @param explained          explained reconstruction of each latent dimension, in latent order
 * @param explainedRows      the rows {@code explained} was measured on
 * @param figureRows         the rows the figures draw
 * @param reconstructionMse  reconstruction MSE with every dimension kept, in eval mode, on the scaled data
 * @param reconstructionSpan how far the reconstruction varies over the data (a collapsed code's does not)
 * @param dataVariance       mean variance of the data's columns, as the model sees them
 * @param pruned             which latent dimensions were pruned, in latent order
 * @param steps              optimizer steps in all (a resumed run counts the earlier ones)
 * @param epochs             epochs in all
 * @param stopReason         why training stopped ({@code COMPLETED}, {@code CONVERGED}, ...)
 * @param stop               the trainer's words for it
 * @param trainingSeconds    the whole run's training time (a resumed run's sessions added up)
 * @param lastStep           the losses of the last step, or null when none was taken (or an older lva wrote the file)
 * @param threads            the thread counts the numbers were computed with ({@code engine}, {@code openblas}, {@code openmp})
 * @param resumedAtSteps     the steps the run was resumed at, in order; empty when never
 * @param model              the final model, relative to the run folder ({@code model.zip})
 * @param more               entries that callers add (a launcher's comparison with PCA) and entries of
 *                           the file this record does not know, kept in order and written last
 */
public record RunSummary(String data, String dataDigest, List<String> dataChanged, long rows, long columns,
                         IntrinsicDimension verdict, double[] stdsSorted, int[] order, double[] explained,
                         int explainedRows, int figureRows, double reconstructionMse, double reconstructionSpan,
                         double dataVariance, boolean[] pruned, long steps, int epochs, String stopReason, String stop,
                         double trainingSeconds, StepLoss lastStep, Map<String, Object> threads, long[] resumedAtSteps,
                         Path model, Map<String, Object> more) {

    /** The keys this record owns; any other key of a file read is kept in {@link #more}. */
    private static final Set<String> OWN = Set.of("data", "data_digest", "data_changed", "rows", "columns",
            "intrinsic_dimension", "intrinsic_dimension_rule", "intrinsic_dimension_sample", "collapsed", "no_variance",
            "std_count", "std_count_rule", "gap_ratio", "gap", "converged", "convergence", "warning", "stds_sorted",
            "order", "explained", "explained_rows", "figure_rows", "reconstruction_mse", "reconstruction_span",
            "data_variance", "pruned", "steps", "epochs", "stop_reason", "stop", "training_seconds", "last_step",
            "threads", "resumed_at_step", "resumed_at_steps", "model");
    private static final String INFINITE = "infinite: ";

    public RunSummary {
        dataChanged = List.copyOf(dataChanged);
        stdsSorted = stdsSorted.clone();
        order = order.clone();
        explained = explained.clone();
        pruned = pruned.clone();
        resumedAtSteps = resumedAtSteps.clone();
        threads = Collections.unmodifiableMap(new LinkedHashMap<>(threads));
        more = Collections.unmodifiableMap(new LinkedHashMap<>(more));
        if (model != null && (model.isAbsolute() || model.normalize().startsWith(".."))) {
            throw new IllegalArgumentException("a run summary's model path is relative to the run folder and inside"
                    + " it, got " + model);
        }
        for (String key : more.keySet()) {
            if (OWN.contains(key)) {
                throw new IllegalArgumentException("'" + key + "' is a field of the run summary, not an addition");
            }
        }
    }

    @Override
    public double[] stdsSorted() {
        return stdsSorted.clone();
    }

    @Override
    public int[] order() {
        return order.clone();
    }

    @Override
    public double[] explained() {
        return explained.clone();
    }

    @Override
    public boolean[] pruned() {
        return pruned.clone();
    }

    @Override
    public long[] resumedAtSteps() {
        return resumedAtSteps.clone();
    }

    /** Whether the run has counts (its data varies and its code did not collapse). */
    public boolean counted() {
        return verdict.counted();
    }

    /** This summary with {@code key} added to (or replaced in) {@link #more}, written after the run's own fields. */
    public RunSummary with(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(more);
        m.put(key, value);
        return new RunSummary(data, dataDigest, dataChanged, rows, columns, verdict, stdsSorted, order, explained,
                explainedRows, figureRows, reconstructionMse, reconstructionSpan, dataVariance, pruned, steps, epochs,
                stopReason, stop, trainingSeconds, lastStep, threads, resumedAtSteps, model, m);
    }

    /** The final model's file in {@code folder}, the run folder wherever it lies now. */
    public Path modelIn(Path folder) {
        return folder.resolve(model);
    }

    /**
     * The entries of {@code summary.json}, in the order the file has them; numbers that are not finite
     * are null where the file has always said so (the counts when nothing is counted, the gap ratio).
     */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", data);
        m.put("data_digest", dataDigest);
        if (!dataChanged.isEmpty()) {
            m.put("data_changed", dataChanged);
        }
        m.put("rows", rows);
        m.put("columns", columns);
        m.putAll(verdict.summary());
        m.put("stds_sorted", stdsSorted);
        m.put("order", order);
        m.put("explained", explained);
        m.put("explained_rows", explainedRows);
        m.put("figure_rows", figureRows);
        m.put("reconstruction_mse", reconstructionMse);
        m.put("reconstruction_span", reconstructionSpan);
        m.put("data_variance", dataVariance);
        m.put("pruned", pruned);
        m.put("steps", steps);
        m.put("epochs", epochs);
        m.put("stop_reason", stopReason);
        m.put("stop", stop);
        m.put("training_seconds", trainingSeconds);
        if (lastStep != null) {
            Map<String, Object> last = new LinkedHashMap<>();
            last.put("total", lastStep.total());
            last.put("reconstruction", lastStep.data());
            last.put("penalty", lastStep.penalty());
            m.put("last_step", last);
        }
        m.put("threads", threads);
        if (resumedAtSteps.length > 0) {
            m.put("resumed_at_step", resumedAtSteps[resumedAtSteps.length - 1]);
            m.put("resumed_at_steps", resumedAtSteps);
        }
        // '/' on every system: the file reads the same on the machine it is copied to
        m.put("model", model == null ? null : model.toString().replace('\\', '/'));
        m.putAll(more);
        return m;
    }

    /** Writes {@code folder/summary.json} (atomically). */
    public void write(Path folder) {
        Outputs.writeJson(folder.resolve(Outputs.SUMMARY_FILE), toJson());
    }

    /**
     * The summary of the run in {@code folder}, from its {@code summary.json}.
     *
     * @throws LvaException naming the file when it is missing or cannot be read
     */
    public static RunSummary read(Path folder) {
        Path file = folder.resolve(Outputs.SUMMARY_FILE);
        if (!Files.isRegularFile(file)) {
            throw new LvaException(file + ": no run summary there (a run writes it once it has finished)");
        }
        JsonNode n;
        try {
            n = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new LvaException(file + ": cannot read this run summary (" + e.getMessage() + ")", e);
        }
        if (n == null || !n.isObject()) {
            throw new LvaException(file + ": not a run summary (expected a JSON object)");
        }
        return fromJson(n, folder);
    }

    /**
     * The summary {@code n} states, for the run in {@code folder} (absolute paths inside it become
     * relative, see the class comment).
     */
    public static RunSummary fromJson(JsonNode n, Path folder) {
        double[] stds = numbers(n.path("stds_sorted"));
        String gap = n.path("gap").asText("");
        // summary.json writes a ratio that is not finite as null, and says "infinite: " in the gap
        boolean infinite = gap.startsWith(INFINITE);
        double ratio = n.path("gap_ratio").isNumber() ? n.path("gap_ratio").doubleValue()
                : infinite ? Double.POSITIVE_INFINITY : Double.NaN;
        IntrinsicDimension verdict = new IntrinsicDimension(n.path("intrinsic_dimension").asInt(), stds.length,
                n.path("collapsed").asBoolean(), n.path("intrinsic_dimension_rule").asText(),
                n.path("std_count").asInt(), n.path("std_count_rule").asText(), ratio,
                infinite ? gap.substring(INFINITE.length()) : gap, n.path("converged").asBoolean(),
                n.path("convergence").asText(), text(n.path("warning")), n.path("no_variance").asBoolean(),
                text(n.path("intrinsic_dimension_sample")));
        JsonNode last = n.path("last_step");
        StepLoss lastStep = last.isObject() ? new StepLoss(number(last.path("total")),
                number(last.path("reconstruction")), number(last.path("penalty"))) : null;
        List<String> changed = new ArrayList<>();
        n.path("data_changed").forEach(c -> changed.add(c.asText()));
        JsonNode resumed = n.path("resumed_at_steps");
        long[] resumedAt = new long[resumed.size()];
        for (int i = 0; i < resumedAt.length; i++) {
            resumedAt[i] = resumed.get(i).asLong();
        }
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Object> threads = n.path("threads").isObject()
                ? mapper.convertValue(n.path("threads"), new TypeReference<LinkedHashMap<String, Object>>() { })
                : Map.of();
        Map<String, Object> more = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!OWN.contains(e.getKey())) {
                more.put(e.getKey(), mapper.convertValue(e.getValue(), Object.class));
            }
        }
        return new RunSummary(text(n.path("data")), text(n.path("data_digest")), changed, n.path("rows").asLong(),
                n.path("columns").asLong(), verdict, stds, ints(n.path("order")), numbers(n.path("explained")),
                n.path("explained_rows").asInt(), n.path("figure_rows").asInt(), number(n.path("reconstruction_mse")),
                number(n.path("reconstruction_span")), number(n.path("data_variance")), booleans(n.path("pruned")),
                n.path("steps").asLong(), n.path("epochs").asInt(), text(n.path("stop_reason")), text(n.path("stop")),
                number(n.path("training_seconds")), lastStep, threads, resumedAt,
                modelPath(text(n.path("model")), folder), more);
    }

    /**
     * The model's path relative to the run folder. An lva before this record wrote the run folder's
     * own {@code model.zip} as the output folder was typed ({@code /home/me/out/model.zip},
     * {@code lva-out/fit/model.zip}), wherever the folder has since moved: a path inside the folder
     * is made relative to it, and any other that names {@code model.zip} is the folder's own.
     */
    static Path modelPath(String written, Path folder) {
        if (written == null || written.isEmpty()) {
            return null;
        }
        Path p = Path.of(written).normalize();
        Path here = folder.toAbsolutePath().normalize();
        if (p.isAbsolute() && p.startsWith(here)) {
            return here.relativize(p);
        }
        boolean outside = p.isAbsolute() || p.getNameCount() > 1 || p.startsWith("..");
        if (outside && p.getFileName() != null && p.getFileName().toString().equals(LvaRun.MODEL_FILE)) {
            return Path.of(LvaRun.MODEL_FILE);
        }
        if (outside) {
            throw new LvaException(folder.resolve(Outputs.SUMMARY_FILE) + ": its model '" + written + "' lies outside"
                    + " the run folder; a run's summary names its own model.zip");
        }
        return p;
    }

    private static String text(JsonNode n) {
        return n.isNull() || n.isMissingNode() ? null : n.asText();
    }

    /** Jackson writes NaN and the infinities as strings; a missing number is NaN. */
    private static double number(JsonNode n) {
        return n.isNumber() ? n.doubleValue() : n.isTextual() ? Double.parseDouble(n.asText()) : Double.NaN;
    }

    private static double[] numbers(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(array.get(i));
        }
        return out;
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    private static boolean[] booleans(JsonNode array) {
        boolean[] out = new boolean[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asBoolean();
        }
        return out;
    }
}
