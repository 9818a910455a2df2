package dev.lva.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import dev.lva.core.data.GaussianBlobs;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every public call that takes data takes images ({@code N x C x H x W}) as well as their rows, and
 * gives the same numbers either way: a researcher holding images never flattens them by hand.
 */
class ShapedInputTest {
    private static final int N = 10;
    private static final int SIDE = 8;

    private ConvLeastVolumeAutoencoder model;
    private INDArray images;
    private INDArray rows;

    @BeforeEach
    void smallConvModel() {
        model = new ConvLeastVolumeAutoencoder(new ConvLeastVolumeAutoencoder.Options(1, SIDE, SIDE, List.of(4, 8), 3,
                0.2, "volume:lambda=0.01,eta=0.01", "none", 0, 0.9, false, "conv-operator", Precision.FLOAT32, 3));
        // evaluation mode: a training-mode pass advances the spectral norms, and the two calls would differ
        model.setTraining(false);
        images = GaussianBlobs.generate(N, SIDE, 5).reshape('c', N, 1, SIDE, SIDE).castTo(DataType.FLOAT);
        rows = images.reshape('c', N, SIDE * SIDE).dup();
    }

    @Test
    void encodeForwardAndLossGiveTheNumbersOfTheRows() {
        assertEquals(model.encode(rows), model.encode(images));
        assertEquals(model.transform(rows), model.transform(images));
        // three at a time: the batches of an image array are images too
        assertEquals(model.transform(rows), model.transform(images, 3));

        INDArray reconstruction = model.forward(images);
        assertArrayEquals(images.shape(), reconstruction.shape(), "forward answers in the shape it was given");
        assertEquals(model.forward(rows), reconstruction.reshape('c', N, SIDE * SIDE));
        AutoEncoder.Output both = model.forwardBoth(images);
        assertArrayEquals(images.shape(), both.reconstruction().shape());
        assertEquals(model.encode(rows), both.code());
        assertEquals(model.reconstructionLoss(rows), model.reconstructionLoss(images), 0);
    }

    @Test
    void decodeShapedGivesImages() {
        INDArray z = model.encode(images);
        INDArray decoded = model.decodeShaped(z);
        assertArrayEquals(new long[] {N, 1, SIDE, SIDE}, decoded.shape());
        assertEquals(model.decode(z), decoded.reshape('c', N, SIDE * SIDE));
        assertEquals(decoded, model.inverseTransformShaped(z));
        assertEquals(2, model.decode(z).rank(), "decode keeps answering in rows");
    }

    @Test
    void latentAnalysisOfImagesIsThatOfTheirRows() {
        LatentAnalysis ofRows = LatentAnalysis.of(model, rows);
        LatentAnalysis ofImages = LatentAnalysis.of(model, images);
        assertArrayEquals(ofRows.stds(), ofImages.stds(), 0);
        assertArrayEquals(ofRows.explained(), ofImages.explained(), 0);
        assertArrayEquals(ofRows.cumulative(), ofImages.cumulative(), 0);
        assertEquals(ofRows.lossNone(), ofImages.lossNone(), 0);
        assertEquals(ofRows.lossAll(), ofImages.lossAll(), 0);
        assertEquals(ofRows.rows(), ofImages.rows());
    }

    @Test
    void imagesInAnotherLayoutAreRefusedNamingBothShapes() {
        INDArray channelsLast = images.permute(0, 2, 3, 1).dup('c');
        LvaException e = assertThrows(LvaException.class, () -> model.encode(channelsLast));
        assertTrue(e.getMessage().contains("N x 1 x 8 x 8") && e.getMessage().contains("[10, 8, 8, 1]")
                && e.getMessage().contains("channels first"), e.getMessage());
        INDArray smaller = Nd4j.rand(DataType.FLOAT, N, 1, 4, 4);
        e = assertThrows(LvaException.class, () -> LatentAnalysis.of(model, smaller));
        assertTrue(e.getMessage().contains("[10, 1, 4, 4]"), e.getMessage());
    }

    /** An MLP over features takes a batch of any sample shape of as many values, as the trainer does. */
    @Test
    void anMlpTakesImagesOfItsWidthAsRows() {
        LeastVolumeAutoencoder mlp = new LeastVolumeAutoencoder(
                LeastVolumeAutoencoder.Options.defaults(SIDE * SIDE, 4));
        mlp.setTraining(false);
        assertEquals(mlp.encode(rows), mlp.encode(images));
        assertEquals(2, mlp.decodeShaped(mlp.encode(images)).rank(), "its samples are features");
        assertThrows(LvaException.class, () -> mlp.encode(Nd4j.rand(DataType.FLOAT, N, 1, 4, 4)));
    }

    @Test
    void pcaFittedOnImagesTransformsImagesAndRowsAlike() {
        PcaModel onImages = new PcaModel(3).fit(images);
        PcaModel onRows = new PcaModel(3).fit(rows);
        assertEquals(onRows.transform(rows), onImages.transform(images));
        assertEquals(onImages.transform(rows), onImages.transform(images));
        INDArray z = onImages.transform(images);
        INDArray shaped = onImages.inverseTransformShaped(z);
        assertArrayEquals(images.shape(), shaped.shape());
        assertEquals(onRows.inverseTransform(z), shaped.reshape('c', N, SIDE * SIDE));
        assertArrayEquals(images.shape(), onImages.forward(images).shape());
        assertEquals(2, onRows.inverseTransformShaped(z).rank(), "fitted on rows, it answers in rows");
        LvaException e = assertThrows(LvaException.class,
                () -> onImages.transform(images.reshape('c', N, SIDE, SIDE, 1)));
        assertTrue(e.getMessage().contains("N x 1 x 8 x 8"), e.getMessage());
    }
}
