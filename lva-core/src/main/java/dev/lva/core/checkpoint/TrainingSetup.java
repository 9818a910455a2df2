package dev.lva.core.checkpoint;

import dev.lva.api.LvaException;
import dev.lva.api.plugin.Options;
import dev.lva.api.plugin.PluginSpec;
import dev.lva.core.train.TrainerOptions;
import dev.lva.core.train.Trainers;
import java.util.Objects;

/**
 * How a run was set up, as a checkpoint records it: the model, the optimizer and the trainer by
 * plugin name with their options as strings (what {@link dev.lva.api.plugin.Options#format} gives,
 * so that {@link dev.lva.api.plugin.Options#bind} reads them back) and the run's seed.
 *
 * @param model         model plugin and options, e.g. {@code lvae:in=3,latent=3,...}
 * @param optimizer     optimizer plugin and options, e.g. {@code adam:lr=0.001,...}
 * @param trainerPlugin trainer plugin and options, e.g. {@code gradient:epochs=100,batchSize=32,...}
 * @param seed          the run's seed as the user gave it (recorded; the model's and the trainer's own
 *                      seeds are in their options)
 */
public record TrainingSetup(PluginSpec model, PluginSpec optimizer, PluginSpec trainerPlugin, long seed) {
    private static final String GRADIENT = new Trainers.Gradient().name();

    public TrainingSetup {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(trainerPlugin, "trainerPlugin");
    }

    /** A run of the built-in gradient trainer with {@code trainer}'s options. */
    public TrainingSetup(PluginSpec model, PluginSpec optimizer, TrainerOptions trainer, long seed) {
        this(model, optimizer, gradient(trainer), seed);
    }

    private static PluginSpec gradient(TrainerOptions options) {
        return new PluginSpec(GRADIENT, Options.format(Objects.requireNonNull(options, "trainer")));
    }

    /** Whether the run uses the built-in gradient trainer, whose options {@link #trainer()} gives. */
    public boolean gradientTrainer() {
        return trainerPlugin.name().equals(GRADIENT);
    }

    /** The built-in gradient trainer's options; fails for a run of another trainer. */
    public TrainerOptions trainer() {
        if (!gradientTrainer()) {
            throw new LvaException("the run uses trainer '" + trainerPlugin.name() + "', not '" + GRADIENT
                    + "': its options are " + trainerPlugin);
        }
        return Options.bind(new Trainers.Gradient().defaultOptions(), trainerPlugin.options(), "trainer");
    }

    /** The same setup with other gradient-trainer options (a resumed run given more epochs). */
    public TrainingSetup withTrainer(TrainerOptions options) {
        return new TrainingSetup(model, optimizer, options, seed);
    }

    /** The same setup with another trainer (a plugin's, with its options). */
    public TrainingSetup withTrainer(PluginSpec trainer) {
        return new TrainingSetup(model, optimizer, trainer, seed);
    }
}
