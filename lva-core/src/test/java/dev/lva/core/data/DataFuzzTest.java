package dev.lva.core.data;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lva.api.LvaException;
import dev.lva.core.io.Npy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Random mutations of a valid CSV file and a valid .npy file fed to {@link DataFiles#read}: each
 * either loads (finite numbers, at least one row) or fails with an {@link LvaException}; never
 * another exception, a hang or an out-of-memory error.
 */
class DataFuzzTest {
    private static final int CASES = 1500;
    private static final String[] SNIPPETS = {",", "\"", "\n", "\r\n", ",,", "nan", "-inf", "1e309", "\uFEFF", "abc",
        "\"a\nb\"", " ", "0x1p3", "\u0000", "1,2,3,4,5,6\n", "\n\n\n"};
    @TempDir
    Path dir;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void mutatedCsvFilesLoadOrFailCleanly() throws Exception {
        StringBuilder csv = new StringBuilder("a,b,c,label\n");
        Random values = new Random(1);
        for (int r = 0; r < 20; r++) {
            csv.append(values.nextGaussian()).append(',').append(r).append(",-").append(values.nextDouble() * 1e-5)
                    .append(",").append(r % 3).append("\n");
        }
        fuzz(csv.toString().getBytes(StandardCharsets.UTF_8), ".csv", 11);
    }

    @Test
    void mutatedNpyFilesLoadOrFailCleanly() throws Exception {
        byte[] valid = Npy.toBytes(Nd4j.rand(DataType.DOUBLE, 12, 3));
        fuzz(valid, ".npy", 12);
    }

    private void fuzz(byte[] valid, String suffix, long seed) throws Exception {
        Random rnd = new Random(seed + Long.getLong("fuzz.seed", 0));
        int loaded = 0;
        int rejected = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] mutated = mutate(valid, rnd);
            Path file = dir.resolve("case" + i + suffix);
            Files.write(file, mutated);
            Future<Dataset> result = executor.submit(() -> DataFiles.read(file, DataFiles.Options.defaults()));
            try {
                Dataset d = result.get(20, TimeUnit.SECONDS);
                assertTrue(d.rows() >= 1 && d.cols() >= 1);
                for (double v : d.features().dup('c').data().asDouble()) {
                    assertTrue(Double.isFinite(v), "case " + i + " loaded a non-finite value");
                }
                loaded++;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof LvaException)) {
                    fail("case " + i + " failed with " + e.getCause() + "; input: " + printable(mutated), e.getCause());
                }
                rejected++;
            } catch (TimeoutException e) {
                fail("case " + i + " hung; input: " + printable(mutated));
            }
            Files.delete(file);
        }
        assertTrue(loaded > CASES / 20 && rejected > CASES / 20,
                "the mutations exercise both outcomes: " + loaded + " loaded, " + rejected + " rejected");
    }

    static byte[] mutate(byte[] valid, Random rnd) {
        byte[] b = valid.clone();
        int ops = 1 + rnd.nextInt(3);
        for (int k = 0; k < ops; k++) {
            switch (rnd.nextInt(6)) {
                case 0 -> { // flip bits of one byte
                    if (b.length > 0) {
                        int at = rnd.nextInt(b.length);
                        b[at] ^= (byte) (1 << rnd.nextInt(8));
                    }
                }
                case 1 -> { // a random byte
                    if (b.length > 0) {
                        b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                    }
                }
                case 2 -> b = java.util.Arrays.copyOf(b, b.length == 0 ? 0 : rnd.nextInt(b.length)); // truncate
                case 3 -> { // insert a snippet
                    byte[] s = SNIPPETS[rnd.nextInt(SNIPPETS.length)].getBytes(StandardCharsets.UTF_8);
                    b = insert(b, rnd.nextInt(b.length + 1), s);
                }
                case 4 -> { // insert random bytes
                    byte[] s = new byte[1 + rnd.nextInt(16)];
                    rnd.nextBytes(s);
                    b = insert(b, rnd.nextInt(b.length + 1), s);
                }
                default -> { // delete a range
                    if (b.length > 1) {
                        int from = rnd.nextInt(b.length);
                        int to = Math.min(b.length, from + 1 + rnd.nextInt(8));
                        byte[] out = new byte[b.length - (to - from)];
                        System.arraycopy(b, 0, out, 0, from);
                        System.arraycopy(b, to, out, from, b.length - to);
                        b = out;
                    }
                }
            }
        }
        return b;
    }

    private static byte[] insert(byte[] b, int at, byte[] s) {
        byte[] out = new byte[b.length + s.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(s, 0, out, at, s.length);
        System.arraycopy(b, at, out, at + s.length, b.length - at);
        return out;
    }

    private static String printable(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, 400); i++) {
            int c = b[i] & 0xff;
            sb.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return sb.toString();
    }
}
