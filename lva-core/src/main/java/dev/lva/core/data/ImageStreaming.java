package dev.lva.core.data;

import java.nio.file.Path;
import java.util.Locale;

/**
 * When a run reads its images from the file a batch at a time ({@link NpyImageRows}) instead of into
 * memory, and which of them it analyses. By default ({@code auto}) a uint8 .npy whose framed images
 * would take more than a quarter of the memory the process may still use ({@link NativeMemory#budget})
 * is read from the file; anything else is read into memory. The JVM property {@value #PROPERTY}
 * ({@code auto}, {@code always}, {@code never}; e.g. {@code LVA_JAVA_OPTS=-Dlva.stream=always}) decides
 * otherwise: {@code always} refuses, with the reason, a file that cannot be read so.
 *
 * <p>The training reads every row; the analysis, the evaluation and the figures of such a run see an
 * evenly spaced sample ({@link RowSample#evenly}) of at most {@link #SAMPLE_BYTES} bytes of images,
 * which the run's summary states.
 */
public final class ImageStreaming {
    /** The JVM property that decides: auto, always or never. */
    public static final String PROPERTY = "lva.stream";
    /** The bytes of images the analysis of rows read from a file holds in memory: 64 MB (5,461 images of 3 x 64 x 64). */
    public static final long SAMPLE_BYTES = 64L << 20;

    /** What {@value #PROPERTY} says. */
    public enum Mode {
        AUTO, ALWAYS, NEVER
    }

    private ImageStreaming() {
    }

    /** The mode {@value #PROPERTY} gives; a value it does not know is an error naming the three. */
    public static Mode mode() {
        String v = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "auto", "" -> Mode.AUTO;
            case "always", "yes", "true" -> Mode.ALWAYS;
            case "never", "no", "false" -> Mode.NEVER;
            default -> throw new DataException("-D" + PROPERTY + "=" + System.getProperty(PROPERTY)
                    + ": expected auto, always or never");
        };
    }

    /** Whether the images of {@code file} are read from it a batch at a time, as {@link #mode()} and their size say. */
    public static boolean fromFile(Path file, ImageFiles.Options options) {
        return fromFile(file, options, mode(), NativeMemory.budget().bytes());
    }

    /** As {@link #fromFile(Path, ImageFiles.Options)} under {@code mode}, with {@code budget} bytes of memory left. */
    static boolean fromFile(Path file, ImageFiles.Options options, Mode mode, long budget) {
        switch (mode) {
            case NEVER:
                return false;
            case ALWAYS:
                String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
                if (!name.endsWith(".npy")) {
                    throw new DataException(file + ": -D" + PROPERTY + "=always reads images from a uint8 .npy a batch at"
                            + " a time; this is not a .npy (an IDX file or a folder is read into memory: give -D"
                            + PROPERTY + "=auto)");
                }
                // NpyImageRows.open says what else it cannot read (dtype, order, rank)
                return true;
            default:
                return NpyImageRows.canRead(file) && NpyImageRows.framedBytes(file, options) > budget / 4;
        }
    }

    /** The rows the analysis of {@code rows} read from a file sees: evenly spaced, at most {@link #SAMPLE_BYTES} bytes. */
    public static int[] sample(NpyImageRows rows) {
        int k = (int) Math.max(1, Math.min(rows.rows(), SAMPLE_BYTES / Math.max(1, rows.cols())));
        return RowSample.evenly(rows.rows(), k);
    }
}
