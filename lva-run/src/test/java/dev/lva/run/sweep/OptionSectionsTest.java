package dev.lva.run.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import dev.lva.run.ConfigFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Defects found by hostile option parsing (docs/hostile/2026-12-07-options.md): a section of a config
 * or sweep file with nothing under it, or a value instead of options, and an option the sweep's model
 * does not use.
 */
class OptionSectionsTest {
    @TempDir
    Path dir;

    @Test
    void anEmptySectionIsSkippedInAConfigFileAndASweepFile() throws Exception {
        Path file = dir.resolve("c.yaml");
        // every entry of training: commented out, as one does while trying things
        Files.writeString(file, "data: d.csv\ntraining:\n#  epochs: 3\npenalty:\n");
        assertEquals(Map.of("data", "d.csv"), ConfigFile.read(file));
        SweepOptions o = new SweepOptions();
        SweepFile.read(file, o);
        assertEquals(List.of("d.csv"), o.get("data").values());
        assertTrue(!o.has("epochs"));
    }

    @Test
    void aSectionHoldingAValueIsRefusedAsASectionNotAsAnUnknownOption() throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "data: d.csv\ntraining: 5\n");
        String config = assertThrows(LvaException.class, () -> ConfigFile.read(file)).getMessage();
        assertTrue(config.contains("'training' is the section of the training options (epochs, tol, tolWindow, batch,"
                + " precision, seed), not an option"), config);
        String sweep = assertThrows(LvaException.class, () -> SweepFile.read(file, new SweepOptions())).getMessage();
        assertTrue(sweep.contains("c.yaml:2: 'training' is the section of the training options"), sweep);
        // a section's name that is also an option is that option, as before
        Files.writeString(file, "data: d.csv\nmodel: conv-lvae\n");
        assertEquals("conv-lvae", ConfigFile.read(file).get("model"));
    }

    @Test
    void anOptionTheSweepsModelDoesNotUseIsRefusedAsLvaFitRefusesIt() {
        SweepOptions typed = new SweepOptions().putTyped("channels", "--channels", List.of("8"));
        String m = assertThrows(LvaException.class, () -> SweepGrid.requireUsedByModel(typed, "lvae")).getMessage();
        assertEquals("--channels 8 with --model lvae: lvae is an MLP with no convolutions, so it would ignore the"
                + " channels; give --model conv-lvae for the convolutional model, or leave --channels out", m);
        SweepOptions hidden = new SweepOptions().putTyped("hidden", "--hidden", List.of("8,8", "16"));
        String h = assertThrows(LvaException.class, () -> SweepGrid.requireUsedByModel(hidden, "conv-lvae"))
                .getMessage();
        assertTrue(h.startsWith("--hidden 8,8 --hidden 16 with --model conv-lvae: conv-lvae's layers are convolutions"), h);
        // a run's config.yaml as a sweep file lists every option: the other model's at its default is no request
        SweepOptions file = new SweepOptions().put("channels", "config.yaml: channels", List.of("32;64;128;256"));
        SweepGrid.requireUsedByModel(file, "lvae");
        SweepOptions changed = new SweepOptions().put("channels", "config.yaml: channels", List.of("8"));
        assertThrows(LvaException.class, () -> SweepGrid.requireUsedByModel(changed, "lvae"));
    }
}
