package dev.lva.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * When a run reads its images from the file a batch at a time ({@link ImageFileRows}) instead of into
 * memory, and which of them it analyses. The run option {@code --stream} ({@link Mode}) decides: by
 * default ({@code auto}) images in a file that can be read by position (a .npy of uint8 or of
 * little-endian float32 or float64, an uncompressed IDX file) whose framed images would take more than a quarter of the
 * memory the process may still use ({@link NativeMemory#budget}) are read from the file, anything else
 * into memory; {@code always} reads them from the file and refuses, with the reason, a file that cannot
 * be read so; {@code never} reads them into memory.
 *
 * <p>The training reads every row; the analysis, the evaluation and the figures of such a run see an
 * evenly spaced sample ({@link RowSample#evenly}) of at most {@link #SAMPLE_BYTES} bytes of images,
 * which the run's summary states.
 */
public final class ImageStreaming {
    /**
     * The JVM property that decided before {@code --stream} existed. It is refused, not read: a run's
     * config.yaml must say how the run read its data, and a property outside it would make a config
     * that repeats the run differently.
     */
    public static final String PROPERTY = "lva.stream";
    /** The bytes of images the analysis of rows read from a file holds in memory: 64 MB (5,461 images of 3 x 64 x 64). */
    public static final long SAMPLE_BYTES = 64L << 20;

    /** What {@code --stream} says. */
    public enum Mode {
        /** From the file when the images would take more than a quarter of the memory left. */
        AUTO,
        /** From the file, refusing one that cannot be read so. */
        ALWAYS,
        /** Into memory. */
        NEVER
    }

    private ImageStreaming() {
    }

    /** The mode {@code --stream TEXT} names (any case); anything else is an error naming the option and the three. */
    public static Mode parse(String text) {
        for (Mode m : Mode.values()) {
            if (m.name().equalsIgnoreCase(text.strip())) {
                return m;
            }
        }
        throw new DataException("--stream " + text + ": expected auto, always or never");
    }

    /**
     * Refuses the JVM property {@value #PROPERTY}, which {@code --stream} replaced, naming the option
     * that does what it did (a property silently ignored would read the data otherwise than asked).
     */
    public static void refuseProperty() {
        String v = System.getProperty(PROPERTY);
        if (v != null) {
            String mode = v.strip().toLowerCase(Locale.ROOT);
            String option = mode.equals("auto") || mode.equals("always") || mode.equals("never") ? "--stream " + mode
                    : "--stream auto, always or never";
            throw new DataException("-D" + PROPERTY + "=" + v + " is no longer read: give the run option " + option
                    + " (lva fit --stream, or 'stream:' under 'data:' in a config file) and remove -D" + PROPERTY
                    + " from LVA_JAVA_OPTS");
        }
    }

    /**
     * Whether the images of {@code file} are read from it a batch at a time under {@code mode}, with
     * {@code budget} bytes of memory left; {@code always} on a file that cannot be read so is an error
     * naming the option, the file and why.
     */
    public static boolean fromFile(Path file, ImageFiles.Options options, Mode mode, long budget) {
        switch (mode) {
            case NEVER:
                return false;
            case ALWAYS:
                requireReadable(file);
                // ImageFileRows.open says what else it cannot read (dtype, order, rank, gzip)
                return true;
            default:
                return ImageFileRows.canRead(file) && ImageFileRows.framedBytes(file, options) > budget / 4;
        }
    }

    /** As {@link #fromFile(Path, ImageFiles.Options, Mode, long)} with the memory the process has left. */
    public static boolean fromFile(Path file, ImageFiles.Options options, Mode mode) {
        return mode == Mode.AUTO ? fromFile(file, options, mode, NativeMemory.budget().bytes())
                : fromFile(file, options, mode, 0);
    }

    /**
     * The images of {@code file} read from it a batch at a time when {@code mode} and their size say so
     * ({@link #fromFile}), else null (they are read into memory). Under {@code always} whatever cannot be
     * read so is refused with an error that names the option and the file.
     */
    public static ImageFileRows open(Path file, ImageFiles.Options options, Mode mode) {
        try {
            return fromFile(file, options, mode) ? ImageFileRows.open(file, options) : null;
        } catch (DataException e) {
            // what always cannot read names the option (the header's own errors, as a truncated file's, do not);
            // only what reading by rows cannot take is read into memory by auto or never (a NaN is refused there too)
            if (mode != Mode.ALWAYS || e.getMessage().startsWith("--stream")) {
                throw e;
            }
            boolean rowsOnly = e.getMessage().contains("a batch at a time");
            throw new DataException("--stream always: " + e.getMessage() + (rowsOnly ? " (give --stream auto or never"
                    + " to read it into memory)" : ""), e);
        }
    }

    /** Refuses, for {@code --stream always}, what is no file of images (a folder, a table). */
    private static void requireReadable(Path file) {
        if (Files.isDirectory(file)) {
            throw new DataException("--stream always: " + file + " is a folder of images, which is read into memory"
                    + " (only a .npy of uint8, float32 or float64 or an uncompressed IDX file is read from the file a batch"
                    + " at a time): give"
                    + " --stream auto or never");
        }
        if (!Files.exists(file) || ImageFiles.kind(file) == ImageFiles.Kind.NONE) {
            throw new DataException("--stream always: " + file + (Files.exists(file) ? " is a table, not images" : ": no"
                    + " such file") + "; only images (a .npy of rank 3 or 4 of uint8, float32 or float64, an uncompressed IDX"
                    + " file) are read"
                    + " from the file a batch at a time: give --stream auto or never");
        }
    }

    /** The rows the analysis of {@code rows} read from a file sees: evenly spaced, at most {@link #SAMPLE_BYTES} bytes. */
    public static int[] sample(ImageFileRows rows) {
        long rowBytes = (long) rows.cols() * rows.valueType().width();
        int k = (int) Math.max(1, Math.min(rows.rows(), SAMPLE_BYTES / Math.max(1, rowBytes)));
        return RowSample.evenly(rows.rows(), k);
    }
}
