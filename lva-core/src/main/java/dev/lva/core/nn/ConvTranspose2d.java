package dev.lva.core.nn;

import dev.lva.api.LvaException;
import dev.lva.api.Parametrization;
import dev.lva.core.kernel.ConvGeometry;
import dev.lva.core.kernel.Convolutions;
import dev.lva.core.tensor.Matrix;

/**
 * A 2-D transposed convolution as PyTorch's {@code nn.ConvTranspose2d} (groups = 1, no output
 * padding): the adjoint of the convolution from {@code out x Ho x Wo} to {@code in x H x W} with the
 * same weight, which PyTorch stores {@code in x out x kh x kw}, and a bias per output channel.
 * Output size {@code Ho = (H - 1) stride - 2 pad + dilation (k - 1) + 1}. Initialised like PyTorch
 * (its fan_in is {@code out * kh * kw}, the weight's second axis). Forward is the convolution's
 * adjoint, the input gradient the convolution itself, the weight gradient that of the convolution
 * with the roles of input and output exchanged.
 */
public final class ConvTranspose2d extends ConvLayer {

    public ConvTranspose2d(int in, int out, ConvSpec spec) {
        this(in, out, spec, true, null);
    }

    /** @param parametrization makes the weight's parametrization once the weight is initialised; null for none */
    public ConvTranspose2d(int in, int out, ConvSpec spec, boolean bias, Parametrization.Factory parametrization) {
        super(in, out, spec, bias, parametrization);
    }

    @Override
    ConvGeometry geometryFor(Shape input) {
        requireChannels(input);
        long oh = (long) (input.height() - 1) * spec.strideHeight() - 2L * spec.padHeight()
                + (long) spec.dilationHeight() * (spec.kernelHeight() - 1) + 1;
        long ow = (long) (input.width() - 1) * spec.strideWidth() - 2L * spec.padWidth()
                + (long) spec.dilationWidth() * (spec.kernelWidth() - 1) + 1;
        if (oh < 1 || ow < 1 || oh > Integer.MAX_VALUE || ow > Integer.MAX_VALUE) {
            throw new LvaException(describe() + " cannot take " + input + ": its output would be " + oh + " x " + ow);
        }
        // the convolution this layer is the adjoint of: from out x Ho x Wo back to in x H x W
        return ConvGeometry.of(out, (int) oh, (int) ow, in, spec.kernelHeight(), spec.kernelWidth(),
                spec.strideHeight(), spec.strideWidth(), spec.padHeight(), spec.padWidth(), spec.dilationHeight(),
                spec.dilationWidth());
    }

    @Override
    Shape outputShapeOf(ConvGeometry g) {
        return Shape.image(g.inChannels(), g.inHeight(), g.inWidth());
    }

    @Override
    long[] weightShape() {
        return new long[] {in, out, spec.kernelHeight(), spec.kernelWidth()};
    }

    @Override
    int fanIn() {
        return out * spec.kernelArea();
    }

    @Override
    void apply(Matrix x, Matrix w, Matrix bias, Matrix y, Convolutions.Workspace ws) {
        CONV.convolveAdjoint(geometry, x, w, bias, y, ws);
    }

    @Override
    void applyAdjoint(Matrix dy, Matrix w, Matrix dx, Convolutions.Workspace ws) {
        CONV.convolve(geometry, dy, w, dx, ws);
    }

    @Override
    void weightGradient(Matrix x, Matrix dy, double beta, Matrix dw, Convolutions.Workspace ws) {
        // <dy, conv^T(x)> = <conv(dy), x>: the convolution's weight gradient with input dy, output gradient x
        CONV.weightGradient(geometry, dy, x, beta, dw, ws);
    }

    @Override
    void backward(Matrix x, Matrix dy, Matrix w, Matrix dx, double beta, Matrix dw, Matrix db,
                  Convolutions.Workspace ws) {
        CONV.adjointBackward(geometry, x, dy, w, dx, beta, dw, db, ws);
    }

    @Override
    public String describe() {
        return describe("ConvTranspose2d");
    }
}
