package dev.lva.models.checkpoint;

import dev.lva.api.LvaException;
import dev.lva.api.Optimizer;
import dev.lva.api.ResumableTrainer;
import dev.lva.api.StateDict;
import dev.lva.api.TrainableModel;
import dev.lva.api.TrainingData;
import dev.lva.api.TrainingListener;
import dev.lva.api.TrainingResult;
import dev.lva.core.checkpoint.CheckpointException;
import dev.lva.core.checkpoint.DataDigest;
import dev.lva.core.checkpoint.Extras;
import dev.lva.core.checkpoint.Provenance;
import dev.lva.core.checkpoint.TrainingSetup;
import dev.lva.core.train.GradientTrainer;
import dev.lva.core.train.Progress;
import dev.lva.core.train.StatefulListener;
import dev.lva.core.train.TrainerOptions;
import dev.lva.models.LatentModel;
import dev.lva.models.NetworkModel;
import java.util.List;
import java.util.Map;

/**
 * A run ready to train: model, optimizer and trainer built from a {@link TrainingSetup}, and where
 * to start, either fresh ({@link Checkpoints#start}) or where a checkpoint left off
 * ({@link Checkpoints#load}).
 *
 * @param setup     plugins with complete options, seed
 * @param model     the model, with a checkpoint's parameters and states when loaded
 * @param optimizer the optimizer, with a checkpoint's moments when loaded
 * @param trainer   the trainer of {@code setup.trainerPlugin()}
 * @param step      optimizer steps taken before (0 for a fresh run)
 * @param trainerState the trainer's state to continue from, or null for a fresh run
 * @param extras    a front end's own arrays and strings (empty for a fresh run unless given)
 * @param listenerStates the states of the run's {@link StatefulListener}s by key, as the checkpoint
 *                  kept them (a stopping rule's windows); empty for a fresh run
 * @param source    the checkpoint file it came from, or {@code new run}
 * @param provenance where the checkpoint was written; null for a fresh run or an older lva's checkpoint
 */
public record RunState(TrainingSetup setup, TrainableModel model, Optimizer optimizer, ResumableTrainer trainer,
                       long step, StateDict trainerState, Extras extras, Map<String, StateDict> listenerStates,
                       String source, Provenance provenance) {

    public RunState {
        listenerStates = Map.copyOf(listenerStates);
    }

    /** A fresh run, or one without provenance. */
    public RunState(TrainingSetup setup, TrainableModel model, Optimizer optimizer, ResumableTrainer trainer,
                    long step, StateDict trainerState, Extras extras, Map<String, StateDict> listenerStates,
                    String source) {
        this(setup, model, optimizer, trainer, step, trainerState, extras, listenerStates, source, null);
    }

    /** Where the gradient trainer stands: the start of a fresh run, or the checkpoint's progress. */
    public Progress progress() {
        return trainerState == null ? Progress.start(setup.trainer().seed()) : Progress.of(trainerState);
    }

    /**
     * What differs between where the checkpoint was written and this process now (another JDK, thread
     * count, data, ...), one line each; empty when nothing does or for a fresh run. A resume is exact
     * only when this is empty; {@link #explainResume} says it in words.
     */
    public List<String> provenanceDifferences(DataDigest data) {
        return provenance == null ? List.of() : provenance.differences(Provenance.current(data));
    }

    /** One paragraph on whether resuming this run is exact here, and why not. */
    public String explainResume(DataDigest data) {
        return trainerState == null ? "a new run" : Provenance.explain(provenance, Provenance.current(data));
    }

    /**
     * Gives {@code listener} the state the checkpoint kept for it, so that it continues as in an
     * uninterrupted run; false when the checkpoint kept none (a run without it, or a fresh run).
     */
    public boolean restore(StatefulListener listener) {
        StateDict s = listenerStates.get(listener.stateKey());
        if (s == null) {
            return false;
        }
        try {
            listener.loadState(s);
        } catch (LvaException e) {
            throw new CheckpointException(source + ": " + e.getMessage(), e);
        }
        return true;
    }

    /** Trains from {@link #progress()} on; the same as an uninterrupted run would from there. */
    public TrainingResult fit(TrainingData data, List<TrainingListener> listeners) {
        return trainer.fit(model, optimizer, data, listeners, trainerState);
    }

    /**
     * The same run with other trainer options, typically more epochs for a resumed run. Only the
     * number of epochs keeps a resume exact: another batch size or seed reshuffles differently.
     */
    public RunState withTrainer(TrainerOptions options) {
        return new RunState(setup.withTrainer(options), model, optimizer, new GradientTrainer(options), step,
                trainerState, extras, listenerStates, source, provenance);
    }

    /** The same run with other front-end extras. */
    public RunState withExtras(Extras other) {
        return new RunState(setup, model, optimizer, trainer, step, trainerState, other, listenerStates, source,
                provenance);
    }

    /** Columns the model takes. */
    public int inputWidth() {
        if (model instanceof LatentModel l) {
            return l.inputDimension();
        }
        if (model instanceof NetworkModel n) {
            return n.inputWidth();
        }
        String in = setup.model().options().get("in");
        if (in != null && in.matches("\\d{1,9}")) {
            return Integer.parseInt(in);
        }
        throw new CheckpointException("model '" + setup.model().name() + "' does not say how many columns it takes");
    }

    /** Fails unless data with {@code columns} columns fits the model; the message names both widths. */
    public void requireInputWidth(int columns, String dataSource) {
        int width = inputWidth();
        if (columns != width) {
            throw new CheckpointException("the model was trained on " + width + (width == 1 ? " column" : " columns")
                    + ", the data has " + columns + " (" + dataSource + "; model from " + source + ")");
        }
    }
}
