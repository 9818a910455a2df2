package dev.lva.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lva.api.LvaException;
import dev.lva.core.param.OperatorNorm;
import dev.lva.core.param.SpectralNorm;
import dev.lva.core.tensor.Matrix;
import dev.lva.core.tensor.TorchGenerator;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class ConvNetsTest {
    private static final Shape IMAGE = Shape.image(1, 32, 32);

    @Test
    void theLvPapersEncoderAndDecoderHaveItsShapes() {
        Sequential encoder = ConvNets.encoder(IMAGE, List.of(32, 64, 128, 256), 64, 0.2);
        assertEquals(Shape.image(256, 2, 2), encoder.shapeAfter(7));
        assertEquals(Shape.features(64), encoder.outputShape(IMAGE));
        Sequential decoder = ConvNets.decoder(64, List.of(32, 64, 128, 256), IMAGE, 0.2, null, null);
        assertEquals(Shape.image(128, 4, 4), decoder.shapeAfter(2));
        assertEquals(IMAGE, decoder.outputShape(Shape.features(64)));
        assertEquals("the encoder's 3 convolutions halve the side 3 times: 20 x 20 is not divisible by 8",
                assertThrows(LvaException.class, () -> ConvNets.encoder(Shape.image(1, 20, 20), List.of(2, 4, 8), 3,
                        0.2)).getMessage());
    }

    /**
     * reference/torch/lva_conv.py's build() with CHANNELS=4,8 and LATENT=3 after torch.manual_seed(9):
     * the same parameters bit for bit (their SHA-256, stored by make_init_values.py), and the
     * transposed convolution's operator-norm vectors to float rounding.
     */
    @Test
    void aSeedGivesTheReferenceModelsWeights() throws Exception {
        Sequential encoder = ConvNets.encoder(IMAGE, List.of(4, 8), 3, 0.2);
        Sequential decoder = ConvNets.decoder(3, List.of(4, 8), IMAGE, 0.2, SpectralNorm.factory(),
                OperatorNorm.factory());
        Map<String, Layer> parts = new LinkedHashMap<>();
        parts.put("encoder", encoder);
        parts.put("decoder", decoder);
        ParameterBuffer params = ParameterBuffer.allocate(DataType.FLOAT, parts);
        TorchGenerator rng = new TorchGenerator(9);
        encoder.initialize(rng);
        decoder.initialize(rng);
        assertEquals(Long.parseLong(TorchValues.sha256("f32.conv_lvae.count")), params.size());
        Matrix values = params.valuesMatrix();
        ByteBuffer bytes = ByteBuffer.allocate(4 * (int) params.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < params.size(); i++) {
            bytes.putFloat((float) values.get(i));
        }
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
        assertEquals(TorchValues.sha256("f32.conv_lvae.parameters"), digest);
        ConvTranspose2d convt = (ConvTranspose2d) decoder.get(3);
        OperatorNorm norm = (OperatorNorm) convt.parametrization();
        TorchValues.assertClose("f32.conv_lvae.convt._u", norm.u(), 2e-5);
        TorchValues.assertClose("f32.conv_lvae.convt._v", norm.v(), 2e-5);
    }
}
