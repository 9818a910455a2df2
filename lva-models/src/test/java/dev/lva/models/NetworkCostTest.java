package dev.lva.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.core.data.GaussianBlobs;
import dev.lva.core.loss.MseLoss;
import dev.lva.core.nn.ConvNets;
import dev.lva.core.nn.Shape;
import dev.lva.core.param.OperatorNorm;
import dev.lva.core.param.SpectralNorm;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What a sample costs a convolutional autoencoder, and the evaluation passes cut to bound memory:
 * the numbers are those of one pass per piece.
 */
class NetworkCostTest {
    private static final Shape IMAGE = Shape.image(1, 16, 16);

    private static AutoEncoder model() {
        return new AutoEncoder(ConvNets.encoder(IMAGE, List.of(4, 8), 3, 0.2),
                ConvNets.decoder(3, List.of(4, 8), IMAGE, 0.2, SpectralNorm.factory(), OperatorNorm.factory()),
                IMAGE.size(), new MseLoss(), null, DataType.FLOAT, 0);
    }

    @Test
    void multiplyAddsAndTheWidestRowCountEveryPosition() {
        AutoEncoder m = model();
        // decoder: Linear 3 -> 4 x 8 x 8 (768), ConvTranspose2d 4 -> 1 on 8 x 8 with a 4 x 4 kernel (256 x 16)
        assertEquals(3 * 256 + 256 * 16, m.decodeMultiplyAdds());
        // the widest is a lowered convolution: 8 x 8 positions x 16 taps of 1 channel, or 4 x 4 x 16 x 4
        assertEquals(NetworkCost.widestRow(m.encoder(), IMAGE), 1024);
        assertEquals(AutoEncoder.BATCH_CELLS / 1024, m.maxBatchRows());
        assertEquals(IMAGE, m.inputShape(), "rows given for an encoder connected to images are images");
        ConvLeastVolumeAutoencoder paper = new ConvLeastVolumeAutoencoder(
                ConvLeastVolumeAutoencoder.Options.defaults(1, 32, 32));
        long params = paper.decoder().parameterSpecs().stream().mapToLong(dev.lva.core.nn.ParamSpec::size).sum();
        assertTrue(paper.decodeMultiplyAdds() > 10 * params, paper.decodeMultiplyAdds() + " against " + params);
        assertTrue(paper.maxBatchRows() < 512, "the paper's model passes few images at a time: " + paper.maxBatchRows());
    }

    /** Passes its input on, remembering the most rows a pass gave it. */
    private static final class Rows implements dev.lva.core.nn.Layer {
        int most;

        @Override
        public Shape outputShape(Shape input) {
            return input;
        }

        @Override
        public dev.lva.core.tensor.Matrix forward(dev.lva.core.tensor.Matrix input, boolean training) {
            most = Math.max(most, input.rows());
            return input;
        }

        @Override
        public dev.lva.core.tensor.Matrix backward(dev.lva.core.tensor.Matrix g, boolean needInputGradient) {
            return g;
        }

        @Override
        public String describe() {
            return "Rows";
        }
    }

    /** Before: one evaluation pass of all rows, whose buffers the layers then kept (gigabytes for 10,000 images). */
    @Test
    void noEvaluationPassTakesMoreRowsThanTheLimit() {
        Rows encoderEnd = new Rows();
        Rows decoderEnd = new Rows();
        dev.lva.core.nn.Sequential encoder = ConvNets.encoder(IMAGE, List.of(4, 8), 3, 0.2);
        dev.lva.core.nn.Sequential decoder = ConvNets.decoder(3, List.of(4, 8), IMAGE, 0.2, null, null);
        List<dev.lva.core.nn.Layer> e = new java.util.ArrayList<>(encoder.layers());
        e.add(encoderEnd);
        List<dev.lva.core.nn.Layer> d = new java.util.ArrayList<>(decoder.layers());
        d.add(decoderEnd);
        AutoEncoder m = new AutoEncoder(dev.lva.core.nn.Sequential.of(IMAGE, e),
                dev.lva.core.nn.Sequential.of(Shape.features(3), d), IMAGE, new MseLoss(), null, DataType.FLOAT, 0);
        int n = 2 * m.maxBatchRows() + 7;
        INDArray x = GaussianBlobs.generate(n, 16, 1).reshape('c', n, 256);
        m.setTraining(false);
        m.reconstructionLoss(x);
        m.decodeInto(m.encode(x), org.nd4j.linalg.factory.Nd4j.create(DataType.FLOAT, n, 256));
        m.forward(x);
        assertEquals(m.maxBatchRows(), encoderEnd.most);
        assertEquals(m.maxBatchRows(), decoderEnd.most);
    }

    @Test
    void evaluationPassesAreCutIntoBatchesWithTheSameNumbers() {
        AutoEncoder m = model();
        int n = m.maxBatchRows() + 300;
        INDArray x = GaussianBlobs.generate(n, 16, 1).reshape('c', n, 256);
        m.setTraining(false);
        INDArray z = m.encode(x);
        INDArray rec = m.decode(z);
        INDArray into = org.nd4j.linalg.factory.Nd4j.create(DataType.FLOAT, n, 256);
        m.decodeInto(z, into);
        double loss = m.reconstructionLoss(x);
        // the same rows in pieces no larger than one pass
        double sum = 0;
        for (int from = 0; from < n; from += 1000) {
            int to = Math.min(n, from + 1000);
            INDArray xs = x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            INDArray zs = m.encode(xs);
            assertEquals(0, zs.sub(z.get(NDArrayIndex.interval(from, to), NDArrayIndex.all())).amaxNumber()
                    .doubleValue(), 1e-6);
            INDArray rs = m.decode(zs);
            assertEquals(0, rs.sub(rec.get(NDArrayIndex.interval(from, to), NDArrayIndex.all())).amaxNumber()
                    .doubleValue(), 1e-6);
            sum += (to - from) * m.reconstructionLoss(xs);
        }
        assertEquals(rec, into);
        assertEquals(sum / n, loss, 1e-6 * loss);
        assertEquals(n, m.forwardBoth(x).code().rows());
    }
}
