package dev.lva.core.synth;

/**
 * The parameters of the LV paper's synthetic images, in the order they are drawn and tabulated, each
 * with the value that leaves the image as it is.
 */
public enum Parameter {
    /** Degrees, counter-clockwise as the image is shown (rows downwards), about the image's centre. */
    ROTATION("rotation", 0),
    /** Horizontal shift as a share of the image's width (rightwards). */
    TRANSLATE_X("translate_x", 0),
    /** Vertical shift as a share of the image's height (downwards). */
    TRANSLATE_Y("translate_y", 0),
    /** Factor of the size, about the centre. */
    SCALE("scale", 1),
    /** Horizontal shear in degrees: a row at height y (from the centre) moves by y tan(shear). */
    SHEAR("shear", 0),
    /** Hue shift in turns (1 is the whole colour circle); colour images only. */
    HUE("hue", 0),
    /** Factor of the saturation, clipped to [0, 1]; colour images only. */
    SATURATION("saturation", 1);

    private final String key;
    private final double identity;

    Parameter(String key, double identity) {
        this.key = key;
        this.identity = identity;
    }

    /** The name in option strings and the parameters' CSV header. */
    public String key() {
        return key;
    }

    /** The value that changes nothing. */
    public double identity() {
        return identity;
    }

    /** Whether it changes colour, and so needs three channels. */
    public boolean colour() {
        return this == HUE || this == SATURATION;
    }

    public static Parameter of(String key) {
        for (Parameter p : values()) {
            if (p.key.equals(key) || p.name().equalsIgnoreCase(key)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no image parameter '" + key + "'; they are rotation, translate_x,"
                + " translate_y, scale, shear, hue, saturation");
    }
}
