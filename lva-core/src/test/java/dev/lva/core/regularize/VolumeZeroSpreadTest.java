package dev.lva.core.regularize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A latent column with zero spread: PyTorch's value and gradient, 0 for that column (not NaN). */
class VolumeZeroSpreadTest {

    @Test
    void aConstantColumnGetsZeroGradientAsInPyTorch() {
        // torch 1.13: z = [[1, 2], [1, 3], [1, 5]] (float64), vol = exp(log(z.std(0) + 0.01).mean()); vol.backward()
        INDArray z = Nd4j.createFromArray(new double[][] {{1, 2}, {1, 3}, {1, 5}});
        INDArray g = Nd4j.zeros(z.dataType(), 3, 2);
        double vol = new VolumeRegularizer(1, 0.01).valueAndGradient(z, g, 1);
        assertEquals(0.12399698511060447, vol, 1e-15);
        double[] torch = {0.0, -0.017598644841351877, 0.0, -0.00439966121033797, 0.0, 0.02199830605168984};
        for (int i = 0; i < torch.length; i++) {
            assertEquals(torch[i], g.getDouble(i), 1e-15, "entry " + i);
        }
    }
}
