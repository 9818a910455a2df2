package dev.lva.core.loss;

import dev.lva.api.Loss;
import dev.lva.api.plugin.LossProvider;

/** The built-in losses as plugins: {@code mse}, {@code l1}, {@code bce}. None has options. */
public final class Losses {
    private Losses() {
    }

    /** Losses have no options; an empty record stands for that. */
    public record NoOptions() {
    }

    private abstract static class Base implements LossProvider<NoOptions> {
        @Override
        public NoOptions defaultOptions() {
            return new NoOptions();
        }
    }

    public static final class Mse extends Base {
        @Override
        public String name() {
            return "mse";
        }

        @Override
        public String description() {
            return "mean squared error";
        }

        @Override
        public Loss create(NoOptions options) {
            return new MseLoss();
        }
    }

    public static final class L1 extends Base {
        @Override
        public String name() {
            return "l1";
        }

        @Override
        public String description() {
            return "mean absolute error";
        }

        @Override
        public Loss create(NoOptions options) {
            return new L1Loss();
        }
    }

    public static final class Bce extends Base {
        @Override
        public String name() {
            return "bce";
        }

        @Override
        public String description() {
            return "binary cross-entropy on probabilities (after a sigmoid)";
        }

        @Override
        public Loss create(NoOptions options) {
            return new BceLoss();
        }
    }
}
