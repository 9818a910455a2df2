package dev.lva.examples.cli;

import dev.lva.run.OptionHelp;
import dev.lva.run.RunConfig;
import dev.lva.run.RunOption;
import dev.lva.run.RunOptions;
import dev.lva.run.sweep.SweepOptions;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The picocli options of {@code lva fit} and {@code lva sweep} that configure a run, made from the
 * table of run options ({@link RunOptions#ALL}): each option's flag, value label, type and help are
 * declared once there, so the two commands, a config file and a run's report cannot disagree. Each
 * command installs them as a picocli model transformer; its values are read back with {@link #value}.
 */
public final class RunOptionSpecs {
    /** What the help's {@code {plugins}} becomes: picocli lists the option's completion candidates there. */
    private static final String PLUGINS = "${COMPLETION-CANDIDATES}";

    private RunOptionSpecs() {
    }

    /** {@code lva fit}'s run options: every option of the table with a flag, one typed value each. */
    public static final class Fit implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            for (RunOption o : RunOptions.ALL) {
                if (o.fitFlag()) {
                    spec.addOption(fit(o));
                }
            }
            return spec;
        }
    }

    /**
     * {@code lva sweep}'s run options: every option of the table, a list for an axis of the grid, listed
     * first and in the table's order (data, model, penalty, optimizer, training, checkpoints, output),
     * before the command's own.
     */
    public static final class Sweep implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            List<OptionSpec> own = new ArrayList<>(spec.options());
            own.forEach(spec::remove);
            for (RunOption o : RunOptions.ALL) {
                spec.addOption(sweep(o));
            }
            own.forEach(spec::addOption);
            return spec;
        }
    }

    /** {@code lva fit}'s option for {@code o}: a value of the run config's own type, lists split at commas. */
    static OptionSpec fit(RunOption o) {
        OptionSpec.Builder b = OptionSpec.builder(o.flag()).paramLabel(label(o)).description(text(OptionHelp.fit(o)));
        Type type = componentType(o);
        if (type instanceof ParameterizedType list) {
            b.type(List.class).auxiliaryTypes((Class<?>) list.getActualTypeArguments()[0]).splitRegex(",");
        } else {
            b.type((Class<?>) type);
        }
        return candidates(b, o).build();
    }

    /**
     * {@code lva sweep}'s option for {@code o}, with its aliases ({@code --seeds}): an axis takes each
     * occurrence as text for {@link SweepOptions#putTyped} to split into the axis' values, any other
     * option one text.
     */
    static OptionSpec sweep(RunOption o) {
        List<String> names = new ArrayList<>();
        names.add(o.flag());
        o.aliases().forEach(a -> names.add("--" + RunOptions.kebab(a)));
        OptionSpec.Builder b = OptionSpec.builder(names.toArray(String[]::new))
                .description(text(OptionHelp.sweep(o, SweepOptions::defaults)));
        if (o.axis()) {
            b.type(List.class).auxiliaryTypes(String.class)
                    .paramLabel(o.kind() == RunOption.Kind.SPEC ? "SPECS" : "LIST");
        } else {
            b.type(String.class).paramLabel(label(o));
        }
        return candidates(b, o).build();
    }

    /** The value the command line gave {@code o} (typed as the command declares it), or null. */
    static Object value(CommandSpec spec, RunOption o) {
        OptionSpec option = spec.findOption(o.flag());
        return option == null ? null : option.getValue();
    }

    private static OptionSpec.Builder candidates(OptionSpec.Builder b, RunOption o) {
        return o.plugins() == null ? b : b.completionCandidates(PluginNames.of(o.plugins()));
    }

    private static String label(RunOption o) {
        return o.label() != null ? o.label() : "<" + o.name() + ">";
    }

    private static String text(String help) {
        return help == null ? "" : help.replace("{plugins}", PLUGINS);
    }

    /**
     * The Java type of {@code o}'s value in {@link RunConfig}, boxed, so that a number typed wrong is
     * refused by picocli as "not an int"; words (a scaling, a precision) and specs stay text, checked by
     * name where the run config is bound, and the penalty's weight, which is no component, is text too.
     */
    private static Type componentType(RunOption o) {
        if (!o.inRecord() || o.kind() == RunOption.Kind.CHOICE || o.kind() == RunOption.Kind.SPEC) {
            return String.class;
        }
        for (RecordComponent c : RunConfig.class.getRecordComponents()) {
            if (c.getName().equals(o.name())) {
                Class<?> t = c.getType();
                if (t == int.class) {
                    return Integer.class;
                } else if (t == long.class) {
                    return Long.class;
                } else if (t == double.class) {
                    return Double.class;
                } else if (t == boolean.class) {
                    return Boolean.class;
                }
                return t == List.class ? c.getGenericType() : t;
            }
        }
        throw new IllegalStateException("run option " + o.name() + " is no component of RunConfig");
    }
}
