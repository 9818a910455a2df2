package dev.lva.models.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.core.checkpoint.CheckpointException;
import dev.lva.core.checkpoint.StateDictFile;
import dev.lva.core.nn.Linear;
import dev.lva.core.nn.Sequential;
import dev.lva.core.nn.Shape;
import dev.lva.core.nn.activation.Tanh;
import dev.lva.models.AutoEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link StateDictFile#load} of a file that is not a state dict of this architecture: each is
 * refused with a {@link CheckpointException} naming the file and what is wrong, and the model keeps
 * its parameters.
 */
class StateDictFileMisuseTest {
    @TempDir
    static Path dir;

    private static AutoEncoder model(int hidden, long seed) {
        return new AutoEncoder(Sequential.of(Shape.features(4), new Linear(4, hidden), new Tanh(), new Linear(hidden, 2)),
                Sequential.of(Shape.features(2), new Linear(2, hidden), new Tanh(), new Linear(hidden, 4)), 4, seed);
    }

    private static Path zip(String name, String entry, String text) throws IOException {
        Path p = dir.resolve(name);
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
            z.putNextEntry(new ZipEntry(entry));
            z.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return p;
    }

    static Stream<Arguments> notThisStateDict() throws IOException {
        Path good = dir.resolve("good.zip");
        StateDictFile.save(good, model(6, 1));
        byte[] bytes = Files.readAllBytes(good);
        return Stream.of(
                Arguments.of("another architecture", good, "parameter 'encoder.0.weight' has shape [6, 4] in the state"
                        + " dict, the model has [5, 4]"),
                Arguments.of("a truncated file", Files.write(dir.resolve("half.zip"), Arrays.copyOf(bytes,
                        bytes.length / 2)), "broken or truncated zip"),
                Arguments.of("an empty file", Files.write(dir.resolve("empty.zip"), new byte[0]), "the file is empty"),
                Arguments.of("not a zip", Files.writeString(dir.resolve("text.zip"), "hello"), "not a zip file"),
                Arguments.of("a missing file", dir.resolve("missing.zip"), "no such file"),
                Arguments.of("a folder", dir, "Is a directory"),
                Arguments.of("a zip of something else", zip("other.zip", "hello.txt", "hi"), "has no manifest.json"),
                Arguments.of("a broken manifest", zip("json.zip", "manifest.json", "{not json"), "not valid JSON"),
                // what lva fit writes as model.zip: a checkpoint, not a state dict
                Arguments.of("a checkpoint", zip("model.zip", "manifest.json", "{\"format\":\"lva-checkpoint\"}"),
                        "not an lva state dict (manifest.json has format \"lva-checkpoint\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notThisStateDict")
    void isRefusedNamingTheFileAndLeavesTheModel(String name, Path file, String message) {
        AutoEncoder m = model(5, 2);
        INDArray before = m.parameters().dup();
        String e = assertThrows(CheckpointException.class, () -> StateDictFile.load(file, m)).getMessage();
        assertTrue(e.contains(file.toString()) && e.contains(message), e);
        assertEquals(before, m.parameters());
    }
}
