package dev.lva.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lva.api.LvaException;
import dev.lva.api.plugin.Options;
import dev.lva.api.plugin.Plugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run folder moves by moving it: fitted into one folder and moved to another, it reads its summary,
 * encodes and resumes there, and no file of it (nor any entry of its checkpoints) names the folder it
 * was written in.
 */
class RelocatableRunTest {
    private static final Plugins PLUGINS = Plugins.discover();

    @TempDir
    Path dir;

    private Path curve() throws IOException {
        StringBuilder sb = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 40; i++) {
            double t = i / 39.0;
            sb.append(t).append(',').append(t * t).append(',').append(Math.sin(3 * t)).append('\n');
        }
        return Files.writeString(dir.resolve("curve.csv"), sb.toString());
    }

    private RunConfig config(Path data, int epochs) {
        return Options.bind(RunConfig.fitDefaults(), Map.of("data", data.toString(), "hidden", "8", "epochs",
                Integer.toString(epochs), "checkpointEvery", "10", "keep", "10"), "test");
    }

    @Test
    void aRunFolderMovedElsewhereReadsEncodesAndResumesThereAndNamesNoOldPath() throws Exception {
        Path data = curve();
        Path first = dir.resolve("trained-here-7f3a").toAbsolutePath();
        RunConfig config = config(data, 30);
        // the config's own --out is not where the run goes: the folder given is
        LvaRun.Result result = LvaRun.fit(config, RunData.load(config, config.precision().dataType()), first, PLUGINS);
        assertEquals(first, result.folder());
        assertEquals(first.resolve(LvaRun.MODEL_FILE), result.modelFile());
        assertTrue(Files.isRegularFile(first.resolve(LvaRun.MODEL_FILE)), "the run went into the folder given");
        assertNotNull(LvaRun.report(result).file());
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.writeValueAsString(result.runSummary().toJson()),
                json.writeValueAsString(RunSummary.read(first).toJson()), "the summary on disk is the result's");

        Path moved = dir.resolve("moved").resolve("run");
        Files.createDirectories(moved.getParent());
        Files.move(first, moved);
        assertEquals(List.of(), FilesNaming.in(moved, first.toString()));

        RunSummary summary = RunSummary.read(moved);
        assertEquals(result.runSummary().steps(), summary.steps());
        assertArrayEquals(result.runSummary().stdsSorted(), summary.stdsSorted());
        assertTrue(Files.isRegularFile(summary.modelIn(moved)), "the summary's model is the moved folder's");
        Codes codes = Codes.load(summary.modelIn(moved), PLUGINS);
        assertNotNull(codes, "the moved model encodes");

        LvaRun.Result resumed = LvaRun.resume(summary.modelIn(moved), 60, null, (Path) null, PLUGINS, null);
        assertEquals(moved.toAbsolutePath().normalize(), resumed.folder(), "the run goes on where its folder is now");
        RunSummary after = RunSummary.read(moved);
        assertEquals(2 * summary.steps(), after.steps(), "30 more epochs of the same steps each");
        assertArrayEquals(new long[] {summary.steps()}, after.resumedAtSteps());
        assertEquals(List.of(), FilesNaming.in(moved, first.toString()));
        assertFalse(Files.exists(first), "nothing was written where the folder was");

        // resumed again with no epoch left: no step is taken, and the summary keeps the losses it ended on
        LvaRun.resume(summary.modelIn(moved), 60, null, (Path) null, PLUGINS, null);
        RunSummary again = RunSummary.read(moved);
        assertEquals(after.steps(), again.steps());
        assertNotNull(again.lastStep(), "a run resumed after its end still names its last step");
        assertEquals(after.lastStep(), again.lastStep());
        assertTrue(Double.isFinite(again.lastStep().total()), "not NaN: " + again.lastStep());
    }

    @Test
    void aCheckpointCopiedOutOfItsFolderAsksWhereToGoOn() throws Exception {
        Path data = curve();
        Path run = dir.resolve("run");
        RunConfig config = config(data, 20);
        LvaRun.fit(config, RunData.load(config, config.precision().dataType()), run, PLUGINS);
        Path copy = Files.copy(run.resolve(LvaRun.CHECKPOINT_DIR).resolve("checkpoint-00000010.zip"),
                dir.resolve("copy.zip"));
        String m = assertThrows(LvaException.class,
                () -> LvaRun.resume(copy, 30, null, (Path) null, PLUGINS, null)).getMessage();
        assertEquals(copy + " lies in no run folder (OUT/model.zip or OUT/checkpoints/), and a checkpoint does not"
                + " record one: give the resumed run's folder with --out DIR", m);
        Path elsewhere = dir.resolve("elsewhere");
        LvaRun.Result resumed = LvaRun.resume(copy, 30, elsewhere, (Path) null, PLUGINS, null);
        assertEquals(elsewhere, resumed.folder());
        assertTrue(Files.isRegularFile(elsewhere.resolve(LvaRun.MODEL_FILE)));
    }
    @Test
    void aCheckpointWrittenUnderAnotherJdkIsResumedWithANoteSayingSo() throws Exception {
        Path data = curve();
        Path run = dir.resolve("run");
        RunConfig config = config(data, 20);
        LvaRun.fit(config, RunData.load(config, config.precision().dataType()), run, PLUGINS);
        Path checkpoint = dir.resolve("other-jdk.zip");
        Files.copy(run.resolve(LvaRun.CHECKPOINT_DIR).resolve("checkpoint-00000010.zip"), checkpoint);
        // as if another JDK had written it: the manifest's provenance says so
        try (java.nio.file.FileSystem zip = java.nio.file.FileSystems.newFileSystem(checkpoint)) {
            Path manifest = zip.getPath("manifest.json");
            ObjectMapper json = new ObjectMapper();
            com.fasterxml.jackson.databind.node.ObjectNode root =
                    (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(Files.readAllBytes(manifest));
            ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("provenance")).put("jdk", "Elsewhere 11.0.0");
            Files.write(manifest, json.writeValueAsBytes(root));
        }
        LvaRun.Result resumed = LvaRun.resume(checkpoint, 30, dir.resolve("resumed"), (Path) null, PLUGINS, null);
        String notes = String.join("\n", resumed.notes());
        assertTrue(notes.contains("the checkpoint was written elsewhere (JDK: Elsewhere 11.0.0 then, "), notes);
        assertTrue(notes.contains("may round differently"), notes);

        // the same checkpoint as written: no such note
        LvaRun.Result same = LvaRun.resume(run.resolve(LvaRun.CHECKPOINT_DIR).resolve("checkpoint-00000010.zip"), 30,
                dir.resolve("same"), (Path) null, PLUGINS, null);
        assertFalse(String.join("\n", same.notes()).contains("written elsewhere"), same.notes().toString());
    }
}
