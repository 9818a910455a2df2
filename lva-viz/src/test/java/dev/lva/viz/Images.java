package dev.lva.viz;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/** Reading rendered output back, for assertions on what a figure really contains. */
public final class Images {
    private Images() {}

    public static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        if (img == null) {
            throw new IOException("not a decodable image (" + png.length + " bytes)");
        }
        return img;
    }

    public static BufferedImage decode(Path png) throws IOException {
        return decode(Files.readAllBytes(png));
    }

    /** Standard deviation of the grey level, 0..255: near 0 for a blank or single-colour image. */
    public static double greyStdDev(BufferedImage img) {
        double sum = 0;
        double sumSq = 0;
        long n = (long) img.getWidth() * img.getHeight();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                double g = 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
                sum += g;
                sumSq += g * g;
            }
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, sumSq / n - mean * mean));
    }

    /** Fraction of pixels that are not (near) white. */
    public static double inkFraction(BufferedImage img) {
        long ink = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                if (((rgb >> 16) & 0xFF) < 240 || ((rgb >> 8) & 0xFF) < 240 || (rgb & 0xFF) < 240) {
                    ink++;
                }
            }
        }
        return ink / (double) ((long) img.getWidth() * img.getHeight());
    }

    public static boolean near(int rgb, Color c, int tolerance) {
        return Math.abs(((rgb >> 16) & 0xFF) - c.getRed()) <= tolerance
                && Math.abs(((rgb >> 8) & 0xFF) - c.getGreen()) <= tolerance
                && Math.abs((rgb & 0xFF) - c.getBlue()) <= tolerance;
    }

    /** Bounding box of pixels within {@code tolerance} of {@code c} per channel, or null if none. */
    public static Rectangle boundsOf(BufferedImage img, Color c, int tolerance) {
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (near(img.getRGB(x, y), c, tolerance)) {
                    minX = Math.min(minX, x);
                    minY = Math.min(minY, y);
                    maxX = Math.max(maxX, x);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return maxX < 0 ? null : new Rectangle(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }

    /** Parses SVG without fetching its DTD (the tests run offline). */
    public static Document parseSvg(byte[] svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setValidating(false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        try (InputStream in = new ByteArrayInputStream(svg)) {
            return f.newDocumentBuilder().parse(in);
        }
    }

    /** "600px" or "600" as a number. */
    public static double pixels(String attribute) {
        return Double.parseDouble(attribute.replace("px", "").trim());
    }
}
