package dev.lva.viz.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Locale;

/** How numbers and durations read in a report: short, locale-independent, exact enough. */
final class Values {
    private static final MathContext SIX_DIGITS = new MathContext(6);

    private Values() {}

    /** Six significant digits without trailing zeros; scientific outside [1e-4, 1e7). */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+\u221e" : "-\u221e";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e7) {
            return new BigDecimal(v).round(SIX_DIGITS).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.5e", v).replaceAll("\\.?0+e", "e");
    }

    /** "850 ms", "12.3 s", "4 min 05.2 s", "2 h 03 min 07 s". */
    static String duration(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        double seconds = millis / 1000.0;
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long totalSeconds = millis / 1000;
        long hours = totalSeconds / 3600;
        long minutes = (totalSeconds % 3600) / 60;
        double rest = (millis % 60_000) / 1000.0;
        if (hours == 0) {
            return String.format(Locale.ROOT, "%d min %04.1f s", minutes, rest);
        }
        return String.format(Locale.ROOT, "%d h %02d min %02d s", hours, minutes, (long) rest);
    }
}
