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
        // 1.00e-04 -> 1e-4, 2.50e+06 -> 2.5e6
        String s = String.format(Locale.ROOT, "%.2e", v);
        String mantissa = s.substring(0, s.indexOf('e')).replaceAll("\\.?0+$", "");
        int exponent = Integer.parseInt(s.substring(s.indexOf('e') + 1));
        return mantissa + "e" + exponent;
    }
}
