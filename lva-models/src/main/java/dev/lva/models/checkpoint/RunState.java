package dev.lva.models.checkpoint;

import dev.lva.api.LvaException;
import dev.lva.api.Optimizer;
import dev.lva.api.StateDict;
import dev.lva.api.TrainingData;
import dev.lva.api.TrainingListener;
import dev.lva.api.TrainingResult;
import dev.lva.core.checkpoint.CheckpointException;
import dev.lva.core.checkpoint.Extras;
import dev.lva.core.checkpoint.TrainingSetup;
import dev.lva.core.train.GradientTrainer;
import dev.lva.core.train.Progress;
import dev.lva.core.train.StatefulListener;
import dev.lva.core.train.TrainerOptions;
import dev.lva.models.FeedForward;
import dev.lva.models.LatentModel;
import dev.lva.models.NetworkModel;
import java.util.List;
import java.util.Map;

/**
 * A run ready to train: model, optimizer and trainer built from a {@link TrainingSetup}, and where
 * to start, either fresh ({@link Checkpoints#start}) or where a checkpoint left off
 * ({@link Checkpoints#load}).
 *
 * @param setup     plugins with complete options, trainer options, seed
 * @param model     the model, with a checkpoint's parameters and states when loaded
 * @param optimizer the optimizer, with a checkpoint's moments when loaded
 * @param trainer   the trainer for {@code setup.trainer()}
 * @param progress  where training starts
 * @param extras    a front end's own arrays and strings (empty for a fresh run unless given)
 * @param listenerStates the states of the run's {@link StatefulListener}s by key, as the checkpoint
 *                  kept them (a stopping rule's windows); empty for a fresh run
 * @param source    the checkpoint file it came from, or {@code new run}
 */
public record RunState(TrainingSetup setup, NetworkModel model, Optimizer optimizer, GradientTrainer trainer,
                       Progress progress, Extras extras, Map<String, StateDict> listenerStates, String source) {

    public RunState {
        listenerStates = Map.copyOf(listenerStates);
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
        return trainer.fit(model, optimizer, data, listeners, progress);
    }

    /**
     * The same run with other trainer options, typically more epochs for a resumed run. Only the
     * number of epochs keeps a resume exact: another batch size or seed reshuffles differently.
     */
    public RunState withTrainer(TrainerOptions options) {
        return new RunState(setup.withTrainer(options), model, optimizer, new GradientTrainer(options), progress,
                extras, listenerStates, source);
    }

    /** The same run with other front-end extras. */
    public RunState withExtras(Extras other) {
        return new RunState(setup, model, optimizer, trainer, progress, other, listenerStates, source);
    }

    /** Columns the model takes. */
    public int inputWidth() {
        if (model instanceof LatentModel l) {
            return l.inputDimension();
        }
        if (model instanceof FeedForward f) {
            return f.inputWidth();
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
