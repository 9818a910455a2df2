package dev.lva.core.nn;

import dev.lva.api.check.GradientCheck;
import dev.lva.api.check.GradientChecker;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.tensor.Rng;
import dev.lva.core.tensor.TorchGenerator;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Float64 gradient checks of a {@link Layer}: the scalar {@code sum(R * layer(x))} for a fixed
 * random R, differentiated by the layer's backward pass and by central differences, with respect to
 * the input and to every parameter. The layer runs in evaluation mode so that stateful
 * parametrizations (spectral norm) hold still while entries are perturbed.
 */
public final class LayerGradientCheck {
    private final GradientChecker checker;

    public LayerGradientCheck(GradientChecker checker) {
        this.checker = checker;
    }

    public static LayerGradientCheck defaults() {
        return new LayerGradientCheck(GradientChecker.defaults());
    }

    /** Input gradient check, then parameter gradient check (the latter only if the layer has parameters). */
    public GradientCheck[] check(Layer layer, int rows, int inputWidth, long seed) {
        return check(layer, rows, Shape.features(inputWidth), seed);
    }

    /**
     * The same for samples of any shape: the layer is connected to {@code inputShape} first (a
     * convolution learns its geometry there), then its parameters are laid out and initialised.
     */
    public GradientCheck[] check(Layer layer, int rows, Shape inputShape, long seed) {
        Shape output = layer.connect(inputShape);
        ParameterBuffer params = ParameterBuffer.allocate(DataType.DOUBLE, Map.of("layer", layer));
        layer.initialize(new TorchGenerator(seed));
        int inputWidth = inputShape.size();
        INDArray x = Nd4j.create(DataType.DOUBLE, rows, inputWidth);
        Rng rng = new Rng(seed + 1);
        for (long i = 0; i < x.length(); i++) {
            x.putScalar(i, rng.uniform(-2, 2));
        }
        int outWidth = output.size();
        INDArray projection = checker.random(rows, outWidth);
        Matrix r = Matrix.wrap(projection);

        params.zeroGradients();
        layer.forward(Matrix.wrap(x), false);
        Matrix dx = layer.backward(r, true);
        INDArray inputGradient = dx.array().dup();
        INDArray parameterGradient = params.gradients().dup();

        GradientCheck input = checker.check(layer.describe() + " input", x,
                a -> dot(layer.forward(Matrix.wrap(a), false), r), inputGradient);
        if (params.size() == 0) {
            return new GradientCheck[] {input};
        }
        Matrix xm = Matrix.wrap(x);
        GradientCheck parameters = checker.check(layer.describe() + " parameters", params.values(),
                p -> dot(layer.forward(xm, false), r), parameterGradient);
        return new GradientCheck[] {input, parameters};
    }

    private static double dot(Matrix a, Matrix b) {
        return dev.lva.core.tensor.Blas.dot(a, b);
    }
}
