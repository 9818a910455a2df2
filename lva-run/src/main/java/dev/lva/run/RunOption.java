package dev.lva.run;

import dev.lva.api.plugin.PluginKind;
import java.util.List;
import java.util.Locale;

/**
 * One option of a run, declared once for {@code lva fit}, {@code lva sweep}, the config file and the
 * report: its name, the group it is written under in {@code config.yaml}, the kind of value it takes
 * and whether a sweep may vary it. {@link RunOptions#ALL} holds every one.
 *
 * @param name      the canonical name: {@link RunConfig}'s component ({@code pruneFrom}); the command
 *                  line spells it {@code --prune-from}
 * @param group     the section of a nested config file it belongs to
 * @param kind      what its value is, which also says how a sweep's list of values splits
 * @param axis      whether a sweep may give it several values (an axis of the grid); otherwise a sweep
 *                  has one value of it for all runs (where the data is, where results go)
 * @param fitFlag   whether {@code lva fit} has a flag for it; one without is set in a config file only
 * @param inRecord  whether it is a component of {@link RunConfig}; {@code lambda} is not (it is put
 *                  into the regularizer's spec)
 * @param aliases   other names that mean it, in any spelling ({@code seeds} for {@code seed})
 * @param label     what the help calls one value ({@code FILE}, {@code SPEC}); null for {@code <name>}
 * @param help      the help's sentence for {@code lva fit}, where {@code {default}} stands for the default
 *                  of the default model followed by the other models' own ({@code 10000; 100 for
 *                  conv-lvae}), {@code {others}} for the other models' own alone and {@code {value}} for
 *                  the default model's alone; null for an option
 *                  only a config file sets
 * @param sweepHelp the help's sentence for {@code lva sweep} where it says more than {@code help} there
 *                  (a sweep's own default, a list's meaning); null for {@code help}
 * @param plugins   the kind of plugin a {@link Kind#SPEC} option names, whose names the help lists where
 *                  {@code {plugins}} stands; null for none
 */
public record RunOption(String name, Group group, Kind kind, boolean axis, boolean fitFlag, boolean inRecord,
                        List<String> aliases, String label, String help, String sweepHelp, PluginKind<?, ?> plugins) {

    /** The sections of a nested config file, in the order they are written. */
    public enum Group {
        DATA, MODEL, PENALTY, OPTIMIZER, TRAINING, CHECKPOINTS, OUTPUT;

        /** The section's key in a config file: {@code data}, {@code model}, ... */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The group of that key, or null. */
        public static Group of(String key) {
            for (Group g : values()) {
                if (g.key().equals(key.strip().toLowerCase(Locale.ROOT))) {
                    return g;
                }
            }
            return null;
        }
    }

    /** What an option's value is. */
    public enum Kind {
        /** A whole number; a sweep also takes ranges {@code 0-4}. */
        WHOLE,
        /** A number; a sweep writes each in one spelling (1e-3 and 0.001 are one value). */
        NUMBER,
        /** true or false. */
        FLAG,
        /** A word from a fixed set (an enum or a model name). */
        CHOICE,
        /** A plugin spec {@code NAME:KEY=VALUE,...}, whose own options contain commas. */
        SPEC,
        /** A list as one value ({@code hidden: [48, 48]}); a list of lists is a sweep's axis. */
        LIST,
        /** A file or folder. */
        PATH
    }

    public RunOption {
        aliases = List.copyOf(aliases);
    }

    /** This option with its help: what a value is called, and the sentence {@code lva fit} shows. */
    public RunOption described(String label, String help) {
        return new RunOption(name, group, kind, axis, fitFlag, inRecord, aliases, label, help, sweepHelp, plugins);
    }

    /** This option with the sentence {@code lva sweep} shows instead of {@link #help()}. */
    public RunOption inSweep(String sweepHelp) {
        return new RunOption(name, group, kind, axis, fitFlag, inRecord, aliases, label, help, sweepHelp, plugins);
    }

    /** This option naming plugins of {@code pluginKind}, listed in its help. */
    public RunOption naming(PluginKind<?, ?> pluginKind) {
        return new RunOption(name, group, kind, axis, fitFlag, inRecord, aliases, label, help, sweepHelp, pluginKind);
    }

    /** The help {@code lva sweep} shows: {@link #sweepHelp()} where there is one, else {@link #help()}. */
    public String sweepHelpOrHelp() {
        return sweepHelp != null ? sweepHelp : help;
    }

    /** {@code pruneFrom} as the command line writes it: {@code prune-from}. */
    public String kebab() {
        return RunOptions.kebab(name);
    }

    /**
     * Whether it only says where and how often results are kept (checkpoints, the output folder), never
     * what a run computes: a finished run stays finished when only these change.
     */
    public boolean bookkeeping() {
        return group == Group.CHECKPOINTS || group == Group.OUTPUT;
    }

    /** The command line's flag: {@code --prune-from}. */
    public String flag() {
        return "--" + kebab();
    }
}
