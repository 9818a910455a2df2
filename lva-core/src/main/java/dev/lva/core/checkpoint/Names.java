package dev.lva.core.checkpoint;

import dev.lva.api.LvaException;
import java.util.regex.Pattern;

/** Names of arrays and states inside a checkpoint: they become zip entry names, so they stay plain. */
final class Names {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.\\-]{1,200}");

    private Names() {
    }

    static String require(String name, String what) {
        if (name == null || !PLAIN.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new LvaException(what + " name '" + name
                    + "' is not allowed in a checkpoint (letters, digits, '.', '_' and '-', at most 200)");
        }
        return name;
    }
}
