package dev.lva.core.checkpoint;

import dev.lva.api.plugin.PluginSpec;
import dev.lva.core.train.TrainerOptions;
import java.util.Objects;

/**
 * How a run was set up, as a checkpoint records it: the model and the optimizer by plugin name with
 * their options as strings (what {@link dev.lva.api.plugin.Options#format} gives, so that
 * {@link dev.lva.api.plugin.Options#bind} reads them back), the trainer's options and the run's seed.
 *
 * @param model     model plugin and options, e.g. {@code lvae:in=3,latent=3,...}
 * @param optimizer optimizer plugin and options, e.g. {@code adam:lr=0.001,...}
 * @param trainer   epochs, batch size, shuffling and its seed
 * @param seed      the run's seed as the user gave it (recorded; the model's and the trainer's own
 *                  seeds are in their options)
 */
public record TrainingSetup(PluginSpec model, PluginSpec optimizer, TrainerOptions trainer, long seed) {
    public TrainingSetup {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(trainer, "trainer");
    }

    /** The same setup with other trainer options (a resumed run given more epochs). */
    public TrainingSetup withTrainer(TrainerOptions options) {
        return new TrainingSetup(model, optimizer, options, seed);
    }
}
