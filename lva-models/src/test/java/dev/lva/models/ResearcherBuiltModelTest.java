package dev.lva.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lva.api.Regularizer;
import dev.lva.api.StepLoss;
import dev.lva.core.nn.Layer;
import dev.lva.core.nn.Linear;
import dev.lva.core.nn.Sequential;
import dev.lva.core.nn.Shape;
import dev.lva.core.nn.activation.ReLU;
import dev.lva.core.param.SpectralNorm;
import dev.lva.models.prune.NoPruning;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.LoggerFactory;

/**
 * What a researcher writing their own program meets: a latent penalty of their own passed as an
 * object (no plugin, no spec string), and a warning when their hand-built decoder is not 1-Lipschitz.
 */
class ResearcherBuiltModelTest {

    /** The test's own penalty, the mean squared norm of the code ({@code mean_r sum_j z_rj^2}); counts its calls. */
    static final class SquaredCode implements Regularizer {
        final double lambda;
        int calls;
        double lastValue = Double.NaN;

        SquaredCode(double lambda) {
            this.lambda = lambda;
        }

        @Override
        public Target target() {
            return Target.ACTIVATION;
        }

        @Override
        public double lambda() {
            return lambda;
        }

        @Override
        public double value(INDArray z) {
            return z.mul(z).sumNumber().doubleValue() / z.rows();
        }

        @Override
        public double valueAndGradient(INDArray z, INDArray gradient, double scale) {
            calls++;
            gradient.addi(z.mul(2 * scale / z.rows()));
            lastValue = value(z);
            return lastValue;
        }
    }

    private static final INDArray X = Nd4j.rand(DataType.FLOAT, 16, 4).muli(2).subi(1);

    @Test
    void anLvaeFromOptionsTakesAPenaltyObject() {
        SquaredCode own = new SquaredCode(0.05);
        LeastVolumeAutoencoder model = new LeastVolumeAutoencoder(LeastVolumeAutoencoder.Options.defaults(4, 3), own);
        assertSame(own, model.latentPenalty());
        StepLoss step = model.computeGradients(X, X);
        assertEquals(1, own.calls, "the model's penalty is the object given");
        assertEquals(0.05 * own.lastValue, step.penalty(), 1e-9);
        assertTrue(step.penalty() > 0);

        SquaredCode convOwn = new SquaredCode(0.01);
        ConvLeastVolumeAutoencoder conv = new ConvLeastVolumeAutoencoder(new ConvLeastVolumeAutoencoder.Options(1, 8, 8,
                List.of(4), 2, 0.2, "volume", "none", 0, 0.9, false, "conv-operator", Precision.FLOAT32, 0), convOwn);
        assertSame(convOwn, conv.latentPenalty());
    }

    @Test
    void aHandBuiltLvaeTakesPenaltyAndPolicyObjectsThroughItsBuilder() {
        SquaredCode own = new SquaredCode(0.1);
        NoPruning policy = new NoPruning();
        LeastVolumeAutoencoder model = LeastVolumeAutoencoder.builder(encoder(), normalizedDecoder(), Shape.features(4))
                .penalty(own).pruning(policy).seed(7).build();
        assertSame(own, model.latentPenalty());
        StepLoss step = model.computeGradients(X, X);
        assertEquals(0.1 * own.lastValue, step.penalty(), 1e-9);
        // a spec string still works in the same place
        LeastVolumeAutoencoder bySpec = LeastVolumeAutoencoder.builder(encoder(), normalizedDecoder(),
                Shape.features(4)).penalty("lasso:lambda=0.02").build();
        assertEquals(0.02, bySpec.latentPenalty().lambda(), 0);
    }

    @Test
    void aDecoderWithoutSpectralNormIsNamedInAWarning() {
        List<String> warnings = warningsWhile(() -> LeastVolumeAutoencoder.builder(encoder(), plainDecoder(),
                Shape.features(4)).build());
        assertEquals(1, warnings.size(), warnings.toString());
        String w = warnings.get(0);
        assertTrue(w.contains("decoder.0 Linear(2 -> 8)") && w.contains("decoder.2 Linear(8 -> 4)")
                && w.contains("not 1-Lipschitz") && w.contains("nonLipschitzDecoder(true)"), w);

        LeastVolumeAutoencoder model = LeastVolumeAutoencoder.builder(encoder(), plainDecoder(), Shape.features(4))
                .nonLipschitzDecoder(true).build();
        assertEquals(List.of("decoder.0 Linear(2 -> 8)", "decoder.2 Linear(8 -> 4)"),
                model.unnormalizedDecoderLayers());
    }

    @Test
    void noWarningWhenIntendedOrWhenEveryWeightIsNormalized() {
        assertEquals(List.of(), warningsWhile(() -> LeastVolumeAutoencoder.builder(encoder(), plainDecoder(),
                Shape.features(4)).nonLipschitzDecoder(true).build()));
        assertEquals(List.of(), warningsWhile(() -> LeastVolumeAutoencoder.builder(encoder(), normalizedDecoder(),
                Shape.features(4)).build()));
        assertEquals(List.of(), warningsWhile(() -> new LeastVolumeAutoencoder(
                LeastVolumeAutoencoder.Options.defaults(4, 2))));
        assertEquals(List.of(), warningsWhile(() -> new ConvLeastVolumeAutoencoder(
                ConvLeastVolumeAutoencoder.Options.defaults(1, 16, 16))));
    }

    /** A decoder with one normalised and one plain Linear: only the plain one is named. */
    @Test
    void onlyTheUnnormalizedLayerIsNamed() {
        Layer half = new Sequential(new Linear(2, 8, true, SpectralNorm.factory()), new ReLU(), new Linear(8, 4));
        LeastVolumeAutoencoder model = LeastVolumeAutoencoder.builder(encoder(), half, Shape.features(4))
                .nonLipschitzDecoder(true).build();
        assertEquals(List.of("decoder.2 Linear(8 -> 4)"), model.unnormalizedDecoderLayers());
    }

    private static Layer encoder() {
        return new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 2));
    }

    private static Layer plainDecoder() {
        return new Sequential(new Linear(2, 8), new ReLU(), new Linear(8, 4));
    }

    private static Layer normalizedDecoder() {
        return new Sequential(new Linear(2, 8, true, SpectralNorm.factory()), new ReLU(),
                new Linear(8, 4, true, SpectralNorm.factory()));
    }

    private static List<String> warningsWhile(Supplier<?> build) {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(LeastVolumeAutoencoder.class);
        logger.addAppender(log);
        try {
            build.get();
        } finally {
            logger.detachAppender(log);
        }
        return log.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }
}
