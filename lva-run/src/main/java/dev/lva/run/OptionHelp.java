package dev.lva.run;

import dev.lva.api.plugin.Options;
import java.util.function.Function;

/**
 * The help sentence of a run option ({@link RunOption#help()}) with its defaults filled in from the
 * defaults a command binds its runs over: {@code {default}} becomes the default model's value and each
 * other model's own where it differs ({@code 10000; 100 for conv-lvae}), {@code {others}} the other
 * models' alone ({@code ; 100 for conv-lvae}), {@code {value}} the default model's alone. So the help says what a run does, and cannot drift from it.
 */
public final class OptionHelp {
    private OptionHelp() {
    }

    /** {@code lva fit}'s help of {@code option}, or null for an option only a config file sets. */
    public static String fit(RunOption option) {
        return fill(option.help(), option, RunConfig::defaults);
    }

    /**
     * {@code lva sweep}'s help of {@code option}, its defaults those of a sweep.
     *
     * @param defaults a sweep's defaults for a model ({@code SweepOptions::defaults})
     */
    public static String sweep(RunOption option, Function<String, RunConfig> defaults) {
        return fill(option.sweepHelpOrHelp(), option, defaults);
    }

    /** {@code text} with {@code {default}} and {@code {others}} filled in from {@code defaults}' of each model. */
    static String fill(String text, RunOption option, Function<String, RunConfig> defaults) {
        if (text == null || !option.inRecord()) {
            return text;
        }
        String model = RunConfig.fitDefaults().model();
        String base = value(defaults.apply(model), option);
        StringBuilder others = new StringBuilder();
        for (String m : RunConfig.MODELS) {
            String own = value(defaults.apply(m), option);
            if (!m.equals(model) && !own.equals(base)) {
                others.append("; ").append(own).append(" for ").append(m);
            }
        }
        return text.replace("{default}", base + others).replace("{others}", others).replace("{value}", base);
    }

    /** The option's value in {@code config} as typed: lists comma-separated, a whole number of seconds as 60, not 60.0. */
    private static String value(RunConfig config, RunOption option) {
        String v = Options.format(config).get(option.name()).replace(';', ',');
        return option.kind() == RunOption.Kind.NUMBER && v.endsWith(".0") ? v.substring(0, v.length() - 2) : v;
    }
}
