package dev.lva.examples.cli;

import dev.lva.api.LvaException;
import dev.lva.api.plugin.Options;
import dev.lva.api.plugin.OptionsException;
import dev.lva.api.plugin.PluginSpec;
import dev.lva.run.ModelDefaults;
import dev.lva.run.RunConfig;
import dev.lva.run.RunData;
import dev.lva.run.RunModels;
import dev.lva.run.RunOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code lva fit}'s options mean for the model chosen: an option that model does not use is
 * refused rather than ignored (a user who gave {@code --hidden} to conv-lvae believes it was used),
 * {@code --lambda} sets the default penalty's weight as {@code lva sweep --lambda} does, and a default
 * batch that does not fit the data says that it is a default and how to change it.
 */
final class FitModelOptions {
    private FitModelOptions() {
    }

    /**
     * Refuses an option the model ignores: always on the command line ({@code merged}'s keys that start
     * with {@code --}); from a config file only with a value other than the default, since every run's
     * config.yaml lists every option, the other model's included.
     */
    static void requireUsed(String model, Map<String, String> merged) {
        ModelDefaults.ignored(model).forEach((option, why) -> refuseIfGiven(RunOptions.get(option).flag(), merged,
                " with --model " + model + ": " + why));
    }

    /** Options a table has and images have not: lvae trains on images too, and would ignore them there. */
    private static final Map<String, String> TABLE_ONLY = Map.of(
            "--scale", "images are never scaled by column (bytes become [0, 1])",
            "--columns", "images have no columns to pick",
            "--header", "images have no CSV header");

    /**
     * Refuses the table options ({@code --scale}, {@code --columns}, {@code --header}) when the data
     * turned out to be images, which the run would read without them.
     */
    static void requireUsedByData(Map<String, String> given, RunData data) {
        if (data.imageShape() == null) {
            refuseIfGiven("--layout", given, ": " + data.source() + " is a table, and --layout orders the axes of"
                    + " images (a .npy of rank 4 or an IDX file); leave --layout out");
            return;
        }
        TABLE_ONLY.forEach((option, why) -> refuseIfGiven(option, given, ": " + data.source() + " holds images, and "
                + why + "; leave " + option + " out"));
    }

    /**
     * The note for images trained with the MLP by default (no --model given): legitimate, but what a
     * user who forgot --model conv-lvae gets is an MLP on rows of pixels; null otherwise.
     */
    static String imagesNote(Map<String, String> given, RunData data) {
        if (data.imageShape() == null || value(given, "--model") != null) {
            return null;
        }
        var s = data.imageShape();
        return data.source() + " holds images of " + s.channels() + " x " + s.height() + " x " + s.width() + "; lvae,"
                + " the default model, takes each as a row of " + data.dataset().cols() + " values (--model conv-lvae"
                + " is the convolutional model for images; --model lvae says this is meant)";
    }

    /** Throws when {@code option} is on the command line, or in the config file with a value not the default. */
    private static void refuseIfGiven(String option, Map<String, String> merged, String why) {
        Map<String, String> defaults = Options.format(RunConfig.fitDefaults());
        for (Map.Entry<String, String> e : merged.entrySet()) {
            if (!RunOptions.same(e.getKey(), option)) {
                continue;
            }
            boolean typed = e.getKey().startsWith("--");
            String byDefault = value(defaults, option);
            if (typed || !e.getValue().equals(byDefault)) {
                throw new LvaException((typed ? option : "'" + e.getKey() + "' in the config file") + " "
                        + e.getValue().replace(';', ',') + why);
            }
        }
    }

    /**
     * Puts {@code lambda} (from {@code --lambda}, or a config file's {@code lambda} key, which it removes)
     * into the penalty's spec: the one given, or the model's default. A spec that sets lambda itself is a
     * conflict, as in {@code lva sweep}.
     */
    static void putLambda(Map<String, String> merged, String commandLine, String model) {
        String fromConfig = take(merged, "lambda");
        String lambda = commandLine != null ? commandLine : fromConfig;
        if (lambda == null) {
            return;
        }
        String where = commandLine != null ? "--lambda" : "'lambda' in the config file";
        double v;
        try {
            v = Double.parseDouble(lambda.strip());
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (!(v >= 0) || Double.isInfinite(v)) {
            // a list is what lva sweep --lambda takes: say where it belongs rather than only that it is no number
            throw new LvaException(where + " " + lambda + ": a penalty weight is a number >= 0" + (lambda.contains(",")
                    ? "; lva fit trains one weight (lva sweep --lambda " + lambda.strip() + " compares several)" : ""));
        }
        String given = value(merged, "--regularizer");
        String spec = given != null ? given : RunConfig.defaults(model).regularizer();
        PluginSpec parsed;
        try {
            parsed = PluginSpec.parse(spec);
        } catch (OptionsException e) {
            throw new LvaException("--regularizer " + spec + ": " + e.getMessage());
        }
        if (given != null && parsed.options().containsKey("lambda")) {
            throw new LvaException("--regularizer " + given + " sets lambda and " + where + " " + lambda
                    + " sets it too: give it in one place");
        }
        Map<String, String> options = new LinkedHashMap<>(parsed.options());
        options.put("lambda", lambda.strip());
        merged.keySet().removeIf(k -> RunOptions.same(k, "--regularizer"));
        merged.put("--regularizer", new PluginSpec(parsed.name(), options).toString());
    }

    /**
     * Refuses a model's default batch (conv-lvae's 100 images) that is larger than the data, saying it is
     * the default and how to change it; a batch the user gave is checked, and named, by the trainer.
     */
    static void requireDefaultBatchFits(RunConfig config, RunData data) {
        // a model that cannot be made for this data (conv-lvae on a table, a side it cannot halve) is the
        // first thing to fix: its error comes first, as it did when the trainer checked the batch
        RunModels.spec(config, data);
        int rows = data.rows();
        String source = config.data() == null ? data.source() : config.data().toString();
        if (config.batch() > rows && rows < 2) {
            // "give --batch N with N at most 1" would be refused next: a std over one image is undefined
            throw new LvaException(String.format(Locale.ROOT, "%s has 1 %s, fewer than %s's default batch of %d, and"
                    + " the volume penalty needs at least 2 a batch (a standard deviation of one is undefined);"
                    + " give more%s", source, config.convolutional() ? "image" : "row", config.model(), config.batch(),
                    config.limit() == 1 ? " (--limit 1 keeps one)" : ""));
        }
        if (config.batch() > rows) {
            throw new LvaException(String.format(Locale.ROOT, "%s has %,d %s, fewer than %s's default batch of %d;"
                    + " give --batch N with N at most %d (0: all of them in one batch)", source, rows,
                    config.convolutional() ? "images" : "rows", config.model(), config.batch(), rows));
        }
    }

    /**
     * Refuses a batch the user gave that is larger than the data, naming --batch, the data's count in
     * its own unit (images, rows) and the largest batch there is (the trainer said "batch size 61 is
     * larger than the data (60 rows)" of 60 images, and named no option).
     */
    static void requireGivenBatchFits(RunConfig config, RunData data) {
        int rows = data.rows();
        if (config.batch() > rows && rows < 2) {
            // "give --batch N with N at most 1" (and "1 images") was refused next: every penalty's run ends in
            // the latent analysis, which needs a spread over at least 2 samples
            String source = config.data() == null ? data.source() : config.data().toString();
            throw new LvaException(String.format(Locale.ROOT, "--batch %d: %s has %d %s, and a run needs at least 2"
                    + " (its latent analysis takes the spread of each code dimension); give more%s", config.batch(),
                    source, rows, RunData.isImages(data.dataset()) ? "image" : "row",
                    config.limit() == rows && rows > 0 ? " (--limit " + config.limit() + " keeps " + rows + ")" : ""));
        }
        if (config.batch() > rows) {
            String source = config.data() == null ? data.source() : config.data().toString();
            throw new LvaException(String.format(Locale.ROOT, "--batch %d: %s has %,d %s%s; give --batch N with N at"
                    + " most %d (0: all of them in one batch)", config.batch(), source, rows,
                    RunData.isImages(data.dataset()) ? "images" : "rows", config.limit() > 0 && config.limit() == rows
                    ? " (--limit " + config.limit() + ")" : "", rows));
        }
    }

    /** The value of {@code key} in any spelling (--pad-to, pad-to, padTo), or null. */
    static String value(Map<String, String> m, String key) {
        return m.entrySet().stream().filter(e -> RunOptions.same(e.getKey(), key)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    private static String take(Map<String, String> m, String key) {
        String v = value(m, key);
        m.keySet().removeIf(k -> RunOptions.same(k, key));
        return v;
    }
}
