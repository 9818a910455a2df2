package dev.lva.core.train;

import dev.lva.api.Trainer;
import dev.lva.api.plugin.TrainerProvider;

/** The built-in trainer as a plugin: {@code gradient} (full batch or minibatch gradient descent). */
public final class Trainers {
    private Trainers() {
    }

    public static final class Gradient implements TrainerProvider<TrainerOptions> {
        @Override
        public String name() {
            return "gradient";
        }

        @Override
        public String description() {
            return "full-batch or minibatch gradient descent with seeded shuffling";
        }

        @Override
        public TrainerOptions defaultOptions() {
            return new TrainerOptions(100, 0, true, 0);
        }

        @Override
        public Trainer create(TrainerOptions options) {
            return new GradientTrainer(options);
        }
    }
}
