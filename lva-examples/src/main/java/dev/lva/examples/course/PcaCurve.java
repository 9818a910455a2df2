package dev.lva.examples.course;

import dev.lva.core.pca.Pca;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PCA's reconstruction error as a function of the number of components kept, from one fit:
 * {@code mse[k]} is the mean squared error over all entries of projecting onto the first k
 * components and back (scikit-learn's {@code PCA(k)} then {@code inverse_transform}); {@code mse[0]}
 * keeps only the mean, the data's variance per entry (N estimate).
 */
record PcaCurve(Pca pca, INDArray data, double[] mse) {

    /** Fits PCA on {@code x} and measures the error for 0 to {@code maxComponents} components. */
    static PcaCurve of(INDArray x, int maxComponents) {
        Pca pca = Pca.fit(x, 0);
        int max = Math.min(maxComponents, pca.components());
        double[] mse = new double[max + 1];
        INDArray xd = x.castTo(DataType.DOUBLE);
        INDArray centred = xd.subRowVector(xd.mean(0).reshape(1, x.columns()));
        mse[0] = centred.mul(centred).meanNumber().doubleValue();
        for (int k = 1; k <= max; k++) {
            mse[k] = CourseData.mse(reconstruct(pca.truncate(k), x), x);
        }
        return new PcaCurve(pca, x, mse);
    }

    private static INDArray reconstruct(Pca pca, INDArray x) {
        return pca.inverseTransform(pca.transform(x));
    }

    /** The data projected onto the first k components and back. */
    INDArray reconstruction(int k) {
        return reconstruct(pca.truncate(k), data);
    }

    /** The smallest number of components whose error is at most {@code target}, or -1 if none is. */
    int componentsFor(double target) {
        for (int k = 0; k < mse.length; k++) {
            if (mse[k] <= target) {
                return k;
            }
        }
        return -1;
    }

    double[] explainedVarianceRatio() {
        return pca.explainedVarianceRatio().toDoubleVector();
    }
}
