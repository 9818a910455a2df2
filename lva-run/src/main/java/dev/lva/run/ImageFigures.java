package dev.lva.run;

import dev.lva.core.data.ImageBytes;
import dev.lva.core.data.RowSample;
import dev.lva.core.nn.Shape;
import dev.lva.models.AutoEncoder;
import dev.lva.models.LatentAnalysis;
import dev.lva.viz.Figure;
import dev.lva.viz.ImageGrid;
import dev.lva.viz.LatentTraversal;
import dev.lva.viz.Range;
import dev.lva.viz.report.RunReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The figures a run on images adds to its report: some images above their reconstructions, and the
 * LV paper's latent traversal (for each of the dimensions with the largest stds, the mean code with
 * that dimension moved from -2 to +2 of its std, decoded; one row a dimension). Both show the
 * images on the scale of the originals shown (values beyond it are clipped), colour images in
 * colour; images of another channel count show their first channel. The sorted std spectrum with
 * its split is {@link RunFigures}' for every run. Each figure is made when the report is written,
 * so one that fails is a missing figure, never a lost run.
 */
final class ImageFigures {
    /** Images shown above their reconstructions. */
    static final int SHOWN = 12;
    /** Dimensions traversed, the largest stds first. */
    static final int TRAVERSED = 8;
    /** How far the traversal moves a dimension, in its stds, and in how many steps. */
    static final double REACH = 2;
    static final int STEPS = 9;

    private final AutoEncoder model;
    private final LatentAnalysis analysis;
    private final RunData data;
    private final int[] rows;
    private final INDArray latent;
    private final INDArray reconstruction;
    private final Shape image;

    /**
     * @param rows           the data rows the codes and reconstructions belong to
     * @param latent         the codes of those rows
     * @param reconstruction their reconstructions, one row each
     */
    ImageFigures(AutoEncoder model, LatentAnalysis analysis, RunData data, int[] rows, INDArray latent,
                 INDArray reconstruction) {
        this.model = model;
        this.analysis = analysis;
        this.data = data;
        this.rows = rows;
        this.latent = latent;
        this.reconstruction = reconstruction;
        this.image = data.imageShape();
    }

    /** Adds the image figures of a run on images to its report; nothing for a table. */
    static void addTo(RunReport report, LvaRun.Result result) {
        LvaRun.FigureData f = result.figures();
        if (f.data().imageShape() == null) {
            return;
        }
        ImageFigures figures = new ImageFigures(result.model(), result.analysis(), f.data(), f.rows(), f.latent(),
                f.reconstruction());
        Shape s = figures.image;
        report.entry("Run", "images", String.format(Locale.ROOT, "%,d of %d x %d pixels, %d channel%s%s",
                f.data().dataset().rows(), s.height(), s.width(), s.channels(), s.channels() == 1 ? "" : "s",
                result.config().padTo() > 0 ? " (padded or cropped to " + result.config().padTo() + " x "
                        + result.config().padTo() + " by --pad-to)" : ""));
        report.figure("Images (top row) and their reconstructions (bottom row)", figures::reconstructions);
        report.figure("Latent traversal: the mean code with one dimension moved from -2 to +2 of its std, one row a"
                + " dimension", figures::traversal);
    }

    /** Up to {@value #SHOWN} images evenly spaced over the figures' rows, each above its reconstruction. */
    Figure reconstructions() {
        int[] picked = RowSample.evenly(rows.length, SHOWN);
        double[][] originals = new double[picked.length][];
        double[][] decoded = new double[picked.length][];
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < picked.length; i++) {
            int row = rows[picked[i]];
            originals[i] = pixels(data.scaled().getRow(row));
            decoded[i] = pixels(reconstruction.getRow(picked[i]));
            labels.add("#" + row);
        }
        return ImageGrid.of(options("Images and their reconstructions" + channelNote(), originals), new double[][][] {
                originals, decoded}, shownChannels(), image.height(), image.width(), List.of("image", "reconstruction"),
                labels);
    }

    /**
     * For each of the top {@value #TRAVERSED} dimensions by std: the mean code (of the figures' rows)
     * with that dimension at mean + t std, t from -{@value #REACH} to +{@value #REACH}, decoded in
     * evaluation mode (pruned dimensions stay frozen, as the model decodes them).
     */
    Figure traversal() {
        int[] order = analysis.order();
        int k = Math.min(TRAVERSED, order.length);
        double[] offsets = LatentTraversal.offsets(REACH, STEPS);
        INDArray mean = latent.castTo(DataType.DOUBLE).mean(0);
        double[][] codes = new double[k * STEPS][];
        for (int r = 0; r < k; r++) {
            int j = order[r];
            double std = analysis.stds()[j];
            for (int c = 0; c < STEPS; c++) {
                double[] z = mean.toDoubleVector();
                z[j] += offsets[c] * std;
                codes[r * STEPS + c] = z;
            }
        }
        model.setTraining(false);
        INDArray decoded = model.decode(Nd4j.createFromArray(codes).castTo(model.dataType()));
        double[][][] images = new double[k][STEPS][];
        List<String> names = new ArrayList<>();
        double[] stds = new double[k];
        boolean[] collapsed = new boolean[k];
        for (int r = 0; r < k; r++) {
            int j = order[r];
            for (int c = 0; c < STEPS; c++) {
                images[r][c] = pixels(decoded.getRow((long) r * STEPS + c));
            }
            names.add("z" + j);
            stds[r] = analysis.stds()[j];
            // collapsed as its std says (at or below the second count's line; every one of a collapsed code),
            // not merely below 1% explained reconstruction: z31 of Fashion-MNIST, std 2.5, is no collapsed row
            collapsed[r] = analysis.collapsed(j);
        }
        int[] picked = RowSample.evenly(rows.length, SHOWN);
        double[][] originals = new double[picked.length][];
        for (int i = 0; i < picked.length; i++) {
            originals[i] = pixels(data.scaled().getRow(rows[picked[i]]));
        }
        return LatentTraversal.of(options("Latent traversal, top " + k + " of " + order.length + " dimensions by std"
                + channelNote(), originals), images, shownChannels(), image.height(), image.width(), names, stds,
                collapsed, offsets);
    }

    /** The images' title and their value scale ({@link #valueScale}), so a reconstruction is seen on the originals'. */
    private ImageGrid.Options options(String title, double[][] originals) {
        Range r = valueScale(originals);
        ImageGrid.Options o = ImageGrid.Options.titled(title);
        return r == null ? o : o.withValues(r);
    }

    /**
     * The grey scale of the images shown: the fixed pixel scale [0, 1] (as decode's grid) when the
     * originals lie in it, as every image lva reads from bytes does, so that a faint image looks faint;
     * else the originals' own range (a float .npy of other values); null when they are all one value.
     */
    static Range valueScale(double[][] originals) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] img : originals) {
            for (double v : img) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo >= Codes.PIXELS.min() && hi <= Codes.PIXELS.max()) {
            return Codes.PIXELS;
        }
        return hi > lo ? Range.of(lo, hi) : null;
    }

    private int shownChannels() {
        return image.channels() == 3 ? 3 : 1;
    }

    private String channelNote() {
        return image.channels() == 1 || image.channels() == 3 ? "" : " (channel 0 of " + image.channels() + ")";
    }

    /** One image's values as drawn: all of a grey or colour image, the first channel of another. */
    private double[] pixels(INDArray row) {
        // the data's rows may be image bytes: converted by the pixel rule, as the model saw them
        double[] all = ImageBytes.pixels(row, DataType.DOUBLE).toDoubleVector();
        int keep = shownChannels() * image.height() * image.width();
        return all.length == keep ? all : java.util.Arrays.copyOf(all, keep);
    }
}
