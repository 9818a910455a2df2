package dev.lva.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import dev.lva.api.TrainingData;
import dev.lva.core.nn.Linear;
import dev.lva.core.nn.Sequential;
import dev.lva.core.optim.Adam;
import dev.lva.core.train.GradientTrainer;
import dev.lva.core.train.TrainerOptions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AutoEncoderTest {

    @Test
    void plainAutoencoderReconstructsTheCurveWithThreeLatents() {
        INDArray x = CourseData.curve();
        AutoEncoder ae = new AutoEncoder(MLP.layers(3, 3, List.of(5), "relu", false),
                MLP.layers(3, 3, List.of(5), "relu", false), 3, 0);
        new GradientTrainer(TrainerOptions.fullBatch(10000)).fit(ae, Adam.adamW(1e-3, 1e-2),
                TrainingData.autoencoding(x), List.of());
        double rec = ae.reconstructionLoss(x);
        assertTrue(rec < 1e-3, "rec MSE " + rec);
        AutoEncoder.Output out = ae.forwardBoth(x);
        assertArrayEquals(new long[] {100, 3}, out.code().shape());
        assertEquals(out.reconstruction(), ae.decode(ae.encode(x)), "forward = decode(encode(x))");
        assertEquals(ae.transform(x), ae.encode(x));
    }

    @Test
    void autoencoderAndPcaCompareThroughOneInterface() {
        INDArray x = CourseData.curve();
        List<LatentModel> models = List.of(new PcaModel(2).fit(x), new AutoEncoder(
                MLP.layers(3, 2, List.of(5), "relu", false), MLP.layers(2, 3, List.of(5), "relu", false), 3, 0));
        for (LatentModel m : models) {
            assertEquals(2, m.latentDimension());
            assertEquals(3, m.inputDimension());
            INDArray z = m.transform(x);
            assertArrayEquals(new long[] {100, 2}, z.shape());
            assertArrayEquals(new long[] {100, 3}, m.inverseTransform(z).shape());
        }
        // PCA's 2-component reconstruction error: reference ae.py prints pca2_rec_mse = 0.0240542
        INDArray back = models.get(0).forward(x);
        assertEquals(0.0240542, back.sub(x).norm2Number().doubleValue() * back.sub(x).norm2Number().doubleValue() / 300,
                1e-6);
    }

    @Test
    void latentAnalysisOfAnIdentityCodeIsTheVarianceShare() {
        // encoder and decoder are identities, so replacing z_j by its mean costs exactly var_j / d
        Linear enc = new Linear(3, 3, false, null);
        Linear dec = new Linear(3, 3, false, null);
        AutoEncoder ae = new AutoEncoder(new Sequential(enc), new Sequential(dec), 3, null, null, DataType.DOUBLE, 0);
        enc.weight().array().assign(Nd4j.eye(3));
        dec.weight().array().assign(Nd4j.eye(3));
        INDArray x = Nd4j.createFromArray(new double[][] {{0, 0, 0}, {4, 2, 1}, {8, 0, 0}, {4, -2, 1}});
        LatentAnalysis a = LatentAnalysis.of(ae, x);
        double[] var = x.var(0).toDoubleVector();
        double total = var[0] + var[1] + var[2];
        for (int j = 0; j < 3; j++) {
            assertEquals(var[j] / total, a.explained()[j], 1e-12);
            assertEquals(Math.sqrt(var[j]), a.stds()[j], 1e-12);
        }
        assertArrayEquals(new int[] {0, 1, 2}, a.order());
        assertEquals(var[0] / total, a.cumulative()[0], 1e-12);
        assertEquals(1.0, a.cumulative()[2], 1e-12);
        assertEquals(3, a.intrinsicDimension());
        assertEquals(var[0], a.covariance()[0][0], 1e-12);
        assertEquals(0.0, a.lossNone(), 1e-12);
    }

    @Test
    void mismatchedPartsAndInputsAreClearErrors() {
        LvaException e = assertThrows(LvaException.class, () -> new AutoEncoder(MLP.layers(3, 2, List.of(), "relu", false),
                MLP.layers(2, 4, List.of(), "relu", false), 3, 0));
        assertEquals("the decoder maps 2 latent columns to 4 columns, the input has 3", e.getMessage());
        AutoEncoder ae = new AutoEncoder(MLP.layers(3, 2, List.of(), "relu", false),
                MLP.layers(2, 3, List.of(), "relu", false), 3, 0);
        assertEquals("AutoEncoder expects input with 3 columns, got 5",
                assertThrows(LvaException.class, () -> ae.encode(Nd4j.zeros(4, 5))).getMessage());
    }
}
