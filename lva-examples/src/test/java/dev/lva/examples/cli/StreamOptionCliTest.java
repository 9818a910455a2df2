package dev.lva.examples.cli;

import static dev.lva.examples.InProcess.lva;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.core.io.Npy;
import dev.lva.examples.InProcess.Run;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --stream} on every command that reads image data: {@code lva fit} carries it into
 * {@code config.yaml}, {@code lva resume} keeps or changes it, and what cannot read images from their
 * file ({@code --seeds}, {@code lva encode}, a table) refuses {@code always} naming the option.
 */
class StreamOptionCliTest {
    @TempDir
    Path dir;

    private Path images() throws Exception {
        byte[] pixels = new byte[30 * 8 * 8];
        new Random(5).nextBytes(pixels);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Npy.header("|u1", new long[] {30, 8, 8}));
        out.write(pixels);
        return Files.write(dir.resolve("grey.npy"), out.toByteArray());
    }

    private Run fit(Path data, String stream, String out, String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("fit", "--model", "conv-lvae",
                "--channels", "4,8", "--latent", "3", "--epochs", "1", "--batch", "10", "--data", data.toString(),
                "--stream", stream, "--out", dir.resolve(out).toString()));
        args.addAll(java.util.List.of(more));
        return lva(args.toArray(String[]::new));
    }

    @Test
    void fitCarriesTheChoiceAndResumeKeepsOrChangesIt() throws Exception {
        Path data = images();
        Run always = fit(data, "always", "always");
        assertEquals(0, always.exit(), always.err());
        assertTrue(always.err().contains("read from the file") || always.err().contains("trained on from the file"),
                always.err());
        assertTrue(Files.readString(dir.resolve("always/config.yaml")).contains("stream: \"always\""));
        Run kept = lva("resume", "--checkpoint", dir.resolve("always/model.zip").toString(), "--epochs", "2");
        assertEquals(0, kept.exit(), kept.err());
        assertTrue(Files.readString(dir.resolve("always/config.yaml")).contains("stream: \"always\""));
        Run changed = lva("resume", "--checkpoint", dir.resolve("always/model.zip").toString(), "--epochs", "3",
                "--stream", "never");
        assertEquals(0, changed.exit(), changed.err());
        assertTrue(Files.readString(dir.resolve("always/config.yaml")).contains("stream: \"never\""));
        Run bogus = lva("resume", "--checkpoint", dir.resolve("always/model.zip").toString(), "--epochs", "4",
                "--stream", "sometimes");
        assertEquals(1, bogus.exit());
        assertTrue(bogus.err().contains("--stream sometimes: expected auto, always or never"), bogus.err());
    }

    @Test
    void whatHoldsItsDataInMemoryRefusesAlwaysByName() throws Exception {
        Path data = images();
        Run seeds = fit(data, "always", "seeds", "--seeds", "0,1");
        assertEquals(1, seeds.exit());
        assertTrue(seeds.err().contains("--stream always: a sweep (lva sweep, lva fit --seeds) holds its data in"
                + " memory"), seeds.err());
        Run fit = fit(data, "never", "model");
        assertEquals(0, fit.exit(), fit.err());
        Run encode = lva("encode", "--model", dir.resolve("model/model.zip").toString(), "--data", data.toString(),
                "--stream", "always", "--out", dir.resolve("codes.csv").toString());
        assertEquals(1, encode.exit());
        assertTrue(encode.err().contains("--stream always: lva encode reads its data into memory"), encode.err());
        Run encodeNever = lva("encode", "--model", dir.resolve("model/model.zip").toString(), "--data", data.toString(),
                "--stream", "never", "--out", dir.resolve("codes.csv").toString());
        assertEquals(0, encodeNever.exit(), encodeNever.err());
        Path table = Files.writeString(dir.resolve("t.csv"), "a,b\n1,2\n3,4\n5,6\n");
        Run csv = lva("fit", "--data", table.toString(), "--stream", "always", "--epochs", "2", "--out",
                dir.resolve("csv").toString());
        assertEquals(1, csv.exit());
        assertTrue(csv.err().contains("--stream always: " + table.toAbsolutePath().normalize() + " is a table"),
                csv.err());
    }
}
