package dev.lva.examples.run;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lva.api.LvaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A run's options from a YAML or JSON file: a flat map whose keys are the command line's option
 * names ({@code latent}, {@code checkpoint-every}), values scalars or lists.
 */
public final class ConfigFile {
    private ConfigFile() {
    }

    /** The file's entries as strings, lists joined by ';' as option binding reads them. */
    public static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new LvaException(file + ": no such config file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        JsonNode root;
        try {
            root = mapper.readTree(file.toFile());
        } catch (JacksonException e) {
            throw new LvaException(file + ": not valid " + (name.endsWith(".json") ? "JSON" : "YAML") + " (line "
                    + e.getLocation().getLineNr() + "): " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new LvaException(file + ": cannot read: " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (root == null || root.isNull() || root.isMissingNode()) {
            return out;
        }
        if (!root.isObject()) {
            throw new LvaException(file + ": expected a map of option names to values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), text(file, e.getKey(), e.getValue()));
        }
        return out;
    }

    private static String text(Path file, String key, JsonNode v) {
        if (v.isArray()) {
            StringJoiner j = new StringJoiner(";");
            for (JsonNode item : v) {
                if (item.isContainerNode()) {
                    throw new LvaException(file + ": option '" + key + "' must be a list of plain values");
                }
                j.add(item.asText());
            }
            return j.toString();
        }
        if (v.isObject()) {
            throw new LvaException(file + ": option '" + key + "' must be a value or a list, not a map");
        }
        return v.isNull() ? "" : v.asText();
    }
}
