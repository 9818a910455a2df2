package dev.lva.api;

/** A running fit as its listeners see it: what is trained, where it is, and a way to stop it. */
public interface TrainingRun {

    TrainableModel model();

    Optimizer optimizer();

    /** Optimizer steps taken so far. */
    long step();

    /** The current epoch, counting from 0. */
    int epoch();

    /** Ends the run after the current step; the result says {@code REQUESTED} with this reason. */
    void requestStop(String reason);

    /**
     * Where the run stands, as its trainer's state: what a checkpoint stores and a
     * {@link ResumableTrainer} continues from. Empty when the trainer cannot be resumed.
     */
    default java.util.Optional<StateDict> trainerState() {
        return java.util.Optional.empty();
    }
}
