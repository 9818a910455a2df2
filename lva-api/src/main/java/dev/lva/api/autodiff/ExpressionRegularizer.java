package dev.lva.api.autodiff;

import dev.lva.api.LvaException;
import dev.lva.api.dense.DenseMatrix;
import dev.lva.api.dense.DensePenalty;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * A latent penalty written as an expression of the code, its gradient by automatic
 * differentiation ({@link Tape}):
 *
 * <pre>{@code
 * Regularizer volume = ExpressionRegularizer.of("cov-volume", lambda, 2,
 *         z -> z.covariance().add(Tensor.eye(z.cols()).mul(eta * eta)).logdet().div(2 * z.cols()).exp());
 * }</pre>
 *
 * The code is read in float64 whatever its precision; the gradient is added in the buffer's own.
 */
public final class ExpressionRegularizer extends DensePenalty {
    private final int minRows;
    private final UnaryOperator<Tensor> expression;
    // the code in float64 and its gradient, reused from call to call: at 100 x 3 a call takes about
    // a microsecond, so allocating them each time would make the garbage collector the main cost
    private double[] input = new double[0];
    private double[] inputGradient = new double[0];

    private ExpressionRegularizer(String name, double lambda, int minRows, UnaryOperator<Tensor> expression) {
        super(name, lambda);
        if (minRows < 1) {
            throw new LvaException(name + ": minRows must be >= 1, got " + minRows);
        }
        if (expression == null) {
            throw new LvaException(name + ": the expression is null");
        }
        this.minRows = minRows;
        this.expression = expression;
    }

    /** A penalty defined for any batch of at least one row. */
    public static ExpressionRegularizer of(String name, double lambda, UnaryOperator<Tensor> expression) {
        return new ExpressionRegularizer(name, lambda, 1, expression);
    }

    /**
     * @param minRows rows the expression needs (2 when it takes standard deviations or covariances;
     *                see {@link dev.lva.api.Regularizer#minRows()})
     */
    public static ExpressionRegularizer of(String name, double lambda, int minRows, UnaryOperator<Tensor> expression) {
        return new ExpressionRegularizer(name, lambda, minRows, expression);
    }

    @Override
    public int minRows() {
        return minRows;
    }

    @Override
    public double valueAndGradient(DenseMatrix z, DenseMatrix gradient, double scale) {
        if (z.rows() < minRows) {
            throw new LvaException(name() + " needs at least " + minRows + " rows, got " + z.rows());
        }
        if (input.length != z.length()) {
            input = new double[z.length()];
            inputGradient = new double[z.length()];
        }
        z.copyTo(input);
        Arrays.fill(inputGradient, 0);
        Tape tape = new Tape();
        Tensor x = tape.variableOver(z.rows(), z.cols(), input, inputGradient);
        Tensor out = expression.apply(x);
        if (out == null || out.rows() != 1 || out.cols() != 1) {
            throw new LvaException(name() + ": the expression must give a 1 x 1 tensor (reduce with sum() or mean()), got "
                    + (out == null ? "null" : out.rows() + " x " + out.cols()));
        }
        if (out.tape() != null && out.tape() != tape) {
            // a tensor kept from an earlier call: its value is stale and no gradient would reach this code
            throw new LvaException(name() + ": the expression gave a tensor recorded on another tape (one kept from"
                    + " an earlier call?); compute the result from the code it is given");
        }
        if (gradient != null && scale != 0 && out.tape() == tape) {
            tape.backward(out);
            gradient.addScaled(inputGradient, scale);
        }
        return out.item();
    }
}
