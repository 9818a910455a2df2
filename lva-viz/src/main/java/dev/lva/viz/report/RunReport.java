package dev.lva.viz.report;

import dev.lva.api.io.AtomicFiles;
import dev.lva.api.LvaException;
import dev.lva.viz.Figure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's summary as a single {@code report.html}: tables of key/value sections and the
 * figures, written as PNG files next to the page. The page is self-contained (inline CSS, no
 * scripts, no fonts or links to fetch), so it opens from disk in any browser, offline, and can be
 * zipped with its folder.
 *
 * <p>The named setters fill the usual sections, which appear in this order when used: Result
 * (what the run concluded and by which rule: intrinsic dimension, the second count, the gap,
 * the convergence verdict), Options, Run (seed, checkpoints), Final losses, Latent standard
 * deviations, Timing. Sections added with {@link #entry} follow in the order first used. Within a
 * section entries keep their insertion order; setting a key again replaces its value in place.
 *
 * <p>A figure never costs the report: one that cannot be made or drawn (bad values, a drawing
 * library's refusal, a full disk) is logged as a warning naming it, and the page shows in its
 * place that it is missing and why; {@link #missingFigures()} lists them after {@link #write}.
 * Pass a figure as a {@link Supplier} to have its construction guarded too.
 *
 * <pre>{@code
 * new RunReport("LVA on swiss roll")
 *         .intrinsicDimension(2, "dimensions whose explained reconstruction is at least 0.01")
 *         .option("--latent", 8).option("--lambda", 1e-3)
 *         .seed(42)
 *         .finalLoss("reconstruction", 0.0123)
 *         .latentStds(stds)
 *         .timing("training", Duration.ofSeconds(95))
 *         .figure("Loss curves", () -> LinePlot.of(...))
 *         .write(outDir);          // outDir/report.html, outDir/fig-01-loss-curves.png
 * }</pre>
 *
 * <p>Not thread-safe; fill it from one thread.
 */
public final class RunReport {
    private static final Logger LOG = LoggerFactory.getLogger(RunReport.class);

    public static final String FILE_NAME = "report.html";

    static final String RESULT = "Result";
    static final String OPTIONS = "Options";
    static final String RUN = "Run";
    static final String FINAL_LOSSES = "Final losses";
    static final String LATENT_STDS = "Latent standard deviations";
    static final String TIMING = "Timing";
    private static final List<String> STANDARD = List.of(RESULT, OPTIONS, RUN, FINAL_LOSSES, LATENT_STDS, TIMING);

    /** Longest reason shown for a missing figure; an exception message can be a whole data row. */
    static final int MAX_REASON = 300;

    private final String title;
    private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    private final List<Supplier<Figure>> figures = new ArrayList<>();
    private final List<String> captions = new ArrayList<>();
    /** Caption to reason, for figures given as missing or found so by the last {@link #write}. */
    private final Map<String, String> missing = new LinkedHashMap<>();

    /** @param title the page heading, e.g. the experiment name; not blank */
    public RunReport(String title) {
        if (title == null || title.isBlank()) {
            throw new LvaException("run report: title is missing");
        }
        this.title = title;
    }

    /** One run option (hyper-parameter, data set, ...); {@code value} is shown via toString. */
    public RunReport option(String key, Object value) {
        return entry(OPTIONS, key, value);
    }

    /** Several options in the map's iteration order; pass a LinkedHashMap to keep yours. */
    public RunReport options(Map<String, ?> options) {
        if (options == null) {
            throw new LvaException("run report '" + title + "': options map is missing");
        }
        options.forEach(this::option);
        return this;
    }

    public RunReport seed(long seed) {
        return entry(RUN, "seed", seed);
    }

    /** @param dimension number of latent dimensions judged alive, at least 0 */
    public RunReport intrinsicDimension(int dimension) {
        if (dimension < 0) {
            throw new LvaException("run report '" + title + "': intrinsic dimension " + dimension + " is negative");
        }
        return entry(RESULT, "intrinsic dimension", dimension);
    }

    /**
     * The intrinsic dimension with the rule that counted it, so that a reader knows what the
     * number means: {@code 2 (dimensions whose explained reconstruction is at least 0.01)}.
     */
    public RunReport intrinsicDimension(int dimension, String rule) {
        intrinsicDimension(dimension);
        return rule == null || rule.isBlank() ? this : entry(RESULT, "intrinsic dimension", dimension + " (" + rule + ")");
    }

    /**
     * Another count of the same latent space by another rule, named by the rule:
     * {@code dimensionCount("stds above 1% of the largest", 2)}.
     */
    public RunReport dimensionCount(String rule, int count) {
        if (count < 0) {
            throw new LvaException("run report '" + title + "': count '" + rule + "' of " + count + " is negative");
        }
        return entry(RESULT, rule, count);
    }

    /**
     * How far apart the kept and the collapsed dimensions are: the last kept std over the first
     * collapsed one. NaN or infinity (nothing collapsed, or a std of 0) is shown as such.
     *
     * @param between what the ratio divides, e.g. {@code std z1 / std z2 (last kept over first collapsed)}
     */
    public RunReport gapRatio(double ratio, String between) {
        String text = Values.number(ratio);
        return entry(RESULT, "gap ratio", between == null || between.isBlank() ? text : text + " (" + between + ")");
    }

    /** Whether training converged, with the evidence: {@code not converged: the loss fell 3% over the last 10% of epochs}. */
    public RunReport convergence(String verdict) {
        return entry(RESULT, "convergence", verdict);
    }

    /** A loss at the end of training; NaN and infinities are shown as such (a diverged run). */
    public RunReport finalLoss(String name, double value) {
        return entry(FINAL_LOSSES, name, Values.number(value));
    }

    /**
     * Latent standard deviations, listed from largest to smallest as {@code z<index>}; replaces
     * any earlier list. NaN values are listed last.
     */
    public RunReport latentStds(double[] stds) {
        if (stds == null) {
            throw new LvaException("run report '" + title + "': latent stds are missing");
        }
        Integer[] order = new Integer[stds.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> Double.isNaN(stds[i]) ? Double.NEGATIVE_INFINITY : stds[i])
                .reversed()
                .thenComparingInt(i -> i));
        Map<String, String> section = new LinkedHashMap<>();
        for (int i : order) {
            section.put("z" + i, Values.number(stds[i]));
        }
        sections.put(LATENT_STDS, section);
        return this;
    }

    public RunReport timing(String phase, Duration duration) {
        if (duration == null) {
            throw new LvaException("run report '" + title + "': duration of '" + phase + "' is missing");
        }
        return entry(TIMING, phase, Values.duration(duration));
    }

    /**
     * A key/value pair in any section, created on first use. Doubles are written with six
     * significant digits; other values via toString.
     */
    public RunReport entry(String section, String key, Object value) {
        if (section == null || section.isBlank()) {
            throw new LvaException("run report '" + title + "': section name is missing");
        }
        if (key == null || key.isBlank()) {
            throw new LvaException("run report '" + title + "': a key in section '" + section + "' is missing");
        }
        String text;
        if (value instanceof Double d) {
            text = Values.number(d);
        } else if (value instanceof Float f) {
            text = Values.number(f);
        } else {
            text = String.valueOf(value);
        }
        sections.computeIfAbsent(section, s -> new LinkedHashMap<>()).put(key, text);
        return this;
    }

    /** A figure shown under its caption, in the order added; written as PNG by {@link #write}. */
    public RunReport figure(String caption, Figure figure) {
        if (figure == null) {
            throw new LvaException("run report '" + title + "': figure '" + caption + "' is missing");
        }
        return figure(caption, () -> figure);
    }

    /**
     * A figure made when the report is written: if making or drawing it fails, the report says
     * the figure is missing and why, instead of failing.
     */
    public RunReport figure(String caption, Supplier<Figure> figure) {
        if (caption == null || caption.isBlank()) {
            throw new LvaException("run report '" + title + "': figure caption is missing");
        }
        if (figure == null) {
            throw new LvaException("run report '" + title + "': figure '" + caption + "' is missing");
        }
        captions.add(caption);
        figures.add(figure);
        return this;
    }

    /** A figure the caller could not make, shown as missing with {@code reason} in its place. */
    public RunReport missingFigure(String caption, String reason) {
        return figure(caption, () -> {
            throw new LvaException(reason == null || reason.isBlank() ? "no reason given" : reason);
        });
    }

    /**
     * The figures the last {@link #write} could not make or draw, caption to reason, in report
     * order; empty before the first write.
     */
    public Map<String, String> missingFigures() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(missing));
    }

    /**
     * Writes the figures and then {@value #FILE_NAME} into {@code outputDir}, creating it if
     * needed. Every file is written under a temporary name and moved into place, so a browser or
     * a concurrent reader never sees a half-written page; the page comes last, so when it exists
     * its images do too. Writing again replaces the files. A figure that cannot be made, drawn or
     * written is logged as a warning, shown as missing on the page (an older file of the same
     * name is removed), and listed by {@link #missingFigures()}; the page is written all the same.
     *
     * @return the path of the report page
     * @throws LvaException when the folder or the page itself cannot be written (the message names it)
     */
    public Path write(Path outputDir) {
        if (outputDir == null) {
            throw new LvaException("run report '" + title + "': output folder is missing");
        }
        try {
            Files.createDirectories(outputDir);
        } catch (IOException e) {
            throw new LvaException("run report '" + title + "': cannot create folder " + outputDir + ": " + e, e);
        }
        List<String> files = figureFileNames();
        List<Figure> drawn = new ArrayList<>(figures.size());
        missing.clear();
        for (int i = 0; i < figures.size(); i++) {
            drawn.add(draw(i, outputDir.resolve(files.get(i))));
        }
        Path page = outputDir.resolve(FILE_NAME);
        byte[] html = render(files, drawn).getBytes(StandardCharsets.UTF_8);
        try {
            AtomicFiles.write(page, html);
        } catch (IOException e) {
            throw new LvaException("run report '" + title + "': cannot write " + page + ": " + e, e);
        }
        LOG.info("wrote run report '{}' to {} with {} of {} figures", title, page, figures.size() - missing.size(),
                figures.size());
        return page;
    }

    /** Makes and saves figure {@code i}; on failure records why and returns null. */
    private Figure draw(int i, Path file) {
        String caption = captions.get(i);
        try {
            Figure f = figures.get(i).get();
            if (f == null) {
                throw new LvaException("no figure was made");
            }
            f.save(file);
            return f;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // A figure is a view of results that are already saved; whatever went wrong drawing it
            // (a library's refusal, a recursion or an image too large for the heap, a full disk)
            // must not cost the page, and the heap an abandoned image held is free again here.
            String reason = reason(e);
            missing.put(caption, reason);
            LOG.warn("figure '{}' is missing from the run report: {}", caption, reason);
            try {
                Files.deleteIfExists(file);
            } catch (IOException | RuntimeException ignored) {
                // an older picture under this name stays; the page no longer shows it
            }
            return null;
        }
    }

    static String reason(Throwable e) {
        String text = e instanceof LvaException && e.getMessage() != null ? e.getMessage() : e.toString();
        text = text.strip().replaceAll("\\s+", " ");
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 3) + "...";
    }

    /** {@code fig-01-loss-curves.png}: numbered, so equal captions cannot collide. */
    List<String> figureFileNames() {
        List<String> names = new ArrayList<>(figures.size());
        for (int i = 0; i < captions.size(); i++) {
            String slug = captions.get(i).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
            if (slug.length() > 40) {
                slug = slug.substring(0, 40).replaceAll("-+$", "");
            }
            String name = String.format(Locale.ROOT, "fig-%02d%s.png", i + 1, slug.isEmpty() ? "" : "-" + slug);
            names.add(name);
        }
        return names;
    }

    /** The page as if every figure were drawn; for tests of the layout. */
    String render(List<String> files) {
        List<Figure> none = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            none.add(null);
        }
        return render(files, none);
    }

    String render(List<String> files, List<Figure> drawn) {
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"lva-viz\">\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
                .append("<header><h1>").append(Html.escape(title)).append("</h1></header>\n<main>\n");
        List<String> order = new ArrayList<>();
        for (String s : STANDARD) {
            if (sections.containsKey(s)) {
                order.add(s);
            }
        }
        for (String s : sections.keySet()) {
            if (!STANDARD.contains(s)) {
                order.add(s);
            }
        }
        for (String name : order) {
            Map<String, String> entries = sections.get(name);
            h.append(name.equals(RESULT) ? "<section class=\"table result\">\n<h2>" : "<section class=\"table\">\n<h2>").append(Html.escape(name)).append("</h2>\n<table>\n<tbody>\n");
            for (Map.Entry<String, String> e : entries.entrySet()) {
                h.append("<tr><th scope=\"row\">").append(Html.escape(e.getKey())).append("</th><td>")
                        .append(Html.escape(e.getValue())).append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n</section>\n");
        }
        if (!figures.isEmpty()) {
            h.append("<section class=\"figures\">\n<h2>Figures</h2>\n");
            if (!missing.isEmpty()) {
                h.append("<p class=\"warning\">").append(missing.size()).append(missing.size() == 1 ? " figure" : " figures")
                        .append(" could not be drawn; the results above do not depend on ")
                        .append(missing.size() == 1 ? "it" : "them").append(".</p>\n");
            }
            for (int i = 0; i < captions.size(); i++) {
                String caption = Html.escape(captions.get(i));
                String why = missing.get(captions.get(i));
                Figure f = i < drawn.size() ? drawn.get(i) : null;
                if (why != null) {
                    h.append("<figure class=\"missing\">\n<div class=\"missing\"><strong>Figure missing.</strong> ")
                            .append(Html.escape(why)).append("</div>\n<figcaption>").append(caption)
                            .append("</figcaption>\n</figure>\n");
                    continue;
                }
                h.append("<figure>\n<img src=\"").append(Html.escape(files.get(i))).append('"');
                if (f != null) {
                    h.append(" width=\"").append(f.width()).append("\" height=\"").append(f.height()).append('"');
                }
                h.append(" alt=\"").append(caption).append("\">\n<figcaption>").append(caption)
                        .append("</figcaption>\n</figure>\n");
            }
            h.append("</section>\n");
        }
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    /** System fonts only: a web font would be a file or a network request. */
    private static final String CSS = """
            :root { color-scheme: light; }
            body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif;
                   color: #222; background: #fafafa; }
            header { background: #1f3a5f; color: #fff; padding: 18px 32px; }
            h1 { margin: 0; font-size: 24px; font-weight: 600; }
            main { padding: 8px 32px 40px; max-width: 1400px; }
            h2 { font-size: 17px; margin: 26px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
            section.table { display: inline-block; vertical-align: top; margin-right: 40px; min-width: 260px; }
            table { border-collapse: collapse; }
            th, td { text-align: left; padding: 3px 14px 3px 0; border-bottom: 1px solid #eee; vertical-align: top; }
            th { font-weight: 500; color: #555; }
            td { font-variant-numeric: tabular-nums; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
            section.figures { display: block; }
            figure { margin: 18px 0 26px; }
            figure img { display: block; max-width: 100%; height: auto; background: #fff;
                         border: 1px solid #e2e2e2; }
            figcaption { color: #555; margin-top: 6px; }
            div.missing { border: 1px dashed #c0392b; background: #fff5f3; color: #7a1f12; padding: 14px 18px;
                          max-width: 760px; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; }
            p.warning { color: #7a1f12; }
            section.result th, section.result td { color: #111; font-weight: 600; }
            """;
}
