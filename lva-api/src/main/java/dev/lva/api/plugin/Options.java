package dev.lva.api.plugin;

import dev.lva.api.Messages;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Binds string options onto an options record and renders a record back to strings. Keys match
 * record components by name, ignoring case, dashes and underscores ({@code hidden-widths},
 * {@code hidden_widths} and {@code hiddenWidths} are one key). Supported component types: numbers,
 * booleans, strings, enums, paths, and arrays or lists of those with items separated by {@code ;}
 * (not by spaces: column names may have them).
 * The record's own constructor validates the values; its message is passed on.
 */
public final class Options {

    private Options() {
    }

    /**
     * A copy of {@code defaults} with the given keys replaced.
     *
     * @param owner who the options are for, used in messages ({@code volume})
     */
    public static <O extends Record> O bind(O defaults, Map<String, String> values, String owner) {
        @SuppressWarnings("unchecked")
        Class<O> type = (Class<O>) defaults.getClass();
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = read(components[i], defaults);
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            int index = indexOf(components, e.getKey());
            if (index < 0) {
                throw new OptionsException("unknown option " + Messages.quote(e.getKey()) + " for " + owner + "; known options: "
                        + String.join(", ", names(components)));
            }
            RecordComponent c = components[index];
            args[index] = parse(c.getType(), c.getGenericType(), e.getValue(), owner, e.getKey());
        }
        return construct(type, components, args, owner, values.keySet());
    }

    /** The options as strings, in component order, such that {@link #bind} reads them back. */
    public static Map<String, String> format(Record options) {
        Map<String, String> out = new LinkedHashMap<>();
        for (RecordComponent c : options.getClass().getRecordComponents()) {
            out.put(c.getName(), formatValue(read(c, options)));
        }
        return out;
    }

    /** The option names of a record type, for help texts and error messages. */
    public static List<String> names(Class<? extends Record> type) {
        return names(type.getRecordComponents());
    }

    private static List<String> names(RecordComponent[] components) {
        List<String> names = new ArrayList<>();
        for (RecordComponent c : components) {
            names.add(c.getName());
        }
        return names;
    }

    private static int indexOf(RecordComponent[] components, String key) {
        String k = normalize(key);
        for (int i = 0; i < components.length; i++) {
            if (normalize(components[i].getName()).equals(k)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The one spelling of an option key that {@link #bind} matches by: dashes and underscores dropped,
     * lower case ({@code --prune-from}, {@code prune_from} and {@code pruneFrom} are {@code prunefrom}).
     * Everything that compares option keys goes through this, so that every place agrees on which
     * spellings name one option.
     */
    public static String normalize(String key) {
        return key.strip().replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static Object read(RecordComponent c, Record r) {
        try {
            var accessor = c.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read option " + c.getName() + " of " + r.getClass().getName(), e);
        }
    }

    private static <O extends Record> O construct(Class<O> type, RecordComponent[] components, Object[] args,
                                                  String owner, java.util.Set<String> given) {
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            Constructor<O> ctor = type.getDeclaredConstructor(types);
            ctor.setAccessible(true);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvalidOption invalid) {
                // named as the user typed it: the key given for that component, else its own name
                String typed = invalid.option();
                for (String key : given) {
                    if (normalize(key).equals(normalize(invalid.option()))) {
                        typed = key;
                    }
                }
                throw new OptionsException("invalid options for " + owner + ": " + invalid.messageFor(typed), cause);
            }
            throw new OptionsException("invalid options for " + owner + ": " + cause.getMessage(), cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("options type " + type.getName() + " cannot be constructed", e);
        }
    }

    private static Object parse(Class<?> type, Type generic, String raw, String owner, String key) {
        String text = raw.strip();
        try {
            if (type.isArray()) {
                List<String> items = split(text);
                Object array = Array.newInstance(type.getComponentType(), items.size());
                for (int i = 0; i < items.size(); i++) {
                    Array.set(array, i, scalar(type.getComponentType(), items.get(i)));
                }
                return array;
            }
            if (List.class.isAssignableFrom(type)) {
                Class<?> item = String.class;
                if (generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c) {
                    item = c;
                }
                List<Object> list = new ArrayList<>();
                for (String s : split(text)) {
                    list.add(scalar(item, s));
                }
                return List.copyOf(list);
            }
            return scalar(type, text);
        } catch (OptionsException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new OptionsException("option '" + key + "' of " + owner + " expects " + describe(type, generic)
                    + ", got " + Messages.quote(raw));
        }
    }

    private static List<String> split(String text) {
        List<String> items = new ArrayList<>();
        if (text.isEmpty()) {
            return items;
        }
        for (String s : text.split(";")) {
            if (!s.isBlank()) {
                items.add(s.strip());
            }
        }
        return items;
    }

    private static Object scalar(Class<?> type, String s) {
        if (type == double.class || type == Double.class) {
            return Double.parseDouble(s);
        }
        if (type == float.class || type == Float.class) {
            return Float.parseFloat(s);
        }
        if (type == int.class || type == Integer.class) {
            return Integer.parseInt(s);
        }
        if (type == long.class || type == Long.class) {
            return Long.parseLong(s);
        }
        if (type == boolean.class || type == Boolean.class) {
            if (s.equalsIgnoreCase("true")) {
                return true;
            }
            if (s.equalsIgnoreCase("false")) {
                return false;
            }
            throw new IllegalArgumentException(s);
        }
        if (type == String.class) {
            return s;
        }
        if (type == Path.class) {
            return Path.of(s);
        }
        if (type.isEnum()) {
            for (Object constant : type.getEnumConstants()) {
                String n = ((Enum<?>) constant).name();
                if (normalize(n).equals(normalize(s))) {
                    return constant;
                }
            }
            throw new IllegalArgumentException(s);
        }
        throw new IllegalStateException("option type " + type.getName() + " is not supported");
    }

    private static String describe(Class<?> type, Type generic) {
        if (type.isArray()) {
            return "a ';'-separated list of " + describe(type.getComponentType(), type.getComponentType());
        }
        if (List.class.isAssignableFrom(type)) {
            Class<?> item = String.class;
            if (generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c) {
                item = c;
            }
            return "a ';'-separated list of " + describe(item, item);
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            StringJoiner j = new StringJoiner(", ", "one of ", "");
            for (Object constant : type.getEnumConstants()) {
                j.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT));
            }
            return j.toString();
        }
        return "a " + type.getSimpleName();
    }

    private static String formatValue(Object value) {
        if (value == null) {
            return "";
        }
        if (value.getClass().isArray()) {
            StringJoiner j = new StringJoiner(";");
            for (int i = 0; i < Array.getLength(value); i++) {
                j.add(formatValue(Array.get(value, i)));
            }
            return j.toString();
        }
        if (value instanceof List<?> list) {
            StringJoiner j = new StringJoiner(";");
            list.forEach(v -> j.add(formatValue(v)));
            return j.toString();
        }
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        return String.valueOf(value);
    }
}
