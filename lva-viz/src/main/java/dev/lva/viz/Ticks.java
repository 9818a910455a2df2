package dev.lva.viz;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Round tick values for the scales drawn without XChart: colour bars and the edges of a 3-D box. */
final class Ticks {
    private Ticks() {}

    /**
     * Multiples of 1, 2 or 5 times a power of ten inside [lo, hi], at most {@code maxCount} and
     * as many as that allows; the one value when lo == hi.
     */
    static double[] nice(double lo, double hi, int maxCount) {
        if (!(hi > lo)) {
            return new double[] {lo};
        }
        double span = hi - lo;
        double step = Math.pow(10, Math.floor(Math.log10(span / Math.max(1, maxCount))));
        for (double f : new double[] {1, 2, 5, 10, 20, 50}) {
            double s = step * f;
            if (Math.floor(hi / s) - Math.ceil(lo / s) + 1 <= maxCount) {
                step = s;
                break;
            }
        }
        List<Double> out = new ArrayList<>();
        for (double k = Math.ceil(lo / step); k <= Math.floor(hi / step) && out.size() <= maxCount; k++) {
            // k * step, rounded to the step's digits: 0.30000000000000004 prints as 0.3
            out.add(new BigDecimal(k * step).round(new MathContext(12)).doubleValue());
        }
        if (out.isEmpty()) {
            out.add(lo);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A tick label: up to four significant digits, plain or as 1e-05. */
    static String format(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e5) {
            return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
        }
        return scientific(v, 2);
    }

    /**
     * A label for a tick XChart placed on a linear axis. XChart's own pattern drops the leading
     * zero ({@code .01}, {@code .5}), which reads as a typo beside {@code 0} and {@code 1}. XChart's
     * ticks are multiples of a round step, so up to ten significant digits keep neighbours apart
     * ({@code 100.02} next to {@code 100.04}) while float noise ({@code 0.30000000000000004}) goes.
     */
    static String axis(double v) {
        if (v == 0 || Math.abs(v) < 1e-300) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e7) {
            return new BigDecimal(v).round(new MathContext(10)).stripTrailingZeros().toPlainString();
        }
        return scientific(v, 6);
    }

    /** {@code 1e-4}, {@code 2.5e6}: a mantissa of up to {@code digits} decimals, without trailing zeros. */
    private static String scientific(double v, int digits) {
        // 1.00e-04 -> 1e-4, 2.50e+06 -> 2.5e6
        String s = String.format(Locale.ROOT, "%." + digits + "e", v);
        String mantissa = s.substring(0, s.indexOf('e')).replaceAll("\\.?0+$", "");
        int exponent = Integer.parseInt(s.substring(s.indexOf('e') + 1));
        return mantissa + "e" + exponent;
    }
}
