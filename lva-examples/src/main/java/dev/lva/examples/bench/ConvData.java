package dev.lva.examples.bench;

import dev.lva.core.io.Idx;
import dev.lva.core.tensor.Rng;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The conv workload's images, as reference/torch/lva_conv.py loads them: the first n Fashion-MNIST
 * training images (Debian's dataset-fashion-mnist), 28 x 28 placed at (2, 2) in a 32 x 32 frame,
 * scaled to [0, 1], as N x 1 x 32 x 32 float32. Where the package is not installed, images of one
 * Gaussian blob each (the reference's DATA=blobs recipe, lva's own generator) of the same shape
 * stand in, and {@link #source} says so.
 */
public final class ConvData {
    /** Where Debian's dataset-fashion-mnist puts the training images. */
    public static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");

    private ConvData() {
    }

    /** What {@link #images} returns for this machine: Fashion-MNIST or synthetic blobs. */
    public static String source() {
        return Files.isRegularFile(FASHION) ? "Fashion-MNIST (" + FASHION + ")"
                : "synthetic blobs (Fashion-MNIST not installed at " + FASHION + ")";
    }

    public static INDArray images(int n, long seed) {
        return Files.isRegularFile(FASHION) ? fashion(n) : blobs(n, seed);
    }

    static INDArray fashion(int n) {
        INDArray raw = Idx.read(FASHION, n);
        long count = raw.size(0);
        INDArray out = Nd4j.zeros(DataType.FLOAT, count, 1, 32, 32);
        out.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.interval(2, 30), NDArrayIndex.interval(2, 30))
                .assign(raw.divi(255f));
        return out;
    }

    /** One Gaussian blob per image: centre (x, y) uniform in [8, 24), width uniform in [1.5, 4). */
    static INDArray blobs(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] out = new float[n * 32 * 32];
        for (int i = 0; i < n; i++) {
            double cx = rng.uniform(8, 24);
            double cy = rng.uniform(8, 24);
            double s = rng.uniform(1.5, 4.0);
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    double d = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                    out[i * 1024 + y * 32 + x] = (float) Math.exp(-d / (2 * s * s));
                }
            }
        }
        return Nd4j.create(out, new long[] {n, 1, 32, 32}, DataType.FLOAT);
    }
}
