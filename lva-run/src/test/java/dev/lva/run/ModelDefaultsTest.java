package dev.lva.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.models.ConvLeastVolumeAutoencoder;
import dev.lva.models.LeastVolumeAutoencoder;
import dev.lva.run.sweep.SweepOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A model's defaults come from its provider, keyed by option name, and fit, sweep and the help agree on them. */
class ModelDefaultsTest {
    @Test
    void lvaesDefaultsAreItsProvidersOwn() {
        LeastVolumeAutoencoder.Options provider = LeastVolumeAutoencoder.Options.defaults(3, 3);
        RunConfig fit = RunConfig.fitDefaults();
        assertEquals(provider.hidden(), fit.hidden());
        assertEquals(provider.activation(), fit.activation());
        assertEquals(provider.regularizer(), fit.regularizer());
        assertEquals(provider.pruning(), fit.pruning());
        assertEquals(provider.precision(), fit.precision());
        assertEquals(fit, RunConfig.defaults("lvae"));
        // the provider's latent width is a placeholder: a run's 0 means as many as the data has columns
        assertFalse(ModelDefaults.of("lvae").containsKey("latent"));
        assertEquals(0, fit.latent());
    }

    @Test
    void convLvaesDefaultsAreItsProvidersOwnAndItsTrainingScale() {
        ConvLeastVolumeAutoencoder.Options provider = ConvLeastVolumeAutoencoder.Options.defaults(1, 32, 32);
        Map<String, String> own = ModelDefaults.of("conv-lvae");
        assertEquals("volume:lambda=0.001,eta=0.01", own.get("regularizer"));
        assertEquals(provider.regularizer(), own.get("regularizer"));
        assertEquals("32;64;128;256", own.get("channels"));
        assertEquals("leaky-relu:slope=0.2", own.get("activation"), "the provider's slope as the run's activation");
        for (String key : own.keySet()) {
            assertEquals(key, RunOptions.get(key).name(), "keyed by option name, never by flag");
        }
        RunConfig conv = RunConfig.defaults("conv-lvae");
        assertEquals(100, conv.batch());
        assertEquals(100, conv.epochs());
        assertEquals(5, conv.tolWindow());
        assertEquals(provider.channels(), conv.channels());
        RunConfig sweep = SweepOptions.defaults("conv-lvae");
        assertEquals(100, sweep.batch());
        assertEquals(provider.regularizer(), sweep.regularizer());
        assertEquals(60.0, sweep.checkpointSeconds(), "a sweep's own default stays");
    }

    @Test
    void theOptionsAModelIgnoresAreKeyedByOptionNameEachWithWhy() {
        assertEquals(java.util.Set.of("channels"), ModelDefaults.ignored("lvae").keySet());
        assertEquals(java.util.Set.of("hidden", "scale", "columns", "header"), ModelDefaults.ignored("conv-lvae").keySet());
        for (String model : RunConfig.MODELS) {
            ModelDefaults.ignored(model).forEach((name, why) -> {
                assertEquals(name, RunOptions.get(name).name());
                assertTrue(why.contains("leave " + RunOptions.get(name).flag() + " out"), why);
            });
        }
        // the report's option table leaves them out: they would read as if they mattered
        RunConfig conv = RunConfig.defaults("conv-lvae");
        assertFalse(RunFigures.commandLineOptions(conv).containsKey("--header"));
        assertTrue(RunFigures.commandLineOptions(conv).containsKey("--channels"));
    }

    @Test
    void aModelNoRunTrainsIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelDefaults.of("mlp"));
        assertTrue(e.getMessage().contains("'mlp'") && e.getMessage().contains("conv-lvae"), e.getMessage());
        // a sweep's unknown model is refused where its runs are bound, with the option's own message
        assertEquals(SweepOptions.defaults(), SweepOptions.defaults("mlp"));
    }

    @Test
    void theHelpFillsInEachModelsDefault() {
        assertTrue(OptionHelp.fit(RunOptions.get("epochs")).endsWith("(default: 10000; 100 for conv-lvae)."));
        assertTrue(OptionHelp.fit(RunOptions.get("lr")).endsWith("(default: 0.001)."));
        assertTrue(OptionHelp.fit(RunOptions.get("batch")).endsWith("said when chosen; 100 for conv-lvae)."));
        assertTrue(OptionHelp.fit(RunOptions.get("regularizer"))
                .contains("(default: volume:lambda=0.01,eta=0.01; volume:lambda=0.001,eta=0.01 for conv-lvae;"));
        assertTrue(OptionHelp.sweep(RunOptions.get("checkpointSeconds"), SweepOptions::defaults)
                .endsWith("(default: 60)."));
        assertTrue(OptionHelp.fit(RunOptions.get("hidden")).endsWith("(default: 48,48,48,48)."));
        assertEquals(null, OptionHelp.fit(RunOptions.get("prunedInPenalty")), "a config file's option only");
    }
}
