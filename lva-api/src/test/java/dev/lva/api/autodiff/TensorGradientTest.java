package dev.lva.api.autodiff;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.check.GradientCheck;
import dev.lva.api.check.GradientChecker;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every operation of the tape against float64 central differences: each is projected onto a fixed
 * random matrix of its output's shape and summed, so every entry of its gradient is exercised.
 */
class TensorGradientTest {
    private final GradientChecker checker = GradientChecker.defaults();

    /** A fixed constant of the given shape with entries in [-1, 1], different per shape. */
    private static Tensor projection(int rows, int cols) {
        double[] v = new double[rows * cols];
        java.util.Random rng = new java.util.Random(31L * rows + cols);
        for (int i = 0; i < v.length; i++) {
            v[i] = 2 * rng.nextDouble() - 1;
        }
        return Tensor.constant(rows, cols, v);
    }

    private static UnaryOperator<Tensor> projected(UnaryOperator<Tensor> op) {
        return z -> {
            Tensor out = op.apply(z);
            return out.mul(projection(out.rows(), out.cols())).sum();
        };
    }

    @Test
    void everyOperationPassesTheGradientCheck() {
        Map<String, UnaryOperator<Tensor>> ops = new LinkedHashMap<>();
        ops.put("add", z -> z.add(z.mul(z)));
        ops.put("sub", z -> z.sub(z.exp()));
        ops.put("mul", z -> z.mul(z.tanh()));
        ops.put("div", z -> z.div(z.square().add(1)));
        ops.put("scalars", z -> z.add(2).sub(1).mul(3).div(4).neg());
        ops.put("broadcast row", z -> z.mul(z.columnMean()).add(z.sum(0)));
        ops.put("broadcast column", z -> z.div(z.square().sum(1).add(1)).sub(z.mean(1)));
        ops.put("broadcast scalar", z -> z.mul(z.sum()).add(z.mean()));
        ops.put("row with column", z -> z.sum(0).add(z.sum(1)));
        ops.put("constant operand", z -> projection(5, 3).div(z.square().add(1)));
        ops.put("exp", Tensor::exp);
        ops.put("log", z -> z.square().add(0.5).log());
        ops.put("log1p", z -> z.square().log1p());
        ops.put("sqrt", z -> z.square().add(0.1).sqrt());
        ops.put("square", Tensor::square);
        ops.put("pow", z -> z.square().add(0.5).pow(1.5));
        ops.put("abs", Tensor::abs);
        ops.put("softplus", z -> z.mul(3).softplus());
        ops.put("sigmoid", Tensor::sigmoid);
        ops.put("tanh", Tensor::tanh);
        ops.put("map", z -> z.map(Math::sin, Math::cos));
        ops.put("sum", Tensor::sum);
        ops.put("mean", Tensor::mean);
        ops.put("sum(0)", z -> z.sum(0));
        ops.put("sum(1)", z -> z.sum(1));
        ops.put("mean(0)", z -> z.mean(0));
        ops.put("mean(1)", z -> z.mean(1));
        ops.put("columnStd", Tensor::columnStd);
        ops.put("covariance", Tensor::covariance);
        ops.put("transpose", Tensor::transpose);
        ops.put("matmul", z -> z.transpose().matmul(z.exp()));
        ops.put("matmul constant", z -> z.matmul(projection(3, 4)));
        ops.put("logdet", z -> z.covariance().add(Tensor.eye(3).mul(0.1)).logdet());
        INDArray z = checker.random(5, 3);
        assertAll(ops.entrySet().stream().map(e -> () -> {
            GradientCheck r = checker.checkRegularizer(
                    ExpressionRegularizer.of(e.getKey(), 1, 2, projected(e.getValue())), z.dup());
            assertTrue(r.passed(), e.getKey() + ": " + r);
        }));
    }
}
