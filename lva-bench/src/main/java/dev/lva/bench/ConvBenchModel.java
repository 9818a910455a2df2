package dev.lva.bench;

import dev.lva.api.Regularizer;
import dev.lva.core.loss.MseLoss;
import dev.lva.core.nn.ConvNets;
import dev.lva.core.nn.Shape;
import dev.lva.core.param.OperatorNorm;
import dev.lva.core.param.SpectralNorm;
import dev.lva.models.AutoEncoder;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The conv workload's autoencoder (reference lva_conv.py at its defaults, as {@code lva bench --workload
 * conv} trains it), with the latent penalty given: the benchmarks that compare ways of writing a penalty
 * train the same network with each.
 */
final class ConvBenchModel {
    static final Shape IMAGE = Shape.image(1, 32, 32);
    static final List<Integer> CHANNELS = List.of(32, 64, 128, 256);
    static final int LATENT = 64;
    static final int BATCH = 100;
    /** The workload's penalty weight (lva_conv.py's lambda); eta is 0.01. */
    static final double LAMBDA = 1e-3;

    private ConvBenchModel() {
    }

    static AutoEncoder build(Regularizer penalty, long seed) {
        return new AutoEncoder(ConvNets.encoder(IMAGE, CHANNELS, LATENT, 0.2),
                ConvNets.decoder(LATENT, CHANNELS, IMAGE, 0.2, SpectralNorm.factory(), OperatorNorm.factory()),
                IMAGE.size(), new MseLoss(), penalty, DataType.FLOAT, seed);
    }
}
