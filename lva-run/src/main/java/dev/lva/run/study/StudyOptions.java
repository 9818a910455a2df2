package dev.lva.run.study;

import dev.lva.api.LvaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a study is asked for, validated: the data sets, the penalties, lambdas and seeds of each
 * data set's sweep, and the model and data sizes every run shares. Each refusal names the option as
 * the command line spells it ({@code --lambda}), so that the library and {@code lva study} say the
 * same thing.
 *
 * @param out           the study's folder: a sweep folder per data set, the synthetic images, the report
 * @param datasets      the data sets, each once, in the order given
 * @param penalties     regularizer names (or specs without lambda), each once
 * @param lambdas       the penalty weights, as typed (they name the runs), each a number >= 0
 * @param seeds         the seeds, each once
 * @param epochs        the most passes over the data of each run
 * @param images        Fashion-MNIST images used, the first
 * @param synthImages   synthetic images drawn
 * @param synthSize     their side in pixels
 * @param channels      conv-lvae's encoder channels, one per halving convolution
 * @param latent        latent dimensions of every run
 * @param fashionImages Fashion-MNIST's training images (IDX, gzipped or not)
 * @param fashionLabels their labels (IDX), or null: no downstream accuracy
 * @param quick         the reduced setting ({@link #QUICK}); recorded so the report can say so
 * @param runReports    each run also draws its own figures and report.html
 */
public record StudyOptions(Path out, List<StudyData> datasets, List<String> penalties, List<String> lambdas,
                           List<Long> seeds, int epochs, int images, int synthImages, int synthSize,
                           List<Integer> channels, int latent, Path fashionImages, Path fashionLabels, boolean quick,
                           boolean runReports) {
    /** The LV paper's penalties: volume and its three baselines. */
    public static final List<String> PAPER_PENALTIES = List.of("volume", "l1-std", "lasso", "student-t");
    /** Where Debian's dataset-fashion-mnist installs the training images and labels. */
    public static final Path FASHION_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** The synthetic images' varied parameters: the true dimension is their number, 5. */
    public static final List<String> SYNTH_VARIED = List.of("rotation", "translate_x", "translate_y", "scale", "shear");
    /**
     * The synthetic images' shear range, +- this many degrees: wider than {@code lva synth}'s +-20,
     * so that the shear of the asymmetric ell moves enough pixels to be kept and recovered (see
     * {@link StudySynthData}).
     */
    public static final double SYNTH_SHEAR = 35;
    /** The seed of the synthetic images' draws (the runs' seeds are the study's). */
    public static final long SYNTH_SEED = 0;
    /** Rows per step, lva_conv.py's, or every image when there are fewer. */
    public static final int BATCH = 100;

    /**
     * The quick study's synthetic images: 4,000, four times Fashion-MNIST's 1,000, so that the 20 epochs
     * both share are 800 steps on them. With 1,000 (200 steps) volume kept 6-9 dimensions with no clear
     * gap (a gap ratio of 2.1 at best); with 4,000 it keeps 8 at lambda 1e-3 and 6 at 3e-3, gap ratios
     * 48 and 268, and the code recovers each parameter (nearest-neighbour R^2 0.81 or more).
     */
    public static final int QUICK_SYNTH_IMAGES = 4000;
    /** The settings {@code --quick} fixes, and the full study's; see {@link Preset}. */
    public static final Preset QUICK = new Preset(List.of("3e-4", "1e-3", "3e-3"), List.of(0L), 20, 1000,
            QUICK_SYNTH_IMAGES, 32, List.of(8, 16, 32), 10);
    /**
     * The full study: lva fashion's model (channels 16, 32, 64, latent 32) on 10,000 images for 30
     * epochs, five lambdas around conv-lvae's 0.001 and three seeds: 4 x 5 x 3 = 60 runs a data set.
     */
    public static final Preset FULL = new Preset(List.of("1e-4", "3e-4", "1e-3", "3e-3", "1e-2"), List.of(0L, 1L, 2L),
            30, 10000, 5000, 32, List.of(16, 32, 64), 32);

    /** The options {@code --quick} sets, which may not be given with it. */
    public static final List<String> QUICK_SETS = List.of("--lambda", "--seeds", "--epochs", "--images",
            "--synth-images", "--synth-size", "--channels", "--latent");

    /**
     * The grid and sizes of a setting.
     *
     * @param lambdas     penalty weights
     * @param seeds       seeds
     * @param epochs      most passes over the data
     * @param images      Fashion-MNIST images
     * @param synthImages synthetic images
     * @param synthSize   their side
     * @param channels    conv-lvae's encoder channels
     * @param latent      latent dimensions
     */
    public record Preset(List<String> lambdas, List<Long> seeds, int epochs, int images, int synthImages,
                         int synthSize, List<Integer> channels, int latent) {
        public Preset {
            lambdas = List.copyOf(lambdas);
            seeds = List.copyOf(seeds);
            channels = List.copyOf(channels);
        }
    }

    public StudyOptions {
        if (out == null) {
            throw new LvaException("--out: the study needs a folder");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new LvaException("--out " + out + " is a file, not a folder; choose a folder (it is created if"
                    + " missing)");
        }
        datasets = distinct("--datasets", datasets, StudyData::key);
        penalties = distinct("--penalties", penalties.stream().map(String::strip).toList(), p -> p);
        for (String p : penalties) {
            if (p.isEmpty()) {
                throw new LvaException("--penalties: an empty name in the list; give e.g. "
                        + String.join(",", PAPER_PENALTIES));
            }
            if (p.replaceAll("\\s", "").contains("lambda=")) {
                throw new LvaException("--penalties " + p + ": the study sweeps lambda itself (--lambda); give the"
                        + " penalty without it");
            }
        }
        // the report groups runs by penalty name: two specs of one penalty would be drawn as one
        distinct("--penalties", penalties.stream().map(p -> p.contains(":") ? p.substring(0, p.indexOf(':')).strip()
                : p).toList(), p -> p);
        lambdas = distinct("--lambda", lambdas.stream().map(String::strip).toList(), l -> l);
        for (String l : lambdas) {
            double v;
            try {
                v = Double.parseDouble(l);
            } catch (NumberFormatException e) {
                throw new LvaException("--lambda '" + l + "': a penalty weight is a number >= 0, e.g. 1e-3");
            }
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new LvaException("--lambda '" + l + "': a penalty weight is a finite number >= 0");
            }
        }
        seeds = distinct("--seeds", seeds, s -> Long.toString(s));
        positive("--epochs", epochs, "epoch");
        channels = List.copyOf(channels);
        if (channels.isEmpty() || channels.stream().anyMatch(c -> c < 1)) {
            throw new LvaException("--channels " + join(channels) + ": one or more channel counts >= 1");
        }
        positive("--latent", latent, "dimension");
        if (datasets.contains(StudyData.FASHION)) {
            positive("--images", images, "image");
            if (fashionImages == null || !Files.isRegularFile(fashionImages)) {
                throw new LvaException("--datasets fashion: Fashion-MNIST is not installed (no " + fashionImages
                        + "); install it with: apt-get install dataset-fashion-mnist, or leave it out: --datasets synth");
            }
        }
        if (fashionLabels != null && !Files.isRegularFile(fashionLabels)) {
            throw new LvaException("Fashion-MNIST's labels " + fashionLabels + ": no such file");
        }
        if (datasets.contains(StudyData.SYNTH)) {
            positive("--synth-images", synthImages, "image");
            int halvings = 1 << channels.size();
            if (synthSize < halvings || synthSize % halvings != 0) {
                throw new LvaException("--synth-size " + synthSize + ": conv-lvae halves the images once per channel"
                        + " count (" + channels.size() + " times for --channels " + join(channels) + "), so the side"
                        + " must be a multiple of " + halvings);
            }
        }
    }

    /** Starts the options of a study into {@code out}; see {@link Builder#build()}. */
    public static Builder builder(Path out) {
        return new Builder(out);
    }

    /** The total runs: every data set's penalties x lambdas x seeds. */
    public int runs() {
        return datasets.size() * penalties.size() * lambdas.size() * seeds.size();
    }

    /** Rows per step of the data set's runs: {@link #BATCH}, or all of its images when there are fewer. */
    public int batch(StudyData d) {
        return Math.min(BATCH, d == StudyData.FASHION ? images : synthImages);
    }

    private static <T> List<T> distinct(String option, List<T> values, java.util.function.Function<T, String> name) {
        if (values == null || values.isEmpty()) {
            throw new LvaException(option + ": the list is empty, so the study would have no runs");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (T v : values) {
            if (v == null) {
                throw new LvaException(option + ": an empty item in the list");
            }
            if (!seen.add(name.apply(v))) {
                throw new LvaException(option + " names " + name.apply(v) + " twice; give each value once");
            }
        }
        return List.copyOf(values);
    }

    private static void positive(String option, int value, String unit) {
        if (value < 1) {
            throw new LvaException(option + " " + value + ": at least one " + unit);
        }
    }

    static String join(List<?> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }

    /**
     * Options as given, one setter per option; {@link #build()} fills what was not given from the
     * setting ({@link #QUICK} or {@link #FULL}) and refuses {@code --quick} with an option it sets.
     */
    public static final class Builder {
        private final Path out;
        private final List<String> given = new ArrayList<>();
        private List<StudyData> datasets = List.of(StudyData.FASHION, StudyData.SYNTH);
        private List<String> penalties = PAPER_PENALTIES;
        private List<String> lambdas;
        private List<Long> seeds;
        private Integer epochs;
        private Integer images;
        private Integer synthImages;
        private Integer synthSize;
        private List<Integer> channels;
        private Integer latent;
        private Path fashionImages = FASHION_DIR.resolve("train-images-idx3-ubyte.gz");
        private Path fashionLabels = FASHION_DIR.resolve("train-labels-idx1-ubyte.gz");
        private boolean labelsGiven;
        private boolean quick;
        private boolean runReports;

        private Builder(Path out) {
            this.out = out;
        }

        private void mark(String option) {
            if (!given.contains(option)) {
                given.add(option);
            }
        }

        /** The data sets by name ({@code fashion}, {@code synth}). */
        public Builder datasets(List<String> names) {
            List<StudyData> ds = new ArrayList<>();
            for (String n : names) {
                ds.add(StudyData.parse(n, "--datasets"));
            }
            datasets = ds;
            return this;
        }

        public Builder penalties(List<String> names) {
            penalties = names;
            return this;
        }

        public Builder lambdas(List<String> values) {
            mark("--lambda");
            lambdas = values;
            return this;
        }

        public Builder seeds(List<Long> values) {
            mark("--seeds");
            seeds = values;
            return this;
        }

        public Builder epochs(int n) {
            mark("--epochs");
            epochs = n;
            return this;
        }

        public Builder images(int n) {
            mark("--images");
            images = n;
            return this;
        }

        public Builder synthImages(int n) {
            mark("--synth-images");
            synthImages = n;
            return this;
        }

        public Builder synthSize(int side) {
            mark("--synth-size");
            synthSize = side;
            return this;
        }

        public Builder channels(List<Integer> counts) {
            mark("--channels");
            channels = counts;
            return this;
        }

        public Builder latent(int n) {
            mark("--latent");
            latent = n;
            return this;
        }

        /** Fashion-MNIST's training images, and their labels (null: no downstream accuracy). */
        public Builder fashion(Path imagesFile, Path labelsFile) {
            fashionImages = imagesFile;
            fashionLabels = labelsFile;
            labelsGiven = true;
            return this;
        }

        public Builder quick(boolean q) {
            quick = q;
            return this;
        }

        public Builder runReports(boolean r) {
            runReports = r;
            return this;
        }

        /**
         * The validated options.
         *
         * @throws LvaException for {@code --quick} with an option it sets, or any value a study cannot run
         */
        public StudyOptions build() {
            if (quick) {
                List<String> clash = given.stream().filter(QUICK_SETS::contains).toList();
                if (!clash.isEmpty()) {
                    throw new LvaException("--quick sets " + String.join(", ", QUICK_SETS) + " itself; leave out "
                            + String.join(", ", clash) + ", or leave out --quick to choose " + (clash.size() == 1
                            ? "it" : "them") + " (the full study's settings are the defaults then)");
                }
            }
            Preset p = quick ? QUICK : FULL;
            Path labels = fashionLabels;
            if (!labelsGiven && labels != null && !Files.isRegularFile(labels)) {
                labels = null; // the package's labels where it installs them, none otherwise
            }
            return new StudyOptions(out == null ? null : out.toAbsolutePath().normalize(), datasets, penalties,
                    lambdas != null ? lambdas : p.lambdas(), seeds != null ? seeds : p.seeds(),
                    epochs != null ? epochs : p.epochs(), images != null ? images : p.images(),
                    synthImages != null ? synthImages : p.synthImages(),
                    synthSize != null ? synthSize : p.synthSize(), channels != null ? channels : p.channels(),
                    latent != null ? latent : p.latent(), fashionImages, labels, quick, runReports);
        }
    }

    /** One line of the setting, for the report and the console. */
    public String describe() {
        return String.format(Locale.ROOT, "%s: %s; penalties %s; lambda %s; seeds %s; conv-lvae channels %s, latent"
                        + " %d, at most %d epoch%s, batch %d%s%s", quick ? "quick" : "full",
                String.join(", ", datasets.stream().map(StudyData::key).toList()), join(penalties), join(lambdas),
                join(seeds), join(channels), latent, epochs, epochs == 1 ? "" : "s", BATCH,
                datasets.contains(StudyData.FASHION) ? String.format(Locale.ROOT, "; Fashion-MNIST: the first %,d"
                        + " images%s", images, fashionLabels == null ? " (no labels)" : " with labels") : "",
                datasets.contains(StudyData.SYNTH) ? String.format(Locale.ROOT, "; synthetic: %,d images of %d x %d,"
                        + " varied %s (shear within +-%.0f degrees)", synthImages, synthSize, synthSize,
                        String.join(", ", SYNTH_VARIED), SYNTH_SHEAR) : "");
    }
}
