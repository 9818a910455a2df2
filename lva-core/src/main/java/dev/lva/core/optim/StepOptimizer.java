package dev.lva.core.optim;

import dev.lva.api.LvaException;
import dev.lva.api.Optimizer;
import dev.lva.api.StateDict;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What every built-in optimizer keeps: a learning rate and the number of steps taken. */
abstract class StepOptimizer implements Optimizer {
    protected double lr;
    protected long step;

    StepOptimizer(double lr) {
        this.lr = lr;
    }

    /**
     * Checks what every built-in optimizer keeps, a whole step >= 0, a rate > 0 and one value per
     * parameter in each array, then loads.
     */
    @Override
    public void loadState(StateDict state, long parameterCount) {
        String name = getClass().getSimpleName();
        double s = state.scalars().getOrDefault("step", 0.0);
        double rate = state.scalars().getOrDefault("lr", 1.0);
        if (!(s >= 0 && s == Math.rint(s)) || !(rate > 0)) {
            throw new LvaException("optimizer " + name + " has step " + s + " and learning rate " + rate
                    + "; expected a whole step >= 0 and a rate > 0");
        }
        for (Map.Entry<String, INDArray> e : state.arrays().entrySet()) {
            if (e.getValue().length() != parameterCount) {
                throw new LvaException("optimizer state '" + e.getKey() + "' has " + e.getValue().length()
                        + " values, the model has " + parameterCount + " parameters");
            }
        }
        loadState(state);
    }

    @Override
    public long iterations() {
        return step;
    }

    @Override
    public double learningRate() {
        return lr;
    }

    @Override
    public void setLearningRate(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new LvaException("learning rate must be a finite number > 0, got " + learningRate);
        }
        this.lr = learningRate;
    }
}
