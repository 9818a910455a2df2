package dev.lva.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import dev.lva.api.check.GradientCheck;
import dev.lva.core.nn.activation.Activations;
import dev.lva.core.tensor.Matrix;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class ShapeTest {

    @Test
    void shapesPrintBatchFirstAndCountTheirEntries() {
        Shape s = Shape.image(3, 4, 5);
        assertEquals("N x 3 x 4 x 5", s.toString());
        assertEquals(60, s.size());
        assertEquals(3, s.channels());
        assertEquals(Shape.of(3, 4, 5), s);
        assertEquals(Shape.image(1, 28, 28), Shape.ofBatch(new long[] {10, 1, 28, 28}));
        assertEquals("N x 7", Shape.features(7).toString());
        assertEquals("sample dimensions must be positive, got N x 3 x 0",
                assertThrows(LvaException.class, () -> Shape.of(3, 0)).getMessage());
        assertEquals("shape N x 7 has no height (not N x C x H x W)",
                assertThrows(LvaException.class, () -> Shape.features(7).height()).getMessage());
    }

    @Test
    void sequentialInfersTheShapeOfEveryLayer() {
        Sequential net = Sequential.of(Shape.features(6), new Linear(6, 12), Activations.create("tanh"),
                new Unflatten(3, 2, 2), Activations.create("relu"), new Flatten(), new Linear(12, 2));
        assertEquals(Shape.features(6), net.inputShape());
        assertEquals(Shape.image(3, 2, 2), net.shapeAfter(2));
        assertEquals(Shape.image(3, 2, 2), net.shapeAfter(3));
        assertEquals(Shape.features(12), net.shapeAfter(4));
        assertEquals(Shape.features(2), net.outputShape(Shape.features(6)));
        assertEquals(2, net.outputWidth(6));
    }

    @Test
    void aShapeThatDoesNotFitNamesTheLayerAndBothShapes() {
        LvaException e = assertThrows(LvaException.class, () -> Sequential.of(Shape.features(8), new Linear(8, 12),
                new Unflatten(3, 2, 2), new Linear(12, 2)));
        assertEquals("layer 2 of 3: Linear(12 -> 2) expects input N x 12, got N x 3 x 2 x 2; put a Flatten before it",
                e.getMessage());
        LvaException size = assertThrows(LvaException.class, () -> Sequential.of(Shape.features(8),
                new Linear(8, 12), new Unflatten(2, 2, 2)));
        assertEquals("layer 1 of 2: Unflatten(N x 2 x 2 x 2) needs 8 entries per sample, got N x 12",
                size.getMessage());
        LvaException width = assertThrows(LvaException.class, () -> new Sequential(new Linear(4, 3)).outputWidth(5));
        assertEquals("layer 0 of 1: Linear(4 -> 3) expects input N x 4, got N x 5", width.getMessage());
    }

    @Test
    void flattenAndUnflattenMoveNoData() {
        Flatten flatten = new Flatten();
        Unflatten unflatten = new Unflatten(Shape.image(2, 3, 1));
        Matrix x = Matrix.zeros(DataType.FLOAT, 4, 6);
        assertSame(x, flatten.forward(x, true));
        assertSame(x, unflatten.forward(x, true));
        assertSame(x, unflatten.backward(x, true));
        assertEquals(null, flatten.backward(x, false));
        assertEquals(Shape.features(6), flatten.outputShape(Shape.image(2, 3, 1)));
    }

    @Test
    void flattenAndUnflattenPassTheGradientCheck() {
        Shape image = Shape.image(2, 3, 2);
        for (Layer l : new Layer[] {new Flatten(), new Unflatten(Shape.of(3, 4))}) {
            for (GradientCheck r : LayerGradientCheck.defaults().check(l, 3, image, 1)) {
                assertTrue(r.passed(), r::toString);
            }
        }
        Sequential net = new Sequential(new Linear(12, 12), new Unflatten(image), Activations.create("softplus"),
                new Flatten(), new Linear(12, 3));
        for (GradientCheck r : LayerGradientCheck.defaults().check(net, 4, 12, 2)) {
            assertTrue(r.passed(), r::toString);
        }
    }

    @Test
    void aConnectedNetworkAlsoTakesItsInputAsPlainFeatures() {
        Sequential net = Sequential.of(Shape.image(1, 2, 2), new Flatten(), new Linear(4, 3));
        assertEquals(Shape.features(3), net.outputShape(Shape.features(4)));
        assertEquals(Shape.features(3), net.connect(Shape.image(1, 2, 2)));
        ParameterBuffer.allocate(DataType.FLOAT, Map.of("net", net));
        assertThrows(LvaException.class, () -> net.outputShape(Shape.image(1, 2, 3)));
    }
}
