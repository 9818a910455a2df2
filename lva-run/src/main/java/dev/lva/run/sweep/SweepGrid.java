package dev.lva.run.sweep;

import dev.lva.api.LvaException;
import dev.lva.api.plugin.Options;
import dev.lva.api.plugin.OptionsException;
import dev.lva.api.plugin.PluginSpec;
import dev.lva.api.plugin.Plugins;
import dev.lva.api.plugin.PruningPolicyProvider;
import dev.lva.api.plugin.OptimizerProvider;
import dev.lva.api.plugin.RegularizerProvider;
import dev.lva.run.ModelDefaults;
import dev.lva.run.RunConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns what the user asked for into the grid's points: lists and ranges parsed, every value checked
 * once (an unknown penalty or a bad number is reported before anything trains), the product taken
 * with penalties outermost and seeds innermost, and each point named after what it varies.
 */
public final class SweepGrid {
    /** More runs than this in one sweep is surely a typo in a range (0-10000000). */
    static final int MAX_RUNS = 100_000;

    private SweepGrid() {
    }

    /**
     * The values in one option's text: items separated by commas, whole-number ranges {@code a-b}
     * (both ends included), and for plugin specs the commas of a spec's own options kept
     * ({@code volume:lambda=0.1,eta=0.1,lasso} is two specs; parentheses group as well).
     *
     * @param name  the option's canonical name
     * @param where the option as the user gave it, for messages
     */
    public static List<String> parseList(String name, String where, String text) {
        if (text == null || text.isBlank()) {
            throw new LvaException(where + ": no value, so the grid would have no runs");
        }
        List<String> items = SweepOptions.spec(name) ? specs(where, text) : plain(text);
        List<String> out = new ArrayList<>();
        for (String item : items) {
            if (item.isEmpty()) {
                throw new LvaException(where + " " + SweepOptions.cut(text) + ": an empty item in the list");
            }
            if (SweepOptions.whole(name) && item.matches("\\d+\\s*-\\s*\\d+")) {
                out.addAll(range(where, item));
            } else {
                // one spelling per number, so that a YAML file (which reads 1e-3 as 0.001) and the
                // command line give the same runs, with the same options
                out.add(SweepOptions.spec(name) ? item : number(item));
            }
        }
        if (out.size() > MAX_RUNS) {
            throw new LvaException(where + " " + SweepOptions.cut(text) + ": " + out.size() + " values; at most "
                    + MAX_RUNS + " runs fit in one sweep");
        }
        return out;
    }

    private static List<String> plain(String text) {
        List<String> items = new ArrayList<>();
        for (String s : text.split(",", -1)) {
            items.add(s.strip());
        }
        return items;
    }

    /** Commas outside parentheses split, unless what follows is one of the spec's own {@code key=value}. */
    private static List<String> specs(String where, String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ',';
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i).strip());
                start = i + 1;
            }
            if (depth < 0) {
                throw new LvaException(where + " " + SweepOptions.cut(text) + ": ')' without '('");
            }
        }
        if (depth != 0) {
            throw new LvaException(where + " " + SweepOptions.cut(text) + ": '(' without ')'");
        }
        List<String> specs = new ArrayList<>();
        for (String p : parts) {
            boolean option = p.matches("[A-Za-z_][\\w.-]*\\s*=.*");
            if (option && !specs.isEmpty() && specs.get(specs.size() - 1).contains(":")) {
                specs.set(specs.size() - 1, specs.get(specs.size() - 1) + "," + p);
            } else {
                specs.add(p.length() >= 2 && p.startsWith("(") && p.endsWith(")") ? p.substring(1, p.length() - 1).strip()
                        : p);
            }
        }
        return specs;
    }

    private static List<String> range(String where, String item) {
        String[] ends = item.split("-");
        long from;
        long to;
        try {
            from = Long.parseLong(ends[0].strip());
            to = Long.parseLong(ends[1].strip());
        } catch (NumberFormatException e) {
            throw new LvaException(where + " '" + item + "': not a range of whole numbers");
        }
        if (to < from) {
            throw new LvaException(where + " '" + item + "': an empty range (" + from + " is above " + to
                    + "), so the grid would have no runs");
        }
        if (to - from >= MAX_RUNS) {
            throw new LvaException(where + " '" + item + "': " + (to - from + 1) + " values; at most " + MAX_RUNS
                    + " runs fit in one sweep");
        }
        List<String> out = new ArrayList<>();
        for (long v = from; v <= to; v++) {
            out.add(Long.toString(v));
        }
        return out;
    }

    /**
     * The sweep's points.
     *
     * @param defaults what a run does when told nothing ({@code lva fit}'s defaults)
     * @param plugins  where regularizers, pruning policies and optimizers are looked up
     */
    /**
     * Refuses an option the sweep's model does not use ({@code --channels} for lvae), as {@code lva fit}
     * does: on the command line always, from a file where a value is not the default (a run's
     * config.yaml lists every option, the other model's included).
     */
    static void requireUsedByModel(SweepOptions options, String model) {
        java.util.Map<String, String> defaults = dev.lva.api.plugin.Options.format(SweepOptions.defaults());
        ModelDefaults.ignored(model).forEach((name, why) -> {
            SweepOptions.Given g = options.get(name);
            if (g != null && (g.where().startsWith("--")
                    || g.values().stream().anyMatch(v -> !v.equals(defaults.get(name))))) {
                // each value as typed: --hidden 8,8 --hidden 16 (a list option's occurrences) or --scale minmax
                List<String> typed = g.values().stream().map(v -> v.replace(';', ',')).toList();
                throw new LvaException(g.where() + " " + String.join(g.where().startsWith("--") ? " " + g.where() + " "
                        : ", ", typed) + " with --model " + model + ": " + why);
            }
        });
    }

    public static SweepPlan plan(SweepOptions options, RunConfig defaults, Plugins plugins) {
        Map<String, String> fixed = new LinkedHashMap<>();
        for (String name : SweepOptions.SINGLE) {
            if (options.has(name)) {
                fixed.put(name, options.get(name).values().get(0));
            }
        }
        RunConfig base = bind(defaults, fixed, "lva sweep");
        requireUsedByModel(options, base.model());
        Path out = base.out().toAbsolutePath().normalize();

        List<String> axes = new ArrayList<>();
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String name : SweepOptions.AXES) {
            if (!options.has(name) || name.equals("regularizer") || name.equals("lambda")) {
                continue;
            }
            List<String> vs = options.get(name).values();
            requireDistinct(options.where(name), vs);
            for (String v : vs) {
                bindOne(base, name, v, options.where(name));
            }
            checkPlugin(plugins, name, vs, options.where(name));
            values.put(name, vs);
            if (vs.size() > 1) {
                axes.add(name);
            }
        }
        List<Penalty> penalties = penalties(options, base, plugins);
        if (options.has("regularizer") && options.get("regularizer").values().size() > 1) {
            axes.add(0, "regularizer");
        }
        if (options.has("lambda") && options.get("lambda").values().size() > 1) {
            axes.add(axes.contains("regularizer") ? 1 : 0, "lambda");
        }

        long count = penalties.size();
        for (List<String> vs : values.values()) {
            count *= vs.size();
        }
        if (count > MAX_RUNS) {
            throw new LvaException("the grid has " + count + " runs; at most " + MAX_RUNS + " fit in one sweep");
        }
        List<SweepPoint> points = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Penalty p : penalties) {
            for (Map<String, String> combo : product(values)) {
                Map<String, String> runValues = new LinkedHashMap<>(combo);
                runValues.put("regularizer", p.spec());
                String name = name(p, combo, axes);
                if (!names.add(name)) {
                    throw new LvaException("two runs of the grid would both be named '" + name + "': give each value"
                            + " once");
                }
                runValues.put("out", out.resolve(SweepFolder.RUNS).resolve(name).toString());
                RunConfig config = bind(base, runValues, "run " + name);
                Map<String, String> shown = new LinkedHashMap<>();
                if (options.has("regularizer")) {
                    shown.put("regularizer", p.given());
                }
                if (options.has("lambda")) {
                    shown.put("lambda", p.lambdaText());
                }
                combo.forEach((k, v) -> {
                    if (options.has(k)) {
                        shown.put(k, v);
                    }
                });
                points.add(new SweepPoint(name, shown, config, p.name(), p.lambda()));
            }
        }
        return new SweepPlan(out, axes, points);
    }

    /**
     * Builds each point's model description against the data's shape (one row of zeros of the same
     * shape: only the widths matter) and plans its batches on the data's rows, so that a channel list
     * that halves the images too often, a conv-lvae on a table or a batch larger than the data fails
     * before the first run starts instead of as one run among many.
     *
     * @param axes   the options that vary, whose values name the point in the message
     * @param points the points about to run
     * @param data   the sweep's data by {@link SweepData#dataType()} name
     */
    public static void checkShapes(List<String> axes, List<SweepPoint> points, Map<String, SweepData> data) {
        Map<String, dev.lva.run.RunData> shapes = new LinkedHashMap<>();
        for (SweepPoint p : points) {
            String key = p.config().precision().dataType().name();
            SweepData d = data.get(key);
            if (d == null) {
                continue;
            }
            dev.lva.run.RunData shape = shapes.computeIfAbsent(key, k -> {
                long[] one = d.shape();
                one[0] = 1;
                return dev.lva.run.RunData.of(d.source(), new dev.lva.core.data.Dataset(
                        org.nd4j.linalg.factory.Nd4j.zeros(d.dataType(), one), d.columns()), null, false);
            });
            try {
                dev.lva.run.RunModels.spec(p.config(), shape);
                // a batch of more rows than the data has (the --limit may have cut them), named as the option
                // it is (the trainer's "batch size 5000 is larger than the data" named none)
                if (p.config().batch() > d.rows()) {
                    String unit = d.images() ? "images" : "rows";
                    throw new LvaException("--batch " + p.config().batch() + " is larger than the data's " + d.rows()
                            + " " + unit + "; give --batch N with N at most " + d.rows() + " (0: all of them in one"
                            + " batch)");
                }
                dev.lva.core.train.Batches.plan(d.rows(), p.config().batch(), 1);
            } catch (LvaException e) {
                List<String> given = new ArrayList<>();
                p.values().forEach((k, v) -> {
                    if (axes.contains(k)) {
                        given.add(SweepOptions.kebab(k) + " " + v.replace(';', ','));
                    }
                });
                throw new LvaException("grid point " + p.name() + (given.isEmpty() ? "" : " (" + String.join(", ", given)
                        + ")") + " does not fit"
                        + " the data (" + d.shapeText() + "): " + e.getMessage() + "; no run was started");
            }
        }
    }

    /** A regularizer spec of the grid with its weight in it. */
    private record Penalty(String given, String spec, String name, double lambda, String lambdaText,
                           String ownOptions) {
    }

    private static List<Penalty> penalties(SweepOptions options, RunConfig base, Plugins plugins) {
        String regWhere = options.where("regularizer");
        List<String> specs = options.values("regularizer", base.regularizer());
        requireDistinct(regWhere, specs);
        List<String> lambdas = options.has("lambda") ? options.get("lambda").values() : null;
        if (lambdas != null) {
            requireDistinct(options.where("lambda"), lambdas);
            for (String l : lambdas) {
                try {
                    double v = Double.parseDouble(l);
                    if (!(v >= 0) || Double.isInfinite(v)) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    throw new LvaException(options.where("lambda") + " '" + l + "': a penalty weight is a number >= 0");
                }
            }
        }
        Map<String, Integer> sameName = new LinkedHashMap<>();
        for (String given : specs) {
            int colon = given.indexOf(':');
            sameName.merge((colon < 0 ? given : given.substring(0, colon)).strip(), 1, Integer::sum);
        }
        List<Penalty> out = new ArrayList<>();
        for (String given : specs) {
            PluginSpec spec;
            try {
                spec = PluginSpec.parse(given);
            } catch (OptionsException e) {
                throw new LvaException(regWhere + " " + SweepOptions.cut(given) + ": " + e.getMessage());
            }
            if (lambdas != null && spec.options().containsKey("lambda")) {
                if (options.has("regularizer")) {
                    throw new LvaException(regWhere + " " + SweepOptions.cut(given) + " sets lambda and "
                            + options.where("lambda") + " sweeps it: give it in one place");
                }
                // the default penalty's own weight gives way to the weights the user sweeps
                Map<String, String> rest = new LinkedHashMap<>(spec.options());
                rest.remove("lambda");
                spec = new PluginSpec(spec.name(), rest);
            }
            Map<String, String> own = new LinkedHashMap<>(spec.options());
            own.remove("lambda");
            // a spec's own options go into the run names only where they tell two specs of one penalty apart
            StringBuilder ownText = new StringBuilder();
            if (sameName.getOrDefault(spec.name(), 1) > 1) {
                own.forEach((k, v) -> ownText.append('-').append(k).append(v));
            }
            for (String l : lambdas == null ? List.of("") : lambdas) {
                Map<String, String> opts = new LinkedHashMap<>(spec.options());
                if (!l.isEmpty()) {
                    opts.put("lambda", l);
                }
                PluginSpec full = new PluginSpec(spec.name(), opts);
                Map<String, String> bound;
                try {
                    RegularizerProvider<?> provider = plugins.registry(RegularizerProvider.KIND).get(spec.name());
                    bound = Options.format(Options.bind(provider.defaultOptions(), full.options(), spec.name()));
                    plugins.registry(RegularizerProvider.KIND).create(full);
                } catch (LvaException e) {
                    throw new LvaException(regWhere + " " + SweepOptions.cut(given) + ": " + e.getMessage());
                }
                String effective = bound.get("lambda");
                double lambda = effective == null ? Double.NaN : Double.parseDouble(effective);
                out.add(new Penalty(given, full.toString(), spec.name(), lambda,
                        l.isEmpty() ? (effective == null ? "" : effective) : l, ownText.toString()));
            }
        }
        return out;
    }

    /** Plugin specs other than the regularizer: their names and options are checked before anything runs. */
    private static void checkPlugin(Plugins plugins, String name, List<String> specs, String where) {
        for (String s : specs) {
            try {
                switch (name) {
                    case "pruning" -> plugins.create(PruningPolicyProvider.KIND, s);
                    case "optimizer" -> plugins.registry(OptimizerProvider.KIND).get(PluginSpec.parse(s).name());
                    default -> {
                        return;
                    }
                }
            } catch (LvaException e) {
                throw new LvaException(where + " " + SweepOptions.cut(s) + ": " + e.getMessage());
            }
        }
    }

    private static List<Map<String, String>> product(Map<String, List<String>> values) {
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> axis : values.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combos) {
                for (String v : axis.getValue()) {
                    Map<String, String> m = new LinkedHashMap<>(c);
                    m.put(axis.getKey(), v);
                    next.add(m);
                }
            }
            combos = next;
        }
        return combos;
    }

    /**
     * {@code volume_lambda1e-3_seed0}: the penalty (with its own options), its weight and the seed
     * always, so that adding a value to a list later keeps the names of the runs already done; then
     * every other option that varies.
     */
    private static String name(Penalty p, Map<String, String> combo, List<String> axes) {
        List<String> parts = new ArrayList<>();
        parts.add(p.name() + p.ownOptions());
        if (!p.lambdaText().isEmpty()) {
            parts.add("lambda" + p.lambdaText());
        }
        parts.add("seed" + combo.getOrDefault("seed", "0"));
        for (String axis : axes) {
            if (combo.containsKey(axis) && !axis.equals("seed")) {
                parts.add(SweepOptions.kebab(axis) + combo.get(axis).replace(';', '-'));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            String clean = part.replaceAll("[^A-Za-z0-9._+-]+", "-").replaceAll("-{2,}", "-");
            sb.append(sb.length() == 0 ? "" : "_").append(clean);
        }
        return sb.toString();
    }

    /**
     * One spelling per number of a grid's list: {@code 1e-3}, {@code 0.001} and a YAML file's
     * {@code 1e-3} (which YAML reads as 0.001) all become {@code 1e-3}, so that the same sweep from
     * the command line and from a file has the same runs, names and options. The shorter of the
     * plain and the scientific form, the scientific one on a tie; whole numbers and text are left as
     * given.
     */
    static String number(String text) {
        String t = text.strip();
        if (!t.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?") || t.matches("[-+]?\\d+")) {
            return text;
        }
        java.math.BigDecimal v = new java.math.BigDecimal(t).stripTrailingZeros();
        String plain = v.toPlainString();
        int exponent = v.precision() - v.scale() - 1;
        String mantissa = v.movePointLeft(exponent).toPlainString();
        String scientific = mantissa + "e" + exponent;
        return scientific.length() <= plain.length() ? scientific : plain;
    }

    private static void requireDistinct(String where, List<String> values) {
        Set<String> seen = new HashSet<>();
        for (String v : values) {
            if (!seen.add(v)) {
                throw new LvaException(where + ": the value '" + v + "' is listed twice");
            }
        }
    }

    private static void bindOne(RunConfig base, String name, String value, String where) {
        try {
            Options.bind(base, Map.of(name, value), "lva sweep");
        } catch (LvaException | IllegalArgumentException e) {
            throw new LvaException(where + " " + SweepOptions.cut(value) + ": " + e.getMessage());
        }
    }

    private static RunConfig bind(RunConfig base, Map<String, String> values, String owner) {
        try {
            return Options.bind(base, values, owner);
        } catch (IllegalArgumentException e) {
            throw new LvaException(owner + ": invalid options: " + e.getMessage());
        }
    }
}
