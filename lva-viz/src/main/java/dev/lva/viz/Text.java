package dev.lva.viz;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;

/**
 * Text for the parts drawn with plain Java2D. It is filled as glyph outlines, as XChart does,
 * so that an SVG shows the same letters as the PNG without depending on the viewer's fonts.
 */
final class Text {
    static {
        Headless.ensure();
    }

    /** Metrics for layout before any Graphics exists; antialiased, fractional like the drawing. */
    static final FontRenderContext LAYOUT = new FontRenderContext(new AffineTransform(), true, true);

    private Text() {}

    static double width(String s, Font font) {
        if (s.isEmpty()) {
            return 0;
        }
        return new TextLayout(s, font, LAYOUT).getAdvance();
    }

    /** Height from the top of the tallest glyph to the baseline. */
    static double ascent(Font font) {
        return new TextLayout("Xg", font, LAYOUT).getAscent();
    }

    /**
     * Draws {@code s} with its horizontal anchor at {@code x} ({@code hAlign} 0 = left edge,
     * 0.5 = centre, 1 = right edge) and its vertical centre at {@code y}.
     */
    static void draw(Graphics2D g, String s, Font font, double x, double y, double hAlign) {
        if (s.isEmpty()) {
            return;
        }
        TextLayout layout = new TextLayout(s, font, LAYOUT);
        double left = x - hAlign * layout.getAdvance();
        double baseline = y + (layout.getAscent() - layout.getDescent()) / 2;
        g.fill(layout.getOutline(AffineTransform.getTranslateInstance(left, baseline)));
    }

    /** Like {@link #draw} but turned a quarter counter-clockwise, for a vertical axis title. */
    static void drawVertical(Graphics2D g, String s, Font font, double x, double y) {
        if (s.isEmpty()) {
            return;
        }
        Graphics2D r = (Graphics2D) g.create();
        try {
            r.translate(x, y);
            r.rotate(-Math.PI / 2);
            draw(r, s, font, 0, 0, 0.5);
        } finally {
            r.dispose();
        }
    }

    static void smooth(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    }
}
