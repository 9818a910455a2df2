package dev.lva.core.optim;

import dev.lva.api.LvaException;
import dev.lva.api.Optimizer;

/** What every built-in optimizer keeps: a learning rate and the number of steps taken. */
abstract class StepOptimizer implements Optimizer {
    protected double lr;
    protected long step;

    StepOptimizer(double lr) {
        this.lr = lr;
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
