package dev.lva.api.autodiff;

import dev.lva.api.LvaException;
import java.util.ArrayList;
import java.util.List;

/**
 * Records the operations applied to its variables in order, then runs them backwards (reverse-mode
 * automatic differentiation). One tape per evaluation: create it, make the variable, compute, call
 * {@link #backward}, read {@link Tensor#gradient()}. Not thread-safe.
 *
 * <p>Why a tape of lva's own rather than SameDiff: a latent penalty is a few dozen operations on a
 * few thousand numbers, so per-operation overhead decides the speed; SameDiff's graph setup and
 * op dispatch cost milliseconds per call at these sizes, this tape microseconds (see lva-bench's
 * PenaltyBenchmarks).
 */
public final class Tape {
    private final List<Tensor> nodes = new ArrayList<>();

    /** A variable (its gradient is computed) holding a copy of {@code values}, row-major. */
    public Tensor variable(int rows, int cols, double[] values) {
        // rows and cols each >= 1: -1 x -1 would match one value
        if (rows < 1 || cols < 1 || values.length != (long) rows * cols) {
            throw new LvaException("Tape.variable: " + values.length + " values for a " + rows + " x " + cols + " tensor");
        }
        return variableOver(rows, cols, values.clone(), null);
    }

    /**
     * A variable over {@code values} itself, no copy, its gradient accumulated into
     * {@code gradient} (zeroed by the caller) when not null: for a caller that reuses both arrays
     * from call to call.
     */
    Tensor variableOver(int rows, int cols, double[] values, double[] gradient) {
        Tensor t = new Tensor(this, rows, cols, values, null);
        if (gradient != null) {
            t.useGradientBuffer(gradient);
        }
        return record(t);
    }

    Tensor record(Tensor t) {
        nodes.add(t);
        return t;
    }

    /** Runs the recorded operations backwards from the scalar {@code output}, accumulating gradients. */
    public void backward(Tensor output) {
        if (output.tape() != this) {
            throw new LvaException("Tape.backward: the output was not computed on this tape");
        }
        if (output.rows() != 1 || output.cols() != 1) {
            throw new LvaException("Tape.backward: the output must be a scalar (1 x 1), got " + output.rows() + " x "
                    + output.cols() + "; reduce it with sum() or mean()");
        }
        output.gradientBuffer()[0] += 1;
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).propagate();
        }
    }
}
