package dev.lva.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * What PyTorch 1.13 computed for the LV paper's 64 x 64 colour conv LVAE, stored once by
 * {@code src/test/resources/torch/make_conv64_values.py} (run with Debian's python3-torch; the script
 * says how) in {@code torch/conv64-values.json}, so that the tests need no Python.
 */
final class Conv64TorchValues {
    private static JsonNode root;

    private Conv64TorchValues() {
    }

    private static synchronized JsonNode root() {
        if (root == null) {
            try (InputStream in = Conv64TorchValues.class.getResourceAsStream("/torch/conv64-values.json")) {
                if (in == null) {
                    throw new IllegalStateException("no torch/conv64-values.json on the test classpath");
                }
                root = new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    private static JsonNode get(String name) {
        JsonNode n = root().get(name);
        if (n == null) {
            throw new IllegalArgumentException("no entry " + name + " in conv64-values.json");
        }
        return n;
    }

    static String text(String name) {
        return get(name).asText();
    }

    static long count(String name) {
        return get(name).asLong();
    }

    static double[] values(String name) {
        JsonNode v = get(name);
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i).asDouble();
        }
        return out;
    }
}
