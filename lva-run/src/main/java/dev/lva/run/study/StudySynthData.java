package dev.lva.run.study;

import dev.lva.api.LvaException;
import dev.lva.api.io.AtomicFiles;
import dev.lva.core.io.Npy;
import dev.lva.core.synth.Parameter;
import dev.lva.core.synth.SourceImage;
import dev.lva.core.synth.SyntheticImages;
import dev.lva.core.synth.TransformRanges;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The study's synthetic images, {@code lva synth}'s kind: the built-in ell, grey, under the five
 * transforms of {@link StudyOptions#SYNTH_VARIED} at the LV paper's kind of ranges (shear wider,
 * {@link #ranges()}), drawn once into
 * the study folder ({@code data/synth/images.npy}, {@code parameters.csv}) with a note of how they
 * were drawn ({@code synth.txt}). A rerun of the study finds them and draws nothing, so its sweep
 * sees the same data (its digest unchanged) and skips the finished runs; images drawn with other
 * settings are refused, never silently replaced under finished runs.
 */
public final class StudySynthData {
    private static final Logger LOG = LoggerFactory.getLogger(StudySynthData.class);
    public static final String IMAGES = "images.npy";
    public static final String PARAMETERS = "parameters.csv";
    /** What the images are: written last, so that its presence means both files are whole. */
    public static final String NOTE = "synth.txt";

    private final Path dir;
    private final int n;
    private final int size;

    /**
     * @param dir  the folder of the images ({@code OUT/data/synth})
     * @param n    how many
     * @param size their side in pixels
     */
    public StudySynthData(Path dir, int n, int size) {
        this.dir = dir;
        this.n = n;
        this.size = size;
    }

    public Path images() {
        return dir.resolve(IMAGES);
    }

    public Path parameters() {
        return dir.resolve(PARAMETERS);
    }

    /** The note {@link #NOTE} holds: every setting the images depend on. */
    String note() {
        return String.format(Locale.ROOT, "lva study's synthetic images: source ell, 1 channel, %d images of %d x %d,"
                + " seed %d, %s%n", n, size, size, StudyOptions.SYNTH_SEED, ranges());
    }

    /**
     * The paper's kind of ranges ({@link TransformRanges#defaults}), shear widened to
     * {@link StudyOptions#SYNTH_SHEAR}: at +-20 degrees a shear moves so few of the ell's 32 x 32
     * pixels that the volume penalty squeezes it out of the code first. Measured by single lva fit runs
     * like the quick study's (volume, lambda 3e-3, 800 steps): at +-20 the code kept 5 or 6 dimensions
     * and recovered shear with a nearest-neighbour R^2 of 0.27-0.53, where the raw pixels of 2,000
     * images gave 0.63; at +-35 the code's gave 0.82 (the pixels' 0.85), and in the quick study 0.86.
     */
    static TransformRanges ranges() {
        TransformRanges paper = TransformRanges.defaults(false);
        TransformRanges r = TransformRanges.none();
        for (String key : StudyOptions.SYNTH_VARIED) {
            Parameter p = Parameter.of(key);
            r = p == Parameter.SHEAR ? r.with(p, -StudyOptions.SYNTH_SHEAR, StudyOptions.SYNTH_SHEAR)
                    : r.with(p, paper.range(p).lo(), paper.range(p).hi());
        }
        return r;
    }

    /**
     * Draws the images unless the folder has them already, drawn alike.
     *
     * @return whether they were drawn now
     * @throws LvaException when the folder holds images of other settings, or half of a set
     */
    public boolean ensure() {
        Path note = dir.resolve(NOTE);
        String want = note();
        try {
            if (Files.isRegularFile(note)) {
                String have = Files.readString(note);
                if (!have.equals(want)) {
                    throw new LvaException(dir + " holds synthetic images drawn otherwise (" + have.strip() + "; this"
                            + " study draws: " + want.strip() + "): the study's runs on them would be other runs;"
                            + " choose another --out, or remove " + dir + " and the synth folder beside it");
                }
                if (!Files.isRegularFile(images()) || !Files.isRegularFile(parameters())) {
                    throw new LvaException(dir + " has " + NOTE + " but not both " + IMAGES + " and " + PARAMETERS
                            + ": remove " + dir + " to draw them again");
                }
                return false;
            }
            // no note: nothing, or what a killed study left before it wrote the note; both files are drawn again
            Files.createDirectories(dir);
            SyntheticImages s = SyntheticImages.generate(SourceImage.builtIn("ell", 1, size), ranges(), n, size,
                    StudyOptions.SYNTH_SEED);
            // a name of its own: two studies started on one new folder at once draw side by side, and
            // each moves whole files into place (the same images: the draws are seeded)
            Path tmp = dir.resolve("." + IMAGES + "." + java.util.UUID.randomUUID() + ".tmp");
            Npy.write(tmp, s.images());
            Files.move(tmp, images(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            s.trueParameters().varying().write(parameters());
            AtomicFiles.write(note, want);
            LOG.info("drew {} synthetic images of {} x {} into {} (true dimension {})", n, size, size, dir,
                    s.trueDimension());
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the synthetic images into " + dir + ": " + e, e);
        }
    }
}
