package dev.lva.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import dev.lva.api.plugin.Options;
import dev.lva.run.RunOption.Group;
import dev.lva.run.RunOption.Kind;
import dev.lva.run.sweep.SweepFile;
import dev.lva.run.sweep.SweepOptions;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one table of a run's options: names and spellings, groups, and config.yaml nested and flat. */
class RunOptionsTest {
    @TempDir
    Path dir;

    /** A run unlike the defaults in every group, so that a value read from the wrong place shows. */
    private static RunConfig unusual() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("data", "data/rows.csv");
        v.put("columns", "a;b c");
        v.put("header", "present");
        v.put("scale", "minmax");
        v.put("latent", "3");
        v.put("hidden", "16;8");
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
        v.put("layout", "nhwc");
        v.put("limit", "100");
        return Options.bind(RunConfig.fitDefaults(), v, "test");
    }

    private static String message(Runnable r) {
        return assertThrows(LvaException.class, r::run).getMessage();
    }

    @Test
    void everySpellingOfAnOptionNamesIt() {
        for (String key : List.of("--prune-from", "prune-from", "prune_from", "pruneFrom", "PRUNEFROM", " pruneFrom ")) {
            assertEquals("pruneFrom", RunOptions.find(key).name(), key);
        }
        assertEquals("seed", RunOptions.find("--seeds").name(), "seeds is the seed option's alias");
        assertEquals("seed", RunOptions.find("seed").name());
        assertNull(RunOptions.find("epoch"), "no prefix matching: a typo is unknown, not a guess");
        assertTrue(RunOptions.same("--checkpoint-every", "checkpoint_every"));
        assertEquals("--tol-window", RunOptions.get("tolWindow").flag());
        assertEquals("pad-to", RunOptions.get("padTo").kebab());
        assertThrows(IllegalArgumentException.class, () -> RunOptions.get("tol-window"));
    }

    @Test
    void theTableAndTheRunConfigRecordNameTheSameOptionsOfMatchingKinds() {
        List<String> components = new ArrayList<>();
        for (RecordComponent c : RunConfig.class.getRecordComponents()) {
            components.add(c.getName());
            RunOption o = RunOptions.find(c.getName());
            assertTrue(o != null && o.name().equals(c.getName()) && o.inRecord(), c.getName() + " is not in the table");
            Class<?> t = c.getType();
            boolean matches = switch (o.kind()) {
                case WHOLE -> t == int.class || t == long.class;
                case NUMBER -> t == double.class;
                case FLAG -> t == boolean.class;
                case CHOICE -> t.isEnum() || t == String.class;
                case SPEC -> t == String.class;
                case LIST -> t == List.class;
                case PATH -> t == Path.class;
            };
            assertTrue(matches, c.getName() + " is a " + t.getSimpleName() + ", the table says " + o.kind());
        }
        for (RunOption o : RunOptions.ALL) {
            assertEquals(o.inRecord(), components.contains(o.name()), o.name());
        }
        assertEquals(List.of("lambda"), RunOptions.ALL.stream().filter(o -> !o.inRecord()).map(RunOption::name).toList());
    }

    @Test
    void everyGroupHoldsTheOptionsOfItsKind() {
        assertEquals("data, columns, header, scale, padTo, limit, layout, stream, labels, truth", RunOptions.names(Group.DATA));
        assertEquals("model, latent, hidden, channels, activation", RunOptions.names(Group.MODEL));
        assertEquals("regularizer, lambda, pruning, pruneFrom, prunedInPenalty", RunOptions.names(Group.PENALTY));
        assertEquals("optimizer, lr", RunOptions.names(Group.OPTIMIZER));
        assertEquals("epochs, tol, tolWindow, batch, precision, seed", RunOptions.names(Group.TRAINING));
        assertEquals("checkpointEvery, checkpointSeconds, keep", RunOptions.names(Group.CHECKPOINTS));
        assertEquals("out", RunOptions.names(Group.OUTPUT));
        assertEquals(Group.OPTIMIZER, Group.of("Optimizer"));
        assertNull(Group.of("optimiser"));
    }

    @Test
    void theSweepsAxesKeepTheGridOrderThatNamesExistingRuns() {
        // the product and the run names follow this order (the penalties go first whatever their place):
        // a change would rename every run of a sweep folder made before it
        List<String> axes = new ArrayList<>(SweepOptions.AXES);
        axes.removeAll(List.of("regularizer", "lambda"));
        assertEquals(List.of("scale", "latent", "hidden", "channels", "activation", "pruning", "pruneFrom",
                "prunedInPenalty", "optimizer", "lr", "epochs", "tol", "tolWindow", "batch", "precision", "seed"), axes);
        assertEquals(List.of("data", "columns", "header", "padTo", "limit", "layout", "stream", "labels", "truth", "model", "checkpointEvery",
                "checkpointSeconds", "keep", "out"), SweepOptions.SINGLE);
        assertEquals(List.of("lambda"), RunOptions.ALL.stream().filter(o -> o.kind() == Kind.NUMBER && !o.inRecord())
                .map(RunOption::name).toList());
    }

    @Test
    void convLvaesDefaultsAreKeyedByOptionName() {
        for (String model : RunConfig.MODELS) {
            for (String key : ModelDefaults.of(model).keySet()) {
                assertEquals(key, RunOptions.get(key).name(), model);
            }
        }
        RunConfig conv = RunConfig.defaults("conv-lvae");
        assertEquals("conv-lvae", conv.model());
        assertEquals(100, conv.batch());
        assertEquals(5, conv.tolWindow());
        assertEquals(RunConfig.fitDefaults(), RunConfig.defaults("lvae"));
    }

    @Test
    void configYamlIsWrittenInSectionsAndReadBack() throws Exception {
        RunConfig config = unusual();
        String yaml = Outputs.configYaml(config);
        List<String> sections = yaml.lines().filter(l -> !l.startsWith(" ") && !l.startsWith("---")).toList();
        // no output: section, for its one option (out) is where the file lies, never written in it
        assertEquals(List.of("data:", "model:", "penalty:", "optimizer:", "training:", "checkpoints:"),
                sections, yaml);
        assertFalse(yaml.contains("runs/x"), yaml);
        assertTrue(yaml.contains("model:\n  model: \"lvae\"\n  latent: \"3\""), yaml);
        assertTrue(yaml.contains("optimizer:\n  optimizer: \"sgd\"\n  lr: \"0.02\""), yaml);
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        Map<String, String> back = new LinkedHashMap<>(
                Options.format(Options.bind(RunConfig.fitDefaults(), ConfigFile.read(file), file.toString())));
        back.remove("out");
        assertEquals(Outputs.folderOptions(config), back);
    }

    @Test
    void anOldFlatConfigYamlIsStillRead() throws Exception {
        // as runs wrote config.yaml before its sections: one flat map in RunConfig's order
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, """
                ---
                data: "data/rows.csv"
                columns: "a;b c"
                header: "present"
                scale: "minmax"
                latent: "3"
                hidden: "16;8"
                activation: "leaky-relu:slope=0.2"
                regularizer: "lasso:lambda=0.1"
                pruning: "plummet:threshold=0.02"
                pruneFrom: "7"
                prunedInPenalty: "true"
                optimizer: "sgd"
                lr: "0.02"
                epochs: "33"
                tol: "0.001"
                tolWindow: "11"
                batch: "64"
                seed: "5"
                precision: "float64"
                checkpointEvery: "9"
                checkpointSeconds: "2.5"
                keep: "4"
                out: "runs/x"
                model: "lvae"
                channels: "32;64;128;256"
                padTo: "0"
                limit: "100"
                layout: "nhwc"
                """);
        assertEquals(unusual(), Options.bind(RunConfig.fitDefaults(), ConfigFile.read(file), file.toString()));
    }

    @Test
    void flatAndNestedKeysMayMixButNameEachOptionOnce() throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "data: x.csv\nmodel:\n  latent: 2\ntraining:\n  epochs: 5\n  seeds: [0, 1]\nlr: 0.1\n");
        assertEquals(Map.of("data", "x.csv", "latent", "2", "epochs", "5", "seeds", "0;1", "lr", "0.1"),
                ConfigFile.read(file));

        Files.writeString(file, "keep: 2\ncheckpoints:\n  keep: 3\n");
        assertEquals(file + ": keys 'keep' and 'checkpoints: keep' name the same option", message(() -> ConfigFile.read(file)));
        Files.writeString(file, "training:\n  tol-window: 2\n  tolWindow: 3\n");
        assertEquals(file + ": keys 'training: tol-window' and 'training: tolWindow' name the same option",
                message(() -> ConfigFile.read(file)));
        Files.writeString(file, "training:\n  epochs: 2\n  epochs: 3\n");
        assertEquals(file + ":3: key 'epochs' appears twice", message(() -> ConfigFile.read(file)));
        Files.writeString(file, "model:\n  lr: 0.1\n");
        assertEquals(file + ": 'lr' is under model:, but it is an optimizer option; move it under optimizer: (or write"
                + " it at the top level)", message(() -> ConfigFile.read(file)));
        // an unknown key is passed on, for the binding's own unknown-option error that lists the known ones
        Files.writeString(file, "model:\n  latnet: 2\n");
        assertEquals(Map.of("latnet", "2"), ConfigFile.read(file));
        Files.writeString(file, "latent: {a: 1}\n");
        assertEquals(file + ": option 'latent' must be a value or a list, not a map", message(() -> ConfigFile.read(file)));
    }

    @Test
    void aSweepFileMayBeARunsNestedConfigYaml() throws Exception {
        RunConfig config = unusual();
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, Outputs.configYaml(config));
        SweepOptions o = new SweepOptions();
        SweepFile.read(file, o);
        Map<String, String> flat = Options.format(config);
        for (String name : SweepOptions.AXES) {
            // numbers take the sweep's one spelling (0.02 is 2e-2), which SweepGridTest pins
            if (flat.containsKey(name) && RunOptions.get(name).kind() != Kind.NUMBER) {
                assertEquals(List.of(flat.get(name)), o.get(name).values(), name);
            }
        }
        assertEquals(List.of("2e-2"), o.get("lr").values());
        assertNull(o.get("out"), "a run's config.yaml names no folder");
        assertEquals(List.of("nhwc"), o.get("layout").values());

        Files.writeString(file, "data: x.csv\ntraining:\n  seeds: 0-2\nmodel:\n  lr: [0.1, 0.2]\n");
        String m = message(() -> SweepFile.read(file, new SweepOptions()));
        assertTrue(m.startsWith(file + ":5: 'lr' is under model:, but it is an optimizer option"), m);
        Files.writeString(file, "data: x.csv\ntraining:\n  seeds: 0-2\n  seed: 4\n");
        m = message(() -> SweepFile.read(file, new SweepOptions()));
        assertTrue(m.endsWith(":4: the keys 'seeds' and 'seed' name the same option (first on line 3); give it once"), m);
    }

    @Test
    void aSweepTakesEachOptionAsTypedByItsKind() {
        SweepOptions o = new SweepOptions()
                .putTyped("--hidden", "--hidden", List.of("8,8", "16"))
                .putTyped("--seeds", "--seeds", List.of("0-2"))
                .putTyped("--columns", "--columns", List.of("a,b"))
                .putTyped("--pad-to", "--pad-to", List.of("32"));
        assertEquals(List.of("8;8", "16"), o.get("hidden").values(), "a list-valued axis: one value per occurrence");
        assertEquals(List.of("0", "1", "2"), o.get("seed").values());
        assertEquals(List.of("a;b"), o.get("columns").values(), "one list for the whole sweep");
        assertEquals(List.of("32"), o.get("padTo").values());
        assertTrue(message(() -> o.putTyped("--out", "--out", List.of("a,b"))).startsWith("--out 'a,b': this option is"
                + " not a list"));
        assertTrue(message(() -> o.putTyped("--epoch", "--epoch", List.of("3"))).startsWith("--epoch: unknown option"));
    }
}
