package dev.lva.core.train;

import dev.lva.api.StateDict;
import dev.lva.api.TrainingListener;

/**
 * A listener whose state belongs in a checkpoint: a stopping rule's windows of past losses, say.
 * Restored from the checkpoint before a resumed run starts, it hears the rest of the run as it would
 * have heard it in an uninterrupted one, so it decides the same.
 */
public interface StatefulListener extends TrainingListener {

    /** The key its state is stored under: letters, digits, '.', '_' and '-'. */
    String stateKey();

    /** A copy of its state now. */
    StateDict state();

    /** Takes the state {@link #state()} gave; refuses a state it cannot continue from. */
    void loadState(StateDict state);
}
