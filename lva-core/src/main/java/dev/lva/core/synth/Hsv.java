package dev.lva.core.synth;

/** A hue shift and a saturation factor on one RGB pixel, through HSV. */
final class Hsv {
    private Hsv() {
    }

    /**
     * Shifts the hue of {@code rgb} by {@code hue} turns and multiplies its saturation by
     * {@code saturation} (clipped to 1), keeping its value (the largest channel).
     */
    static void adjust(double[] rgb, double hue, double saturation) {
        double r = rgb[0];
        double g = rgb[1];
        double b = rgb[2];
        double max = Math.max(r, Math.max(g, b));
        double min = Math.min(r, Math.min(g, b));
        double delta = max - min;
        if (max <= 0) {
            return;
        }
        double h;
        if (delta == 0) {
            h = 0;
        } else if (max == r) {
            h = ((g - b) / delta) / 6;
        } else if (max == g) {
            h = ((b - r) / delta + 2) / 6;
        } else {
            h = ((r - g) / delta + 4) / 6;
        }
        double s = Math.min(1, delta / max * saturation);
        h = h + hue;
        h -= Math.floor(h);
        double v = max;
        double sector = h * 6;
        int i = (int) Math.floor(sector) % 6;
        double f = sector - Math.floor(sector);
        double p = v * (1 - s);
        double q = v * (1 - s * f);
        double t = v * (1 - s * (1 - f));
        switch (i) {
            case 0 -> set(rgb, v, t, p);
            case 1 -> set(rgb, q, v, p);
            case 2 -> set(rgb, p, v, t);
            case 3 -> set(rgb, p, q, v);
            case 4 -> set(rgb, t, p, v);
            default -> set(rgb, v, p, q);
        }
    }

    private static void set(double[] rgb, double r, double g, double b) {
        rgb[0] = r;
        rgb[1] = g;
        rgb[2] = b;
    }
}
