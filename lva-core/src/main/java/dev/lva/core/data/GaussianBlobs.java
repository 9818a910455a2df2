package dev.lva.core.data;

import dev.lva.api.LvaException;
import dev.lva.core.tensor.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Synthetic grey images of one Gaussian blob each, whose intrinsic dimension is known: three, the
 * blob's centre (x, y) and its width, drawn at random for each image. The recipe is
 * reference/torch/lva_conv.py's {@code DATA=blobs} on a {@code side x side} frame: on 32 x 32 the
 * centre is uniform in [8, 24) on each axis and the width uniform in [1.5, 4); other sides scale
 * both by {@code side / 32}. Pixel (y, x) is {@code exp(-((x - cx)^2 + (y - cy)^2) / (2 s^2))}, in
 * (0, 1]. The numbers come from lva's own seeded generator (x, y, width per image, in that order),
 * not numpy's, so the images differ from the reference's for the same seed; their distribution is
 * the same.
 */
public final class GaussianBlobs {
    /** The true intrinsic dimension of the images: centre x, centre y, width. */
    public static final int INTRINSIC_DIMENSION = 3;

    private GaussianBlobs() {
    }

    /** {@code n} images as {@code n x 1 x side x side} float32. */
    public static INDArray generate(int n, int side, long seed) {
        if (n < 1 || side < 4) {
            throw new LvaException("blobs need at least 1 image of at least 4 x 4 pixels, got " + n + " of " + side
                    + " x " + side);
        }
        if ((long) n * side * side > Integer.MAX_VALUE) {
            throw new LvaException(n + " blobs of " + side + " x " + side + " are more than 2^31 pixels");
        }
        double k = side / 32.0;
        Rng rng = new Rng(seed);
        int pixels = side * side;
        float[] out = new float[n * pixels];
        for (int i = 0; i < n; i++) {
            double cx = rng.uniform(8 * k, 24 * k);
            double cy = rng.uniform(8 * k, 24 * k);
            double s = rng.uniform(1.5 * k, 4.0 * k);
            double twoS2 = 2 * s * s;
            for (int y = 0; y < side; y++) {
                double dy = (y - cy) * (y - cy);
                for (int x = 0; x < side; x++) {
                    out[i * pixels + y * side + x] = (float) Math.exp(-((x - cx) * (x - cx) + dy) / twoS2);
                }
            }
        }
        return Nd4j.create(out, new long[] {n, 1, side, side}, DataType.FLOAT);
    }
}
