package dev.lva.examples.run;

import dev.lva.core.data.CsvTable;
import dev.lva.models.Precision;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a {@code lva fit} run is made of, after defaults, the config file and the command line
 * are merged; written into the output folder as {@code config.yaml} so a run can be repeated.
 *
 * @param data            the data file (.csv or .npy)
 * @param columns         columns to use, by name or 0-based index; empty for all
 * @param header          whether a CSV's first row names the columns
 * @param scale           per-column scaling before training
 * @param latent          latent dimensions; 0 means as many as the data has columns
 * @param hidden          hidden widths of encoder and decoder
 * @param activation      activation of the hidden layers
 * @param regularizer     latent penalty spec
 * @param pruning         pruning policy spec
 * @param pruneFrom       first epoch at whose end pruning may happen
 * @param prunedInPenalty keep pruned dimensions in the penalty as constants
 * @param optimizer       optimizer spec; its learning rate is {@code lr}
 * @param lr              learning rate
 * @param epochs          passes over the data
 * @param batch           rows per step; 0 for the full batch
 * @param seed            seed of initialisation (PyTorch-compatible) and shuffling
 * @param precision       float32 or float64
 * @param checkpointEvery steps between checkpoints; 0 for only the final one
 * @param checkpointSeconds seconds between checkpoints; 0 for no time trigger
 * @param keep            periodic checkpoints to keep
 * @param out             output folder
 */
public record RunConfig(Path data, List<String> columns, CsvTable.Header header, Scaling scale, int latent,
                        List<Integer> hidden, String activation, String regularizer, String pruning, int pruneFrom,
                        boolean prunedInPenalty, String optimizer, double lr, int epochs, int batch, long seed,
                        Precision precision, int checkpointEvery, double checkpointSeconds, int keep, Path out) {

    public RunConfig {
        columns = List.copyOf(columns);
        hidden = List.copyOf(hidden);
        if (latent < 0) {
            throw new IllegalArgumentException("latent must be >= 1 (or 0 for as many as the data has columns), got "
                    + latent);
        }
        for (int h : hidden) {
            if (h < 1) {
                throw new IllegalArgumentException("hidden widths must be >= 1, got " + hidden);
            }
        }
        if (!(lr > 0)) {
            throw new IllegalArgumentException("lr must be > 0, got " + lr);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batch < 0) {
            throw new IllegalArgumentException("batch must be >= 0 (0 = full batch), got " + batch);
        }
        if (pruneFrom < 0 || checkpointEvery < 0 || checkpointSeconds < 0 || keep < 1) {
            throw new IllegalArgumentException("prune-from, checkpoint-every and checkpoint-seconds must be >= 0 and"
                    + " keep >= 1");
        }
    }

    /** What {@code lva fit} does when told nothing: the seed workload's model on standardised data. */
    public static RunConfig fitDefaults() {
        return new RunConfig(null, List.of(), CsvTable.Header.AUTO, Scaling.STANDARD, 0, List.of(48, 48, 48, 48),
                "leaky-relu:slope=0.2", "volume:lambda=0.01,eta=0.01", "none", 0, false, "adam", 1e-3, 2000, 0, 0,
                Precision.FLOAT32, 0, 0, 3, Path.of("lva-out"));
    }
}
