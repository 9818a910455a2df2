package dev.lva.core.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lva.core.tensor.Matrix;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Tensors PyTorch 1.13 drew, stored once by {@code src/test/resources/torch/make_init_values.py}
 * (run with Debian's python3-torch; the script says how) in {@code init-values.json}.
 */
public final class TorchValues {
    private static JsonNode root;

    private TorchValues() {
    }

    private static synchronized JsonNode root() {
        if (root == null) {
            try (InputStream in = TorchValues.class.getResourceAsStream("/torch/init-values.json")) {
                root = new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    private static JsonNode tensors() {
        return root().get("tensors");
    }

    /** The stored SHA-256 of a tensor too long to store (its little-endian bytes in C order). */
    public static String sha256(String name) {
        return root().get("sha256").get(name).asText();
    }

    /** The values of one stored tensor, in C order. */
    public static double[] values(String name) {
        JsonNode t = tensors().get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor " + name + " in init-values.json");
        }
        JsonNode v = t.get("values");
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i).asDouble();
        }
        return out;
    }

    /** Fails unless {@code m} holds exactly the stored values (bit for bit, in m's precision). */
    public static void assertExact(String name, Matrix m) {
        double[] expected = values(name);
        if (expected.length != m.length()) {
            throw new AssertionError(name + ": " + expected.length + " stored values, " + m.length() + " computed");
        }
        for (int i = 0; i < expected.length; i++) {
            double e = m.isFloat() ? (float) expected[i] : expected[i];
            if (Double.doubleToLongBits(e) != Double.doubleToLongBits(m.get(i))) {
                throw new AssertionError(name + ": entry " + i + " is " + m.get(i) + ", PyTorch drew " + e);
            }
        }
    }

    /** Fails unless every entry is within {@code tolerance} of the stored one. */
    public static void assertClose(String name, Matrix m, double tolerance) {
        double[] expected = values(name);
        if (expected.length != m.length()) {
            throw new AssertionError(name + ": " + expected.length + " stored values, " + m.length() + " computed");
        }
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(expected[i] - m.get(i)) <= tolerance)) {
                throw new AssertionError(name + ": entry " + i + " is " + m.get(i) + ", PyTorch has " + expected[i]
                        + " (tolerance " + tolerance + ")");
            }
        }
    }
}
