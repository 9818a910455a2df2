package dev.lva.examples.sweep;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lva.api.LvaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A sweep from a YAML (or JSON) file: a config file of {@code lva fit} in which a list is an axis of
 * the grid. Values are written as on the command line ({@code seeds: 0-4}, {@code lambda: 1e-4,1e-3})
 * or as YAML lists ({@code regularizer: [volume, lasso]}). An option whose one value is a list takes
 * a list as its value and a list of lists as an axis ({@code hidden: [[48, 48], [256]]}).
 * <pre>
 * data: data/ae3d.csv
 * epochs: 2000
 * regularizer: [volume, l1-std, lasso, student-t]
 * lambda: [1e-4, 1e-3, 1e-2]
 * seeds: 0-4
 * </pre>
 */
public final class SweepFile {
    private SweepFile() {
    }

    /** Puts the file's options into {@code options}. */
    public static void read(Path file, SweepOptions options) {
        if (!Files.isRegularFile(file)) {
            throw new LvaException(file + ": no such sweep file");
        }
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = lower.endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        JsonNode root;
        try {
            root = mapper.readTree(file.toFile());
        } catch (JacksonException e) {
            throw new LvaException(file + ": not valid " + (lower.endsWith(".json") ? "JSON" : "YAML") + " (line "
                    + e.getLocation().getLineNr() + "): " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new LvaException(file + ": cannot read: " + e.getMessage());
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            throw new LvaException(file + ": the sweep file is empty");
        }
        if (!root.isObject()) {
            throw new LvaException(file + ": expected a map of option names to values or lists");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = file + ": " + e.getKey();
            String name = SweepOptions.canonical(e.getKey());
            if (name == null) {
                throw new LvaException(where + ": unknown option; a sweep knows " + String.join(", ", SweepOptions.known()));
            }
            options.put(name, where, values(name, where, e.getValue()));
        }
    }

    private static List<String> values(String name, String where, JsonNode v) {
        boolean listValued = SweepOptions.LIST_VALUED.contains(name);
        boolean single = SweepOptions.SINGLE.contains(name);
        if (v.isObject()) {
            throw new LvaException(where + ": a value or a list, not a map");
        }
        if (!v.isArray()) {
            String text = v.isNull() ? "" : v.asText();
            if (listValued) {
                return List.of(text.replace(',', ';'));
            }
            return single ? List.of(SweepCommand.single(name, where, text)) : SweepGrid.parseList(name, where, text);
        }
        if (v.isEmpty()) {
            throw new LvaException(where + ": the list is empty, so the grid would have no runs");
        }
        boolean nested = v.get(0).isArray();
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (item.isArray() != nested || item.isObject()) {
                throw new LvaException(where + ": mixes lists and values; "
                        + (listValued ? "a list of values is one " + SweepOptions.kebab(name) + ", a list of lists an axis"
                        : "give a list of values"));
            }
            if (listValued && !nested) {
                return List.of(joined(where, v));
            }
            if (nested) {
                if (!listValued) {
                    throw new LvaException(where + ": a list of lists, but " + SweepOptions.kebab(name)
                            + " takes one value per run");
                }
                out.add(joined(where, item));
            } else if (single) {
                throw new LvaException(where + " " + SweepOptions.cut(v.toString()) + ": this option is not a list; a"
                        + " sweep has one " + SweepOptions.kebab(name));
            } else {
                out.addAll(SweepGrid.parseList(name, where, item.asText()));
            }
        }
        return out;
    }

    private static String joined(String where, JsonNode list) {
        StringJoiner j = new StringJoiner(";");
        for (JsonNode item : list) {
            if (item.isContainerNode()) {
                throw new LvaException(where + ": lists nest two deep at most");
            }
            j.add(item.asText());
        }
        return j.toString();
    }
}
