package dev.lva.viz;

/**
 * Viewing direction of a 3-D scatter, in degrees and with matplotlib's meaning: {@code azimuth}
 * turns the scene about the z axis, {@code elevation} lifts the eye above the x-y plane. So
 * (elevation 0, azimuth -90) looks along +y with x to the right and z up, and elevation 90 looks
 * straight down.
 */
public record View3D(double elevation, double azimuth) {
    public View3D {
        if (!Double.isFinite(elevation) || !Double.isFinite(azimuth)) {
            throw new ChartException("3-D view needs finite angles, got elevation " + elevation + ", azimuth " + azimuth);
        }
    }

    /** matplotlib's default view: elevation 30, azimuth -60. */
    public static View3D standard() {
        return new View3D(30, -60);
    }

    /**
     * Screen coordinates (right, up) of a point: an orthographic projection onto the plane
     * facing the eye.
     */
    double[] project(double[] p) {
        return project(p[0], p[1], p[2]);
    }

    double[] project(double x, double y, double z) {
        double az = Math.toRadians(azimuth);
        double el = Math.toRadians(elevation);
        double right = -x * Math.sin(az) + y * Math.cos(az);
        double up = -(x * Math.cos(az) + y * Math.sin(az)) * Math.sin(el) + z * Math.cos(el);
        return new double[] {right, up};
    }
}
