package dev.lva.api.plugin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A plugin named with its options as users write it: {@code name} or {@code name:key=value,key=value}
 * (on the command line and in config files). Values cannot contain commas; list values separate
 * their items with {@code ;} ({@code hidden=48;48;48}).
 */
public record PluginSpec(String name, Map<String, String> options) {

    public PluginSpec {
        Objects.requireNonNull(name, "name");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    public static PluginSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new OptionsException("empty plugin spec: expected name or name:key=value,...");
        }
        String s = text.strip();
        int colon = s.indexOf(':');
        String name = (colon < 0 ? s : s.substring(0, colon)).strip();
        if (name.isEmpty()) {
            throw new OptionsException("plugin spec '" + text + "' has no name before ':'");
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (colon >= 0) {
            String rest = s.substring(colon + 1);
            if (!rest.isBlank()) {
                for (String part : rest.split(",", -1)) {
                    int eq = part.indexOf('=');
                    if (eq < 0) {
                        throw new OptionsException("plugin spec '" + text + "': '" + part.strip()
                                + "' is not key=value");
                    }
                    String key = part.substring(0, eq).strip();
                    String value = part.substring(eq + 1).strip();
                    if (key.isEmpty()) {
                        throw new OptionsException("plugin spec '" + text + "': empty key in '" + part.strip() + "'");
                    }
                    if (options.put(key, value) != null) {
                        throw new OptionsException("plugin spec '" + text + "': key '" + key + "' given twice");
                    }
                }
            }
        }
        return new PluginSpec(name, options);
    }

    /** The spec text that {@link #parse} reads back to this spec. */
    @Override
    public String toString() {
        if (options.isEmpty()) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name).append(':');
        String sep = "";
        for (Map.Entry<String, String> e : options.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = ",";
        }
        return sb.toString();
    }
}
