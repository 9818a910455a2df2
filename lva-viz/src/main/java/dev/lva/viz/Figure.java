package dev.lva.viz;

import dev.lva.api.io.AtomicFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A finished chart of fixed pixel size that can be written as PNG or SVG. The chart factories
 * ({@link LinePlot}, {@link ScatterPlot}, ...) validate their input and return one; nothing is
 * drawn until it is written. Drawing the same figure twice gives the same bytes.
 *
 * <p>Both formats come from one drawing routine: PNG paints into a {@link BufferedImage}, SVG
 * paints into XChart's vector back end (VectorGraphics2D), so grids of charts and the heat map
 * export to SVG as well. Text is drawn as glyph outlines, so an SVG needs no fonts to view.
 *
 * <p>Rendering reuses the chart objects, so one figure must not be rendered from two threads at
 * the same time; separate figures may.
 */
public final class Figure {
    static {
        Headless.ensure();
    }

    private static final Logger LOG = LoggerFactory.getLogger(Figure.class);

    /** Draws the whole figure into a {@code width} x {@code height} area at the origin. */
    @FunctionalInterface
    interface Painter {
        void paint(Graphics2D g, int width, int height);
    }

    private final String kind;
    private final String title;
    private final int width;
    private final int height;
    private final Painter painter;

    Figure(String kind, String title, int width, int height, Painter painter) {
        this.kind = kind;
        this.title = title;
        this.width = width;
        this.height = height;
        this.painter = painter;
    }

    public String title() {
        return title;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The figure as an RGB image on a white background. */
    public BufferedImage toImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            paintChecked(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    public byte[] toPng() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            if (!ImageIO.write(toImage(), "png", out)) {
                throw new ChartException(describe() + ": no PNG writer is available in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A standalone SVG document with {@code width} and {@code height} in pixels. */
    public byte[] toSvg() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            VectorGraphicsEncoder.saveVectorGraphic(new Canvas(), out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SvgIds.renumber(out.toByteArray());
    }

    /**
     * Writes the figure to {@code path}, as PNG or SVG by its extension ({@code .png},
     * {@code .svg}, any case). Missing parent folders are created; the file is written to a
     * temporary name first and then moved, so a reader never sees half a file.
     *
     * @return {@code path}
     * @throws ChartException for another extension, or when the file cannot be written
     */
    public Path save(Path path) {
        if (path == null) {
            throw new ChartException(describe() + ": save path is missing");
        }
        Path name = path.getFileName();
        String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        byte[] bytes;
        if (lower.endsWith(".png")) {
            bytes = toPng();
        } else if (lower.endsWith(".svg")) {
            bytes = toSvg();
        } else {
            throw new ChartException(describe() + ": cannot save to " + path + ": the file name must end in .png or .svg");
        }
        try {
            AtomicFiles.write(path.toAbsolutePath(), bytes);
        } catch (IOException e) {
            throw new ChartException(describe() + ": cannot write " + path + ": " + e, e);
        }
        LOG.debug("wrote {} to {} ({} bytes)", describe(), path, bytes.length);
        return path;
    }

    @Override
    public String toString() {
        return describe() + " " + width + "x" + height;
    }

    String describe() {
        return kind + " '" + title + "'";
    }

    private void paintChecked(Graphics2D g) {
        try {
            painter.paint(g, width, height);
        } catch (ChartException e) {
            throw e;
        } catch (RuntimeException e) {
            // Validation should have caught this; the message still says which figure broke.
            throw new ChartException(describe() + ": drawing failed: " + e, e);
        }
    }

    /**
     * Hands the painter to XChart's SVG encoder, which accepts only XChart charts and does
     * nothing with one but ask its size and call {@code paint}.
     */
    private final class Canvas extends XYChart {
        Canvas() {
            super(width, height);
        }

        @Override
        public void paint(Graphics2D g, int w, int h) {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            paintChecked(g);
        }
    }
}
