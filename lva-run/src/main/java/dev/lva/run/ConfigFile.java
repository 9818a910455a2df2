package dev.lva.run;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lva.api.LvaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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

    /**
     * The file's entries as strings, lists joined by ';' as option binding reads them. A key given
     * twice (also as two spellings of one option, {@code checkpoint-every} and {@code checkpointEvery})
     * and a second YAML document are errors: otherwise one of the values would win unseen.
     */
    public static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new LvaException(file + ": " + (!Files.exists(file) ? "no such config file"
                    : Files.isDirectory(file) ? "is a folder, not a config file"
                    : "not a regular file (a device or a pipe); a config file is a YAML or JSON file"));
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean json = name.endsWith(".json");
        String format = json ? "JSON" : "YAML";
        ObjectMapper mapper = (json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory()))
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        JsonNode root = null;
        try (MappingIterator<JsonNode> documents = mapper.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (documents.hasNextValue()) {
                int line = documents.getParser().currentTokenLocation().getLineNr();
                JsonNode document = documents.nextValue();
                if (document == null || document.isNull() || document.isMissingNode()) {
                    continue;
                }
                if (root != null) {
                    throw new LvaException(file + ": holds a second " + (json ? "JSON value" : "YAML document")
                            + " (line " + line + "); a config file is one map of options");
                }
                root = document;
            }
        } catch (JacksonException e) {
            String message = String.valueOf(e.getOriginalMessage());
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            if (message.startsWith("Duplicate field ")) {
                throw new LvaException(file + ":" + line + ": key " + message.substring("Duplicate field ".length())
                        + " appears twice");
            }
            throw new LvaException(file + ": not valid " + format + " (line " + line + "): " + message);
        } catch (IOException e) {
            throw new LvaException(file + ": cannot read: " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (root == null) {
            return out;
        }
        if (!root.isObject()) {
            throw new LvaException(file + ": expected a map of option names to values");
        }
        Map<String, String> spelled = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String earlier = spelled.put(e.getKey().replace("-", "").replace("_", "").toLowerCase(Locale.ROOT),
                    e.getKey());
            if (earlier != null) {
                throw new LvaException(file + ": keys '" + earlier + "' and '" + e.getKey() + "' name the same option");
            }
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
