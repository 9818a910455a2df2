package dev.lva.core.kernel.reference;

import dev.lva.api.LvaException;
import dev.lva.core.kernel.ConvGeometry;
import dev.lva.core.kernel.Convolutions;
import dev.lva.core.tensor.Matrix;

/**
 * Convolutions by their definition: {@code y[n,o,i,j] = sum_{c,p,q} w[o,c,p,q] x[n,c,i s - pad + p d,
 * j s - pad + q d]}, taps that fall in the padding reading zero. The adjoint and the weight gradient
 * run the same seven loops and move the product to the other side.
 */
final class ReferenceConvolutions implements Convolutions {
    private static final Workspace NONE = new Workspace() {
    };

    @Override
    public Workspace workspace() {
        return NONE;
    }

    @Override
    public void convolve(ConvGeometry g, Matrix x, Matrix w, Matrix y, Workspace ws) {
        check(g, x, w, y, "convolve");
        for (int n = 0; n < x.rows(); n++) {
            for (int o = 0; o < g.outChannels(); o++) {
                for (int i = 0; i < g.outHeight(); i++) {
                    for (int j = 0; j < g.outWidth(); j++) {
                        double s = 0;
                        for (int c = 0; c < g.inChannels(); c++) {
                            for (int p = 0; p < g.kernelHeight(); p++) {
                                for (int q = 0; q < g.kernelWidth(); q++) {
                                    int at = inputIndex(g, c, i, j, p, q);
                                    if (at >= 0) {
                                        s += w.get(o, weightIndex(g, c, p, q)) * x.get(n, at);
                                    }
                                }
                            }
                        }
                        y.set(n, outputIndex(g, o, i, j), s);
                    }
                }
            }
        }
    }

    @Override
    public void convolveAdjoint(ConvGeometry g, Matrix dy, Matrix w, Matrix dx, Workspace ws) {
        check(g, dx, w, dy, "convolveAdjoint");
        dx.fill(0);
        for (int n = 0; n < dy.rows(); n++) {
            for (int o = 0; o < g.outChannels(); o++) {
                for (int i = 0; i < g.outHeight(); i++) {
                    for (int j = 0; j < g.outWidth(); j++) {
                        double d = dy.get(n, outputIndex(g, o, i, j));
                        for (int c = 0; c < g.inChannels(); c++) {
                            for (int p = 0; p < g.kernelHeight(); p++) {
                                for (int q = 0; q < g.kernelWidth(); q++) {
                                    int at = inputIndex(g, c, i, j, p, q);
                                    if (at >= 0) {
                                        dx.set(n, at, dx.get(n, at) + w.get(o, weightIndex(g, c, p, q)) * d);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public void weightGradient(ConvGeometry g, Matrix x, Matrix dy, double beta, Matrix dw, Workspace ws) {
        check(g, x, dw, dy, "weightGradient");
        for (int o = 0; o < g.outChannels(); o++) {
            for (int c = 0; c < g.inChannels(); c++) {
                for (int p = 0; p < g.kernelHeight(); p++) {
                    for (int q = 0; q < g.kernelWidth(); q++) {
                        double s = 0;
                        for (int n = 0; n < x.rows(); n++) {
                            for (int i = 0; i < g.outHeight(); i++) {
                                for (int j = 0; j < g.outWidth(); j++) {
                                    int at = inputIndex(g, c, i, j, p, q);
                                    if (at >= 0) {
                                        s += dy.get(n, outputIndex(g, o, i, j)) * x.get(n, at);
                                    }
                                }
                            }
                        }
                        int k = weightIndex(g, c, p, q);
                        dw.set(o, k, beta == 0 ? s : beta * dw.get(o, k) + s);
                    }
                }
            }
        }
    }

    @Override
    public void addChannelBias(Matrix y, Matrix bias, int channels, int plane) {
        for (int n = 0; n < y.rows(); n++) {
            for (int c = 0; c < channels; c++) {
                for (int e = 0; e < plane; e++) {
                    y.set(n, c * plane + e, y.get(n, c * plane + e) + bias.get(c));
                }
            }
        }
    }

    @Override
    public void channelSums(Matrix dy, int channels, int plane, double beta, Matrix db) {
        for (int c = 0; c < channels; c++) {
            double s = 0;
            for (int n = 0; n < dy.rows(); n++) {
                for (int e = 0; e < plane; e++) {
                    s += dy.get(n, c * plane + e);
                }
            }
            db.set(c, beta == 0 ? s : beta * db.get(c) + s);
        }
    }

    /** Column of input entry (c, i s - pad + p d, j s - pad + q d) in a sample's row, or -1 in the padding. */
    private static int inputIndex(ConvGeometry g, int c, int i, int j, int p, int q) {
        int h = i * g.strideHeight() - g.padHeight() + p * g.dilationHeight();
        int v = j * g.strideWidth() - g.padWidth() + q * g.dilationWidth();
        if (h < 0 || h >= g.inHeight() || v < 0 || v >= g.inWidth()) {
            return -1;
        }
        return (c * g.inHeight() + h) * g.inWidth() + v;
    }

    private static int outputIndex(ConvGeometry g, int o, int i, int j) {
        return (o * g.outHeight() + i) * g.outWidth() + j;
    }

    private static int weightIndex(ConvGeometry g, int c, int p, int q) {
        return (c * g.kernelHeight() + p) * g.kernelWidth() + q;
    }

    private static void check(ConvGeometry g, Matrix x, Matrix w, Matrix y, String op) {
        if (x.cols() != g.inSize() || y.cols() != g.outSize() || x.rows() != y.rows() || w.rows() != g.outChannels()
                || w.cols() != g.patch()) {
            throw new LvaException(op + " " + g + ": input " + x.rows() + " x " + x.cols() + ", weight " + w.rows()
                    + " x " + w.cols() + ", output " + y.rows() + " x " + y.cols());
        }
    }
}
