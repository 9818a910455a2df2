package dev.lva.run;

/**
 * The checks a run makes of its {@code --labels} and {@code --truth} before training, for a caller
 * that starts many runs on one data set (a sweep): a file that does not fit the data is refused once,
 * before any run starts, instead of failing every run of the grid.
 */
public final class EvaluationInputs {
    private EvaluationInputs() {
    }

    /**
     * Reads {@code config}'s labels and true parameters and checks them against data of {@code rows}
     * rows (after {@code --limit}) read from {@code source}; a bad file fails naming it and both counts.
     */
    public static void check(RunConfig config, long rows, String source) {
        PaperMetrics.Given.load(config, rows, source);
    }
}
