package dev.lva.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import dev.lva.api.check.GradientCheck;
import dev.lva.core.nn.activation.LeakyReLU;
import dev.lva.core.param.OperatorNorm;
import dev.lva.core.param.SpectralNorm;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.tensor.TorchGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ConvLayersTest {

    private static void assertPasses(Layer layer, Shape input) {
        for (GradientCheck r : LayerGradientCheck.defaults().check(layer, 2, input, 7)) {
            assertTrue(r.passed(), r::toString);
        }
    }

    /** Strides 1 and 2, paddings 0 and 1, odd and even sizes, dilation 2, with and without bias. */
    @Test
    void convolutionsPassTheGradientCheck() {
        List<String> checked = new ArrayList<>();
        for (int stride = 1; stride <= 2; stride++) {
            for (int pad = 0; pad <= 1; pad++) {
                for (int size : new int[] {5, 6}) {
                    for (int dilation = 1; dilation <= 2; dilation++) {
                        ConvSpec spec = new ConvSpec(3, 2, stride, stride, pad, pad, dilation, dilation);
                        boolean bias = (stride + pad + size) % 2 == 0;
                        Shape in = Shape.image(2, size, size + 1);
                        assertPasses(new Conv2d(2, 3, spec, bias, null), in);
                        assertPasses(new ConvTranspose2d(2, 3, spec, bias, null), in);
                        checked.add(spec + " " + in);
                    }
                }
            }
        }
        assertEquals(16, checked.size());
    }

    @Test
    void spectralNormsOfConvolutionsPassTheGradientCheck() {
        Shape in = Shape.image(2, 5, 4);
        ConvSpec spec = ConvSpec.of(3, 2, 1);
        assertPasses(new Conv2d(2, 3, spec, true, SpectralNorm.factory()), in);
        assertPasses(new ConvTranspose2d(2, 3, spec, true, SpectralNorm.factory()), in);
        assertPasses(new Conv2d(2, 3, spec, true, OperatorNorm.factory()), in);
        assertPasses(new ConvTranspose2d(2, 3, spec, false, OperatorNorm.factory()), in);
    }

    /** Forward passes as PyTorch computes them (init-values.json), so layouts and conventions are PyTorch's. */
    @Test
    void initialisationAndForwardAreThoseOfPyTorch() {
        for (DataType t : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            String p = t == DataType.FLOAT ? "f32." : "f64.";
            double tol = t == DataType.FLOAT ? 1e-5 : 1e-13;
            Conv2d conv = new Conv2d(3, 5, new ConvSpec(4, 3, 2, 1, 1, 2, 1, 2));
            conv.connect(Shape.image(3, 7, 6));
            ParameterBuffer.allocate(t, Map.of("conv", conv));
            TorchGenerator rng = new TorchGenerator(3);
            conv.initialize(rng);
            TorchValues.assertExact(p + "conv.weight", conv.weight());
            TorchValues.assertExact(p + "conv.bias", conv.bias());
            Matrix x = Matrix.zeros(t, 2, 3 * 7 * 6);
            rng.fillUniform(x, -1, 1);
            TorchValues.assertExact(p + "conv.x", x);
            TorchValues.assertClose(p + "conv.y", conv.forward(x, true), tol);

            ConvTranspose2d convt = new ConvTranspose2d(4, 3, ConvSpec.of(4, 2, 1));
            assertEquals(Shape.image(3, 6, 10), convt.connect(Shape.image(4, 3, 5)));
            ParameterBuffer.allocate(t, Map.of("convt", convt));
            rng = new TorchGenerator(4);
            convt.initialize(rng);
            TorchValues.assertExact(p + "convt.weight", convt.weight());
            TorchValues.assertExact(p + "convt.bias", convt.bias());
            Matrix xt = Matrix.zeros(t, 2, 4 * 3 * 5);
            rng.fillUniform(xt, -1, 1);
            TorchValues.assertExact(p + "convt.x", xt);
            TorchValues.assertClose(p + "convt.y", convt.forward(xt, true), tol);
        }
    }

    /**
     * Both spectral norms start where PyTorch's do for the same seed: lva_conv.py's operator norm
     * (v drawn, then u, 100 iterations and the one registration runs) and spectral_norm on the
     * kernels (dim 1 for the transposed convolution).
     */
    @Test
    void spectralNormStatesStartWherePyTorchsDo() {
        for (DataType t : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            String p = t == DataType.FLOAT ? "f32." : "f64.";
            double tol = t == DataType.FLOAT ? 2e-5 : 1e-10;
            ConvTranspose2d ct = new ConvTranspose2d(4, 3, ConvSpec.of(4, 2, 1), true, OperatorNorm.factory());
            OperatorNorm op = (OperatorNorm) build(ct, Shape.image(4, 5, 5), t, 5);
            TorchValues.assertClose(p + "convt_operator._u", op.u(), tol);
            TorchValues.assertClose(p + "convt_operator._v", op.v(), tol);
            Conv2d c = new Conv2d(2, 3, ConvSpec.of(3, 2, 1), true, OperatorNorm.factory());
            OperatorNorm oc = (OperatorNorm) build(c, Shape.image(2, 7, 6), t, 6);
            TorchValues.assertClose(p + "conv_operator._u", oc.u(), tol);
            TorchValues.assertClose(p + "conv_operator._v", oc.v(), tol);
            ConvTranspose2d kt = new ConvTranspose2d(4, 3, ConvSpec.of(4, 2, 1), true, SpectralNorm.factory());
            SpectralNorm sk = (SpectralNorm) build(kt, Shape.image(4, 5, 5), t, 7);
            TorchValues.assertClose(p + "convt_kernel._u", sk.u(), tol);
            TorchValues.assertClose(p + "convt_kernel._v", sk.v(), tol);
            Conv2d kc = new Conv2d(3, 5, ConvSpec.of(3, 1, 0), true, SpectralNorm.factory());
            SpectralNorm sc = (SpectralNorm) build(kc, Shape.image(3, 6, 6), t, 8);
            TorchValues.assertClose(p + "conv_kernel._u", sc.u(), tol);
            TorchValues.assertClose(p + "conv_kernel._v", sc.v(), tol);
        }
    }

    private static dev.lva.api.Parametrization build(ConvLayer layer, Shape in, DataType t, long seed) {
        layer.connect(in);
        ParameterBuffer.allocate(t, Map.of("l", layer));
        layer.initialize(new TorchGenerator(seed));
        return layer.parametrization();
    }

    /** The operator of a layer as an explicit matrix, column by column: A e_j for each input basis vector. */
    private static INDArray operatorMatrix(ConvLayer layer, Matrix weight) {
        Shape in = layer.inputShape();
        int n = in.size();
        int m = layer.outputShape(in).size();
        INDArray a = Nd4j.create(DataType.DOUBLE, m, n);
        Matrix e = Matrix.zeros(DataType.DOUBLE, 1, n);
        Matrix y = Matrix.zeros(DataType.DOUBLE, 1, m);
        var ws = ConvLayer.CONV.workspace();
        for (int j = 0; j < n; j++) {
            e.fill(0);
            e.set(j, 1);
            layer.apply(e, weight, null, y, ws);
            for (int i = 0; i < m; i++) {
                a.putScalar(i, j, y.get(i));
            }
        }
        return a;
    }

    private static double largestSingularValue(INDArray a) {
        INDArray f = a.dup('f');
        int k = (int) Math.min(f.rows(), f.columns());
        INDArray s = Nd4j.create(DataType.DOUBLE, k);
        Nd4j.getBlasWrapper().lapack().gesvd(f, s, null, null);
        return s.getDouble(0);
    }

    @Test
    void operatorNormIsTheLargestSingularValueOfTheOperatorsMatrix() {
        ConvLayer[] layers = {
            new Conv2d(2, 3, ConvSpec.of(3, 2, 1), true, OperatorNorm.factory()),
            new ConvTranspose2d(3, 2, ConvSpec.of(4, 2, 1), true, OperatorNorm.factory()),
            new Conv2d(2, 2, ConvSpec.of(3, 1, 2, 2), false, OperatorNorm.factory()),
        };
        Shape[] inputs = {Shape.image(2, 6, 5), Shape.image(3, 3, 4), Shape.image(2, 5, 5)};
        for (int i = 0; i < layers.length; i++) {
            ConvLayer layer = layers[i];
            OperatorNorm norm = (OperatorNorm) build(layer, inputs[i], DataType.DOUBLE, 11 + i);
            Matrix x = Matrix.zeros(DataType.DOUBLE, 1, inputs[i].size());
            for (int step = 0; step < 300; step++) {
                layer.forward(x, true); // one power iteration each
            }
            double exact = largestSingularValue(operatorMatrix(layer, layer.weight()));
            assertEquals(exact, norm.sigma(), 1e-4 * exact, layer.describe() + ": sigma vs SVD of the operator");
            assertEquals(1.0, largestSingularValue(operatorMatrix(layer, layer.effectiveWeight())), 1e-4,
                    layer.describe() + ": the normalised operator has norm 1");
            // the kernel's norm is another number: the operator's is the one that bounds the layer
            double kernel = largestSingularValue(layer.weight().array());
            assertTrue(Math.abs(kernel - exact) > 1e-3 * exact, "kernel " + kernel + " vs operator " + exact);
        }
    }

    @Test
    void aConvolutionalNetworkChecksItsShapes() {
        Sequential encoder = Sequential.of(Shape.image(1, 32, 32),
                new Conv2d(1, 8, ConvSpec.of(4, 2, 1)), new LeakyReLU(0.2),
                new Conv2d(8, 16, ConvSpec.of(4, 2, 1)), new LeakyReLU(0.2),
                new Flatten(), new Linear(16 * 8 * 8, 4));
        assertEquals(Shape.image(16, 8, 8), encoder.shapeAfter(2));
        assertEquals(Shape.features(4), encoder.outputShape(Shape.image(1, 32, 32)));
        Sequential decoder = Sequential.of(Shape.features(4), new Linear(4, 16 * 4 * 4), new Unflatten(16, 4, 4),
                new ConvTranspose2d(16, 8, ConvSpec.of(4, 2, 1)), new LeakyReLU(0.2),
                new ConvTranspose2d(8, 1, ConvSpec.of(4, 2, 1)));
        assertEquals(Shape.image(1, 16, 16), decoder.outputShape(Shape.features(4)));

        LvaException channels = assertThrows(LvaException.class, () -> Sequential.of(Shape.image(3, 8, 8),
                new Conv2d(1, 4, ConvSpec.of(3, 1, 1))));
        assertEquals("layer 0 of 1: Conv2d(1 -> 4, k3 s1 p1) expects input N x 1 x H x W, got N x 3 x 8 x 8",
                channels.getMessage());
        LvaException tooBig = assertThrows(LvaException.class, () -> Sequential.of(Shape.image(1, 4, 4),
                new Conv2d(1, 4, ConvSpec.of(7, 1, 0))));
        assertEquals("layer 0 of 1: Conv2d(1 -> 4, k7 s1 p0) cannot take N x 1 x 4 x 4: a kernel of 7 x 7 (dilation"
                + " 1 x 1) does not fit in a 4 x 4 input padded by 0 x 0", tooBig.getMessage());
        LvaException flat = assertThrows(LvaException.class, () -> Sequential.of(Shape.features(16),
                new Conv2d(1, 4, ConvSpec.of(3, 1, 1))));
        assertEquals("layer 0 of 1: Conv2d(1 -> 4, k3 s1 p1) expects input N x 1 x H x W, got N x 16",
                flat.getMessage());
    }

    @Test
    void anUnconnectedConvolutionSaysHowToConnectIt() {
        Conv2d conv = new Conv2d(1, 2, ConvSpec.of(3, 1, 1));
        ParameterBuffer.allocate(DataType.FLOAT, Map.of("c", conv));
        conv.initialize(new TorchGenerator(0));
        LvaException e = assertThrows(LvaException.class, () -> conv.forward(Matrix.zeros(DataType.FLOAT, 2, 9), true));
        assertEquals("Conv2d(1 -> 2, k3 s1 p1) is not connected to an input shape: build it in Sequential.of(shape,"
                + " ...) or call connect(shape) first", e.getMessage());
    }
}
