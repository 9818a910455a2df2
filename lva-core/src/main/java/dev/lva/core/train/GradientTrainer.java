package dev.lva.core.train;

import dev.lva.api.LvaException;
import dev.lva.api.Optimizer;
import dev.lva.api.StepLoss;
import dev.lva.api.TrainableModel;
import dev.lva.api.ResumableTrainer;
import dev.lva.api.StateDict;
import dev.lva.api.Stateful;
import dev.lva.api.TrainingState;
import dev.lva.api.TrainingData;
import dev.lva.api.TrainingListener;
import dev.lva.api.TrainingResult;
import dev.lva.api.TrainingResult.StopReason;
import dev.lva.api.TrainingRun;
import dev.lva.core.Engine;
import dev.lva.api.StoredRows;
import dev.lva.core.data.ImageBytes;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.tensor.Rng;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Full-batch or minibatch gradient descent. Minibatches are gathered into buffers allocated once
 * (one for full batches, one for the last partial batch, which is kept as PyTorch's loader does);
 * the order comes from a seeded {@link Rng}, so a run is reproducible for a given seed and thread
 * count, and {@link Progress} lets a run continue exactly where a checkpoint left it.
 *
 * <p>A last partial batch smaller than the model needs ({@link TrainableModel#minBatchRows()}: two
 * rows for a penalty on batch standard deviations) is merged into the batch before it, so that an
 * epoch of 101 rows in batches of 50 takes steps of 50 and 51 rows; a batch size or data set too
 * small for any batch is refused before the first step.
 *
 * <p>Nothing non-finite is applied or kept: a NaN or infinite loss or gradient stops the run before
 * the optimizer applies that step (the parameters are those of the step before), and a step that
 * leaves a NaN or an infinity in the parameters or in the optimizer's state (a gradient whose square
 * overflows float32) stops it right after. The checks cost one BLAS dot product over the gradients
 * and one over the parameters per step; entries and the optimizer's state are searched only after a
 * gradient whose squares do not sum to a finite number (only then can Adam's state overflow).
 */
public final class GradientTrainer implements ResumableTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(GradientTrainer.class);
    private final TrainerOptions options;

    public GradientTrainer(TrainerOptions options) {
        this.options = options;
    }

    public TrainerOptions options() {
        return options;
    }

    @Override
    public TrainingResult fit(TrainableModel model, Optimizer optimizer, TrainingData data,
                              List<TrainingListener> listeners) {
        return fit(model, optimizer, data, listeners, Progress.start(options.seed()));
    }

    /** Continues from a state {@link Progress#toState()} gave (null: a fresh run). */
    @Override
    public TrainingResult fit(TrainableModel model, Optimizer optimizer, TrainingData data,
                              List<TrainingListener> listeners, StateDict from) {
        return fit(model, optimizer, data, listeners, from == null ? Progress.start(options.seed()) : Progress.of(from));
    }

    /**
     * Continues a run from {@code from} (a fresh run starts from {@link Progress#start}). A model that
     * is itself a {@link TrainingListener} (the least-volume autoencoder prunes at epoch ends) hears
     * the run first.
     */
    public TrainingResult fit(TrainableModel model, Optimizer optimizer, TrainingData data,
                              List<TrainingListener> userListeners, Progress from) {
        long t0 = System.nanoTime();
        // results depend on the native thread counts, which ND4J's lazy start-up (or another library)
        // may have changed since lva set them: checked, and set back, before the first step
        Engine.Threads threads = Engine.requireThreads();
        List<TrainingListener> listeners = new ArrayList<>();
        if (model instanceof TrainingListener self) {
            listeners.add(self);
        }
        listeners.addAll(userListeners);
        DataType type = model.parameters().dataType();
        int n = data.rows();
        Batches plan = Batches.plan(n, options.batchSize(), model.minBatchRows());
        int batch = plan.batch();
        boolean full = batch == n;
        // image bytes stay bytes: a minibatch converts its own rows (the same values, a quarter of the memory);
        // a full batch is every row, converted once
        // rows that stay in their file are read a batch at a time too (a full batch of them: once, into memory)
        Rows inputs = data.stored() != null ? Rows.of(data.stored(), type, full) : Rows.of(data.inputs(), type, full);
        Rows targets = data.isAutoencoding() ? inputs : Rows.of(data.targets(), type, full);
        int batchesPerEpoch = plan.perEpoch();
        int remainder = plan.last();
        if (from.batchInEpoch() > batchesPerEpoch) {
            throw new LvaException("the run to continue stands at batch " + from.batchInEpoch() + " of its epoch, but "
                    + n + " rows in batches of " + batch + " make " + batchesPerEpoch + " batches an epoch");
        }
        Batch fullBatch = full ? new Batch(inputs.matrix(), targets.matrix())
                : new Batch(type, batch, inputs, targets, data.isAutoencoding());
        Batch lastBatch = full || remainder == batch ? fullBatch
                : new Batch(type, remainder, inputs, targets, data.isAutoencoding());
        int[] order = new int[n];
        Matrix gradients = Matrix.wrap(model.gradients());
        Matrix parameters = Matrix.wrap(model.parameters());

        Run run = new Run(model, optimizer, from);
        Rng rng = new Rng(from.epochRngState());
        StepLoss last = null;
        model.setTraining(true);
        listeners.forEach(l -> l.onStart(run));
        StopReason reason = StopReason.COMPLETED;
        String message = "completed " + options.epochs() + " epochs";
        if (run.stopReason != null) {
            // a listener that finds at the start that there is nothing to do (a stopping rule restored
            // from a converged run's checkpoint) stops the run before its first step
            reason = StopReason.REQUESTED;
            message = run.stopReason;
        }

        epochs:
        while (reason == StopReason.COMPLETED && run.epoch < options.epochs()) {
            run.epochRngState = rng.state();
            if (!full) {
                if (options.shuffle()) {
                    rng.permutation(order);
                } else {
                    for (int i = 0; i < n; i++) {
                        order[i] = i;
                    }
                }
            }
            for (int b = run.batchInEpoch; b < batchesPerEpoch; b++) {
                Batch current = b == batchesPerEpoch - 1 ? lastBatch : fullBatch;
                if (!full) {
                    current.gather(order, b * batch);
                }
                StepLoss loss = model.computeGradients(current.inputs.array(), current.targets.array());
                if (!loss.isFinite()) {
                    reason = StopReason.NON_FINITE_LOSS;
                    message = "loss became " + loss.total() + " at step " + (run.step + 1) + " (epoch " + run.epoch
                            + "; data term " + loss.data() + ", penalty " + loss.penalty()
                            + "); parameters are those after step " + run.step;
                    break epochs;
                }
                // squares that sum to a finite number rule out NaN, infinity and an overflow of
                // Adam's squared gradients at once; only otherwise are entries and state searched
                boolean risky = !Finite.squaresSumFinite(gradients);
                String bad = risky ? Finite.search("gradient", gradients) : null;
                if (bad != null) {
                    reason = StopReason.NON_FINITE_GRADIENT;
                    message = bad + " at step " + (run.step + 1) + " (epoch " + run.epoch + ", loss " + loss.total()
                            + "); not applied: parameters are those after step " + run.step;
                    break epochs;
                }
                optimizer.step(model.parameters(), model.gradients());
                bad = Finite.firstNonFinite("parameter", parameters);
                if (bad == null && risky) {
                    bad = optimizer.nonFiniteState();
                    bad = bad == null ? null : "optimizer state " + bad;
                }
                if (bad != null) {
                    reason = StopReason.NON_FINITE_STATE;
                    message = "step " + (run.step + 1) + " (epoch " + run.epoch + ", loss " + loss.total() + ") left "
                            + bad + "; the learning rate may be too large for this model and data";
                    break epochs;
                }
                run.step++;
                run.batchInEpoch = b + 1;
                run.epochLossSum += loss.total();
                last = loss;
                for (TrainingListener l : listeners) {
                    l.onStep(run, loss);
                }
                if (run.stopReason != null) {
                    reason = StopReason.REQUESTED;
                    message = run.stopReason;
                    break epochs;
                }
            }
            double mean = run.epochLossSum / batchesPerEpoch;
            int finished = run.epoch;
            run.epoch++;
            run.batchInEpoch = 0;
            run.epochLossSum = 0;
            run.epochRngState = rng.state();
            for (TrainingListener l : listeners) {
                l.onEpochEnd(run, finished, mean);
            }
            if (run.stopReason != null) {
                reason = StopReason.REQUESTED;
                message = run.stopReason;
                break;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Engine.Threads after = Engine.threads();
        if (!after.equals(threads)) {
            LOG.warn("the native threads changed while training ({} at the start, {} at the end): this run's numbers"
                    + " may not be reproducible", threads.text(), after.text());
        }
        TrainingResult result = new TrainingResult(run.step, run.epoch,
                last == null ? new StepLoss(Double.NaN, Double.NaN, Double.NaN) : last, reason, message, seconds,
                finalState(run, optimizer, listeners));
        if (result.nonFinite()) {
            LOG.warn("training stopped: {}", message);
        } else {
            LOG.debug("training ended after {} steps in {} s on threads {}: {}", run.step, seconds, threads.text(),
                    message);
        }
        listeners.forEach(l -> l.onEnd(run, result));
        // what the listeners decided at the end belongs in the state a caller checkpoints
        return new TrainingResult(result.steps(), result.epochs(), result.lastLoss(), result.stopReason(),
                result.message(), result.seconds(), finalState(run, optimizer, listeners));
    }

    /** Where the run stands, with the states of its {@link Stateful} listeners by key. */
    private static TrainingState finalState(Run run, Optimizer optimizer, List<TrainingListener> listeners) {
        Map<String, StateDict> states = new LinkedHashMap<>();
        for (TrainingListener l : listeners) {
            if (l instanceof Stateful st && states.put(st.stateKey(), st.state()) != null) {
                throw new LvaException("two listeners keep their state under '" + st.stateKey() + "'");
            }
        }
        return new TrainingState(run.step, run.progress().toState(), optimizer.state(), states);
    }

    /**
     * The data a trainer gathers its batches from: a matrix of values, or image bytes (a
     * {@link DataType#UBYTE} array) whose rows are converted by {@link ImageBytes#pixel} as they are
     * gathered, to exactly the values {@link ImageBytes#pixels} gives the whole array.
     */
    private abstract static class Rows {
        abstract int cols();

        /** Row {@code from} of the data into row {@code to} of {@code target}. */
        abstract void copyRow(int from, Matrix target, int to);

        /** Every row as one matrix (a full batch). */
        abstract Matrix matrix();

        static Rows of(INDArray data, DataType type, boolean whole) {
            if (!ImageBytes.isBytes(data)) {
                return new Values(Matrix.copyOf(data, type));
            }
            if (whole) {
                return new Values(Matrix.copyOf(ImageBytes.pixels(data, type), type));
            }
            return new Bytes(data);
        }

        static Rows of(StoredRows stored, DataType type, boolean whole) {
            Stored rows = new Stored(stored);
            if (!whole) {
                return rows;
            }
            Matrix all = Matrix.zeros(type, stored.rows(), stored.cols());
            for (int r = 0; r < stored.rows(); r++) {
                rows.copyRow(r, all, r);
            }
            return new Values(all);
        }
    }

    /**
     * Rows read from their file as they are gathered ({@link StoredRows}), converted by the pixel rule
     * as {@link Bytes} converts rows held in memory: the same values, whichever holds them.
     */
    private static final class Stored extends Rows {
        private final StoredRows source;
        private final byte[] row;
        /** A row of float values (float32 or float64 images), used as stored; null for bytes. */
        private final double[] values;

        Stored(StoredRows source) {
            this.source = source;
            boolean bytes = source.valueType() == DataType.UBYTE;
            this.row = bytes ? new byte[source.cols()] : null;
            this.values = bytes ? null : new double[source.cols()];
        }

        @Override
        int cols() {
            return source.cols();
        }

        @Override
        void copyRow(int from, Matrix target, int to) {
            int cols = source.cols();
            int base = to * cols;
            if (values != null) {
                // as the reader in memory casts them: float32 exactly, float64 rounded once to a float32 run's type
                source.readValues(from, values);
                for (int j = 0; j < cols; j++) {
                    target.set(base + j, values[j]);
                }
                return;
            }
            source.read(from, row);
            for (int j = 0; j < cols; j++) {
                target.set(base + j, ImageBytes.pixel(row[j]));
            }
        }

        @Override
        Matrix matrix() {
            throw new IllegalStateException("stored rows are gathered a batch at a time");
        }
    }

    private static final class Values extends Rows {
        private final Matrix m;

        Values(Matrix m) {
            this.m = m;
        }

        @Override
        int cols() {
            return m.cols();
        }

        @Override
        void copyRow(int from, Matrix target, int to) {
            target.copyRow(m, from, to);
        }

        @Override
        Matrix matrix() {
            return m;
        }
    }

    private static final class Bytes extends Rows {
        private final INDArray array;
        private final java.nio.ByteBuffer bytes;
        private final int cols;

        Bytes(INDArray data) {
            long rows = data.size(0);
            long c = rows == 0 ? 0 : data.length() / rows;
            if (c > Integer.MAX_VALUE || data.length() > Integer.MAX_VALUE) {
                throw new LvaException("image bytes of shape " + java.util.Arrays.toString(data.shape())
                        + " are too large for one array");
            }
            // a view or a strided array is copied once, still as bytes
            this.array = data.offset() == 0 && Matrix.isContiguous(data) ? data : data.dup('c');
            this.cols = (int) c;
            this.bytes = new org.bytedeco.javacpp.BytePointer(array.data().addressPointer()).capacity(array.length())
                    .asBuffer();
        }

        @Override
        int cols() {
            return cols;
        }

        @Override
        void copyRow(int from, Matrix target, int to) {
            int src = from * cols;
            int base = to * cols;
            for (int j = 0; j < cols; j++) {
                target.set(base + j, ImageBytes.pixel(bytes.get(src + j)));
            }
        }

        @Override
        Matrix matrix() {
            throw new IllegalStateException("image bytes are gathered a batch at a time");
        }
    }

    /** The rows of one step, gathered from the data by index. */
    private static final class Batch {
        final Matrix inputs;
        final Matrix targets;
        private final Rows sourceInputs;
        private final Rows sourceTargets;
        private final boolean autoencoding;

        Batch(Matrix inputs, Matrix targets) {
            this.inputs = inputs;
            this.targets = targets;
            this.sourceInputs = null;
            this.sourceTargets = null;
            this.autoencoding = false;
        }

        Batch(DataType type, int rows, Rows sourceInputs, Rows sourceTargets, boolean autoencoding) {
            this.inputs = Matrix.zeros(type, rows, sourceInputs.cols());
            this.targets = autoencoding ? inputs : Matrix.zeros(type, rows, sourceTargets.cols());
            this.sourceInputs = sourceInputs;
            this.sourceTargets = sourceTargets;
            this.autoencoding = autoencoding;
        }

        void gather(int[] order, int start) {
            for (int r = 0; r < inputs.rows(); r++) {
                int src = order[start + r];
                sourceInputs.copyRow(src, inputs, r);
                if (!autoencoding) {
                    sourceTargets.copyRow(src, targets, r);
                }
            }
        }
    }

    /** The run as listeners see it; {@link #progress()} is what a checkpoint stores. */
    public static final class Run implements TrainingRun {
        private final TrainableModel model;
        private final Optimizer optimizer;
        private long step;
        private int epoch;
        private int batchInEpoch;
        private long epochRngState;
        private double epochLossSum;
        private String stopReason;

        Run(TrainableModel model, Optimizer optimizer, Progress from) {
            this.model = model;
            this.optimizer = optimizer;
            this.step = from.step();
            this.epoch = from.epoch();
            this.batchInEpoch = from.batchInEpoch();
            this.epochRngState = from.epochRngState();
            this.epochLossSum = from.epochLossSum();
        }

        /** Where the run stands now; fitting again from it continues exactly. */
        public Progress progress() {
            return new Progress(step, epoch, batchInEpoch, epochRngState, epochLossSum);
        }

        /** {@link #progress()} as a state, which {@link GradientTrainer#fit(TrainableModel, Optimizer,
         * TrainingData, List, StateDict)} continues from. */
        @Override
        public Optional<StateDict> trainerState() {
            return Optional.of(progress().toState());
        }

        @Override
        public TrainableModel model() {
            return model;
        }

        @Override
        public Optimizer optimizer() {
            return optimizer;
        }

        @Override
        public long step() {
            return step;
        }

        @Override
        public int epoch() {
            return epoch;
        }

        @Override
        public void requestStop(String reason) {
            this.stopReason = reason == null ? "stop requested" : reason;
        }
    }
}
