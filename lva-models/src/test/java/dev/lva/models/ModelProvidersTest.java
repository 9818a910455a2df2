package dev.lva.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lva.api.Model;
import dev.lva.api.plugin.ModelProvider;
import dev.lva.api.plugin.OptionsException;
import dev.lva.api.plugin.Plugins;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelProvidersTest {
    private final Plugins plugins = Plugins.discover(getClass().getClassLoader());

    @Test
    void everyModelIsFoundByName() {
        assertEquals(List.of("autoencoder", "conv-lvae", "linear-regression", "lvae", "mlp", "pca", "snmlp"),
                plugins.registry(ModelProvider.KIND).names());
        Model lvae = plugins.create(ModelProvider.KIND, "lvae:in=10,latent=4,hidden=32;32,pruning=plummet,pruneFrom=5");
        assertInstanceOf(LeastVolumeAutoencoder.class, lvae);
        assertEquals(4, ((LeastVolumeAutoencoder) lvae).latentDimension());
        MLP sn = (MLP) plugins.create(ModelProvider.KIND, "snmlp:in=2,out=1,hidden=8");
        assertEquals(true, sn.options().spectralNorm());
        AutoEncoder ae = (AutoEncoder) plugins.create(ModelProvider.KIND, "autoencoder:latentPenalty=lasso:lambda=0.1");
        assertEquals(0.1, ae.latentPenalty().lambda());
    }

    @Test
    void badOptionsAreReportedWithTheModelName() {
        assertEquals("invalid options for lvae: in and latent must be >= 1, got 3 and 0",
                assertThrows(OptionsException.class,
                        () -> plugins.create(ModelProvider.KIND, "lvae:latent=0")).getMessage());
        assertEquals("option 'precision' of mlp expects one of float32, float64, got 'half'",
                assertThrows(OptionsException.class,
                        () -> plugins.create(ModelProvider.KIND, "mlp:precision=half")).getMessage());
    }
}
