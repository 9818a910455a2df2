package dev.lva.api;

/**
 * Something whose state belongs in a checkpoint beside the model's and the optimizer's: a training
 * listener such as a stopping rule with its windows of past losses. A trainer returns the states of
 * its stateful listeners in {@link TrainingResult#finalState()}.
 */
public interface Stateful {

    /** The key its state is stored under: letters, digits, '.', '_' and '-'. */
    String stateKey();

    /** A copy of its state now. */
    StateDict state();

    /** Takes the state {@link #state()} gave; refuses a state it cannot continue from. */
    void loadState(StateDict state);
}
