package dev.lva.api.autodiff;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import dev.lva.api.Regularizer;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Misuse that once gave a silently wrong tensor or value rather than an error: each must now fail
 * with an {@link LvaException} whose message names what was wrong.
 */
class TensorMisuseTest {

    static Stream<Arguments> misuse() {
        Tape tape = new Tape();
        Tensor kept = tape.variable(1, 1, new double[] {3.3});
        Regularizer stale = ExpressionRegularizer.of("stale", 1, z -> kept);
        return Stream.of(
                // -1 x -1 matched one value, 0 x 0 none: tensors of no or negative size
                Arguments.of("variable -1 x -1", (Executable) () -> new Tape().variable(-1, -1, new double[1]),
                        "1 values for a -1 x -1 tensor"),
                Arguments.of("variable 0 x 0", (Executable) () -> new Tape().variable(0, 0, new double[0]),
                        "0 values for a 0 x 0 tensor"),
                Arguments.of("eye(-1)", (Executable) () -> Tensor.eye(-1), "Tensor.eye: the size must be >= 1, got -1"),
                Arguments.of("eye(0)", (Executable) () -> Tensor.eye(0), "Tensor.eye: the size must be >= 1, got 0"),
                // (0, 3) of a 2 x 2 read entry (1, 1)
                Arguments.of("get past a row's end", (Executable) () -> Tensor.eye(2).get(0, 3),
                        "Tensor.get: (0, 3) is outside a 2 x 2 tensor"),
                Arguments.of("get a negative row", (Executable) () -> Tensor.eye(2).get(-1, 0),
                        "Tensor.get: (-1, 0) is outside a 2 x 2 tensor"),
                // a result kept from another call: its stale value was returned, no gradient given
                Arguments.of("a tensor of another tape", (Executable) () -> stale.valueAndGradient(
                        Nd4j.ones(DataType.DOUBLE, 2, 2), Nd4j.zeros(DataType.DOUBLE, 2, 2), 1),
                        "stale: the expression gave a tensor recorded on another tape"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misuse")
    void misuseFailsNamingIt(String name, Executable misuse, String message) {
        String m = assertThrows(LvaException.class, misuse).getMessage();
        assertTrue(m.contains(message), m);
    }
}
