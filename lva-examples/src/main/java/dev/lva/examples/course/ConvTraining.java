package dev.lva.examples.course;

import dev.lva.api.LvaException;
import dev.lva.core.train.Convergence;
import dev.lva.examples.Lva;
import dev.lva.run.RunConfig;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The training options {@code lva fashion} and {@code lva blobs} share (a picocli mixin). Each
 * launcher gives its own defaults through {@link Defaults}, so that one declaration serves both and
 * their help still shows each launcher's values.
 */
final class ConvTraining {
    @Option(names = "--epochs", description = "Passes over the images (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", description = "Images per Adam step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--channels", split = ",",
            description = "Encoder channels, one per halving convolution (default: ${DEFAULT-VALUE}; the paper's"
                    + " 32,64,128,256).")
    List<Integer> channels;

    @Option(names = "--latent", description = "Latent dimensions (default: ${DEFAULT-VALUE}).")
    int latent;

    @Option(names = "--lambda", description = "Weight of the volume penalty (default: ${DEFAULT-VALUE}).")
    double lambda;

    @Option(names = "--eta", description = "The volume's eta (default: ${DEFAULT-VALUE}).")
    double eta;

    @Option(names = "--lr", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--pruning", paramLabel = "SPEC",
            description = "Pruning policy, e.g. plummet:threshold=0.02 (default: ${DEFAULT-VALUE}).")
    String pruning;

    @Option(names = "--prune-from", paramLabel = "EPOCH", description = "First epoch that may prune (default:"
            + " ${DEFAULT-VALUE}).")
    int pruneFrom;

    @Option(names = "--pruned-in-penalty",
            description = "Keep pruned dimensions in the volume as constants, so the pull on the others stays.")
    boolean prunedInPenalty;

    @Option(names = "--seed", description = "Initialisation and shuffling seed (default: ${DEFAULT-VALUE}).")
    long seed;

    /** A launcher's defaults for these options, by option name; the ones it does not name are the same for all. */
    abstract static class Defaults implements CommandLine.IDefaultValueProvider {
        private static final Map<String, String> COMMON = Map.of("--batch", "100", "--channels", "16,32,64",
                "--eta", "0.01", "--lr", "1e-3", "--pruning", "none", "--prune-from", "0", "--seed", "0");

        /** The launcher's own values (epochs, latent, lambda, ...). */
        abstract Map<String, String> own();

        @Override
        public String defaultValue(CommandLine.Model.ArgSpec arg) {
            if (!(arg instanceof CommandLine.Model.OptionSpec o)) {
                return null;
            }
            String own = own().get(o.longestName());
            return own != null ? own : COMMON.get(o.longestName());
        }
    }

    /** The {@code lva fit} options (by RunConfig name) these stand for, over the image launchers' shared ones. */
    Map<String, String> fitOptions() {
        Map<String, String> o = ImageLaunch.convDefaults();
        o.put("channels", channels.stream().map(String::valueOf).collect(Collectors.joining(";")));
        o.put("latent", Integer.toString(latent));
        o.put("regularizer", String.format(Locale.ROOT, "volume:lambda=%s,eta=%s", lambda, eta));
        o.put("pruning", pruning);
        o.put("pruneFrom", Integer.toString(pruneFrom));
        o.put("prunedInPenalty", Boolean.toString(prunedInPenalty));
        o.put("lr", Double.toString(lr));
        o.put("epochs", Integer.toString(epochs));
        // the launchers train their fixed epochs and judge convergence over tenths of the run, as the rule
        // measures them (whole blocks: a tenth of 150 epochs, 15, is measured as 8 blocks of 2), so that the
        // report's options and its convergence line name the same window
        o.put("tolWindow", Integer.toString(tolWindow(epochs)));
        o.put("batch", Integer.toString(batch));
        o.put("seed", Long.toString(seed));
        return o;
    }

    /**
     * Refuses, before anything is written, a set of {@code images} smaller than a minibatch, naming both
     * options that fix it ({@code option} is the launcher's own, e.g. {@code --images}).
     */
    void requireBatchFits(long images, String option) {
        // the volume's std over a batch of one image is undefined: refused here, not after the header lines
        if (lambda > 0 && images < 2) {
            throw new LvaException(String.format(Locale.ROOT, "%s gives %,d image%s; the volume penalty needs at least"
                    + " 2 a batch (a standard deviation of one is undefined): give more images", option, images,
                    images == 1 ? "" : "s"));
        }
        if (lambda > 0 && batch == 1) {
            throw new LvaException("--batch 1: the volume penalty needs at least 2 images a batch (a standard deviation"
                    + " of one is undefined); give --batch 2 or more");
        }
        if (batch > images) {
            throw new LvaException(String.format(Locale.ROOT, "%s gives %,d images, fewer than a batch of %d; give"
                    + " --batch N with N at most %,d, or more images", option, images, batch, images));
        }
    }

    /**
     * Refuses, before anything is written, images of {@code side} pixels that the channels cannot halve
     * as often as there are channel counts ({@code option} is the launcher's, e.g. {@code --side 5}).
     */
    void requireSideFits(int side, String option) {
        int f = 1 << channels.size();
        if (side % f != 0) {
            String counts = channels.stream().map(String::valueOf).collect(Collectors.joining(","));
            int below = side / f * f;
            String sides = (below >= f ? "--side " + below + " or " : "--side ") + (below + f);
            throw new LvaException(String.format(Locale.ROOT, "%s: --channels %s halve the images %d times, so their"
                    + " side must be a multiple of %d (%s), or give fewer channel counts", option, counts,
                    channels.size(), f, sides));
        }
    }

    /** The window of about a tenth of {@code epochs} that the convergence rule measures exactly. */
    static int tolWindow(int epochs) {
        return Convergence.Options.measuring(RunConfig.DEFAULT_TOL, Math.max(1, epochs / 10)).effectiveWindow();
    }

    /** The line that says what trains. */
    String describe(String regularizer, Lva lva) {
        return String.format(Locale.ROOT, "conv-lvae: channels %s, latent %d, %s; Adam lr %s (betas 0.9, 0.99), batch"
                + " %d, %d epochs, pruning %s, %d thread(s)", channels, latent, regularizer, lr, batch, epochs, pruning,
                lva.threads());
    }
}
