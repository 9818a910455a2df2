package dev.lva.core.param;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.lva.api.Parametrization;
import dev.lva.api.plugin.ParametrizationProvider;
import dev.lva.api.plugin.PluginException;
import dev.lva.api.plugin.Plugins;
import dev.lva.core.inject.LvaModule;
import dev.lva.core.nn.ConvSpec;
import dev.lva.core.nn.ConvTranspose2d;
import dev.lva.core.nn.Linear;
import dev.lva.core.nn.ParameterBuffer;
import dev.lva.core.nn.Shape;
import dev.lva.core.tensor.TorchGenerator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** Parametrizations are a plugin kind: found by name, with options, bound by the Guice module. */
class ParametrizationProvidersTest {
    private final Plugins plugins = Plugins.discover(getClass().getClassLoader());

    @Test
    void theBuiltInParametrizationsAreFoundByName() {
        assertEquals(List.of("conv-operator", "kernel"), plugins.registry(ParametrizationProvider.KIND).names());
        Parametrization.Factory operator = plugins.create(ParametrizationProvider.KIND, "conv-operator:warmup=5");
        ConvTranspose2d layer = new ConvTranspose2d(2, 1, ConvSpec.of(4, 2, 1), true, operator);
        layer.connect(Shape.image(2, 3, 3));
        ParameterBuffer.allocate(DataType.FLOAT, Map.of("l", layer));
        layer.initialize(new TorchGenerator(0));
        assertTrue(layer.parametrization() instanceof OperatorNorm);

        Parametrization.Factory kernel = plugins.create(ParametrizationProvider.KIND, "kernel");
        Linear linear = new Linear(3, 4, true, kernel);
        ParameterBuffer.allocate(DataType.FLOAT, Map.of("l", linear));
        linear.initialize(new TorchGenerator(0));
        assertTrue(linear.parametrization() instanceof SpectralNorm);
    }

    @Test
    void badNamesAndOptionsAreReported() {
        PluginException unknown = assertThrows(PluginException.class,
                () -> plugins.create(ParametrizationProvider.KIND, "spectral"));
        assertEquals("unknown parametrization 'spectral'; known parametrizations: conv-operator, kernel",
                unknown.getMessage());
        assertThrows(RuntimeException.class, () -> plugins.create(ParametrizationProvider.KIND, "kernel:warmup=-1"));
    }

    @Test
    void theGuiceModuleBindsThemByName() {
        Map<String, ParametrizationProvider<?>> bound = Guice.createInjector(new LvaModule(plugins)).getInstance(
                Key.get(new TypeLiteral<Map<String, ParametrizationProvider<?>>>() { }));
        assertEquals(java.util.Set.of("kernel", "conv-operator"), bound.keySet());
    }
}
