package dev.lva.run;

import dev.lva.api.plugin.InvalidOption;
import dev.lva.core.data.CsvTable;
import dev.lva.core.data.ImageFiles;
import dev.lva.core.data.ImageStreaming;
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
 * @param epochs          passes over the data at most (the run stops earlier once it has converged)
 * @param tol             relative change of the mean loss and of the sorted latent stds, over a window
 *                        of {@code tolWindow} epochs, below which the run has converged and stops;
 *                        0 trains every epoch (and still reports whether the default rule would have
 *                        found it converged)
 * @param tolWindow       epochs over which {@code tol} is measured
 * @param batch           rows per step; 0 for the full batch
 * @param seed            seed of initialisation (PyTorch-compatible) and shuffling
 * @param precision       float32 or float64
 * @param checkpointEvery steps between checkpoints; 0 for only the final one
 * @param checkpointSeconds seconds between checkpoints; 0 for no time trigger
 * @param keep            periodic checkpoints to keep
 * @param out             output folder
 * @param model           the model: {@code lvae} (MLP encoder and decoder, any data) or {@code conv-lvae}
 *                        (the LV paper's convolutional model, images)
 * @param channels        conv-lvae's encoder channels, one per halving convolution
 * @param padTo           the side images are padded (with zeros) or centre-cropped to; 0 as stored
 * @param limit           the most rows (images) read, the first; 0 for all
 * @param layout          how a rank-4 array of images is ordered: {@code auto} (N x C x H x W, refusing one
 *                        that looks channels-last), {@code nchw} or {@code nhwc}
 * @param labels          a class label per data row (IDX, .npy or a CSV column), for the evaluation's
 *                        k-nearest-neighbour accuracy; null for none
 * @param truth           the true parameters of synthetic data (CSV, one row per data row, as lva synth
 *                        writes them), for the evaluation's recovery of each; null for none
 * @param stream          whether images are read from their file a batch at a time ({@link ImageStreaming}):
 *                        {@code auto} (when larger than a quarter of the memory left), {@code always} or
 *                        {@code never}; null means auto
 */
public record RunConfig(Path data, List<String> columns, CsvTable.Header header, Scaling scale, int latent,
                        List<Integer> hidden, String activation, String regularizer, String pruning, int pruneFrom,
                        boolean prunedInPenalty, String optimizer, double lr, int epochs, double tol, int tolWindow,
                        int batch, long seed,
                        Precision precision, int checkpointEvery, double checkpointSeconds, int keep, Path out,
                        String model, List<Integer> channels, int padTo, int limit, ImageFiles.Layout layout,
                        Path labels, Path truth, ImageStreaming.Mode stream) {
    /*
     * Each component is an option of RunOptions.ALL, which says its group, kind and flag: a test holds
     * the record and the table to each other.
     */

    /** The models a run can train. */
    public static final List<String> MODELS = List.of("lvae", "conv-lvae");

    public RunConfig {
        columns = List.copyOf(columns);
        hidden = List.copyOf(hidden);
        InvalidOption.require(latent >= 0, "latent", latent, "must be >= 1 (or 0 for as many as the data has columns)");
        for (int h : hidden) {
            InvalidOption.require(h >= 1, "hidden", hidden, "widths must be >= 1");
        }
        InvalidOption.require(lr > 0 && Double.isFinite(lr), "lr", lr, "must be a finite number > 0");
        InvalidOption.require(epochs >= 1, "epochs", epochs, "must be >= 1");
        InvalidOption.require(tol >= 0 && Double.isFinite(tol), "tol", tol,
                "must be a finite number >= 0 (0 = train every epoch)");
        InvalidOption.require(tolWindow >= 1, "tolWindow", tolWindow, "must be >= 1 epoch");
        InvalidOption.require(batch >= 0, "batch", batch, "must be >= 0 (0 = full batch)");
        InvalidOption.require(pruneFrom >= 0, "pruneFrom", pruneFrom, "must be >= 0");
        InvalidOption.require(checkpointEvery >= 0, "checkpointEvery", checkpointEvery,
                "must be >= 0 (0 = only the final checkpoint)");
        InvalidOption.require(checkpointSeconds >= 0 && Double.isFinite(checkpointSeconds), "checkpointSeconds",
                checkpointSeconds, "must be a finite number >= 0 (0 = no time trigger)");
        InvalidOption.require(keep >= 1, "keep", keep, "must be >= 1");
        InvalidOption.require(model != null && MODELS.contains(model), "model", model, "must be one of " + String.join(", ", MODELS));
        channels = List.copyOf(channels);
        InvalidOption.require(!channels.isEmpty() && channels.stream().allMatch(c -> c >= 1), "channels", channels,
                "must be one or more counts >= 1");
        InvalidOption.require(padTo >= 0, "padTo", padTo, "must be >= 0 (0 = images as stored)");
        InvalidOption.require(limit >= 0, "limit", limit, "must be >= 0 (0 = all rows)");
        layout = layout == null ? ImageFiles.Layout.AUTO : layout;
        // a checkpoint or a config.yaml writes "no file" as an empty value, which reads back as the empty path
        labels = labels == null || labels.toString().isEmpty() ? null : labels;
        truth = truth == null || truth.toString().isEmpty() ? null : truth;
        stream = stream == null ? ImageStreaming.Mode.AUTO : stream;
    }

    /** A run of the MLP least-volume autoencoder ({@code lvae}) on all of its data. */
    public RunConfig(Path data, List<String> columns, CsvTable.Header header, Scaling scale, int latent,
                     List<Integer> hidden, String activation, String regularizer, String pruning, int pruneFrom,
                     boolean prunedInPenalty, String optimizer, double lr, int epochs, double tol, int tolWindow,
                     int batch, long seed,
                     Precision precision, int checkpointEvery, double checkpointSeconds, int keep, Path out) {
        this(data, columns, header, scale, latent, hidden, activation, regularizer, pruning, pruneFrom, prunedInPenalty,
                optimizer, lr, epochs, tol, tolWindow, batch, seed, precision, checkpointEvery, checkpointSeconds, keep, out, "lvae",
                DEFAULT_CHANNELS, 0, 0, ImageFiles.Layout.AUTO, null, null, ImageStreaming.Mode.AUTO);
    }

    /** The LV paper's encoder channels for images (lva_conv.py's). */
    public static final List<Integer> DEFAULT_CHANNELS = List.of(32, 64, 128, 256);

    /** Whether the run trains the convolutional model. */
    public boolean convolutional() {
        return model.equals("conv-lvae");
    }

    /**
     * The most epochs {@code lva fit} trains unless told otherwise: a cap, since the run stops once it
     * has converged. Measured with the defaults (Adam 1e-3, full batch) on a swiss roll in 8-D (3,000
     * rows), a sphere in 6-D (2,000), two noisy circles in 5-D (500) and the demo's curve: converged
     * after 2,460 to 5,540 epochs, each with the count a run of 8,000-20,000 epochs ends with; the roll
     * still kept 4 dimensions at 2,000 epochs, 3 once converged.
     */
    public static final int DEFAULT_EPOCHS = 10000;
    /**
     * The convergence tolerance of {@code lva fit}, and the rule a run with {@code --tol 0} is measured
     * by: 1% from one window to the next. Adam's oscillations move a settled loss by 0.1-1% a window,
     * and the penalty keeps lowering it slowly; a dimension on its way to collapse moves the spectrum
     * by 1-25% of the largest std a window. 2% stopped the roll above at epoch 1,780 with 4 dimensions,
     * its fourth std then shrinking by 1.5% of the largest a window before it collapsed by 5,500.
     */
    public static final double DEFAULT_TOL = 0.01;
    /** The window of the convergence rule, in epochs. */
    public static final int DEFAULT_TOL_WINDOW = 200;
    /**
     * What a run of {@code model} does when told nothing else: {@link #fitDefaults()} with the model's
     * own ({@link ModelDefaults#of}).
     */
    public static RunConfig defaults(String model) {
        if (model.equals(fitDefaults().model())) {
            return fitDefaults();
        }
        java.util.Map<String, String> own = new java.util.LinkedHashMap<>(ModelDefaults.of(model));
        own.put("model", model);
        return dev.lva.api.plugin.Options.bind(fitDefaults(), own, model + "'s defaults");
    }

    /**
     * What {@code lva fit} does when told nothing: the seed workload's model ({@code lvae}, with its
     * provider's defaults: {@link ModelDefaults}) on standardised data.
     */
    public static RunConfig fitDefaults() {
        return FitDefaults.VALUE;
    }

    /** Built once, on first use: every run binds its options over these. */
    private static final class FitDefaults {
        // the model's options here are overwritten by lvae's provider's own, which are the ones that count
        static final RunConfig VALUE = dev.lva.api.plugin.Options.bind(new RunConfig(null, List.of(),
                CsvTable.Header.AUTO, Scaling.STANDARD, 0, List.of(48, 48, 48, 48), "leaky-relu:slope=0.2",
                "volume:lambda=0.01,eta=0.01", "none", 0, false, "adam", 1e-3, DEFAULT_EPOCHS, DEFAULT_TOL,
                DEFAULT_TOL_WINDOW, 0, 0, Precision.FLOAT32, 0, 0, 3, Path.of("lva-out", "fit")),
                ModelDefaults.of("lvae"), "lvae's defaults");
    }
}
