package dev.lva.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.TrainingData;
import dev.lva.api.TrainingListener;
import dev.lva.api.TrainingRun;
import dev.lva.core.loss.MseLoss;
import dev.lva.core.nn.ConvNets;
import dev.lva.core.nn.Shape;
import dev.lva.core.optim.Adam;
import dev.lva.core.param.OperatorNorm;
import dev.lva.core.param.SpectralNorm;
import dev.lva.core.regularize.VolumeRegularizer;
import dev.lva.core.tensor.Rng;
import dev.lva.core.train.GradientTrainer;
import dev.lva.core.train.TrainerOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A small convolutional autoencoder trained on images given as N x C x H x W. */
class ConvAutoEncoderTest {
    private static final Shape IMAGE = Shape.image(1, 16, 16);

    /** One Gaussian blob per image, centre and width drawn at random. */
    private static INDArray blobs(int n, long seed) {
        Rng rng = new Rng(seed);
        INDArray x = Nd4j.create(DataType.FLOAT, n, 1, 16, 16);
        for (int i = 0; i < n; i++) {
            double cx = rng.uniform(4, 12);
            double cy = rng.uniform(4, 12);
            double s = rng.uniform(1.5, 3);
            for (int y = 0; y < 16; y++) {
                for (int c = 0; c < 16; c++) {
                    x.putScalar(new long[] {i, 0, y, c}, Math.exp(-((c - cx) * (c - cx) + (y - cy) * (y - cy)) / (2 * s * s)));
                }
            }
        }
        return x;
    }

    private static AutoEncoder model() {
        return new AutoEncoder(ConvNets.encoder(IMAGE, List.of(4, 8), 3, 0.2),
                ConvNets.decoder(3, List.of(4, 8), IMAGE, 0.2, SpectralNorm.factory(), OperatorNorm.factory()),
                IMAGE.size(), new MseLoss(), new VolumeRegularizer(1e-3, 0.01), DataType.FLOAT, 0);
    }

    private static List<Double> train(AutoEncoder model, INDArray x) {
        List<Double> epochs = new ArrayList<>();
        TrainingListener record = new TrainingListener() {
            @Override
            public void onEpochEnd(TrainingRun run, int epoch, double meanLoss) {
                epochs.add(meanLoss);
            }
        };
        new GradientTrainer(TrainerOptions.minibatch(15, 8, 1)).fit(model, Adam.adam(2e-3), TrainingData.autoencoding(x),
                List.of(record));
        return epochs;
    }

    @Test
    void learnsToReconstructImagesAndTheCarrierDoesNotMatter() {
        INDArray images = blobs(30, 3);
        AutoEncoder model = model();
        List<Double> losses = train(model, images);
        assertTrue(losses.get(losses.size() - 1) < 0.75 * losses.get(0), "the loss falls: " + losses);
        // the same images as rows of 256 pixels train to the same numbers: images are only a shape
        AutoEncoder flat = model();
        train(flat, images.reshape('c', 30, 256).dup());
        assertEquals(model.parameters(), flat.parameters());
        model.setTraining(false);
        assertEquals(3, model.encode(images.reshape('c', 30, 256)).columns());
    }
}
