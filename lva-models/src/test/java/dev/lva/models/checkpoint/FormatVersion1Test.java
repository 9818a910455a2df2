package dev.lva.models.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lva.api.StepLoss;
import dev.lva.api.TrainingData;
import dev.lva.api.TrainingListener;
import dev.lva.api.TrainingRun;
import dev.lva.core.checkpoint.CheckpointFile;
import dev.lva.core.checkpoint.CheckpointFolder;
import dev.lva.core.checkpoint.CheckpointListener;
import dev.lva.core.checkpoint.Extras;
import dev.lva.core.train.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint as the lva before trainer plugins and provenance wrote it (format version 1: the
 * gradient trainer's progress in full under {@code progress}, no trainer state, no provenance) still
 * loads and resumes exactly as the same checkpoint in the current format.
 */
class FormatVersion1Test {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aVersion1CheckpointResumesAsTheCurrentOne() throws IOException {
        TrainingData data = TrainingData.autoencoding(TestRuns.curve(60));
        RunState first = Checkpoints.start(TestRuns.lvae(4), Extras.empty(), TestRuns.PLUGINS);
        Path folder = dir.resolve("c");
        first.fit(data, List.of(new TrainingListener() {
            @Override
            public void onStep(TrainingRun run, StepLoss loss) {
                if (run.step() == 6) {
                    run.requestStop("stop at 6");
                }
            }
        }, Checkpoints.listener(CheckpointListener.Options.everySteps(folder, 100), first, TestRuns.PLUGINS)));
        Path current = new CheckpointFolder(folder).latest().orElseThrow();
        Progress progress = CheckpointFile.read(current).progress();
        Path old = dir.resolve("v1.zip");
        toVersion1(current, old, progress);

        RunState a = Checkpoints.load(current, TestRuns.PLUGINS);
        RunState b = Checkpoints.load(old, TestRuns.PLUGINS);
        assertNull(b.provenance(), "version 1 recorded none");
        assertEquals(a.progress(), b.progress());
        a.fit(data, List.of());
        b.fit(data, List.of());
        assertArrayEquals(a.model().parameters().data().asFloat(), b.model().parameters().data().asFloat());
    }

    private static void toVersion1(Path from, Path to, Progress p) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (Enumeration<? extends ZipEntry> it = in.entries(); it.hasMoreElements(); ) {
                ZipEntry e = it.nextElement();
                byte[] bytes = in.getInputStream(e).readAllBytes();
                if (e.getName().equals("manifest.json")) {
                    ObjectNode m = (ObjectNode) JSON.readTree(bytes);
                    m.put("formatVersion", 1);
                    ((ObjectNode) m.get("trainer")).remove("state");
                    m.remove("provenance");
                    ObjectNode progress = m.putObject("progress");
                    progress.put("step", p.step());
                    progress.put("epoch", p.epoch());
                    progress.put("batchInEpoch", p.batchInEpoch());
                    progress.put("epochRngState", p.epochRngState());
                    progress.put("epochLossSum", p.epochLossSum());
                    bytes = JSON.writeValueAsBytes(m);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
    }
}
