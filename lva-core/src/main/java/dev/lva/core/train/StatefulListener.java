package dev.lva.core.train;

import dev.lva.api.StateDict;
import dev.lva.api.Stateful;
import dev.lva.api.TrainingListener;

/**
 * A listener whose state belongs in a checkpoint: a stopping rule's windows of past losses, say.
 * Restored from the checkpoint before a resumed run starts, it hears the rest of the run as it would
 * have heard it in an uninterrupted one, so it decides the same. The trainer returns its state at the
 * end in {@link dev.lva.api.TrainingResult#finalState()}.
 */
public interface StatefulListener extends TrainingListener, Stateful {

    /** The key its state is stored under: letters, digits, '.', '_' and '-'. */
    @Override
    String stateKey();

    /** A copy of its state now. */
    @Override
    StateDict state();

    /** Takes the state {@link #state()} gave; refuses a state it cannot continue from. */
    @Override
    void loadState(StateDict state);
}
