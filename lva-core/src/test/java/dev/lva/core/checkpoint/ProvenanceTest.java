package dev.lva.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lva.core.kernel.Kernels;
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
import org.nd4j.linalg.factory.Nd4j;

/** The manifest's provenance, read and written, what a resume is told of it, and checkpoints of format version 1. */
class ProvenanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Provenance sample() {
        return new Provenance("0.9.0", "Acme 17.0.1", "Linux 6.1", "amd64", "cpu", "engine 2, OpenBLAS 1, OpenMP 1",
                "sha256:abc");
    }

    @Test
    void provenanceIsWrittenAndReadBack() throws IOException {
        Path file = dir.resolve("p.zip");
        CheckpointFile.write(file, CheckpointFileTest.snapshot(5).withProvenance(sample()));
        TrainingSnapshot read = CheckpointFile.read(file);
        assertEquals(sample(), read.provenance());
        assertEquals(sample(), read.withExtras(Extras.empty()).provenance(), "other extras keep the provenance");
        try (ZipFile zip = new ZipFile(file.toFile())) {
            JsonNode m = JSON.readTree(zip.getInputStream(zip.getEntry("manifest.json")));
            assertEquals("engine 2, OpenBLAS 1, OpenMP 1", m.at("/provenance/threads").asText());
            assertEquals("Acme 17.0.1", m.at("/provenance/jdk").asText());
            assertEquals("sha256:abc", m.at("/provenance/data").asText());
        }
    }

    @Test
    void theCurrentProcessIsDescribed() {
        Provenance now = Provenance.current(DataDigest.of(Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}})));
        assertEquals(System.getProperty("os.arch"), now.arch());
        assertEquals(Kernels.active().name(), now.kernels());
        assertTrue(now.jdk().contains(System.getProperty("java.version")), now.jdk());
        assertTrue(now.threads().startsWith("engine "), now.threads());
        assertTrue(now.data().startsWith(DataDigest.PREFIX), now.data());
        assertEquals(List.of(), now.differences(now));
        assertTrue(Provenance.explain(now, now).endsWith("the resume is exact"), Provenance.explain(now, now));
    }

    @Test
    void differencesAreListedAndExplained() {
        Provenance then = sample();
        Provenance now = new Provenance("0.9.0", "Acme 21.0.2", "Linux 6.1", "amd64", "cpu",
                "engine 1, OpenBLAS 1, OpenMP 1", "sha256:def");
        assertEquals(List.of("JDK: Acme 17.0.1 then, Acme 21.0.2 now",
                "threads: engine 2, OpenBLAS 1, OpenMP 1 then, engine 1, OpenBLAS 1, OpenMP 1 now",
                "data: sha256:abc then, sha256:def now"), then.differences(now));
        String text = Provenance.explain(then, now);
        assertTrue(text.startsWith("the resume continues the run but is not bit-exact: JDK: "), text);
        assertFalse(text.contains("is exact"), text);
        assertEquals(List.of(), then.differences(now.withData(null).withThreads(then.threads()).withJdk(then.jdk())),
                "a digest either side does not know is not compared");
        assertTrue(Provenance.explain(null, now).contains("records no provenance"));
    }

    /**
     * A checkpoint as lva wrote it before provenance and trainer plugins (format version 1: the gradient
     * trainer's progress in full under {@code progress}, no trainer state, no provenance) still reads,
     * with the same progress.
     */
    @Test
    void aCheckpointOfFormatVersion1StillReads() throws IOException {
        TrainingSnapshot s = CheckpointFileTest.snapshot(12);
        Path current = dir.resolve("v2.zip");
        CheckpointFile.write(current, s);
        Path old = dir.resolve("v1.zip");
        rewriteManifest(current, old, m -> {
            m.put("formatVersion", 1);
            ((ObjectNode) m.get("trainer")).remove("state");
            m.remove("provenance");
            Progress p = s.progress();
            ObjectNode progress = m.putObject("progress");
            progress.put("step", p.step());
            progress.put("epoch", p.epoch());
            progress.put("batchInEpoch", p.batchInEpoch());
            progress.put("epochRngState", p.epochRngState());
            progress.put("epochLossSum", p.epochLossSum());
        });
        TrainingSnapshot r = CheckpointFile.read(old);
        assertEquals(s.progress(), r.progress());
        assertEquals(12, r.step());
        assertEquals(s.setup(), r.setup());
        assertNull(r.provenance(), "version 1 recorded none");
        assertArrayEquals(s.parameters().get("encoder.0.weight").data().asFloat(),
                r.parameters().get("encoder.0.weight").data().asFloat());
        // and written again, it is a current checkpoint with the same contents
        Path again = dir.resolve("again.zip");
        CheckpointFile.write(again, r);
        assertEquals(s.progress(), CheckpointFile.read(again).progress());
    }

    interface Edit {
        void apply(ObjectNode manifest);
    }

    private static void rewriteManifest(Path from, Path to, Edit edit) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (Enumeration<? extends ZipEntry> it = in.entries(); it.hasMoreElements(); ) {
                ZipEntry e = it.nextElement();
                byte[] bytes = in.getInputStream(e).readAllBytes();
                if (e.getName().equals("manifest.json")) {
                    ObjectNode m = (ObjectNode) JSON.readTree(bytes);
                    edit.apply(m);
                    bytes = JSON.writeValueAsBytes(m);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
    }
}
