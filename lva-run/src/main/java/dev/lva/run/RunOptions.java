package dev.lva.run;

import dev.lva.api.LvaException;
import dev.lva.api.plugin.OptimizerProvider;
import dev.lva.api.plugin.Options;
import dev.lva.api.plugin.PruningPolicyProvider;
import dev.lva.api.plugin.RegularizerProvider;
import dev.lva.run.RunOption.Group;
import dev.lva.run.RunOption.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The table of a run's options: every option {@code lva fit}, {@code lva sweep}, a config file and a
 * run's report know, each declared once ({@link RunOption}), with the one rule for which spellings
 * name it ({@link #normalize}).
 *
 * <p>The table's order is the order {@code config.yaml} is written in, group by group. Within it the
 * options a sweep may vary keep the order of the sweep's grid (the first varies slowest), which names
 * a sweep's runs: reordering them would rename the runs of existing sweep folders.
 */
public final class RunOptions {
    /** Every option, in the order written; a sweep's axes in its grid's order. */
    public static final List<RunOption> ALL = List.of(
            single("data", Group.DATA, Kind.PATH).described("FILE", "Data file: .csv (with or without header) or"
                    + " .npy; or images: an IDX file (train-images-idx3-ubyte.gz), a .npy of rank 3 or 4, a folder of"
                    + " PNG/JPEG.").inSweep("Data file, read once for all runs: .csv (with or without header) or .npy;"
                    + " or images (an IDX file, a .npy of rank 3 or 4, a folder of PNG/JPEG) for --model conv-lvae."),
            single("columns", Group.DATA, Kind.LIST).described("NAME|INDEX", "Columns to use, comma-separated"
                    + " (default: all)."),
            single("header", Group.DATA, Kind.CHOICE).described(null, "CSV header: auto, present, absent (default:"
                    + " {default})."),
            axis("scale", Group.DATA, Kind.CHOICE).described(null, "Column scaling: standard, minmax, none (default:"
                    + " {default}; images are never scaled: unsigned bytes become [0, 1]; integer pixels of any type are"
                    + " divided by 255 and must lie in 0..255, float pixels are used as stored, with a warning when far"
                    + " outside [0, 1])."),
            single("padTo", Group.DATA, Kind.WHOLE).described("SIDE", "Pad (with zeros) or centre-crop images to SIDE"
                    + " x SIDE, e.g. 32 for 28 x 28 Fashion-MNIST (default: as stored)."),
            single("limit", Group.DATA, Kind.WHOLE).described("N", "Use the first N rows or images (default: all)."),
            single("layout", Group.DATA, Kind.CHOICE).described("nchw|nhwc", "How a rank-4 .npy or IDX of images is"
                    + " ordered: nchw (N x C x H x W) or nhwc (N x H x W x C, channels last) (default: nchw, refusing"
                    + " an array that looks channels-last)."),
            single("stream", Group.DATA, Kind.CHOICE).described("auto|always|never", "Read images from their file a"
                    + " batch at a time instead of into memory, for image sets larger than memory: auto (when the"
                    + " images would take more than a quarter of the memory left), always or never (default: auto)."
                    + " Only images in a file that can be read by position are: a .npy of uint8 or of little-endian"
                    + " float32 or float64, an uncompressed IDX file; the analysis then sees an evenly spaced sample of"
                    + " at most 64 MB of them.")
                    .inSweep("auto or never: a sweep holds its data in memory, and refuses images read from their"
                    + " file (default: auto)."),
            // read for the evaluation only: a label or a true parameter per row, never trained on
            single("labels", Group.DATA, Kind.PATH).described("FILE", "A class label per data row (after --limit): an"
                    + " IDX file, a .npy vector or a CSV column (its only one, or label). The report adds"
                    + " k-nearest-neighbour accuracy on held-out rows of the kept code, beside PCA's and the raw"
                    + " data's; never trained on."),
            single("truth", Group.DATA, Kind.PATH).described("FILE", "The true parameters of synthetic data, a CSV row"
                    + " per data row (lva synth's parameters.csv). The report adds how well the kept code recovers each"
                    + " (R^2 on held-out rows)."),
            single("model", Group.MODEL, Kind.CHOICE).described(null, "lvae (MLP encoder and decoder) or conv-lvae"
                    + " (convolutional, for images) (default: {value})."),
            axis("latent", Group.MODEL, Kind.WHOLE).described(null, "Latent dimensions, at least 1; 0 or not given: as"
                    + " many as the data has columns (" + RunModels.CONV_LATENT + " for conv-lvae)."),
            axis("hidden", Group.MODEL, Kind.LIST).described(null, "Hidden widths (default: {default}).")
                    .inSweep("Hidden widths (default: {default}); repeat the option to compare architectures,"
                            + " e.g. --hidden 48,48 --hidden 16,16,16."),
            axis("channels", Group.MODEL, Kind.LIST).described(null, "conv-lvae's encoder channels, one per halving"
                    + " convolution (default: {default}).").inSweep("conv-lvae's encoder channels, one per halving"
                    + " convolution (default: {default}); repeat the option to compare architectures."),
            axis("activation", Group.MODEL, Kind.SPEC).described(null, "Hidden activation (default: {default})."),
            axis("regularizer", Group.PENALTY, Kind.SPEC).naming(RegularizerProvider.KIND).described("SPEC", "Latent"
                    + " penalty, NAME:KEY=VALUE,... with NAME one of {plugins} (default: {default}; lva plugins lists"
                    + " each one's options)."),
            // the penalty's weight, put into the regularizer's spec: no component of its own
            new RunOption("lambda", Group.PENALTY, Kind.NUMBER, true, true, false, List.of(), null, null, null, null)
                    .described("WEIGHT", "The penalty's weight: lambda in --regularizer, the default penalty's unless"
                            + " --regularizer names another (as lva sweep --lambda).")
                    .inSweep("Penalty weights, put into every regularizer, e.g. 1e-4,1e-3,1e-2 (default: each"
                            + " regularizer's own)."),
            axis("pruning", Group.PENALTY, Kind.SPEC).naming(PruningPolicyProvider.KIND).described("SPEC", "Pruning"
                    + " policy, NAME:KEY=VALUE,... with NAME one of {plugins} (default: {default}; for example"
                    + " plummet:threshold=0.02)."),
            axis("pruneFrom", Group.PENALTY, Kind.WHOLE).described("EPOCH", "The first epoch (counted from 0) at whose"
                    + " end pruning may happen (default: {default}). An epoch is one pass over the data."),
            // set in a config file or swept; lva fit has no flag for it
            new RunOption("prunedInPenalty", Group.PENALTY, Kind.FLAG, true, false, true, List.of(), null, null, null,
                    null).inSweep("Whether pruned dimensions stay in the penalty as constants: true, false (default:"
                    + " {default})."),
            axis("optimizer", Group.OPTIMIZER, Kind.SPEC).naming(OptimizerProvider.KIND).described("SPEC", "Optimizer,"
                    + " NAME or NAME:KEY=VALUE,... with NAME one of {plugins} (default: {default}; its learning rate"
                    + " is --lr)."),
            axis("lr", Group.OPTIMIZER, Kind.NUMBER).described(null, "Learning rate (default: {default})."),
            axis("epochs", Group.TRAINING, Kind.WHOLE).described(null, "The most passes over the data; the run stops"
                    + " earlier once it has converged (--tol) (default: {default})."),
            axis("tol", Group.TRAINING, Kind.NUMBER).described(null, "Stop once the run has converged: from one window"
                    + " of --tol-window epochs to the next, the loss and the sorted latent stds (relative to the"
                    + " largest) change by less than this share (default: {default}); 0 trains all --epochs and still"
                    + " reports whether the default rule finds the run converged."),
            axis("tolWindow", Group.TRAINING, Kind.WHOLE).described("EPOCHS", "Epochs of the windows --tol compares"
                    + " (default: {default})."),
            axis("batch", Group.TRAINING, Kind.WHOLE).described(null, "Rows per optimizer step; 0 for the full batch,"
                    + " one step an epoch (default: the full batch where its activations take at most a quarter of the"
                    + " free memory, else the largest round batch that does, said when chosen{others})."),
            axis("precision", Group.TRAINING, Kind.CHOICE).described(null, "float32 or float64 (default: {default})."),
            // seeds: lva sweep's list of seeds, lva fit's one run per seed
            new RunOption("seed", Group.TRAINING, Kind.WHOLE, true, true, true, List.of("seeds"), null, null, null,
                    null).described(null, "Seed: PyTorch-compatible initialisation and shuffling (default:"
                    + " {default}).").inSweep("Seeds of PyTorch-compatible initialisation and shuffling, e.g. 0-4 or"
                    + " 0,3,7 (default: {default})."),
            single("checkpointEvery", Group.CHECKPOINTS, Kind.WHOLE).described("STEPS", "Optimizer steps (not epochs)"
                    + " between checkpoints; an epoch is one step with the full batch, rows/--batch steps with"
                    + " minibatches (default: {default}, only at the end)."),
            single("checkpointSeconds", Group.CHECKPOINTS, Kind.NUMBER).described("SECONDS", "Seconds of training"
                    + " between checkpoints; 0 for no time trigger (default: {default}).").inSweep("Seconds of"
                    + " training between a run's checkpoints, which the driver keeps until the run ends; 0 for no time"
                    + " trigger (default: {default})."),
            single("keep", Group.CHECKPOINTS, Kind.WHOLE).described("N", "Periodic checkpoints a run keeps while it"
                    + " trains (default: {default})."),
            single("out", Group.OUTPUT, Kind.PATH).described("DIR", "Output folder (default: {default}).")
                    .inSweep("The sweep's folder (default: {default})."));

    private RunOptions() {
    }

    private static RunOption axis(String name, Group group, Kind kind) {
        return new RunOption(name, group, kind, true, true, true, List.of(), null, null, null, null);
    }

    private static RunOption single(String name, Group group, Kind kind) {
        return new RunOption(name, group, kind, false, true, true, List.of(), null, null, null, null);
    }

    /**
     * The one rule for which spellings name one option: a leading {@code --}, dashes, underscores and
     * case do not matter ({@code --prune-from}, {@code prune_from}, {@code pruneFrom}).
     */
    public static String normalize(String key) {
        return Options.normalize(key);
    }

    /** Whether two keys name the same option in any spelling. */
    public static boolean same(String a, String b) {
        return normalize(a).equals(normalize(b));
    }

    /** The option {@code key} names in any spelling, aliases included ({@code seeds} is seed), or null. */
    public static RunOption find(String key) {
        String k = normalize(key);
        for (RunOption o : ALL) {
            if (normalize(o.name()).equals(k)) {
                return o;
            }
        }
        for (RunOption o : ALL) {
            for (String alias : o.aliases()) {
                if (normalize(alias).equals(k)) {
                    return o;
                }
            }
        }
        return null;
    }

    /** The option of that canonical name; a name not in the table is a programming error. */
    public static RunOption get(String name) {
        for (RunOption o : ALL) {
            if (o.name().equals(name)) {
                return o;
            }
        }
        throw new IllegalArgumentException("no run option named '" + name + "'");
    }

    /** The options a sweep may vary, in the grid's order. */
    public static List<RunOption> axes() {
        return ALL.stream().filter(RunOption::axis).toList();
    }

    /** The options a sweep has one value of. */
    public static List<RunOption> singles() {
        return ALL.stream().filter(o -> !o.axis()).toList();
    }

    /** The options of one group, in the order written. */
    public static List<RunOption> of(Group group) {
        return ALL.stream().filter(o -> o.group() == group).toList();
    }

    /** {@code pruneFrom} as the command line writes it: {@code prune-from}. */
    public static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /**
     * A run's options (as {@link Options#format} gives them, keyed by canonical name) grouped as a
     * nested config file writes them: {@code data: {data: ..., columns: ...}, model: {...}, ...}. A key
     * not in the table is a programming error, so that no option is written where no reader looks.
     */
    public static Map<String, Map<String, String>> grouped(Map<String, String> flat) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (Group g : Group.values()) {
            Map<String, String> section = new LinkedHashMap<>();
            for (RunOption o : of(g)) {
                if (flat.containsKey(o.name())) {
                    section.put(o.name(), flat.get(o.name()));
                }
            }
            if (!section.isEmpty()) {
                out.put(g.key(), section);
            }
        }
        List<String> stray = new ArrayList<>(flat.keySet());
        stray.removeIf(k -> find(k) != null && find(k).name().equals(k));
        if (!stray.isEmpty()) {
            throw new IllegalArgumentException("options " + stray + " are not in the table of run options");
        }
        return out;
    }

    /**
     * Checks a key found under a group's section of a config file: the option it names, or null for a
     * key that names no option (left for the reader's own unknown-option error).
     *
     * @param where the file, for the message
     * @throws LvaException when the key names an option of another group, which a reader would
     *                      otherwise take silently from the wrong place
     */
    public static RunOption inGroup(Group group, String key, String where) {
        RunOption o = find(key);
        if (o != null && o.group() != group) {
            throw new LvaException(where + ": '" + key + "' is under " + group.key() + ":, but it is "
                    + (o.group() == Group.OPTIMIZER ? "an " : "a ") + o.group().key() + " option; move it under " + o.group().key() + ": (or write it"
                    + " at the top level)");
        }
        return o;
    }

    /**
     * Checks a top-level key of a config or sweep file that names a section ({@code training:}) but
     * holds no map of options: an empty section (its entries all commented out) is skipped, a value
     * is refused, since it would otherwise be called an unknown option. A section's name that is also
     * an option ({@code data}, {@code model}, {@code optimizer}) is that option.
     *
     * @param isNull whether the key has no value
     * @param where  the file (and line), for the message
     * @return whether the key is an empty section, to skip
     * @throws LvaException for a section that holds a value instead of options
     */
    public static boolean emptySection(String key, boolean isNull, String where) {
        Group group = Group.of(key);
        if (group == null || find(key) != null) {
            return false;
        }
        if (isNull) {
            return true;
        }
        String first = of(group).get(0).kebab();
        throw new LvaException(where + ": '" + key + "' is the section of the " + group.key() + " options ("
                + names(group) + "), not an option; write them indented under it ('" + key + ":' and on the next"
                + " line '  " + first + ": VALUE')");
    }

    /** The names of a group's options, for messages. */
    public static String names(Group group) {
        return String.join(", ", of(group).stream().map(RunOption::name).toList());
    }
}
