package dev.lva.core.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.lva.api.plugin.Plugins;
import dev.lva.api.plugin.RegularizerProvider;
import dev.lva.core.regularize.VolumeRegularizer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LvaModuleTest {

    @Test
    void bindsDiscoveredProvidersByName() {
        Injector injector = Guice.createInjector(new LvaModule(Plugins.discover(getClass().getClassLoader())));
        Map<String, RegularizerProvider<?>> regularizers = injector.getInstance(
                Key.get(new TypeLiteral<Map<String, RegularizerProvider<?>>>() { }));
        assertEquals(java.util.Set.of("volume", "l1-std", "lasso", "student-t", "l2"), regularizers.keySet());
        assertTrue(regularizers.get("volume").create(Map.of("eta", "0.5")) instanceof VolumeRegularizer);
        assertTrue(injector.getInstance(Plugins.class) != null);
    }
}
