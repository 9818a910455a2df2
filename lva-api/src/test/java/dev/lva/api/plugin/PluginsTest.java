package dev.lva.api.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.Regularizer;
import dev.lva.api.testing.GadgetA;
import dev.lva.api.testing.GadgetB;
import dev.lva.api.testing.Gizmo;
import dev.lva.api.testing.OddWidgets;
import dev.lva.api.testing.SquareRegularizer;
import dev.lva.api.testing.WidgetProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsTest {

    private final Plugins plugins = Plugins.discover(PluginsTest.class.getClassLoader());

    @Test
    void findsProvidersListedInServicesFiles() {
        ProviderRegistry<RegularizerProvider<?>, Regularizer> registry = plugins.registry(RegularizerProvider.KIND);
        assertEquals(List.of("square"), registry.names(), "available providers");
        List<String> all = registry.providers().stream().map(Provider::name).collect(Collectors.toList());
        assertEquals(List.of("needs-gpu", "square"), all, "every loaded provider, sorted");
        Regularizer r = plugins.create(RegularizerProvider.KIND, "square:lambda=0.25");
        assertInstanceOf(SquareRegularizer.class, r);
        assertEquals(0.25, r.lambda());
        assertSame(registry, plugins.registry(RegularizerProvider.KIND), "a registry is built once");
    }

    @Test
    void failingProvidersAreReportedByNameAndDoNotStopTheOthers() {
        List<ProviderFailure> failures = plugins.registry(RegularizerProvider.KIND).failures();
        assertEquals(2, failures.size(), failures::toString);
        ProviderFailure throwing = failures.stream()
                .filter(f -> f.className().equals("dev.lva.api.testing.FailingRegularizerProvider")).findFirst()
                .orElseThrow(() -> new AssertionError("constructor failure not reported: " + failures));
        assertTrue(throwing.reason().contains("boom: native library not found"), throwing.reason());
        assertTrue(throwing.location().contains("test-classes"), throwing.location());
        assertTrue(failures.stream().anyMatch(f -> f.className().equals("dev.lva.api.testing.DoesNotExist")),
                "missing class not reported: " + failures);
    }

    @Test
    void unknownNameListsTheKnownOnesAndTheFailures() {
        PluginException e = assertThrows(PluginException.class,
                () -> plugins.create(RegularizerProvider.KIND, "volumee:eta=1"));
        assertTrue(e.getMessage().startsWith("unknown regularizer 'volumee'; known regularizers: square"),
                e.getMessage());
        assertTrue(e.getMessage().contains("2 provider(s) failed to load"), e.getMessage());
        assertTrue(e.getMessage().contains("FailingRegularizerProvider"), e.getMessage());
    }

    @Test
    void unavailableProviderIsListedButRefused() {
        PluginException e = assertThrows(PluginException.class,
                () -> plugins.provider(RegularizerProvider.KIND, "needs-gpu"));
        assertTrue(e.getMessage().contains("regularizer 'needs-gpu'"), e.getMessage());
        assertTrue(e.getMessage().contains("UnavailableRegularizerProvider"), e.getMessage());
        assertTrue(e.getMessage().endsWith("is not available here"), e.getMessage());
    }

    @Test
    void discoveryUsesTheGivenClassLoaderOnly(@TempDir Path dir) throws IOException {
        // the test class path has no widget services file: nothing is found there
        PluginException none = assertThrows(PluginException.class,
                () -> plugins.create(WidgetProvider.KIND, "gizmo"));
        assertEquals("unknown widget 'gizmo'; known widgets: (none)", none.getMessage());

        try (URLClassLoader loader = loaderWithServices(dir, Gizmo.class.getName())) {
            Plugins scoped = Plugins.discover(loader);
            assertEquals(List.of("gizmo"), scoped.registry(WidgetProvider.KIND).names());
            assertEquals("gizmo made by Gizmo", scoped.create(WidgetProvider.KIND, "gizmo"));
        }
    }

    @Test
    void twoProvidersWithOneNameFailWithBothClassesAndLocations(@TempDir Path dir) throws IOException {
        try (URLClassLoader loader = loaderWithServices(dir, GadgetA.class.getName(), Gizmo.class.getName(),
                GadgetB.class.getName())) {
            PluginException e = assertThrows(PluginException.class,
                    () -> Plugins.discover(loader).registry(WidgetProvider.KIND));
            String m = e.getMessage();
            assertTrue(m.startsWith("two widget providers are named 'gadget': "), m);
            assertTrue(m.contains(GadgetA.class.getName() + " from file:"), m);
            assertTrue(m.contains(GadgetB.class.getName() + " from file:"), m);
        }
    }

    /**
     * A provider whose name no spec can write (null made `lva plugins` fail with a NullPointerException for
     * every plugin; "odd:name" was listed but could never be asked for) is a failure of its own, and the
     * others load.
     */
    @Test
    void providersWithUnusableNamesAreFailuresAndTheOthersLoad(@TempDir Path dir) throws IOException {
        try (URLClassLoader loader = loaderWithServices(dir, OddWidgets.NullName.class.getName(),
                OddWidgets.ColonName.class.getName(), OddWidgets.BlankName.class.getName(), Gizmo.class.getName())) {
            ProviderRegistry<WidgetProvider, String> registry = Plugins.discover(loader).registry(WidgetProvider.KIND);
            assertEquals(List.of("gizmo"), registry.names());
            List<String> reasons = registry.failures().stream().map(ProviderFailure::reason).toList();
            assertEquals(3, reasons.size(), reasons::toString);
            assertTrue(reasons.contains("its name() is null; a provider needs a name to be asked for"), reasons::toString);
            assertTrue(reasons.contains("its name() is blank; a provider needs a name to be asked for"), reasons::toString);
            assertTrue(reasons.contains("its name() 'odd:name' holds ':', which a spec (name:key=value,...) cannot hold"
                    + " in a name"), reasons::toString);
            assertTrue(registry.failures().stream().anyMatch(f -> f.className().equals(OddWidgets.NullName.class.getName())
                    && f.location().startsWith("file:")), registry.failures()::toString);
        }
    }

    /** What goes wrong inside a provider's create names the provider, its class and its jar. */
    @Test
    void aProviderWhoseCreateFailsOrGivesNothingIsNamed(@TempDir Path dir) throws IOException {
        try (URLClassLoader loader = loaderWithServices(dir, OddWidgets.Throwing.class.getName(),
                OddWidgets.Nothing.class.getName())) {
            Plugins scoped = Plugins.discover(loader);
            PluginException thrown = assertThrows(PluginException.class, () -> scoped.create(WidgetProvider.KIND, "throwing"));
            String m = thrown.getMessage();
            assertTrue(m.startsWith("widget 'throwing' (" + OddWidgets.Throwing.class.getName() + " from file:"), m);
            assertTrue(m.endsWith(") failed to create: IllegalStateException: the plugin's own bug"), m);
            assertInstanceOf(IllegalStateException.class, thrown.getCause());
            String nothing = assertThrows(PluginException.class, () -> scoped.create(WidgetProvider.KIND, "nothing"))
                    .getMessage();
            assertTrue(nothing.startsWith("widget 'nothing' (" + OddWidgets.Nothing.class.getName() + " from file:"),
                    nothing);
            assertTrue(nothing.endsWith(") created nothing: its create(options) returned null"), nothing);
        }
    }

    private static URLClassLoader loaderWithServices(Path dir, String... classNames) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(WidgetProvider.class.getName()), String.join("\n", classNames) + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, PluginsTest.class.getClassLoader());
    }

    @Test
    void providerOptionsTypeComesFromItsDefaults() {
        RegularizerProvider<?> p = plugins.provider(RegularizerProvider.KIND, "square");
        assertEquals("SquareOptions", p.optionsType().getSimpleName());
        assertFalse(p.description().contains("\n"));
    }
}
