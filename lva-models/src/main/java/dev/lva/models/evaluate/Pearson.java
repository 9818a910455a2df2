package dev.lva.models.evaluate;

/** The Pearson correlation of two samples. */
final class Pearson {
    private Pearson() {
    }

    /**
     * {@code cov(a, b) / (std a std b)} over paired entries; NaN when fewer than 2 pairs or either
     * sample is constant, since a correlation with a constant is undefined, not 0.
     */
    static double of(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("Pearson correlation of " + a.length + " and " + b.length + " values");
        }
        int n = a.length;
        if (n < 2) {
            return Double.NaN;
        }
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= n;
        mb /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            double da = a[i] - ma;
            double db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }
}
