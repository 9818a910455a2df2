package dev.lva.core.data;

/**
 * What a CSV user means by a number, and nothing else: an optional sign, digits with an optional
 * decimal point ({@code 1}, {@code 1.}, {@code .5}, {@code -2.25}), an optional exponent
 * ({@code 1e-3}, {@code 2.5E+07}), and the non-finite values as numpy writes them ({@code nan},
 * {@code inf}, {@code -inf}, any case, so that they can be reported as not finite rather than as
 * text). A leading {@code +} is accepted: spreadsheet exports write it, and numpy's {@code loadtxt}
 * reads it.
 *
 * <p>Why not {@link Double#parseDouble} alone: Java's grammar is a programmer's, not a data file's.
 * It reads {@code 0x1p3} (8), {@code 1.5d}, {@code 1f} and {@code Infinity}, and it trims every
 * control character, so a cell holding a NUL byte becomes a number. A cell that is none of the
 * above is text, whatever Java would make of it.
 */
final class CsvNumber {
    /** The cell is not a number. */
    static final int TEXT = 0;
    /** A finite decimal whose digits are all zero: its value is exactly 0. */
    static final int ZERO = 1;
    /** A finite decimal with a nonzero digit: its value is nonzero unless it underflows. */
    static final int NONZERO = 2;
    /** nan, inf or -inf as numpy writes them. */
    static final int NON_FINITE = 3;

    private CsvNumber() {
    }

    /** Which of {@link #TEXT}, {@link #ZERO}, {@link #NONZERO}, {@link #NON_FINITE} the cell is. */
    static int classify(String s) {
        int n = s.length();
        int i = 0;
        if (n > 0 && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            i = 1;
        }
        if (i == n) {
            return TEXT;
        }
        char first = s.charAt(i);
        if (first == 'n' || first == 'N' || first == 'i' || first == 'I') {
            return nonFinite(s, i) ? NON_FINITE : TEXT;
        }
        boolean digits = false;
        boolean nonzero = false;
        while (i < n && isDigit(s.charAt(i))) {
            nonzero |= s.charAt(i) != '0';
            digits = true;
            i++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                nonzero |= s.charAt(i) != '0';
                digits = true;
                i++;
            }
        }
        if (!digits) {
            return TEXT;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int start = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                return TEXT;
            }
        }
        if (i != n) {
            return TEXT;
        }
        return nonzero ? NONZERO : ZERO;
    }

    /** The value of a cell {@link #classify} accepted. */
    static double value(String s, int kind) {
        if (kind == NON_FINITE) {
            char c = s.charAt(s.charAt(0) == '+' || s.charAt(0) == '-' ? 1 : 0);
            if (c == 'n' || c == 'N') {
                return Double.NaN;
            }
            return s.charAt(0) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        // the grammar above is a subset of Java's, which reads it exactly (correctly rounded)
        return Double.parseDouble(s);
    }

    /** Whether the cell is a number in this grammar. */
    static boolean isNumber(String s) {
        return classify(s) != TEXT;
    }

    private static boolean nonFinite(String s, int from) {
        int rest = s.length() - from;
        return rest == 3 && (s.regionMatches(true, from, "nan", 0, 3) || s.regionMatches(true, from, "inf", 0, 3));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
