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
 * A run's options from a YAML or JSON file, keys the options' names ({@code latent},
 * {@code checkpoint-every}; {@link RunOptions} says which spellings name one option), values scalars
 * or lists. Either nested, in sections by group as {@code config.yaml} is written
 * ({@code model: {latent: 3}}, {@code optimizer: {lr: 0.01}}), or flat ({@code latent: 3}), as runs
 * before the sections wrote it; the two may be mixed.
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
            RunOption.Group group = RunOption.Group.of(e.getKey());
            if (group != null && e.getValue().isObject()) {
                // a section of the nested form: its keys are options of that group
                for (Iterator<Map.Entry<String, JsonNode>> in = e.getValue().fields(); in.hasNext(); ) {
                    Map.Entry<String, JsonNode> o = in.next();
                    RunOptions.inGroup(group, o.getKey(), file.toString());
                    put(file, out, spelled, o.getKey(), group.key() + ": " + o.getKey(), o.getValue());
                }
            } else if (!RunOptions.emptySection(e.getKey(), e.getValue().isNull(), file.toString())) {
                put(file, out, spelled, e.getKey(), e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /**
     * One option of the file; a second spelling of an option already read (also one in a section and
     * one at the top level) is an error, since one of the values would otherwise win unseen.
     *
     * @param shown the key as the messages name it ({@code checkpoints: keep} for one in a section)
     */
    private static void put(Path file, Map<String, String> out, Map<String, String> spelled, String key,
                            String shown, JsonNode value) {
        RunOption option = RunOptions.find(key);
        // an alias (seeds) is read by its own rules, apart from the option it stands for
        String identity = option != null && RunOptions.same(option.name(), key) ? option.name()
                : RunOptions.normalize(key);
        String earlier = spelled.put(identity, shown);
        if (earlier != null) {
            throw new LvaException(file + ": keys '" + earlier + "' and '" + shown + "' name the same option");
        }
        out.put(key, text(file, key, value));
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
