package dev.lva.core.pca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lva.api.LvaException;
import dev.lva.core.tensor.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** PCA's error for every number of components from the covariance's eigenvalues, as projecting and back gives it. */
class PcaSpectrumTest {

    @Test
    void theErrorOfKComponentsIsWhatProjectingOntoThemLeaves() {
        // 5000 rows: more than two blocks of the covariance's accumulation
        Rng rng = new Rng(4);
        int n = 5000;
        int d = 7;
        INDArray x = Nd4j.create(DataType.FLOAT, n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x.putScalar(i, j, rng.nextGaussian() * (j + 1) + 0.5 * j);
            }
        }
        PcaSpectrum s = PcaSpectrum.of(x);
        assertEquals(n, s.rows());
        INDArray xd = x.castTo(DataType.DOUBLE);
        Pca full = Pca.fit(xd, 0);
        for (int k = 1; k < d; k++) {
            Pca p = full.truncate(k);
            INDArray diff = p.inverseTransform(p.transform(xd)).sub(xd);
            double mse = diff.mul(diff).meanNumber().doubleValue();
            assertEquals(mse, s.mse(k), 1e-6 * mse, "k = " + k);
        }
        INDArray centred = xd.subRowVector(xd.mean(0));
        assertEquals(centred.mul(centred).meanNumber().doubleValue(), s.mse(0), 1e-9, "no component: the variance");
        assertEquals(0, s.mse(d), 1e-9);
        assertEquals(d, s.componentsFor(-1));
        assertEquals(0, s.componentsFor(s.mse(0)));
        assertEquals(3, s.componentsFor(s.mse(3)));
        assertThrows(LvaException.class, () -> s.mse(d + 1));
    }
}
