package dev.lva.api;

/**
 * What an error message may echo of a user's input. A message is one line a person reads, so a
 * value is cut to a readable length (a 5 MB CSV cell is shown as its first characters and its size)
 * and control characters are escaped (a NUL byte or a line break would break the line).
 */
public final class Messages {
    /** Characters of a value shown before it is cut. */
    public static final int MAX_SHOWN = 60;

    private Messages() {
    }

    /** {@code value} as a message shows it: at most {@link #MAX_SHOWN} characters, control characters escaped. */
    public static String shorten(Object value) {
        String s = String.valueOf(value);
        int shown = Math.min(s.length(), MAX_SHOWN);
        StringBuilder out = new StringBuilder(shown + 32);
        for (int i = 0; i < shown; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (shown < s.length()) {
            out.append("... (").append(s.length()).append(" characters)");
        }
        return out.toString();
    }

    /** {@link #shorten} in single quotes: {@code 'abc'}. */
    public static String quote(Object value) {
        return "'" + shorten(value) + "'";
    }
}
