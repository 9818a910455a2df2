package dev.lva.viz;

import java.awt.Color;

/**
 * Colour scales for values: a sequential one (viridis, perceptually even and readable in grey
 * print) for magnitudes, and a diverging blue-white-red one for signed quantities such as
 * covariances, where white must mean zero. Both interpolate linearly between fixed anchors, so
 * the same value always gives the same colour.
 */
public final class ColorMap {
    static {
        Headless.ensure();
    }

    /** viridis sampled at nine evenly spaced points (the values R's viridis(9) prints). */
    private static final Color[] VIRIDIS = {
        rgb(0x440154), rgb(0x472D7B), rgb(0x3B528B), rgb(0x2C728E), rgb(0x21908C),
        rgb(0x27AD81), rgb(0x5DC863), rgb(0xAADC32), rgb(0xFDE725),
    };

    /** ColorBrewer RdBu with seven classes, blue for negative. */
    private static final Color[] DIVERGING = {
        rgb(0x2166AC), rgb(0x67A9CF), rgb(0xD1E5F0), rgb(0xF7F7F7), rgb(0xFDDBC7), rgb(0xEF8A62), rgb(0xB2182B),
    };

    private ColorMap() {}

    /** Colour for {@code t} in [0, 1] (clamped): dark purple at 0, yellow at 1. */
    public static Color viridis(double t) {
        return interpolate(VIRIDIS, t);
    }

    /** Colour for {@code t} in [0, 1] (clamped): blue at 0, near-white at 0.5, red at 1. */
    public static Color diverging(double t) {
        return interpolate(DIVERGING, t);
    }

    /** Relative luminance in [0, 1]; above about 0.45 black text is the readable choice. */
    static double luminance(Color c) {
        return (0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue()) / 255.0;
    }

    private static Color interpolate(Color[] anchors, double t) {
        double clamped = Double.isNaN(t) ? 0.5 : Math.max(0, Math.min(1, t));
        double pos = clamped * (anchors.length - 1);
        int i = Math.min((int) Math.floor(pos), anchors.length - 2);
        double f = pos - i;
        Color a = anchors[i];
        Color b = anchors[i + 1];
        return new Color(
                (int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    private static Color rgb(int hex) {
        return new Color(hex);
    }
}
