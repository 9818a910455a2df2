package dev.lva.run.sweep;

import dev.lva.api.LvaException;
import dev.lva.run.RunConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a sweep is asked for, option by option: the fit options that take one value, and those given
 * a list of values, whose product is the grid. Each entry remembers where it was given (the option
 * as typed, or the file and key) for the messages. Names are {@link dev.lva.run.RunConfig}'s
 * components, plus {@code lambda}, the weight put into every regularizer spec.
 */
public final class SweepOptions {
    /** Options that may take a list, in the grid's order: penalties outermost, seeds innermost. */
    public static final List<String> AXES = List.of("regularizer", "lambda", "scale", "latent", "hidden", "channels",
            "activation", "pruning", "pruneFrom", "prunedInPenalty", "optimizer", "lr", "epochs", "tol", "tolWindow",
            "batch", "precision", "seed");
    /**
     * Options with one value in a whole sweep: where the data is, how it is read (images padded or
     * cropped, the first {@code limit}: the data is read once), the model it fits, where results go.
     */
    public static final List<String> SINGLE = List.of("data", "columns", "header", "padTo", "limit", "model",
            "checkpointEvery", "checkpointSeconds", "keep", "out");
    /** Options whose one value is itself a list ({@code hidden: [48, 48]}); a list of lists sweeps them. */
    static final Set<String> LIST_VALUED = Set.of("columns", "hidden", "channels");
    /** Plugin specs, whose own options contain commas ({@code volume:lambda=0.1,eta=0.1}). */
    static final Set<String> SPECS = Set.of("regularizer", "activation", "pruning", "optimizer");
    /** Whole numbers, which may also be given as ranges ({@code 0-4}). */
    static final Set<String> WHOLE = Set.of("latent", "pruneFrom", "epochs", "tolWindow", "batch", "seed");

    /** One option's values and where they were given. */
    public record Given(String where, List<String> values) {
        public Given {
            values = List.copyOf(values);
        }
    }

    private final Map<String, Given> given = new LinkedHashMap<>();

    /** The option's canonical name ({@code prune-from} and {@code seeds} are {@code pruneFrom} and {@code seed}), or null. */
    public static String canonical(String key) {
        String k = key.strip().replaceFirst("^--", "").replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
        if (k.equals("seeds")) {
            return "seed";
        }
        for (String name : AXES) {
            if (name.toLowerCase(Locale.ROOT).equals(k)) {
                return name;
            }
        }
        for (String name : SINGLE) {
            if (name.toLowerCase(Locale.ROOT).equals(k)) {
                return name;
            }
        }
        return null;
    }

    /** Every option name a sweep knows, as the command line spells them. */
    public static List<String> known() {
        List<String> all = new ArrayList<>();
        for (String n : AXES) {
            all.add(kebab(n));
        }
        all.add("seeds");
        for (String n : SINGLE) {
            all.add(kebab(n));
        }
        return all;
    }

    /** {@code pruneFrom} as the command line writes it: {@code prune-from}. */
    public static String kebab(String name) {
        return name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
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
        if (value.contains(",") && !LIST_VALUED.contains(name)) {
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
        boolean conv = options.has("model") && options.get("model").values().get(0).equals("conv-lvae");
        return conv ? dev.lva.api.plugin.Options.bind(defaults(), RunConfig.CONV_DEFAULTS, "conv-lvae's defaults")
                : defaults();
    }
}
