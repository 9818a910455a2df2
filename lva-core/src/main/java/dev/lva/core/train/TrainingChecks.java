package dev.lva.core.train;

import dev.lva.api.Regularizer;

/**
 * Checks a front end may run before training, so that a setting that cannot work fails at once with
 * a message about the setting. The trainer makes the same checks itself before its first step
 * ({@link Batches#plan}); a front end calls this to fail before it spends time on anything else.
 */
public final class TrainingChecks {
    private TrainingChecks() {
    }

    /**
     * Fails unless a run over {@code rows} rows can cut them into batches that each have the rows
     * {@code penalty} needs; a short last batch is fine (the trainer merges it into the one before).
     *
     * @param penalty the latent penalty, or null for none
     * @return the batches an epoch will have
     */
    public static Batches requireBatches(int rows, TrainerOptions options, Regularizer penalty) {
        return Batches.plan(rows, options.batchSize(), minimumBatchRows(penalty), describe(penalty));
    }

    private static String describe(Regularizer penalty) {
        if (penalty == null) {
            return "training";
        }
        if (penalty instanceof dev.lva.api.dense.DensePenalty named) {
            // a plugin's penalty (an expression's class is ExpressionRegularizer whatever the plugin): its own name
            return "the '" + named.name() + "' penalty";
        }
        String name = penalty.getClass().getSimpleName().replace("Regularizer", "");
        return switch (name) {
            case "Volume" -> "the volume penalty";
            case "L1Std" -> "the l1-std penalty";
            default -> "the " + name + " penalty";
        };
    }

    /**
     * Rows a batch needs for {@code penalty}: what it says ({@link Regularizer#minRows()}), or 1 when
     * its weight is 0 (the models then skip it) or there is none.
     */
    public static int minimumBatchRows(Regularizer penalty) {
        return penalty == null || penalty.lambda() == 0 ? 1 : Math.max(1, penalty.minRows());
    }
}
