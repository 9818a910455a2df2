package dev.lva.run.sweep;

import dev.lva.api.LvaException;
import dev.lva.run.ModelDefaults;
import dev.lva.run.RunConfig;
import dev.lva.run.RunOption;
import dev.lva.run.RunOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a sweep is asked for, option by option: the fit options that take one value, and those given
 * a list of values, whose product is the grid. Each entry remembers where it was given (the option
 * as typed, or the file and key) for the messages. Names are {@link dev.lva.run.RunConfig}'s
 * components, plus {@code lambda}, the weight put into every regularizer spec.
 */
public final class SweepOptions {
    /**
     * Options that may take a list, in the grid's order ({@link RunOptions#axes()}): the first varies
     * slowest, except the penalties (regularizer, lambda), which are always outermost.
     */
    public static final List<String> AXES = RunOptions.axes().stream().map(RunOption::name).toList();
    /**
     * Options with one value in a whole sweep ({@link RunOptions#singles()}): where the data is, how it
     * is read (the data is read once), the model it fits, where results go.
     */
    public static final List<String> SINGLE = RunOptions.singles().stream().map(RunOption::name).toList();

    /** Whether an option's one value is itself a list ({@code hidden: [48, 48]}); a list of lists sweeps it. */
    static boolean listValued(String name) {
        return RunOptions.get(name).kind() == RunOption.Kind.LIST;
    }

    /** Whether an option is a plugin spec, whose own options contain commas ({@code volume:lambda=0.1,eta=0.1}). */
    static boolean spec(String name) {
        return RunOptions.get(name).kind() == RunOption.Kind.SPEC;
    }

    /** Whether an option is a whole number, which may also be given as a range ({@code 0-4}). */
    static boolean whole(String name) {
        return RunOptions.get(name).kind() == RunOption.Kind.WHOLE;
    }

    /** One option's values and where they were given. */
    public record Given(String where, List<String> values) {
        public Given {
            values = List.copyOf(values);
        }
    }

    private final Map<String, Given> given = new LinkedHashMap<>();

    /** The option's canonical name ({@code prune-from} and {@code seeds} are {@code pruneFrom} and {@code seed}), or null. */
    public static String canonical(String key) {
        RunOption option = RunOptions.find(key);
        return option == null ? null : option.name();
    }

    /** Every option name a sweep knows, as the command line spells them. */
    public static List<String> known() {
        List<String> all = new ArrayList<>();
        for (RunOption o : RunOptions.axes()) {
            all.add(o.kebab());
            o.aliases().forEach(all::add);
        }
        for (RunOption o : RunOptions.singles()) {
            all.add(o.kebab());
        }
        return all;
    }

    /** {@code pruneFrom} as the command line writes it: {@code prune-from}. */
    public static String kebab(String name) {
        return RunOptions.kebab(name);
    }

    /**
     * Sets an option, replacing what an earlier source gave (the command line comes after the file).
     *
     * @param key    the option's name in any spelling
     * @param where  how the user gave it, for messages ({@code --seeds}, {@code sweep.yaml: seeds})
     * @param values its values: one, or several for an axis of the grid
     */
    public SweepOptions put(String key, String where, List<String> values) {
        String name = canonical(key);
        if (name == null) {
            throw new LvaException(where + ": unknown option; a sweep knows " + String.join(", ", known()));
        }
        if (values.isEmpty()) {
            throw new LvaException(where + ": the list is empty, so the grid would have no runs");
        }
        if (values.size() > 1 && SINGLE.contains(name)) {
            throw new LvaException(where + " " + cut(String.join(",", values)) + ": this option is not a list; a sweep"
                    + " has one " + kebab(name) + " (options that take a list: " + String.join(", ", axisNames()) + ")");
        }
        given.remove(name);
        given.put(name, new Given(where, values));
        return this;
    }

    /**
     * Sets an option from its text as typed on the command line, once per occurrence of the option: an
     * option whose one value is a list ({@code --hidden 8,8}) takes each occurrence as one value (a
     * second occurrence is a second value of the axis), an axis the items and ranges of its lists
     * ({@code --seeds 0-4}), any other option one value, where a comma means the user meant a list.
     *
     * @param key         the option's name in any spelling
     * @param where       how the user gave it, for messages ({@code --seeds})
     * @param occurrences the text of each occurrence
     */
    public SweepOptions putTyped(String key, String where, List<String> occurrences) {
        String name = canonical(key);
        if (name == null) {
            throw new LvaException(where + ": unknown option; a sweep knows " + String.join(", ", known()));
        }
        RunOption option = RunOptions.get(name);
        List<String> values = new ArrayList<>();
        for (String o : occurrences) {
            if (option.kind() == RunOption.Kind.LIST) {
                values.add(o.replace(',', ';'));
            } else if (option.axis()) {
                values.addAll(SweepGrid.parseList(name, where, o));
            } else {
                values.add(single(name, where, o));
            }
        }
        return put(name, where, values);
    }

    public Given get(String name) {
        return given.get(name);
    }

    public boolean has(String name) {
        return given.containsKey(name);
    }

    /** The values of an option, or the one {@code fallback} when it was not given. */
    public List<String> values(String name, String fallback) {
        Given g = given.get(name);
        return g == null ? List.of(fallback) : g.values();
    }

    public String where(String name) {
        Given g = given.get(name);
        return g == null ? "--" + kebab(name) : g.where();
    }

    private static List<String> axisNames() {
        List<String> names = new ArrayList<>();
        for (String n : AXES) {
            names.add(kebab(n));
        }
        return names;
    }

    public static String cut(String s) {
        return s.length() <= 80 ? "'" + s + "'" : "'" + s.substring(0, 77) + "...'";
    }

    /** {@code value} as the one value of an option that is not a list; a comma in it is refused. */
    public static String single(String name, String where, String value) {
        if (value.contains(",") && !listValued(name)) {
            throw new LvaException(where + " " + cut(value) + ": this option is not a list; a sweep has one "
                    + kebab(name) + " (options that take a list: " + String.join(", ",
                    AXES.stream().map(SweepOptions::kebab).toList()) + ")");
        }
        return value;
    }

    /** {@code lva fit}'s defaults, but results in {@code lva-sweep} and a checkpoint a minute for the driver to keep. */
    public static RunConfig defaults() {
        return dev.lva.api.plugin.Options.bind(RunConfig.fitDefaults(),
                java.util.Map.of("out", "lva-sweep", "checkpointSeconds", "60"), "lva sweep");
    }

    /** The defaults of the sweep's model: conv-lvae's own where it trains images, as {@code lva fit} takes them. */
    public static RunConfig defaults(SweepOptions options) {
        return defaults(options.has("model") ? options.get("model").values().get(0) : RunConfig.fitDefaults().model());
    }

    /** The defaults of a sweep of {@code model}'s runs: {@link #defaults()} with the model's own ({@link ModelDefaults}). */
    public static RunConfig defaults(String model) {
        if (model.equals(RunConfig.fitDefaults().model()) || !RunConfig.MODELS.contains(model)) {
            // a model no run trains is refused by name where the grid's configs are bound
            return defaults();
        }
        return dev.lva.api.plugin.Options.bind(defaults(), ModelDefaults.of(model), model + "'s defaults");
    }
}
