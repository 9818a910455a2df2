package dev.lva.core.nn;

import dev.lva.api.LvaException;
import dev.lva.api.Parametrization;
import dev.lva.core.kernel.ConvGeometry;
import dev.lva.core.kernel.Convolutions;
import dev.lva.core.tensor.Matrix;

/**
 * A 2-D convolution as PyTorch's {@code nn.Conv2d} (cross-correlation, groups = 1): weight
 * {@code out x in x kh x kw}, one bias per output channel, initialised like PyTorch from the same
 * generator stream ({@code kaiming_uniform_(a=sqrt(5))}, then the bias), so a seed gives PyTorch's
 * weights. Input {@code N x in x H x W}, output {@code N x out x Ho x Wo} with
 * {@code Ho = (H + 2 pad - dilation (k - 1) - 1) / stride + 1}. Backward: the weight gradient, the
 * bias gradient (channel sums) and the input gradient (the adjoint convolution), all through the
 * engine's {@link Convolutions} kernel.
 */
public final class Conv2d extends ConvLayer {

    public Conv2d(int in, int out, ConvSpec spec) {
        this(in, out, spec, true, null);
    }

    /**
     * @param parametrization makes the weight's parametrization (spectral norm of the kernel or of
     *                        the operator) once the weight is initialised; null for none
     */
    public Conv2d(int in, int out, ConvSpec spec, boolean bias, Parametrization.Factory parametrization) {
        super(in, out, spec, bias, parametrization);
    }

    @Override
    ConvGeometry geometryFor(Shape input) {
        requireChannels(input);
        try {
            return ConvGeometry.of(in, input.height(), input.width(), out, spec.kernelHeight(), spec.kernelWidth(),
                    spec.strideHeight(), spec.strideWidth(), spec.padHeight(), spec.padWidth(), spec.dilationHeight(),
                    spec.dilationWidth());
        } catch (LvaException e) {
            throw new LvaException(describe() + " cannot take " + input + ": " + e.getMessage(), e);
        }
    }

    @Override
    Shape outputShapeOf(ConvGeometry g) {
        return Shape.image(g.outChannels(), g.outHeight(), g.outWidth());
    }

    @Override
    long[] weightShape() {
        return new long[] {out, in, spec.kernelHeight(), spec.kernelWidth()};
    }

    @Override
    int fanIn() {
        return in * spec.kernelArea();
    }

    @Override
    void apply(Matrix x, Matrix w, Matrix bias, Matrix y, Convolutions.Workspace ws) {
        CONV.convolve(geometry, x, w, bias, y, ws);
    }

    @Override
    void applyAdjoint(Matrix dy, Matrix w, Matrix dx, Convolutions.Workspace ws) {
        CONV.convolveAdjoint(geometry, dy, w, dx, ws);
    }

    @Override
    void weightGradient(Matrix x, Matrix dy, double beta, Matrix dw, Convolutions.Workspace ws) {
        CONV.weightGradient(geometry, x, dy, beta, dw, ws);
    }

    @Override
    void backward(Matrix x, Matrix dy, Matrix w, Matrix dx, double beta, Matrix dw, Matrix db,
                  Convolutions.Workspace ws) {
        CONV.convolveBackward(geometry, x, dy, w, dx, beta, dw, db, ws);
    }

    @Override
    public String describe() {
        return describe("Conv2d");
    }
}
