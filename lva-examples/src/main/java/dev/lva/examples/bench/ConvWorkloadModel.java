package dev.lva.examples.bench;

import dev.lva.core.loss.MseLoss;
import dev.lva.core.nn.ConvNets;
import dev.lva.core.nn.Sequential;
import dev.lva.core.nn.Shape;
import dev.lva.core.param.OperatorNorm;
import dev.lva.core.param.SpectralNorm;
import dev.lva.core.regularize.VolumeRegularizer;
import dev.lva.models.AutoEncoder;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/** lva_conv.py's model at its defaults, from {@link ConvNets}: the conv workload's autoencoder. */
final class ConvWorkloadModel {
    static final Shape IMAGE = Shape.image(1, 32, 32);
    static final List<Integer> CHANNELS = List.of(32, 64, 128, 256);
    static final int LATENT = 64;

    private ConvWorkloadModel() {
    }

    static AutoEncoder build(long seed) {
        Sequential encoder = ConvNets.encoder(IMAGE, CHANNELS, LATENT, 0.2);
        Sequential decoder = ConvNets.decoder(LATENT, CHANNELS, IMAGE, 0.2, SpectralNorm.factory(),
                OperatorNorm.factory());
        return new AutoEncoder(encoder, decoder, IMAGE.size(), new MseLoss(), new VolumeRegularizer(1e-3, 0.01),
                DataType.FLOAT, seed);
    }
}
