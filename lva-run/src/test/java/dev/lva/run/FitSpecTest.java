package dev.lva.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.plugin.Options;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed, nested fit spec is RunConfig in the table's sections, both ways, checked as a run checks it. */
class FitSpecTest {
    /** A run unlike the defaults in every section, so that a value put in the wrong place shows. */
    private static RunConfig unusual() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("data", "data/rows.csv");
        v.put("columns", "a;b");
        v.put("header", "present");
        v.put("scale", "minmax");
        v.put("padTo", "0");
        v.put("limit", "100");
        v.put("layout", "nhwc");
        v.put("labels", "labels.npy");
        v.put("truth", "truth.csv");
        v.put("latent", "3");
        v.put("hidden", "16;8");
        v.put("channels", "4;8");
        v.put("activation", "tanh");
        v.put("regularizer", "lasso:lambda=0.1");
        v.put("pruning", "plummet:threshold=0.02");
        v.put("pruneFrom", "7");
        v.put("prunedInPenalty", "true");
        v.put("optimizer", "sgd");
        v.put("lr", "0.02");
        v.put("epochs", "33");
        v.put("tol", "0.001");
        v.put("tolWindow", "11");
        v.put("batch", "64");
        v.put("seed", "5");
        v.put("precision", "float64");
        v.put("checkpointEvery", "9");
        v.put("checkpointSeconds", "2.5");
        v.put("keep", "4");
        v.put("out", "runs/x");
        return Options.bind(RunConfig.fitDefaults(), v, "test");
    }

    @Test
    void aConfigGoesIntoSectionsAndBackUnchanged() {
        RunConfig config = unusual();
        FitSpec spec = FitSpec.of(config);
        assertEquals(config, spec.toConfig());
        assertEquals(List.of(16, 8), spec.model().hidden());
        assertEquals(0.02, spec.optimizer().lr());
        assertEquals(9, spec.checkpoints().checkpointEvery());
        assertEquals(Path.of("runs/x"), spec.output().out());
        assertEquals(Path.of("truth.csv"), spec.data().truth());
        assertEquals(RunConfig.fitDefaults(), FitSpec.defaults("lvae").toConfig());
    }

    @Test
    void eachSectionHoldsExactlyItsGroupsOptionsInTheTablesOrder() {
        for (RunOption.Group group : RunOption.Group.values()) {
            List<String> table = RunOptions.of(group).stream().filter(RunOption::inRecord).map(RunOption::name)
                    .toList();
            List<String> section = Arrays.stream(FitSpec.SECTIONS.get(group).getRecordComponents())
                    .map(RecordComponent::getName).toList();
            assertEquals(table, section, group.key());
        }
    }

    @Test
    void aModelsDefaultsAreItsOwnAndAValueARunRefusesIsRefusedByName() {
        FitSpec conv = FitSpec.defaults("conv-lvae");
        assertEquals(100, conv.training().batch());
        assertEquals("volume:lambda=0.001,eta=0.01", conv.penalty().regularizer());
        FitSpec faster = conv.with(new FitSpec.Optimizer("sgd", 0.1));
        assertEquals("sgd", faster.toConfig().optimizer());
        assertEquals(conv.training(), faster.training(), "the other sections stay");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> conv.with(new FitSpec.Optimizer("adam", -1)));
        assertTrue(e.getMessage().contains("lr"), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> new FitSpec(
                conv.data(), conv.model(), conv.penalty(), null, conv.training(), conv.checkpoints(), conv.output()));
        assertTrue(missing.getMessage().contains("FitSpec.defaults"), missing.getMessage());
    }
}
