package dev.lva.api.plugin;

import dev.lva.api.Messages;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A plugin named with its options as users write it: {@code name} or {@code name:key=value,key=value}
 * (on the command line and in config files). List values separate their items with {@code ;}
 * ({@code hidden=48;48;48}); a value with commas of its own, such as a nested spec, goes in
 * parentheses: {@code lvae:latent=8,regularizer=(volume:lambda=0.1,eta=0.1)}.
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
            throw new OptionsException("plugin spec " + Messages.quote(text) + " has no name before ':'");
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (colon >= 0) {
            String rest = s.substring(colon + 1);
            if (!rest.isBlank()) {
                for (String part : splitTopLevel(text, rest)) {
                    int eq = part.indexOf('=');
                    if (eq < 0) {
                        throw new OptionsException("plugin spec " + Messages.quote(text) + ": "
                                + Messages.quote(part.strip()) + " is not key=value");
                    }
                    String key = part.substring(0, eq).strip();
                    String value = unwrap(part.substring(eq + 1).strip());
                    if (key.isEmpty()) {
                        throw new OptionsException("plugin spec " + Messages.quote(text) + ": empty key in "
                                + Messages.quote(part.strip()));
                    }
                    if (options.put(key, value) != null) {
                        throw new OptionsException("plugin spec " + Messages.quote(text) + ": key " + Messages.quote(key)
                                + " given twice");
                    }
                }
            }
        }
        return new PluginSpec(name, options);
    }

    /** Splits at the commas outside parentheses. */
    private static java.util.List<String> splitTopLevel(String text, String rest) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth < 0) {
                    throw new OptionsException("plugin spec " + Messages.quote(text) + ": ')' without '('");
                }
            } else if (c == ',' && depth == 0) {
                parts.add(rest.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0) {
            throw new OptionsException("plugin spec " + Messages.quote(text) + ": '(' without ')'");
        }
        parts.add(rest.substring(start));
        return parts;
    }

    private static String unwrap(String value) {
        return value.length() >= 2 && value.startsWith("(") && value.endsWith(")")
                ? value.substring(1, value.length() - 1).strip() : value;
    }

    /** The spec text that {@link #parse} reads back to this spec (values with commas in parentheses). */
    @Override
    public String toString() {
        if (options.isEmpty()) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name).append(':');
        String sep = "";
        for (Map.Entry<String, String> e : options.entrySet()) {
            String v = e.getValue();
            sb.append(sep).append(e.getKey()).append('=').append(v.contains(",") ? "(" + v + ")" : v);
            sep = ",";
        }
        return sb.toString();
    }
}
