package dev.lva.api.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.testing.SquareRegularizerProvider.Reduction;
import dev.lva.api.testing.SquareRegularizerProvider.SquareOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {

    private static final SquareOptions DEFAULTS = new SquareOptions(0.1, new int[] {1, 2}, Reduction.MEAN, true);

    record Net(List<Integer> hidden, String activation, long seed, float scale) {
    }

    @Test
    void parsesNameAndOptionsInOrder() {
        PluginSpec spec = PluginSpec.parse(" volume : lambda=0.01, eta = 1e-2 ");
        assertEquals("volume", spec.name());
        assertEquals(Map.of("lambda", "0.01", "eta", "1e-2"), spec.options());
        assertEquals("volume:lambda=0.01,eta=1e-2", spec.toString());
        assertEquals(spec, PluginSpec.parse(spec.toString()));
        assertEquals(new PluginSpec("plummet", Map.of()), PluginSpec.parse("plummet"));
        assertEquals(new PluginSpec("plummet", Map.of()), PluginSpec.parse("plummet:"));
    }

    @Test
    void nestedSpecsGoInParentheses() {
        PluginSpec spec = PluginSpec.parse("lvae:latent=8,regularizer=(volume:lambda=0.1,eta=0.1),hidden=32;32");
        assertEquals(Map.of("latent", "8", "regularizer", "volume:lambda=0.1,eta=0.1", "hidden", "32;32"),
                spec.options());
        assertEquals("lvae:latent=8,regularizer=(volume:lambda=0.1,eta=0.1),hidden=32;32", spec.toString());
        assertEquals(spec, PluginSpec.parse(spec.toString()));
        assertEquals("plugin spec 'x:a=(b,c': '(' without ')'",
                assertThrows(OptionsException.class, () -> PluginSpec.parse("x:a=(b,c")).getMessage());
        List<String> names = Options.<Cols>bind(new Cols(List.of()), Map.of("names", "sepal length;b"), "t").names();
        assertEquals(List.of("sepal length", "b"), names, "list items may contain spaces");
    }

    record Cols(List<String> names) {
    }

    @Test
    void rejectsMalformedSpecs() {
        assertEquals("plugin spec 'volume:lambda': 'lambda' is not key=value",
                assertThrows(OptionsException.class, () -> PluginSpec.parse("volume:lambda")).getMessage());
        assertEquals("plugin spec ':eta=1' has no name before ':'",
                assertThrows(OptionsException.class, () -> PluginSpec.parse(":eta=1")).getMessage());
        assertEquals("plugin spec 'v:eta=1,eta=2': key 'eta' given twice",
                assertThrows(OptionsException.class, () -> PluginSpec.parse("v:eta=1,eta=2")).getMessage());
        assertEquals("plugin spec 'v:=3': empty key in '=3'",
                assertThrows(OptionsException.class, () -> PluginSpec.parse("v:=3")).getMessage());
        assertThrows(OptionsException.class, () -> PluginSpec.parse("  "));
    }

    @Test
    void bindsOverDefaultsWithAnyKeySpelling() {
        SquareOptions o = Options.bind(DEFAULTS,
                Map.of("LAMBDA", "2.5", "dims", "3;4; 5", "reduction", "sum", "enabled", "FALSE"), "square");
        assertEquals(2.5, o.lambda());
        assertArrayEquals(new int[] {3, 4, 5}, o.dims());
        assertEquals(Reduction.SUM, o.reduction());
        assertEquals(false, o.enabled());

        Net net = Options.bind(new Net(List.of(1), "relu", 0, 1f),
                Map.of("hidden", "48;48;48", "seed", "7", "scale", "0.5"), "mlp");
        assertEquals(new Net(List.of(48, 48, 48), "relu", 7, 0.5f), net);
        Net same = Options.bind(net, Map.of(), "mlp");
        assertEquals(net, same, "no keys: the defaults");
    }

    @Test
    void formatsOptionsSoThatBindReadsThemBack() {
        Net net = new Net(List.of(48, 24), "leaky-relu", 3, 0.25f);
        Map<String, String> text = Options.format(net);
        assertEquals(Map.of("hidden", "48;24", "activation", "leaky-relu", "seed", "3", "scale", "0.25"), text);
        assertEquals(net, Options.bind(new Net(List.of(), "", 0, 0f), text, "mlp"));
        assertEquals("mean", Options.format(DEFAULTS).get("reduction"));
    }

    @Test
    void unknownKeyListsTheKnownOnes() {
        OptionsException e = assertThrows(OptionsException.class,
                () -> Options.bind(DEFAULTS, Map.of("lamda", "1"), "square"));
        assertEquals("unknown option 'lamda' for square; known options: lambda, dims, reduction, enabled",
                e.getMessage());
    }

    @Test
    void badValuesNameTheKeyTheTypeAndTheValue() {
        assertEquals("option 'lambda' of square expects a number, got 'abc'", assertThrows(OptionsException.class,
                () -> Options.bind(DEFAULTS, Map.of("lambda", "abc"), "square")).getMessage());
        assertEquals("option 'dims' of square expects a ';'-separated list of an integer, got '1;x'",
                assertThrows(OptionsException.class,
                        () -> Options.bind(DEFAULTS, Map.of("dims", "1;x"), "square")).getMessage());
        assertEquals("option 'reduction' of square expects one of mean, sum, got 'max'",
                assertThrows(OptionsException.class,
                        () -> Options.bind(DEFAULTS, Map.of("reduction", "max"), "square")).getMessage());
        assertEquals("option 'enabled' of square expects true or false, got 'yes'",
                assertThrows(OptionsException.class,
                        () -> Options.bind(DEFAULTS, Map.of("enabled", "yes"), "square")).getMessage());
    }

    @Test
    void recordValidationIsPassedOn() {
        OptionsException e = assertThrows(OptionsException.class,
                () -> Options.bind(DEFAULTS, Map.of("lambda", "-1"), "square"));
        assertEquals("invalid options for square: lambda must be >= 0, got -1.0", e.getMessage());
        assertTrue(e.getCause() instanceof IllegalArgumentException);
    }

    record Run(int keep, double seconds) {
        Run {
            InvalidOption.require(keep >= 1, "keep", keep, "must be >= 1");
            InvalidOption.require(seconds >= 0 && Double.isFinite(seconds), "seconds", seconds,
                    "must be a finite number >= 0");
        }
    }

    @Test
    void anInvalidValueIsNamedAsTheUserTypedItsOption() {
        Run defaults = new Run(3, 0);
        assertEquals("invalid options for lva fit: --keep must be >= 1, got 0", assertThrows(OptionsException.class,
                () -> Options.bind(defaults, Map.of("--keep", "0"), "lva fit")).getMessage());
        assertEquals("invalid options for run.yaml: seconds must be a finite number >= 0, got NaN",
                assertThrows(OptionsException.class,
                        () -> Options.bind(defaults, Map.of("seconds", "NaN"), "run.yaml")).getMessage());
        assertEquals("invalid options for x: keep must be >= 1, got -2", assertThrows(OptionsException.class,
                () -> Options.bind(defaults, Map.of("KEEP", "-2"), "x")).getMessage().replace("KEEP", "keep"));
    }
}
