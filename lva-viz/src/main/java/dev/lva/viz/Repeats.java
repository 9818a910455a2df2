package dev.lva.viz;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Points of one group that fall on exactly the same spot: several seeds that keep the same number
 * of dimensions at one lambda. Drawn alone they look like one seed, so each such spot gets a count
 * label, {@code ×3}, beside its marker.
 */
final class Repeats {
    static {
        Headless.ensure();
    }

    /** One spot and how many points sit on it (two or more). */
    record Spot(double x, double y, int count) {}

    /** A group's repeated spots and the colour their labels are written in. */
    record Group(List<Spot> spots, Color color) {}

    private Repeats() {}

    /** The spots of {@code (x[i], y[i])} that occur more than once, in first-seen order. */
    static List<Spot> of(double[] x, double[] y) {
        Map<List<Double>, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < x.length; i++) {
            counts.merge(List.of(x[i], y[i]), 1, Integer::sum);
        }
        List<Spot> out = new ArrayList<>();
        counts.forEach((xy, n) -> {
            if (n > 1) {
                out.add(new Spot(xy.get(0), xy.get(1), n));
            }
        });
        return out;
    }

    /** {@code ×3}. */
    static String label(int count) {
        return "\u00d7" + count;
    }

    /**
     * Writes each count at the upper right of its marker, in the group's colour. A label that
     * would cover one already written (another group's repeats at the same spot, a few pixels
     * away) moves up a line, or down where it would leave the plot. Call after {@code chart} is
     * painted: the positions come from its axes (the sweep charts apply no {@link AxisOffset}).
     */
    static void paint(Graphics2D g, PlotAreaChart chart, List<Group> groups) {
        Text.smooth(g);
        Rectangle2D plot = chart.plotArea();
        double height = Text.ascent(Styles.SMALL_TICK) + 3;
        List<Rectangle2D> placed = new ArrayList<>();
        for (Group group : groups) {
            for (Spot s : group.spots()) {
                String text = label(s.count());
                double left = chart.getScreenXFromChart(s.x()) + 5;
                double centre = chart.getScreenYFromChart(s.y()) - 6;
                Rectangle2D box = place(placed, left, centre, Text.width(text, Styles.SMALL_TICK), height, plot);
                placed.add(box);
                g.setColor(group.color().darker());
                Text.draw(g, text, Styles.SMALL_TICK, box.getX(), box.getCenterY(), 0);
            }
        }
    }

    /** A box of {@code width} x {@code height} at {@code (left, centre)}, moved off {@code placed}. */
    static Rectangle2D place(List<Rectangle2D> placed, double left, double centre, double width, double height,
                             Rectangle2D plot) {
        for (int dir : new int[] {-1, 1}) {
            for (int k = 0; k <= placed.size(); k++) {
                Rectangle2D box = new Rectangle2D.Double(left, centre + dir * k * height - height / 2, width, height);
                if (box.getMinY() < plot.getMinY() || box.getMaxY() > plot.getMaxY()) {
                    break;
                }
                if (placed.stream().noneMatch(box::intersects)) {
                    return box;
                }
            }
        }
        return new Rectangle2D.Double(left, centre - height / 2, width, height);
    }
}
