package dev.lva.core.synth;

import dev.lva.api.LvaException;
import dev.lva.core.tensor.Rng;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The LV paper's synthetic images: one source image under random transforms, each parameter drawn
 * uniformly from its range ({@link TransformRanges}), so that the images lie on a manifold whose
 * dimension is the number of varied parameters ({@link #trueDimension}). The same source, ranges,
 * count, size and seed give the same images and parameters.
 *
 * <p>An image is made by inverse mapping: each output pixel (centre at {@code (col + 0.5, row + 0.5)})
 * is taken back through {@code p = c + M^-1 (p' - c - t)} to the source, where c is the image's
 * centre, t the translation (the shares times the width and height) and {@code M = scale * R(rotation)
 * * Shear(shear)}, and the source is read there by bilinear interpolation (0 outside it). A source
 * of another size than the output is read as if stretched to it. On three channels the colour is
 * then changed in HSV: hue shifted by {@code hue} turns, saturation multiplied by {@code saturation}
 * and clipped to 1.
 *
 * @param images     {@code N x C x size x size}, float32
 * @param parameters row i: every {@link Parameter}'s value for image i, in {@link Parameter} order
 * @param ranges     the ranges drawn from
 * @param seed       the seed of the draws
 */
public record SyntheticImages(INDArray images, double[][] parameters, TransformRanges ranges, long seed) {

    /**
     * @param source the image to transform; its channels are the images' channels
     * @param ranges what varies, and how much; hue and saturation need three channels
     * @param n      how many images
     * @param size   their height and width in pixels
     */
    public static SyntheticImages generate(SourceImage source, TransformRanges ranges, int n, int size, long seed) {
        if (n < 1 || size < 2) {
            throw new LvaException("synthetic images need n >= 1 and a size >= 2, got " + n + " and " + size);
        }
        for (Parameter p : ranges.varied()) {
            if (p.colour() && source.channels() != 3) {
                throw new LvaException("the " + p.key() + " range changes colour, which needs 3 channels; the source"
                        + " has " + source.channels());
            }
        }
        long values = (long) n * source.channels() * size * size;
        if (values > Integer.MAX_VALUE - 8) {
            // an int product would wrap round to a wrong, possibly small, array
            throw new LvaException("synthetic images of " + n + " x " + source.channels() + " x " + size + " x " + size
                    + " are " + values + " values, more than one array holds (2^31)");
        }
        Parameter[] all = Parameter.values();
        Rng rng = new Rng(seed);
        int c = source.channels();
        float[] out = new float[n * c * size * size];
        double[][] params = new double[n][all.length];
        double[] pixel = new double[c];
        for (int i = 0; i < n; i++) {
            for (Parameter p : all) {
                TransformRanges.Range r = ranges.range(p);
                // every parameter is drawn, varied or not, so that fixing one does not change the others' draws
                double u = rng.nextDouble();
                params[i][p.ordinal()] = r.lo() + (r.hi() - r.lo()) * u;
            }
            render(source, params[i], size, out, i * c * size * size, pixel);
        }
        INDArray images = Nd4j.createFromArray(out).reshape(n, c, size, size);
        return new SyntheticImages(images, params, ranges, seed);
    }

    private static void render(SourceImage source, double[] p, int size, float[] out, int offset, double[] pixel) {
        double theta = Math.toRadians(p[Parameter.ROTATION.ordinal()]);
        double shear = Math.tan(Math.toRadians(p[Parameter.SHEAR.ordinal()]));
        double scale = p[Parameter.SCALE.ordinal()];
        double tx = p[Parameter.TRANSLATE_X.ordinal()] * size;
        double ty = p[Parameter.TRANSLATE_Y.ordinal()] * size;
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        // M = scale * R * Sh with R = [[cos, sin], [-sin, cos]] (counter-clockwise as shown, rows
        // downwards) and Sh = [[1, shear], [0, 1]]
        double m00 = scale * cos;
        double m01 = scale * (cos * shear + sin);
        double m10 = -scale * sin;
        double m11 = scale * (-sin * shear + cos);
        double det = m00 * m11 - m01 * m10;
        double i00 = m11 / det;
        double i01 = -m01 / det;
        double i10 = -m10 / det;
        double i11 = m00 / det;
        double half = size / 2.0;
        double sx = (double) source.width() / size;
        double sy = (double) source.height() / size;
        int c = source.channels();
        boolean colour = c == 3 && (p[Parameter.HUE.ordinal()] != 0 || p[Parameter.SATURATION.ordinal()] != 1);
        for (int row = 0; row < size; row++) {
            for (int col = 0; col < size; col++) {
                double dx = col + 0.5 - half - tx;
                double dy = row + 0.5 - half - ty;
                double x = i00 * dx + i01 * dy;
                double y = i10 * dx + i11 * dy;
                // to the source's pixel units, pixel centres at whole numbers
                double srcCol = (x + half) * sx - 0.5;
                double srcRow = (y + half) * sy - 0.5;
                for (int ch = 0; ch < c; ch++) {
                    pixel[ch] = source.sample(ch, srcRow, srcCol);
                }
                if (colour) {
                    Hsv.adjust(pixel, p[Parameter.HUE.ordinal()], p[Parameter.SATURATION.ordinal()]);
                }
                for (int ch = 0; ch < c; ch++) {
                    out[offset + (ch * size + row) * size + col] = (float) pixel[ch];
                }
            }
        }
    }

    /** The number of varied parameters: the dimension of the manifold the images lie on. */
    public int trueDimension() {
        return ranges.trueDimension();
    }

    /** The varied parameters, in {@link Parameter} order. */
    public List<Parameter> varied() {
        return ranges.varied();
    }

    /** The varied parameters' values, one row per image (N x {@link #trueDimension}). */
    public double[][] variedParameters() {
        List<Parameter> v = varied();
        double[][] out = new double[parameters.length][v.size()];
        for (int i = 0; i < parameters.length; i++) {
            for (int j = 0; j < v.size(); j++) {
                out[i][j] = parameters[i][v.get(j).ordinal()];
            }
        }
        return out;
    }

    /** Every parameter, varied or not, for writing beside the images or regressing on codes. */
    public TrueParameters trueParameters() {
        return TrueParameters.of(this);
    }
}
