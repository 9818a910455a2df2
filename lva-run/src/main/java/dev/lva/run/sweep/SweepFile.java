package dev.lva.run.sweep;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lva.api.LvaException;
import dev.lva.run.RunOption;
import dev.lva.run.RunOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A sweep from a YAML (or JSON) file: a config file of {@code lva fit} in which a list is an axis of
 * the grid, flat or in sections by group as a run's {@code config.yaml} is ({@code model: {latent: 3}}). Values are written as on the command line ({@code seeds: 0-4}, {@code lambda: 1e-4,1e-3})
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

    /**
     * A value of the file as the user wrote it: a scalar keeps its text ({@code 1e-3}, {@code 010}
     * and {@code 0-4} as typed, not as YAML would read them), a list its items.
     */
    private record Node(String text, List<Node> items, boolean map, int line) {
        boolean isList() {
            return items != null;
        }

        boolean isNull() {
            return text == null && items == null && !map;
        }

        /** As the user wrote it, for messages: {@code [a, b]}, {@code [[8, 8], [16]]}. */
        String spelled() {
            if (map) {
                return "{...}";
            }
            if (items == null) {
                return text == null ? "" : text;
            }
            StringJoiner j = new StringJoiner(", ", "[", "]");
            items.forEach(i -> j.add(i.spelled()));
            return j.toString();
        }
    }

    /** Puts the file's options into {@code options}. */
    public static void read(Path file, SweepOptions options) {
        if (!Files.isRegularFile(file)) {
            throw new LvaException(file + ": no such sweep file");
        }
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean json = lower.endsWith(".json");
        JsonFactory factory = json ? new JsonFactory() : new YAMLFactory();
        Map<String, Node> entries = new LinkedHashMap<>();
        try (JsonParser p = factory.createParser(file.toFile())) {
            JsonToken first = p.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL) {
                throw new LvaException(file + ": the sweep file is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new LvaException(file + ": expected a map of option names to values or lists");
            }
            // two spellings of one option (seed and seeds) would otherwise have one win unseen
            Map<String, String> keyOf = new LinkedHashMap<>();
            Map<String, Integer> lineOf = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int line = p.currentTokenLocation().getLineNr();
                RunOption.Group group = RunOption.Group.of(key);
                if (p.nextToken() == JsonToken.START_OBJECT && group != null) {
                    // a section of a nested config file (a run's config.yaml): its keys are options of that group
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String inner = p.currentName();
                        int innerLine = p.currentTokenLocation().getLineNr();
                        RunOptions.inGroup(group, inner, file + ":" + innerLine);
                        p.nextToken();
                        entry(file, inner, innerLine, node(p), entries, keyOf, lineOf);
                    }
                    continue;
                }
                Node value = node(p);
                if (!RunOptions.emptySection(key, value.isNull(), file + ":" + line)) {
                    entry(file, key, line, value, entries, keyOf, lineOf);
                }
            }
            if (p.nextToken() != null) {
                throw new LvaException(file + ": holds a second " + (json ? "JSON value" : "YAML document") + " (line "
                        + p.currentTokenLocation().getLineNr() + "); a sweep file is one map of options");
            }
        } catch (JacksonException e) {
            throw new LvaException(file + ": not valid " + (json ? "JSON" : "YAML") + " (line "
                    + e.getLocation().getLineNr() + "): " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new LvaException(file + ": cannot read: " + e.getMessage());
        }
        for (Map.Entry<String, Node> e : entries.entrySet()) {
            String where = file + ": " + e.getKey();
            String name = SweepOptions.canonical(e.getKey());
            options.put(name, where, values(name, where, e.getValue()));
        }
    }

    /** One option of the file, refused when unknown or when another key named it already. */
    private static void entry(Path file, String key, int line, Node value, Map<String, Node> entries,
                              Map<String, String> keyOf, Map<String, Integer> lineOf) {
        String name = SweepOptions.canonical(key);
        if (name == null) {
            throw new LvaException(file + ":" + line + ": " + key + ": unknown option; a sweep knows "
                    + String.join(", ", SweepOptions.known()));
        }
        if (keyOf.containsKey(name)) {
            String earlier = keyOf.get(name);
            throw new LvaException(file + ":" + line + ": " + (earlier.equals(key) ? "the key '" + key
                    + "' appears twice" : "the keys '" + earlier + "' and '" + key + "' name the same option")
                    + " (first on line " + lineOf.get(name) + "); give it once");
        }
        keyOf.put(name, key);
        lineOf.put(name, line);
        entries.put(key, value);
    }

    /** The value at the parser's current token, scalars as written. */
    private static Node node(JsonParser p) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(node(p));
            }
            return new Node(null, items, false, line);
        }
        if (t == JsonToken.START_OBJECT) {
            p.skipChildren();
            return new Node(null, null, true, line);
        }
        return new Node(t == JsonToken.VALUE_NULL ? null : p.getText(), null, false, line);
    }

    private static List<String> values(String name, String where, Node v) {
        boolean listValued = SweepOptions.listValued(name);
        boolean single = SweepOptions.SINGLE.contains(name);
        if (v.map()) {
            throw new LvaException(where + ": a value or a list, not a map");
        }
        if (!v.isList()) {
            String text = v.isNull() ? "" : v.text();
            if (listValued) {
                return List.of(text.replace(',', ';'));
            }
            return single ? List.of(SweepOptions.single(name, where, text)) : SweepGrid.parseList(name, where, text);
        }
        if (v.items().isEmpty()) {
            throw new LvaException(where + ": the list is empty, so the grid would have no runs");
        }
        boolean nested = v.items().get(0).isList();
        List<String> out = new ArrayList<>();
        for (Node item : v.items()) {
            if (item.isList() != nested || item.map()) {
                throw new LvaException(where + ": mixes lists and values; "
                        + (listValued ? "a list of values is one " + SweepOptions.kebab(name) + ", a list of lists an axis"
                        : "give a list of values"));
            }
            if (listValued && !nested) {
                return List.of(joined(where, v));
            }
            if (nested) {
                if (!listValued) {
                    throw new LvaException(where + " " + SweepOptions.cut(v.spelled()) + ": a list of lists, but "
                            + SweepOptions.kebab(name) + " takes one value per run");
                }
                out.add(joined(where, item));
            } else if (single) {
                throw new LvaException(where + " " + SweepOptions.cut(v.spelled()) + ": this option is not a list; a"
                        + " sweep has one " + SweepOptions.kebab(name));
            } else {
                out.addAll(SweepGrid.parseList(name, where, item.isNull() ? "" : item.text()));
            }
        }
        return out;
    }

    private static String joined(String where, Node list) {
        StringJoiner j = new StringJoiner(";");
        for (Node item : list.items()) {
            if (item.isList() || item.map()) {
                throw new LvaException(where + ": lists nest two deep at most");
            }
            j.add(item.isNull() ? "" : item.text());
        }
        return j.toString();
    }
}
