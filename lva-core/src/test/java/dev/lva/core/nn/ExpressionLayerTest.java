package dev.lva.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import dev.lva.api.autodiff.Tensor;
import dev.lva.api.check.GradientCheck;
import dev.lva.core.nn.ExpressionLayer.Parameter;
import dev.lva.core.nn.activation.Tanh;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.tensor.TorchGenerator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A layer as an expression: its automatic backward against finite differences and against hand-written layers. */
class ExpressionLayerTest {

    /** x + W2 tanh(W1 x + b1): the residual block that took 38 hand-written lines. */
    static ExpressionLayer residual(int d, int hidden) {
        return new ExpressionLayer("residual", d, d,
                List.of(Parameter.linear("w1", hidden, d), Parameter.bias("b1", hidden, d),
                        Parameter.linear("w2", d, hidden)),
                (x, p) -> x.add(x.matmul(p.get(0).transpose()).add(p.get(1)).tanh().matmul(p.get(2).transpose())));
    }

    @Test
    void aResidualBlockPassesTheFloat64GradientCheck() {
        GradientCheck[] checks = LayerGradientCheck.defaults().check(residual(4, 6), 5, 4, 3);
        assertEquals(2, checks.length, "input and parameters");
        for (GradientCheck c : checks) {
            assertTrue(c.passed(), c::toString);
        }
    }

    @Test
    void inANetworkItTrainsBesideHandWrittenLayers() {
        Sequential net = Sequential.of(Shape.features(3), List.of(new Linear(3, 4), residual(4, 5), new Tanh(),
                new Linear(4, 2)));
        for (GradientCheck c : LayerGradientCheck.defaults().check(net, 6, 3, 11)) {
            assertTrue(c.passed(), c::toString);
        }
    }

    @Test
    void writtenAsLinearItGivesLinearsNumbersForwardAndBackward() {
        Linear linear = new Linear(4, 3);
        ExpressionLayer twin = new ExpressionLayer("linear", 4, 3,
                List.of(Parameter.linear("weight", 3, 4), Parameter.bias("bias", 3, 4)),
                (x, p) -> x.matmul(p.get(0).transpose()).add(p.get(1)));
        ParameterBuffer a = ParameterBuffer.allocate(DataType.DOUBLE, Map.of("l", linear));
        ParameterBuffer b = ParameterBuffer.allocate(DataType.DOUBLE, Map.of("l", twin));
        linear.connect(Shape.features(4));
        twin.connect(Shape.features(4));
        linear.initialize(new TorchGenerator(5));
        twin.initialize(new TorchGenerator(5));
        assertEquals(a.values(), b.values(), "the same draws as PyTorch's Linear");

        INDArray x = Nd4j.rand(DataType.DOUBLE, 7, 4).subi(0.5);
        INDArray g = Nd4j.rand(DataType.DOUBLE, 7, 3).subi(0.5);
        INDArray y1 = linear.forward(Matrix.wrap(x), true).array().dup();
        INDArray y2 = twin.forward(Matrix.wrap(x), true).array().dup();
        assertTrue(y1.equalsWithEps(y2, 1e-12), y1 + " vs " + y2);
        a.zeroGradients();
        b.zeroGradients();
        INDArray dx1 = linear.backward(Matrix.wrap(g), true).array().dup();
        INDArray dx2 = twin.backward(Matrix.wrap(g), true).array().dup();
        assertTrue(dx1.equalsWithEps(dx2, 1e-12), "input gradients");
        assertTrue(a.gradients().equalsWithEps(b.gradients(), 1e-12), a.gradients() + " vs " + b.gradients());
    }

    @Test
    void anExpressionOfTheWrongShapeIsNamed() {
        ExpressionLayer wrong = new ExpressionLayer("sum", 3, 3, List.of(), (x, p) -> x.sum(1));
        wrong.connect(Shape.features(3));
        String m = assertThrows(LvaException.class,
                () -> wrong.forward(Matrix.wrap(Nd4j.ones(DataType.DOUBLE, 2, 3)), false)).getMessage();
        assertEquals("sum(3 -> 3): the expression must give 2 x 3, got 2 x 1", m);
        assertThrows(LvaException.class, () -> wrong.outputShape(Shape.features(4)));
    }

    private static ExpressionLayer oneWeight(ExpressionLayer.Forward f) {
        ExpressionLayer l = new ExpressionLayer("w", 3, 3, List.of(Parameter.linear("w", 3, 3)), f);
        ParameterBuffer.allocate(DataType.DOUBLE, Map.of("l", l));
        l.connect(Shape.features(3));
        l.initialize(new TorchGenerator(1));
        return l;
    }

    /** Layers that once failed late with a NullPointerException or a tape's message, or lost a parameter. */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> misbuilt() {
        ExpressionLayer.Forward f = (x, p) -> x.matmul(p.get(0));
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("null forward", (org.junit.jupiter.api.function.Executable)
                        () -> new ExpressionLayer("n", 3, 3, List.of(), null), "n: the forward expression is null"),
                org.junit.jupiter.params.provider.Arguments.of("null parameters", (org.junit.jupiter.api.function.Executable)
                        () -> new ExpressionLayer("n", 3, 3, null, f), "n: the parameter list is null"),
                // the state dict held one of them: the other was neither saved nor loaded
                org.junit.jupiter.params.provider.Arguments.of("two parameters of one name",
                        (org.junit.jupiter.api.function.Executable) () -> new ExpressionLayer("d", 3, 3, List.of(
                                Parameter.linear("w", 3, 3), Parameter.linear("w", 3, 3)), f),
                        "d: two parameters are named w"),
                org.junit.jupiter.params.provider.Arguments.of("a layer of its own naming two parameters alike",
                        (org.junit.jupiter.api.function.Executable) () -> ParameterBuffer.allocate(DataType.DOUBLE,
                                Map.of("l", new Layer() {
                                    @Override
                                    public Shape outputShape(Shape in) {
                                        return in;
                                    }

                                    @Override
                                    public List<ParamSpec> parameterSpecs() {
                                        return List.of(new ParamSpec("w", 1, 2), new ParamSpec("w", 1, 2));
                                    }

                                    @Override
                                    public Matrix forward(Matrix x, boolean training) {
                                        return x;
                                    }

                                    @Override
                                    public Matrix backward(Matrix g, boolean needInputGradient) {
                                        return g;
                                    }

                                    @Override
                                    public String describe() {
                                        return "twin";
                                    }
                                })), "two parameters are named l.w"),
                // a tensor kept from an earlier forward: its values are not this batch's
                org.junit.jupiter.params.provider.Arguments.of("a tensor of another tape",
                        (org.junit.jupiter.api.function.Executable) () -> {
                            Tensor[] kept = new Tensor[1];
                            ExpressionLayer l = oneWeight((x, p) -> kept[0] == null ? (kept[0] = f.apply(x, p)) : kept[0]);
                            l.forward(Matrix.wrap(Nd4j.ones(DataType.DOUBLE, 2, 3)), true);
                            l.forward(Matrix.wrap(Nd4j.ones(DataType.DOUBLE, 2, 3)), true);
                        }, "w(3 -> 3): the expression gave a tensor recorded on another tape"));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("misbuilt")
    void aMisbuiltLayerFailsNamingWhat(String name, org.junit.jupiter.api.function.Executable build, String message) {
        String m = assertThrows(LvaException.class, build).getMessage();
        assertTrue(m.contains(message), m);
    }

    @Test
    void aConstantOutputHasZeroGradients() {
        ExpressionLayer l = oneWeight((x, p) -> Tensor.constant(2, 3, 1, 2, 3, 4, 5, 6));
        assertEquals(6.0, l.forward(Matrix.wrap(Nd4j.ones(DataType.DOUBLE, 2, 3)), true).get(5));
        Matrix dx = l.backward(Matrix.wrap(Nd4j.ones(DataType.DOUBLE, 2, 3)), true);
        for (int i = 0; i < 6; i++) {
            assertEquals(0.0, dx.get(i));
        }
    }
}
