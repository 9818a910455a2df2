package dev.lva.run;

import dev.lva.api.plugin.ModelProvider;
import dev.lva.api.plugin.Options;
import dev.lva.models.provider.ModelProviders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run of each model does where neither the command line nor a config file says, keyed by model
 * name and option name ({@code channels}, never {@code --channels}): the model provider's own default
 * options under the run options of the same name (hidden widths, channels, penalty, pruning, ...), and
 * the scale of training the model needs. {@code lva fit}, {@code lva sweep}, a config file and the
 * help all take a model's defaults from here.
 *
 * <p>conv-lvae's provider gives the volume penalty lva_conv.py's lambda 0.001, not the MLP's 0.01:
 * pixels in [0, 1] vary far less than standardised columns, and 0.01 collapsed every code (300 images
 * of 20 x 20 in 3 channels: no dimension kept at 0.01, 3 at 0.001 for a blob moving in 2).
 */
public final class ModelDefaults {
    /**
     * The training each model needs besides its provider's options. conv-lvae: minibatches of 100
     * images (lva_conv.py's), at most 100 epochs, convergence judged over windows of 5 epochs. An epoch
     * of 10,000 images takes seconds on two cores, so the MLP's defaults (full batch, 10,000 epochs,
     * 200-epoch windows) would not finish in a day.
     */
    private static final Map<String, Map<String, String>> TRAINING = Map.of(
            "lvae", Map.of(),
            "conv-lvae", Map.of("batch", "100", "epochs", "100", "tolWindow", "5"));

    /**
     * The provider options that are not the run option of the same name: the latent width a provider
     * defaults to is a placeholder for one the data decides ({@code --latent 0}), and the sizes of the
     * input come from the data.
     */
    private static final List<String> FROM_DATA = List.of("latent", "in", "imageChannels", "height", "width");

    /**
     * The run options each model does not use, by option name, each with why in the words of the error
     * that refuses it: a user who gave {@code --hidden} to conv-lvae believes it was used.
     */
    private static final Map<String, Map<String, String>> IGNORED = Map.of(
            "lvae", Map.of("channels", "lvae is an MLP with no convolutions, so it would ignore the channels; give"
                    + " --model conv-lvae for the convolutional model, or leave --channels out"),
            "conv-lvae", Map.of(
                    "hidden", "conv-lvae's layers are convolutions (--channels), so it would ignore hidden widths;"
                            + " leave --hidden out, or give --model lvae for the MLP",
                    "scale", "conv-lvae reads images, which are never scaled by column (bytes become [0, 1]), so it"
                            + " would ignore the scaling; leave --scale out",
                    "columns", "conv-lvae reads images, which have no columns to pick; leave --columns out",
                    "header", "conv-lvae reads images, which have no CSV header; leave --header out"));

    private ModelDefaults() {
    }

    /**
     * The run options {@code model} does not use, by option name, with why; none for a model no run
     * trains (refused elsewhere by name).
     */
    public static Map<String, String> ignored(String model) {
        return IGNORED.getOrDefault(model, Map.of());
    }

    /** The models a run can train, each with its provider. */
    static ModelProvider<?> provider(String model) {
        return switch (model) {
            case "lvae" -> new ModelProviders.LvaeProvider();
            case "conv-lvae" -> new ModelProviders.ConvLvaeProvider();
            default -> throw new IllegalArgumentException("no run model named '" + model + "' (one of "
                    + RunConfig.MODELS + ")");
        };
    }

    /**
     * A model's defaults by run option name: its provider's default options that are run options (the
     * volume's lambda, hidden widths, channels, ...; conv-lvae's LeakyReLU slope as {@code activation}),
     * then the training it needs.
     *
     * @throws IllegalArgumentException for a model a run cannot train
     */
    public static Map<String, String> of(String model) {
        Map<String, String> out = new LinkedHashMap<>();
        Options.format(provider(model).defaultOptions()).forEach((key, value) -> {
            RunOption option = RunOptions.find(key);
            if (option != null && option.inRecord() && option.name().equals(key) && !FROM_DATA.contains(key)) {
                out.put(key, value);
            } else if (key.equals("slope")) {
                // conv-lvae's activation is LeakyReLU, as in the paper; a run sets its slope through --activation
                out.put("activation", "leaky-relu:slope=" + value);
            }
        });
        out.putAll(TRAINING.get(model));
        return out;
    }
}
