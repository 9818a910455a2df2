package dev.lva.run;

import dev.lva.api.LvaException;
import dev.lva.api.plugin.Options;
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
            single("data", Group.DATA, Kind.PATH),
            single("columns", Group.DATA, Kind.LIST),
            single("header", Group.DATA, Kind.CHOICE),
            axis("scale", Group.DATA, Kind.CHOICE),
            single("padTo", Group.DATA, Kind.WHOLE),
            single("limit", Group.DATA, Kind.WHOLE),
            single("layout", Group.DATA, Kind.CHOICE),
            // read for the evaluation only: a label or a true parameter per row, never trained on
            single("labels", Group.DATA, Kind.PATH),
            single("truth", Group.DATA, Kind.PATH),
            single("model", Group.MODEL, Kind.CHOICE),
            axis("latent", Group.MODEL, Kind.WHOLE),
            axis("hidden", Group.MODEL, Kind.LIST),
            axis("channels", Group.MODEL, Kind.LIST),
            axis("activation", Group.MODEL, Kind.SPEC),
            axis("regularizer", Group.PENALTY, Kind.SPEC),
            // the penalty's weight, put into the regularizer's spec: no component of its own
            new RunOption("lambda", Group.PENALTY, Kind.NUMBER, true, true, false, List.of()),
            axis("pruning", Group.PENALTY, Kind.SPEC),
            axis("pruneFrom", Group.PENALTY, Kind.WHOLE),
            // set in a config file or swept; lva fit has no flag for it
            new RunOption("prunedInPenalty", Group.PENALTY, Kind.FLAG, true, false, true, List.of()),
            axis("optimizer", Group.OPTIMIZER, Kind.SPEC),
            axis("lr", Group.OPTIMIZER, Kind.NUMBER),
            axis("epochs", Group.TRAINING, Kind.WHOLE),
            axis("tol", Group.TRAINING, Kind.NUMBER),
            axis("tolWindow", Group.TRAINING, Kind.WHOLE),
            axis("batch", Group.TRAINING, Kind.WHOLE),
            axis("precision", Group.TRAINING, Kind.CHOICE),
            // seeds: lva sweep's list of seeds, lva fit's one run per seed
            new RunOption("seed", Group.TRAINING, Kind.WHOLE, true, true, true, List.of("seeds")),
            single("checkpointEvery", Group.CHECKPOINTS, Kind.WHOLE),
            single("checkpointSeconds", Group.CHECKPOINTS, Kind.NUMBER),
            single("keep", Group.CHECKPOINTS, Kind.WHOLE),
            single("out", Group.OUTPUT, Kind.PATH));

    private RunOptions() {
    }

    private static RunOption axis(String name, Group group, Kind kind) {
        return new RunOption(name, group, kind, true, true, true, List.of());
    }

    private static RunOption single(String name, Group group, Kind kind) {
        return new RunOption(name, group, kind, false, true, true, List.of());
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

    /** The names of a group's options, for messages. */
    public static String names(Group group) {
        return String.join(", ", of(group).stream().map(RunOption::name).toList());
    }
}
