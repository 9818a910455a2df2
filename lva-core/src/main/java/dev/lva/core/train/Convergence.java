package dev.lva.core.train;

import dev.lva.api.LvaException;
import dev.lva.api.StateDict;
import dev.lva.api.TrainingResult;
import dev.lva.api.TrainingRun;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stopping rule: a run has converged when, from one window of epochs to the next, neither the
 * loss nor a monitored spectrum (a least-volume model's latent stds, sorted) moves by more than a
 * relative tolerance. A window is cut into ten blocks, and each block's mean epoch loss and mean
 * sorted spectrum are kept; the last window is compared with the one before through their
 * medians over blocks, so that one spike of Adam's, or a minibatch run's noise, neither hides a
 * trend nor fakes one. The loss's change is relative to its earlier value; the spectrum's is the
 * largest change of an entry divided by the largest entry, so that a dimension still shrinking
 * towards collapse keeps the run going while a collapsed dimension's jitter (a thousandth of the
 * largest) does not count.
 *
 * <p>Measured on the least-volume autoencoder with Adam at 1e-3, full batch: the loss keeps
 * falling by 0.1-1% per 200 epochs long after the dimension count has settled, and moves by as
 * much from one window to the next with Adam's oscillations, so a tolerance near 1% is what a
 * settled run reaches; a dimension on its way to collapse moves the spectrum by several percent.
 *
 * <p>The rule looks at the run at the end of every block: its cost is a few numbers per epoch, and
 * its state, which a checkpoint keeps ({@link StatefulListener}), is the block means of two windows. With {@link Options#stop} false it only measures: {@link #verdict()} then says whether
 * the run had converged by its end, and the run trains every epoch (a fixed-length benchmark).
 * A tolerance of 0 never converges.
 *
 * <pre>{@code
 * Convergence rule = new Convergence(Convergence.Options.stopping(1e-3, 500), run -> lvae.averagedStds());
 * new GradientTrainer(TrainerOptions.fullBatch(20000)).fit(lvae, adam, data, List.of(rule));
 * Convergence.Verdict v = rule.verdict();   // converged? at which epoch? how much did the loss and stds move?
 * }</pre>
 */
public final class Convergence implements StatefulListener {
    private static final Logger LOG = LoggerFactory.getLogger(Convergence.class);
    /** Key of this rule's state in a checkpoint. */
    public static final String STATE_KEY = "convergence";
    public static final int STATE_VERSION = 1;
    /** A window is looked at in this many blocks. */
    static final int BLOCKS = 10;

    /**
     * @param tol    largest relative change, of the mean loss and of the normalised sorted spectrum,
     *               that counts as converged; 0 never converges
     * @param window epochs over which a change is measured (rounded up to whole tenths)
     * @param stop   stop the run when it has converged; false only measures
     */
    public record Options(double tol, int window, boolean stop) {
        public Options {
            if (!(tol >= 0) || Double.isInfinite(tol)) {
                throw new IllegalArgumentException("tol must be a finite number >= 0 (0 = never converged), got "
                        + tol);
            }
            if (window < 1) {
                throw new IllegalArgumentException("window must be >= 1 epoch, got " + window);
            }
        }

        /** Stops the run once it has converged. */
        public static Options stopping(double tol, int window) {
            return new Options(tol, window, true);
        }

        /** Measures only: the run trains every epoch, and the verdict says whether it had converged. */
        public static Options measuring(double tol, int window) {
            return new Options(tol, window, false);
        }

        /** Epochs per block: a tenth of the window, at least 1. */
        public int blockEpochs() {
            return (window + BLOCKS - 1) / BLOCKS;
        }

        /** Blocks per window. */
        public int blocks() {
            return (window + blockEpochs() - 1) / blockEpochs();
        }

        /** The window as measured: whole blocks, so at least {@link #window} epochs. */
        public int effectiveWindow() {
            return blocks() * blockEpochs();
        }
    }

    /** The spectrum a rule watches besides the loss: any values, sorted by the rule. */
    @FunctionalInterface
    public interface Monitor {
        double[] values(TrainingRun run);
    }

    /** A rule on the loss alone. */
    public static final Monitor LOSS_ONLY = run -> new double[0];

    /**
     * What the rule found.
     *
     * @param options          the rule's options
     * @param epochs           epochs of the run it heard (a resumed run counts those before, if the
     *                         checkpoint carried the rule's state)
     * @param measured         whether it has seen two windows, the least it compares
     * @param converged        whether the last comparison was within the tolerance
     * @param convergedAt      the epoch count at which the run was first found converged, or -1; a run
     *                         that stops on the rule stops there, one that only measures may move
     *                         again later (Adam's oscillations), and {@code converged} then says so
     * @param lossChange       the last comparison's relative change of the mean loss, or NaN
     * @param spectrumChange   its largest change of the sorted spectrum over its largest value, or NaN
     * @param spectrum         the spectrum at the last comparison, sorted descending (empty if none)
     * @param spectrumBefore   the spectrum a window earlier, sorted descending (empty if none)
     */
    public record Verdict(Options options, long epochs, boolean measured, boolean converged, long convergedAt,
                          double lossChange, double spectrumChange, double[] spectrum, double[] spectrumBefore) {

        /**
         * {@code from one window to the next the loss changed 0.012% and the sorted stds 0.4% of the
         * largest} (medians over the windows' blocks), or why nothing was compared.
         */
        public String evidence(String spectrumName) {
            if (!measured) {
                return "the run took fewer than two windows of " + options.effectiveWindow() + " epochs";
            }
            String s = "from one window to the next the loss changed " + percent(lossChange);
            if (spectrum.length > 0) {
                s += " and the sorted " + spectrumName + " " + percent(spectrumChange) + " of the largest";
            }
            return s;
        }

        /** A share as a percentage of two significant digits: {@code 0.4%}, {@code 6%}, {@code 1.3e-05%}. */
        public static String percent(double share) {
            if (!Double.isFinite(share)) {
                return "by " + share;
            }
            double p = 100 * share;
            if (p != 0 && Math.abs(p) < 1e-3) {
                return p > 0 ? "< 0.001%" : "> -0.001%";
            }
            return new java.math.BigDecimal(p).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString()
                    + "%";
        }
    }

    private final Options options;
    private final Monitor monitor;
    private final int blockEpochs;
    private final int blocks;
    private long epochs;
    private int inBlock;
    private double blockLossSum;
    private double[] blockSpectrumSum;
    private final double[] losses;
    private double[][] spectra;
    private double[] medianNow = new double[0];
    private double[] medianBefore = new double[0];
    private long completed;
    private long convergedAt = -1;
    private boolean converged;
    private double lossChange = Double.NaN;
    private double spectrumChange = Double.NaN;

    /** @param monitor the spectrum to watch besides the loss ({@link #LOSS_ONLY} for none) */
    public Convergence(Options options, Monitor monitor) {
        this.options = options;
        this.monitor = monitor == null ? LOSS_ONLY : monitor;
        this.blockEpochs = options.blockEpochs();
        this.blocks = options.blocks();
        this.losses = new double[2 * blocks];
    }

    public Options options() {
        return options;
    }

    /** What the rule found so far (at the end of a run: whether it converged, with the evidence). */
    public Verdict verdict() {
        return new Verdict(options, epochs, completed >= 2L * blocks, converged, convergedAt,
                lossChange, spectrumChange, medianNow.clone(), medianBefore.clone());
    }

    @Override
    public void onStart(TrainingRun run) {
        if (options.stop() && within(options.tol())) {
            run.requestStop("converged before this run started: " + verdict().evidence("values")
                    + String.format(Locale.ROOT, " (tolerance %s); nothing to train", options.tol()));
        }
    }

    @Override
    public void onEpochEnd(TrainingRun run, int epoch, double meanLoss) {
        double[] s = sortedDescending(monitor.values(run));
        if (blockSpectrumSum == null || blockSpectrumSum.length != s.length) {
            if (blockSpectrumSum != null) {
                LOG.info("the monitored spectrum changed from {} to {} values; the rule starts measuring again",
                        blockSpectrumSum.length, s.length);
            }
            blockSpectrumSum = new double[s.length];
            spectra = new double[losses.length][s.length];
            completed = 0;
            inBlock = 0;
            blockLossSum = 0;
        }
        epochs++;
        blockLossSum += meanLoss;
        for (int j = 0; j < s.length; j++) {
            blockSpectrumSum[j] += s[j];
        }
        if (++inBlock < blockEpochs) {
            return;
        }
        int slot = (int) (completed % losses.length);
        losses[slot] = blockLossSum / blockEpochs;
        for (int j = 0; j < s.length; j++) {
            spectra[slot][j] = blockSpectrumSum[j] / blockEpochs;
        }
        Arrays.fill(blockSpectrumSum, 0);
        if (LOG.isTraceEnabled()) {
            LOG.trace("block " + (epoch + 1) + " " + losses[slot] + " " + Arrays.toString(spectra[slot]));
        }
        completed++;
        inBlock = 0;
        blockLossSum = 0;
        if (completed >= 2L * blocks) {
            compare();
            converged = within(options.tol());
            if (converged && convergedAt < 0) {
                convergedAt = epoch + 1L;
            }
            if (LOG.isDebugEnabled()) {
                LOG.debug(String.format(Locale.ROOT, "epoch %d: loss %.4g (change %.3g), spectrum %s (change %.3g)%s",
                        epoch + 1, median(lastLosses()), lossChange, shortSpectrum(medianNow), spectrumChange,
                        converged ? ", converged" : ""));
            }
            if (converged && options.stop()) {
                run.requestStop("converged at epoch " + (epoch + 1) + ": " + verdict().evidence("values")
                        + String.format(Locale.ROOT, " (tolerance %s)", options.tol()));
            }
        }
    }

    @Override
    public void onEnd(TrainingRun run, TrainingResult result) {
        LOG.debug("convergence at the end: {}", verdict());
    }

    private boolean within(double tol) {
        return tol > 0 && lossChange <= tol && spectrumChange <= tol;
    }

    /** The last window against the window before: medians over blocks of the loss and of each spectrum entry. */
    private void compare() {
        double[] recent = new double[blocks];
        double[] previous = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            recent[b] = losses[slot(completed - 1 - b)];
            previous[b] = losses[slot(completed - 1 - blocks - b)];
        }
        double now = median(recent);
        double before = median(previous);
        lossChange = Math.abs(now - before) / Math.max(Math.abs(before), Double.MIN_NORMAL);
        int d = blockSpectrumSum.length;
        medianNow = new double[d];
        medianBefore = new double[d];
        for (int j = 0; j < d; j++) {
            for (int b = 0; b < blocks; b++) {
                recent[b] = spectra[slot(completed - 1 - b)][j];
                previous[b] = spectra[slot(completed - 1 - blocks - b)][j];
            }
            medianNow[j] = median(recent);
            medianBefore[j] = median(previous);
        }
        double change = 0;
        for (int j = 0; j < d; j++) {
            double a = medianNow[0] > 0 ? medianNow[j] / medianNow[0] : 0;
            double b = medianBefore[0] > 0 ? medianBefore[j] / medianBefore[0] : 0;
            change = Math.max(change, Math.abs(a - b));
        }
        spectrumChange = change;
    }

    private double[] lastLosses() {
        double[] v = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            v[b] = losses[slot(completed - 1 - b)];
        }
        return v;
    }

    private static String shortSpectrum(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int j = 0; j < Math.min(v.length, 8); j++) {
            sb.append(j == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3g", v[j]));
        }
        return sb.append(v.length > 8 ? " ...]" : "]").toString();
    }

    private int slot(long block) {
        return (int) (block % losses.length);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static double[] sortedDescending(double[] values) {
        double[] s = values.clone();
        for (double v : s) {
            if (!Double.isFinite(v)) {
                throw new LvaException("the convergence rule's monitored values hold " + v);
            }
        }
        Arrays.sort(s);
        for (int i = 0, j = s.length - 1; i < j; i++, j--) {
            double t = s[i];
            s[i] = s[j];
            s[j] = t;
        }
        return s;
    }

    // ---------------------------------------------------------------- checkpoint state

    @Override
    public String stateKey() {
        return STATE_KEY;
    }

    /** Counters and the last comparison as scalars; the block means (and, with a spectrum, its sums) as arrays. */
    @Override
    public StateDict state() {
        int d = blockSpectrumSum == null ? -1 : blockSpectrumSum.length;
        Map<String, Double> scalars = new LinkedHashMap<>();
        scalars.put("block_epochs", (double) blockEpochs);
        scalars.put("blocks", (double) blocks);
        scalars.put("width", (double) d);
        scalars.put("epochs", (double) epochs);
        scalars.put("in_block", (double) inBlock);
        scalars.put("block_loss_sum", blockLossSum);
        scalars.put("completed", (double) completed);
        scalars.put("converged_at", (double) convergedAt);
        scalars.put("converged", converged ? 1.0 : 0.0);
        // a checkpoint holds finite numbers only: -1 stands for "not compared yet"
        scalars.put("loss_change", Double.isNaN(lossChange) ? -1 : lossChange);
        scalars.put("spectrum_change", Double.isNaN(spectrumChange) ? -1 : spectrumChange);
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("losses", Nd4j.createFromArray(losses.clone()));
        if (d > 0) {
            arrays.put("spectra", Nd4j.createFromArray(copy(spectra)));
            arrays.put("block_spectrum_sum", Nd4j.createFromArray(blockSpectrumSum.clone()));
            if (medianNow.length == d) {
                arrays.put("median_now", Nd4j.createFromArray(medianNow.clone()));
                arrays.put("median_before", Nd4j.createFromArray(medianBefore.clone()));
            }
        }
        return new StateDict(STATE_VERSION, arrays, scalars);
    }

    /**
     * Continues from a checkpoint's state. A state of another window (the block length differs) is
     * not continued: the rule starts measuring again, and says so.
     */
    @Override
    public void loadState(StateDict s) {
        String owner = "convergence";
        s.requireVersion(STATE_VERSION, owner);
        int be = (int) s.scalar("block_epochs", owner);
        int b = (int) s.scalar("blocks", owner);
        if (be != blockEpochs || b != blocks) {
            LOG.info("the checkpoint's convergence rule measured windows of {} epochs, this run's are {}; it starts "
                    + "measuring again", (long) be * b, options.effectiveWindow());
            return;
        }
        double[] l = s.array("losses", owner).toDoubleVector();
        long done = (long) s.scalar("completed", owner);
        int in = (int) s.scalar("in_block", owner);
        int d = (int) s.scalar("width", owner);
        if (l.length != losses.length || done < 0 || in < 0 || in >= blockEpochs || d < -1) {
            throw new LvaException("convergence state holds " + l.length + " block losses (expected " + losses.length
                    + "), " + done + " blocks done, " + in + " epochs in a block of " + blockEpochs + " and width " + d);
        }
        double[][] sp = new double[losses.length][Math.max(d, 0)];
        double[] sum = d < 0 ? null : new double[d];
        double[] now = new double[0];
        double[] before = new double[0];
        if (d > 0) {
            INDArray a = s.array("spectra", owner);
            if (a.rank() != 2 || a.rows() != losses.length || a.columns() != d) {
                throw new LvaException("convergence state holds spectra of shape " + Arrays.toString(a.shape())
                        + ", expected [" + losses.length + ", " + d + "]");
            }
            sp = a.toDoubleMatrix();
            sum = vector(s, "block_spectrum_sum", d);
            if (s.arrays().containsKey("median_now")) {
                now = vector(s, "median_now", d);
                before = vector(s, "median_before", d);
            }
        }
        System.arraycopy(l, 0, losses, 0, l.length);
        spectra = sp;
        blockSpectrumSum = sum;
        medianNow = now;
        medianBefore = before;
        epochs = (long) s.scalar("epochs", owner);
        inBlock = in;
        blockLossSum = s.scalar("block_loss_sum", owner);
        completed = done;
        convergedAt = (long) s.scalar("converged_at", owner);
        converged = s.scalar("converged", owner) != 0;
        lossChange = orNaN(s.scalar("loss_change", owner));
        spectrumChange = orNaN(s.scalar("spectrum_change", owner));
    }

    private static double orNaN(double change) {
        return change < 0 ? Double.NaN : change;
    }

    private static double[] vector(StateDict s, String name, int length) {
        double[] v = s.array(name, "convergence").toDoubleVector();
        if (v.length != length) {
            throw new LvaException("convergence state '" + name + "' holds " + v.length + " values, expected " + length);
        }
        return v;
    }

    private static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
