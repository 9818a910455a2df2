package dev.lva.api.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import dev.lva.api.Regularizer;
import dev.lva.api.testing.SquareRegularizer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class GradientCheckerTest {
    private final GradientChecker checker = GradientChecker.defaults();

    @Test
    void acceptsACorrectGradient() {
        INDArray x = checker.random(5, 3);
        // f(x) = sum(sin(x)); f'(x) = cos(x)
        GradientCheck r = checker.check("sum sin", x, a -> Transforms.sin(a, true).sumNumber().doubleValue(),
                Transforms.cos(x, true));
        assertTrue(r.passed(), r::toString);
        assertEquals(15, r.checked());
        assertTrue(r.maxRelError() < 1e-7, r::toString);
    }

    @Test
    void catchesAWrongGradientAndSaysWhere() {
        INDArray x = checker.random(4, 4);
        INDArray wrong = Transforms.cos(x, true);
        wrong.putScalar(6, wrong.getDouble(6) * 1.01);
        GradientCheck r = checker.check("sum sin", x, a -> Transforms.sin(a, true).sumNumber().doubleValue(), wrong);
        assertFalse(r.passed());
        assertEquals(1, r.failures());
        assertEquals(6, r.worstIndex());
        assertTrue(r.toString().contains("FAILED"), r::toString);
    }

    @Test
    void restoresTheInput() {
        INDArray x = checker.random(3, 2);
        INDArray before = x.dup();
        checker.check("sum", x, a -> a.sumNumber().doubleValue(), Nd4j.ones(DataType.DOUBLE, 3, 2));
        assertEquals(before, x);
    }

    @Test
    void checksARegularizerIncludingAccumulation() {
        GradientCheck r = checker.checkRegularizer(new SquareRegularizer(1), checker.random(8, 3));
        assertTrue(r.passed(), r::toString);

        Regularizer overwriting = new SquareRegularizer(1) {
            @Override
            public double valueAndGradient(INDArray x, INDArray gradient, double scale) {
                gradient.assign(x.mul(2.0 * scale / x.length()));
                return value(x);
            }
        };
        LvaException e = assertThrows(LvaException.class,
                () -> checker.checkRegularizer(overwriting, checker.random(8, 3)));
        assertTrue(e.getMessage().contains("must add 2.5 * gradient"), e.getMessage());
    }

    @Test
    void refusesFloat32() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 2);
        LvaException e = assertThrows(LvaException.class,
                () -> checker.check("f", x, a -> 0, Nd4j.zeros(DataType.FLOAT, 2, 2)));
        assertTrue(e.getMessage().contains("float64"), e.getMessage());
    }
}
