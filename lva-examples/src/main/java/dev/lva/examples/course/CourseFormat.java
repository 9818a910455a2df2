package dev.lva.examples.course;

import java.util.Locale;

/** Number formatting for the launchers' printed results: locale-free, space-separated. */
final class CourseFormat {
    private CourseFormat() {
    }

    /** Each value with {@code format} (e.g. {@code %.4g}), separated by spaces. */
    static String values(String format, double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, format, v));
        }
        return sb.toString();
    }
}
