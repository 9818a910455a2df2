package dev.lva.models;

import dev.lva.api.LvaException;
import dev.lva.api.PruningPolicy;
import dev.lva.api.Regularizer;
import dev.lva.api.StateDict;
import dev.lva.api.TrainingListener;
import dev.lva.api.TrainingRun;
import dev.lva.api.plugin.Plugins;
import dev.lva.api.plugin.PruningPolicyProvider;
import dev.lva.api.plugin.RegularizerProvider;
import dev.lva.core.loss.MseLoss;
import dev.lva.core.nn.Buffers;
import dev.lva.core.nn.Layer;
import dev.lva.core.nn.Linear;
import dev.lva.core.nn.Sequential;
import dev.lva.core.nn.Shape;
import dev.lva.core.param.SpectralNorm;
import dev.lva.core.regularize.VolumeRegularizer;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.train.Convergence;
import dev.lva.models.prune.NoPruning;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The least-volume autoencoder: an encoder, a spectrally normalised (1-Lipschitz) decoder, and a
 * latent penalty, the volume by default. Dimensions the data does not need collapse; sorting the
 * latent stds orders the rest by importance ({@link LatentAnalysis}).
 *
 * <p>Pruning: the model tracks an exponential moving average (factor {@code beta}) of the latent
 * batch means and stds while it trains. From epoch {@code pruneFrom} on, at each epoch end, a
 * {@link PruningPolicy} looks at the averaged stds of the active dimensions and may prune some;
 * a pruned dimension is frozen to its averaged mean in encode and decode, and its gradient is cut.
 * The penalty is computed over the active dimensions only (the LV paper's code), or, with
 * {@code prunedInPenalty}, over all of them with the pruned ones constant: the volume is a geometric
 * mean, so dropping k of d dimensions from it multiplies the pull on the survivors (on the 3-D
 * curve, one survivor: from vol/(3 (s + eta)) to 1, and the reconstruction error rises from 0.004
 * to 0.02), while keeping them in as constants leaves the pull as it was. The trainer hears the
 * model's epoch ends because the model is a {@link TrainingListener}.
 */
public class LeastVolumeAutoencoder extends AutoEncoder implements TrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(LeastVolumeAutoencoder.class);
    public static final int PRUNING_STATE_VERSION = 1;
    /** Key of the pruning state among {@link #states()}. */
    public static final String PRUNING_STATE = "pruning";

    /**
     * @param in          input columns
     * @param latent      latent columns (the most the model may use)
     * @param hidden      hidden widths of encoder and decoder
     * @param activation  activation of the hidden layers
     * @param regularizer latent penalty spec, {@code volume:lambda=0.01,eta=0.01} by default
     * @param pruning     pruning policy spec: {@code none}, {@code plummet:threshold=0.02}, ...
     * @param pruneFrom   first epoch (0-based) at whose end pruning may happen
     * @param beta        moving-average factor of the latent statistics
     * @param prunedInPenalty keep pruned dimensions in the penalty as constant columns
     */
    public record Options(int in, int latent, List<Integer> hidden, String activation, String regularizer,
                          String pruning, int pruneFrom, double beta, boolean prunedInPenalty, Precision precision,
                          long seed) {
        public Options {
            if (in < 1 || latent < 1) {
                throw new IllegalArgumentException("in and latent must be >= 1, got " + in + " and " + latent);
            }
            hidden = List.copyOf(hidden);
            if (hidden.stream().anyMatch(h -> h < 1)) {
                throw new IllegalArgumentException("hidden widths must be >= 1, got " + hidden);
            }
            if (pruneFrom < 0) {
                throw new IllegalArgumentException("pruneFrom must be >= 0, got " + pruneFrom);
            }
            if (!(beta >= 0 && beta < 1)) {
                throw new IllegalArgumentException("beta must be in [0, 1), got " + beta);
            }
        }

        /** DESIGN §4's seed workload: 48 x 4 LeakyReLU(0.2), volume with lambda = eta = 0.01, no pruning. */
        public static Options defaults(int in, int latent) {
            return new Options(in, latent, List.of(48, 48, 48, 48), MLP.DEFAULT_ACTIVATION,
                    "volume:lambda=0.01,eta=0.01", "none", 0, 0.9, false, Precision.FLOAT32, 0);
        }

        public Options withSeed(long s) {
            return new Options(in, latent, hidden, activation, regularizer, pruning, pruneFrom, beta, prunedInPenalty,
                    precision, s);
        }

        public Options withPruning(String spec, int from, boolean inPenalty) {
            return new Options(in, latent, hidden, activation, regularizer, spec, from, beta, inPenalty, precision,
                    seed);
        }

        public Options withRegularizer(String spec) {
            return new Options(in, latent, hidden, activation, spec, pruning, pruneFrom, beta, prunedInPenalty,
                    precision, seed);
        }
    }

    private final PruningPolicy policy;
    private final int pruneFrom;
    private final double beta;
    private final boolean prunedInPenalty;
    private final int latent;
    private final boolean[] pruned;
    private final double[] frozen;
    private final double[] emaMean;
    private final double[] emaStd;
    private boolean emaStarted;
    private final double[] batchMean;
    private final double[] batchStd;
    private final int[] activeIndex;
    private double[] activeStds = new double[0];
    private final Buffers compact = new Buffers(2);
    private final Buffers latentCopy = new Buffers(1);

    /** Builds encoder, SN decoder, penalty and policy from options, resolving plugin names through {@code plugins}. */
    public LeastVolumeAutoencoder(Options o, Plugins plugins) {
        this(o, plugins.create(RegularizerProvider.KIND, o.regularizer()),
                plugins.create(PruningPolicyProvider.KIND, o.pruning()));
    }

    public LeastVolumeAutoencoder(Options o) {
        this(o, Plugins.discover(LeastVolumeAutoencoder.class.getClassLoader()));
    }

    /**
     * The options' networks with a penalty object of one's own in place of the options' regularizer
     * spec (which is then not read); the pruning policy is the options' spec.
     */
    public LeastVolumeAutoencoder(Options o, Regularizer penalty) {
        this(o, penalty, Plugins.discover(LeastVolumeAutoencoder.class.getClassLoader())
                .create(PruningPolicyProvider.KIND, o.pruning()));
    }

    /** The options' networks with these objects in place of the options' regularizer and pruning specs. */
    public LeastVolumeAutoencoder(Options o, Regularizer penalty, PruningPolicy policy) {
        this(MLP.layers(o.in(), o.latent(), o.hidden(), o.activation(), false),
                MLP.layers(o.latent(), o.in(), o.hidden(), o.activation(), true), Shape.features(o.in()), penalty,
                policy, o.pruneFrom(), o.beta(), o.prunedInPenalty(), o.precision().dataType(), o.seed(), false);
    }

    /**
     * @param decoder should be 1-Lipschitz (spectral norm on every Linear), or the encoder can shrink
     *                the code for free and the penalty means nothing; a warning names each layer
     *                that is not ({@link #builder} can say that it is intended)
     */
    public LeastVolumeAutoencoder(Layer encoder, Layer decoder, int inputWidth, Regularizer penalty,
                                  PruningPolicy policy, int pruneFrom, double beta, boolean prunedInPenalty,
                                  DataType type, long seed) {
        this(encoder, decoder, Shape.features(inputWidth), penalty, policy, pruneFrom, beta, prunedInPenalty, type,
                seed, false);
    }

    /**
     * Any encoder and decoder over samples of shape {@code input}: an MLP's features, or images for a
     * convolutional pair ({@link ConvLeastVolumeAutoencoder}). The penalty, pruning and statistics
     * work on the latent code alone, so they are the same whatever the layers. A decoder layer without
     * a spectral norm is named in a warning ({@link #unnormalizedDecoderLayers}).
     */
    public LeastVolumeAutoencoder(Layer encoder, Layer decoder, Shape input, Regularizer penalty,
                                  PruningPolicy policy, int pruneFrom, double beta, boolean prunedInPenalty,
                                  DataType type, long seed) {
        this(encoder, decoder, input, penalty, policy, pruneFrom, beta, prunedInPenalty, type, seed, false);
    }

    /** @param nonLipschitzDecoder the decoder is meant not to be 1-Lipschitz: no warning about it */
    protected LeastVolumeAutoencoder(Layer encoder, Layer decoder, Shape input, Regularizer penalty,
                                     PruningPolicy policy, int pruneFrom, double beta, boolean prunedInPenalty,
                                     DataType type, long seed, boolean nonLipschitzDecoder) {
        super(encoder, decoder, input, new MseLoss(), penalty, type, seed);
        if (penalty == null) {
            throw new LvaException("a least-volume autoencoder needs a latent penalty (volume by default)");
        }
        this.policy = policy == null ? new NoPruning() : policy;
        this.pruneFrom = pruneFrom;
        this.beta = beta;
        this.prunedInPenalty = prunedInPenalty;
        this.latent = latentDimension();
        this.pruned = new boolean[latent];
        this.frozen = new double[latent];
        this.emaMean = new double[latent];
        this.emaStd = new double[latent];
        this.batchMean = new double[latent];
        this.batchStd = new double[latent];
        this.activeIndex = new int[latent];
        List<String> unnormalized = unnormalizedDecoderLayers();
        if (!unnormalized.isEmpty() && !nonLipschitzDecoder) {
            LOG.warn("the decoder is not 1-Lipschitz: {} {} no spectral norm, so the encoder can shrink the code for"
                    + " free and the latent penalty measures nothing. Give each weight a spectral norm"
                    + " (SpectralNorm.factory(); OperatorNorm for a convolution), or build the model with"
                    + " LeastVolumeAutoencoder.builder(...).nonLipschitzDecoder(true) if this is intended",
                    String.join(", ", unnormalized), unnormalized.size() == 1 ? "has" : "have");
        }
    }

    /**
     * A least-volume autoencoder of one's own encoder and decoder over samples of shape {@code input}:
     * the penalty and pruning policy as objects or plugin specs, the rest with defaults.
     */
    public static Builder builder(Layer encoder, Layer decoder, Shape input) {
        return new Builder(encoder, decoder, input);
    }

    /**
     * The decoder's layers that have parameters and no spectral norm, named as their parameters are
     * ({@code decoder.2 Linear(48 -> 3)}): empty for a 1-Lipschitz decoder ({@link Lipschitz}).
     */
    public List<String> unnormalizedDecoderLayers() {
        return Lipschitz.unnormalizedLayers("decoder", decoder());
    }

    /**
     * The linear special case: a Linear encoder and a spectrally normalised Linear decoder, no
     * activations, volume penalty. Its ordered latent directions span PCA's leading subspace.
     */
    public static LeastVolumeAutoencoder linear(int in, int latent, double lambda, double eta, Precision precision,
                                                long seed) {
        return new LeastVolumeAutoencoder(new Sequential(new Linear(in, latent)),
                new Sequential(new Linear(latent, in, true, SpectralNorm.factory())), in,
                new VolumeRegularizer(lambda, eta), new NoPruning(), 0, 0.9, false, precision.dataType(), seed);
    }

    /** Which latent dimensions are pruned. */
    public boolean[] prunedDimensions() {
        return pruned.clone();
    }

    public int activeDimensions() {
        int n = 0;
        for (boolean p : pruned) {
            n += p ? 0 : 1;
        }
        return n;
    }

    /** The moving averages of the latent stds the pruning policy sees. */
    public double[] averagedStds() {
        return emaStd.clone();
    }

    /**
     * A stopping rule on this model's training: the loss and the sorted averaged latent stds
     * ({@link #averagedStds}), which cost nothing to watch (the model tracks them anyway).
     */
    public Convergence convergence(Convergence.Options options) {
        return new Convergence(options, run -> averagedStds());
    }

    @Override
    protected Matrix encodeMatrix(Matrix x, boolean training) {
        Matrix z = super.encodeMatrix(x, training);
        freeze(z);
        return z;
    }

    /** A latent code with the pruned dimensions set to their frozen means, on a copy: the caller's code is left alone. */
    @Override
    protected Matrix latentInput(INDArray z) {
        Matrix code = super.latentInput(z);
        if (activeDimensions() == latent) {
            return code;
        }
        Matrix copy = latentCopy.get(0, code.rows(), code.cols(), code.dataType());
        copy.array().assign(code.array());
        freeze(copy);
        return copy;
    }

    private void freeze(Matrix z) {
        for (int j = 0; j < latent; j++) {
            if (pruned[j]) {
                for (int r = 0; r < z.rows(); r++) {
                    z.set(r, j, frozen[j]);
                }
            }
        }
    }

    @Override
    protected void observeLatent(Matrix z) {
        int n = z.rows();
        Arrays.fill(batchMean, 0);
        Arrays.fill(batchStd, 0);
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < latent; j++) {
                batchMean[j] += z.get(r, j);
            }
        }
        for (int j = 0; j < latent; j++) {
            batchMean[j] /= n;
        }
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < latent; j++) {
                double c = z.get(r, j) - batchMean[j];
                batchStd[j] += c * c;
            }
        }
        for (int j = 0; j < latent; j++) {
            double s = n > 1 ? Math.sqrt(batchStd[j] / (n - 1)) : 0;
            if (!emaStarted) {
                emaMean[j] = batchMean[j];
                emaStd[j] = s;
            } else {
                emaMean[j] = beta * emaMean[j] + (1 - beta) * batchMean[j];
                emaStd[j] = beta * emaStd[j] + (1 - beta) * s;
            }
        }
        emaStarted = true;
    }

    @Override
    protected double latentGradient(Matrix z, Matrix gz) {
        int active = activeDimensions();
        if (active == latent) {
            return super.latentGradient(z, gz);
        }
        if (prunedInPenalty) {
            double weighted = super.latentGradient(z, gz);
            cutPrunedGradient(gz);
            return weighted;
        }
        cutPrunedGradient(gz);
        Regularizer penalty = latentPenalty();
        double lambda = penalty.lambda();
        if (lambda == 0) {
            return 0;
        }
        // the penalty sees the active dimensions only, gathered into a compact matrix
        Matrix za = compact.get(0, z.rows(), active, z.dataType());
        Matrix ga = compact.get(1, z.rows(), active, z.dataType());
        ga.fill(0);
        for (int r = 0; r < z.rows(); r++) {
            for (int j = 0, k = 0; j < latent; j++) {
                if (!pruned[j]) {
                    za.set(r, k++, z.get(r, j));
                }
            }
        }
        double value = penalty.valueAndGradient(za.array(), ga.array(), lambda);
        for (int r = 0; r < z.rows(); r++) {
            for (int j = 0, k = 0; j < latent; j++) {
                if (!pruned[j]) {
                    gz.set(r, j, gz.get(r, j) + ga.get(r, k++));
                }
            }
        }
        return lambda * value;
    }

    /** Pruned dimensions are constants: no gradient flows into them. */
    private void cutPrunedGradient(Matrix gz) {
        for (int j = 0; j < latent; j++) {
            if (pruned[j]) {
                for (int r = 0; r < gz.rows(); r++) {
                    gz.set(r, j, 0);
                }
            }
        }
    }

    /**
     * Asks the policy about the active dimensions. A full-batch run ends an epoch every step, so the
     * arrays are kept between calls and remade only when a dimension is pruned.
     */
    @Override
    public void onEpochEnd(TrainingRun run, int epoch, double meanLoss) {
        int active = activeDimensions();
        if (policy instanceof NoPruning || epoch < pruneFrom || !emaStarted || active <= 1) {
            return;
        }
        if (activeStds.length != active) {
            activeStds = new double[active];
        }
        for (int j = 0, k = 0; j < latent; j++) {
            if (!pruned[j]) {
                activeIndex[k] = j;
                activeStds[k++] = emaStd[j];
            }
        }
        boolean[] decision = policy.prune(activeStds);
        if (decision.length != active) {
            throw new LvaException(policy.getClass().getSimpleName() + " answered for " + decision.length
                    + " dimensions, asked about " + active);
        }
        int prunedNow = 0;
        for (int k = 0; k < active; k++) {
            if (decision[k] && prunedNow < active - 1) {
                int j = activeIndex[k];
                pruned[j] = true;
                frozen[j] = emaMean[j];
                prunedNow++;
            }
        }
        if (prunedNow > 0) {
            LOG.info("epoch {}: pruned {} latent dimension(s), now {}; {} of {} remain active", epoch, prunedNow,
                    Arrays.toString(pruned), activeDimensions(), latent);
        }
    }

    /** The layers' states and, under {@value #PRUNING_STATE}, the pruning state. */
    @Override
    public Map<String, StateDict> states() {
        Map<String, StateDict> all = new java.util.LinkedHashMap<>(super.states());
        all.put(PRUNING_STATE, pruningState());
        return all;
    }

    @Override
    public void loadStates(Map<String, StateDict> states) {
        Map<String, StateDict> layers = new java.util.LinkedHashMap<>(states);
        StateDict pruning = layers.remove(PRUNING_STATE);
        if (pruning == null) {
            throw new LvaException("no state '" + PRUNING_STATE + "', which a least-volume autoencoder has");
        }
        requireValidPruning(pruning);
        super.loadStates(layers);
        loadPruningState(pruning);
    }

    /** The model relies on a 0/1 mask with at least one active dimension, and on stds that are not negative. */
    private static void requireValidPruning(StateDict pruning) {
        boolean anyActive = false;
        for (double m : pruning.array("pruned", PRUNING_STATE).toDoubleVector()) {
            if (m != 0 && m != 1) {
                throw new LvaException("the pruning mask holds " + m + "; it must be 0 or 1");
            }
            anyActive |= m == 0;
        }
        if (!anyActive) {
            throw new LvaException("the pruning state prunes every latent dimension; at least one stays active");
        }
        for (double sd : pruning.array("ema_std", PRUNING_STATE).toDoubleVector()) {
            if (sd < 0) {
                throw new LvaException("the pruning state holds a negative std " + sd);
            }
        }
    }

    /** Pruning mask, frozen means and moving averages, for checkpoints. */
    public StateDict pruningState() {
        double[] mask = new double[latent];
        for (int j = 0; j < latent; j++) {
            mask[j] = pruned[j] ? 1 : 0;
        }
        return new StateDict(PRUNING_STATE_VERSION, Map.of(
                "pruned", Nd4j.createFromArray(mask), "frozen", Nd4j.createFromArray(frozen.clone()),
                "ema_mean", Nd4j.createFromArray(emaMean.clone()), "ema_std", Nd4j.createFromArray(emaStd.clone())),
                Map.of("ema_started", emaStarted ? 1.0 : 0.0));
    }

    public void loadPruningState(StateDict s) {
        s.requireVersion(PRUNING_STATE_VERSION, "pruning");
        double[] mask = s.array("pruned", "pruning").toDoubleVector();
        if (mask.length != latent) {
            throw new LvaException("pruning state is for " + mask.length + " latent dimensions, the model has " + latent);
        }
        double[] f = s.array("frozen", "pruning").toDoubleVector();
        double[] m = s.array("ema_mean", "pruning").toDoubleVector();
        double[] sd = s.array("ema_std", "pruning").toDoubleVector();
        if (f.length != latent || m.length != latent || sd.length != latent) {
            throw new LvaException("pruning state arrays have " + f.length + ", " + m.length + " and " + sd.length
                    + " entries, the model has " + latent + " latent dimensions");
        }
        for (int j = 0; j < latent; j++) {
            pruned[j] = mask[j] != 0;
            frozen[j] = f[j];
            emaMean[j] = m[j];
            emaStd[j] = sd[j];
        }
        emaStarted = s.scalar("ema_started", "pruning") != 0;
    }

    /**
     * Builds a least-volume autoencoder from an encoder and decoder of one's own. The penalty is the
     * volume (lambda = eta = 0.01) and pruning none unless set; a penalty or policy is given as an
     * object or as a plugin spec ({@code volume:lambda=0.001}), resolved through {@link #plugins} (the
     * plugins on this class's class loader by default).
     */
    public static final class Builder {
        private final Layer encoder;
        private final Layer decoder;
        private final Shape input;
        private Regularizer penalty;
        private String penaltySpec = "volume:lambda=0.01,eta=0.01";
        private PruningPolicy policy;
        private String pruningSpec = "none";
        private int pruneFrom;
        private double beta = 0.9;
        private boolean prunedInPenalty;
        private Precision precision = Precision.FLOAT32;
        private long seed;
        private Plugins plugins;
        private boolean nonLipschitzDecoder;

        private Builder(Layer encoder, Layer decoder, Shape input) {
            this.encoder = encoder;
            this.decoder = decoder;
            this.input = input;
        }

        /** A latent penalty object of one's own. */
        public Builder penalty(Regularizer r) {
            this.penalty = r;
            return this;
        }

        /** A latent penalty by plugin spec, e.g. {@code volume:lambda=0.001,eta=0.01}. */
        public Builder penalty(String spec) {
            this.penalty = null;
            this.penaltySpec = spec;
            return this;
        }

        public Builder pruning(PruningPolicy p) {
            this.policy = p;
            return this;
        }

        /** A pruning policy by plugin spec, e.g. {@code plummet:threshold=0.02}. */
        public Builder pruning(String spec) {
            this.policy = null;
            this.pruningSpec = spec;
            return this;
        }

        /** The first epoch (0-based) at whose end pruning may happen. */
        public Builder pruneFrom(int epoch) {
            this.pruneFrom = epoch;
            return this;
        }

        /** The moving-average factor of the latent statistics, 0.9 by default. */
        public Builder beta(double b) {
            this.beta = b;
            return this;
        }

        public Builder prunedInPenalty(boolean keep) {
            this.prunedInPenalty = keep;
            return this;
        }

        public Builder precision(Precision p) {
            this.precision = p;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Where penalty and pruning specs are looked up. */
        public Builder plugins(Plugins p) {
            this.plugins = p;
            return this;
        }

        /** Says that a decoder that is not 1-Lipschitz is intended: no warning names its layers. */
        public Builder nonLipschitzDecoder(boolean intended) {
            this.nonLipschitzDecoder = intended;
            return this;
        }

        public LeastVolumeAutoencoder build() {
            if (pruneFrom < 0) {
                throw new IllegalArgumentException("pruneFrom must be >= 0, got " + pruneFrom);
            }
            if (!(beta >= 0 && beta < 1)) {
                throw new IllegalArgumentException("beta must be in [0, 1), got " + beta);
            }
            Plugins p = plugins != null ? plugins : penalty != null && policy != null ? null
                    : Plugins.discover(LeastVolumeAutoencoder.class.getClassLoader());
            Regularizer r = penalty != null ? penalty : p.create(RegularizerProvider.KIND, penaltySpec);
            PruningPolicy q = policy != null ? policy : p.create(PruningPolicyProvider.KIND, pruningSpec);
            return new LeastVolumeAutoencoder(encoder, decoder, input, r, q, pruneFrom, beta, prunedInPenalty,
                    precision.dataType(), seed, nonLipschitzDecoder);
        }
    }
}
