package dev.lva.examples.cli;

import dev.lva.api.LvaException;
import dev.lva.core.io.Npy;
import dev.lva.core.synth.Parameter;
import dev.lva.core.synth.SourceImage;
import dev.lva.core.synth.SyntheticImages;
import dev.lva.core.synth.TransformRanges;
import dev.lva.examples.Lva;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lva synth}: the LV paper's synthetic images, one source image under random transforms whose
 * parameters are drawn uniformly from stated ranges, written as {@code images.npy} (N x C x H x W)
 * with the true parameters beside them ({@code parameters.csv}, a row per image, which {@code lva fit
 * --truth} reads). The true dimension is the number of varied parameters.
 */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Synthetic images of known dimension: one source image under random transforms.",
                "Writes OUT/images.npy (N x C x SIZE x SIZE) and OUT/parameters.csv (the true parameters, a row per"
                        + " image, for lva fit --truth) and prints the true dimension: the number of varied"
                        + " parameters."})
public final class SynthCommand implements Callable<Integer> {
    static final String IMAGES = "images.npy";
    static final String PARAMETERS = "parameters.csv";

    @ParentCommand
    Lva lva;

    @Spec
    CommandSpec spec;

    @Option(names = "--source", paramLabel = "SHAPE|FILE.png", description = "A built-in shape (ell, square, disc,"
            + " triangle) or a PNG or JPEG image (default: ell).")
    String source = "ell";
    @Option(names = "--n", paramLabel = "N", description = "Images to draw (default: 1000).")
    int n = 1000;
    @Option(names = "--size", paramLabel = "SIDE", description = "Their height and width in pixels (default: 32).")
    int size = 32;
    @Option(names = "--channels", paramLabel = "1|3", description = "Channels: 1 (grey) or 3 (colour) (default: 1 for a"
            + " built-in shape, the image's own for a file).")
    Integer channels;
    @Option(names = "--vary", split = ",", paramLabel = "PARAM[=LO:HI]", description = {"The parameters to vary, each"
            + " with an optional range: rotation (degrees), translate_x, translate_y (shares of the side), scale"
            + " (a factor), shear (degrees), hue (turns), saturation (a factor; hue and saturation need 3 channels);"
            + " e.g. rotation=-30:30,translate_x. Without a range a parameter takes the LV paper's kind of range"
            + " (rotation -45:45, translate -0.15:0.15, scale 0.7:1.1, shear -20:20, hue -0.25:0.25, saturation"
            + " 0.3:1). Default: rotation, translate_x, translate_y, scale, shear (and hue, saturation on 3"
            + " channels)."})
    List<String> vary;
    @Option(names = "--seed", description = "Seed of the draws: the same seed writes the same files (default: 0).")
    long seed;
    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: lva-out/synth).")
    Path out = Path.of("lva-out", "synth");
    @Option(names = "--overwrite", description = "Replace images.npy and parameters.csv where the folder has them"
            + " (refused without it).")
    boolean overwrite;

    @Override
    public Integer call() throws IOException {
        lva.configure();
        Path images = out.resolve(IMAGES);
        Path parameters = out.resolve(PARAMETERS);
        // checked before the images are drawn, and before anything is written: a refusal costs nothing
        // and never leaves new images beside old parameters
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new LvaException("--out " + out + " is a file, not a folder; choose a folder (it is created if"
                    + " missing)");
        }
        for (Path p : List.of(images, parameters)) {
            if (Files.isDirectory(p)) {
                throw new LvaException("--out " + out + " holds a folder named " + p.getFileName() + " where lva"
                        + " synth writes a file; remove it or choose another --out");
            }
            if (!overwrite && Files.exists(p)) {
                throw new LvaException("--out " + out + " already holds " + p.getFileName() + "; add --overwrite"
                        + " to replace it, or choose another --out");
            }
        }
        SyntheticImages s = generate();
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new LvaException("--out " + out + ": cannot create the folder (" + e + ")", e);
        }
        Npy.write(images, s.images());
        s.trueParameters().write(parameters);
        PrintWriter w = spec.commandLine().getOut();
        long[] shape = s.images().shape();
        w.println("wrote " + shape[0] + " images of " + shape[1] + " x " + shape[2] + " x " + shape[3] + " to "
                + images + ", their true parameters to " + parameters);
        w.println("true dimension: " + s.trueDimension() + " (varied: " + String.join(", ",
                s.varied().stream().map(Parameter::key).toList()) + "; " + s.ranges() + ")");
        return 0;
    }

    /** The images the options describe; a bad value is refused naming its option. */
    SyntheticImages generate() {
        if (n < 1) {
            throw new LvaException("--n " + n + ": must be >= 1 image");
        }
        if (size < 4) {
            throw new LvaException("--size " + size + ": must be >= 4 pixels");
        }
        if (channels != null && channels != 1 && channels != 3) {
            throw new LvaException("--channels " + channels + ": must be 1 (grey) or 3 (colour)");
        }
        // sized before the source is drawn at --size too: the source alone may not fit (3 x 100,000^2
        // overflowed an array's length); a file's channels are known only once read, so 1 is the bound here
        requireFitsInMemory(channels == null ? 1 : channels);
        SourceImage src = source();
        requireFitsInMemory(src.channels());
        TransformRanges ranges = ranges(vary, src.channels() == 3 && !src.grey());
        for (Parameter p : ranges.varied()) {
            if (p.colour() && src.channels() != 3) {
                throw new LvaException("--vary " + p.key() + ": it changes colour, which needs --channels 3 (the"
                        + " images have " + src.channels() + ")");
            }
            if (p.colour() && src.grey()) {
                // a grey pixel has no hue, and saturation 0 times any factor is 0: every image would be
                // the same, yet the parameter would count in the true dimension
                throw new LvaException("--vary " + p.key() + ": --source " + source + " is grey (its three channels"
                        + " are equal), so " + p.key() + " would change no pixel; use a coloured source");
            }
        }
        return SyntheticImages.generate(src, ranges, n, size, seed);
    }

    /**
     * Refuses images that cannot be held: more values than a Java array holds, or (with the copy the
     * array is made from) more than this JVM's heap, naming the bytes and what to change.
     */
    private void requireFitsInMemory(int c) {
        long values = (long) n * c * size * size;
        long bytes = values * Float.BYTES;
        // drawn into a heap float array, then copied off the heap, where Npy.write copies them once
        // more (dup('c')); JavaCPP caps off-heap memory at the heap's size by default: twice the bytes
        long needed = 2 * bytes;
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (values > Integer.MAX_VALUE - 8 || needed > free) {
            throw new LvaException(String.format(Locale.ROOT, "--n %d --size %d (%d channel%s): %d values, %.1f MB"
                            + " of images, which %s; draw fewer or smaller images, or write several sets with"
                            + " different --seed", n, size, c, c == 1 ? "" : "s", values, bytes / 1e6,
                    values > Integer.MAX_VALUE - 8 ? "is more than one array holds (2^31 values)" : String.format(
                            Locale.ROOT, "with their copy need more than the %.1f MB of free Java heap (set by -Xmx"
                                    + " in LVA_JAVA_OPTS)", free / 1e6)));
        }
    }

    private SourceImage source() {
        String shape = source.strip().toLowerCase(Locale.ROOT);
        if (SourceImage.SHAPES.contains(shape) && !Files.exists(Path.of(source))) {
            // drawn at the images' size: nothing is lost to resampling
            return SourceImage.builtIn(shape, channels == null ? 1 : channels, size);
        }
        Path file = Path.of(source);
        if (!Files.isRegularFile(file)) {
            throw new LvaException("--source " + source + ": neither a built-in shape (" + String.join(", ",
                    SourceImage.SHAPES) + ") nor an image file");
        }
        SourceImage image;
        try {
            image = SourceImage.read(file);
        } catch (RuntimeException e) {
            throw new LvaException("--source " + source + ": not an image lva reads (PNG or JPEG): " + e.getMessage(),
                    e);
        }
        return channels == null ? image : image.withChannels(channels);
    }

    /**
     * The ranges of {@code --vary}: {@code PARAM} (the paper's kind of range) or {@code PARAM=LO:HI};
     * null for the default set.
     */
    static TransformRanges ranges(List<String> vary, boolean colour) {
        TransformRanges paper = TransformRanges.defaults(true);
        if (vary == null) {
            return TransformRanges.defaults(colour);
        }
        TransformRanges r = TransformRanges.none();
        List<Parameter> seen = new ArrayList<>();
        for (String item : vary) {
            String text = item.strip();
            int eq = text.indexOf('=');
            String name = (eq < 0 ? text : text.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            Parameter p;
            try {
                p = Parameter.of(name);
            } catch (IllegalArgumentException e) {
                throw new LvaException("--vary " + item + ": no parameter '" + name + "'; they are " + String.join(
                        ", ", Arrays.stream(Parameter.values()).map(Parameter::key).toList()));
            }
            if (seen.contains(p)) {
                throw new LvaException("--vary names " + p.key() + " twice");
            }
            seen.add(p);
            double lo;
            double hi;
            if (eq < 0) {
                lo = paper.range(p).lo();
                hi = paper.range(p).hi();
            } else {
                String[] parts = text.substring(eq + 1).split(":", -1);
                if (parts.length != 2) {
                    throw new LvaException("--vary " + item + ": a range is LO:HI, e.g. " + p.key() + "="
                            + example(p));
                }
                try {
                    lo = Double.parseDouble(parts[0].strip());
                    hi = Double.parseDouble(parts[1].strip());
                } catch (NumberFormatException e) {
                    throw new LvaException("--vary " + item + ": LO and HI must be numbers, e.g. " + p.key() + "="
                            + example(p));
                }
                if (!(hi > lo) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
                    throw new LvaException("--vary " + item + ": a varied parameter needs finite LO < HI");
                }
            }
            try {
                r = r.with(p, lo, hi);
            } catch (LvaException e) {
                throw new LvaException("--vary " + item + ": " + e.getMessage(), e);
            }
        }
        return r;
    }

    private static String example(Parameter p) {
        TransformRanges.Range r = TransformRanges.defaults(true).range(p);
        return fmt(r.lo()) + ":" + fmt(r.hi());
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
