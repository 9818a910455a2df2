package dev.lva.viz.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import dev.lva.viz.BarChart;
import dev.lva.viz.ChartException;
import dev.lva.viz.Images;
import dev.lva.viz.LinePlot;
import dev.lva.viz.PlotOptions;
import dev.lva.viz.Series;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {

    static RunReport sample() {
        return new RunReport("LVA <run> & \"friends\"")
                .timing("training", Duration.ofMillis(95_400))
                .option("zeta", "last letter")
                .option("alpha", 0.001)
                .option("data", "<swiss roll>")
                .seed(42)
                .finalLoss("reconstruction", 0.0123)
                .finalLoss("volume", Double.NaN)
                .latentStds(new double[] {0.5, 3.0, 1.0})
                .intrinsicDimension(2)
                .entry("Notes", "comment", "a 'quoted' <b>remark</b>")
                .figure("Loss curves", LinePlot.of(PlotOptions.titled("loss").withSize(300, 200),
                        List.of(Series.of("train", new double[] {1, 0.5, 0.2}))))
                .figure("Latent stds", BarChart.latentStds(PlotOptions.titled("stds").withSize(300, 200),
                        new double[] {0.5, 3.0, 1.0}));
    }

    @Test
    void writesPageAndFiguresNextToEachOther(@TempDir Path dir) throws Exception {
        Path page = sample().write(dir.resolve("run"));

        assertEquals(dir.resolve("run").resolve("report.html"), page);
        String html = Files.readString(page);
        Matcher img = Pattern.compile("<img src=\"([^\"]+)\" width=\"(\\d+)\" height=\"(\\d+)\"").matcher(html);
        int images = 0;
        while (img.find()) {
            images++;
            String src = img.group(1);
            assertFalse(src.contains("/") || src.contains(":"), "image path must be relative and local: " + src);
            var decoded = Images.decode(page.getParent().resolve(src));
            assertEquals(Integer.parseInt(img.group(2)), decoded.getWidth());
            assertEquals(Integer.parseInt(img.group(3)), decoded.getHeight());
        }
        assertEquals(2, images);
        assertTrue(html.contains("src=\"fig-01-loss-curves.png\""), html);
        assertTrue(html.contains("src=\"fig-02-latent-stds.png\""), html);
    }

    @Test
    void escapesEveryCallerSuppliedText() {
        String html = sample().render(List.of("a.png", "b.png"));

        assertTrue(html.contains("<title>LVA &lt;run&gt; &amp; &quot;friends&quot;</title>"), html);
        assertTrue(html.contains("<td>&lt;swiss roll&gt;</td>"), html);
        assertTrue(html.contains("a &#39;quoted&#39; &lt;b&gt;remark&lt;/b&gt;"), html);
        assertFalse(html.contains("<b>"), "caller markup must not survive");
        assertFalse(html.contains("<run>"));
    }

    @Test
    void needsNothingFromOutsideTheFolder() {
        String html = sample().render(List.of("a.png", "b.png")).toLowerCase();

        for (String forbidden : List.of("http:", "https:", "//", "<script", "<link", "@import", "url(", "<iframe")) {
            assertFalse(html.contains(forbidden), "report contains " + forbidden);
        }
        assertTrue(html.startsWith("<!doctype html>"));
        assertTrue(html.contains("<meta charset=\"utf-8\">"));
    }

    @Test
    void keepsSectionAndEntryOrder() {
        String html = sample().render(List.of("a.png", "b.png"));

        assertInOrder(html, "<h2>Options</h2>", "<h2>Run</h2>", "<h2>Final losses</h2>",
                "<h2>Latent standard deviations</h2>", "<h2>Timing</h2>", "<h2>Notes</h2>", "<h2>Figures</h2>");
        assertInOrder(html, ">zeta<", ">alpha<", ">data<");
        assertInOrder(html, "<th scope=\"row\">z1</th><td>3</td>", "<th scope=\"row\">z2</th><td>1</td>",
                "<th scope=\"row\">z0</th><td>0.5</td>");
        assertTrue(html.contains("<th scope=\"row\">seed</th><td>42</td>"));
        assertTrue(html.contains("<th scope=\"row\">intrinsic dimension</th><td>2</td>"));
        assertTrue(html.contains("<th scope=\"row\">reconstruction</th><td>0.0123</td>"));
        assertTrue(html.contains("<th scope=\"row\">volume</th><td>NaN</td>"));
        assertTrue(html.contains("<th scope=\"row\">alpha</th><td>0.001</td>"));
        assertTrue(html.contains("<th scope=\"row\">training</th><td>1 min 35.4 s</td>"));
    }

    @Test
    void settingAKeyAgainReplacesItInPlace() {
        String html = new RunReport("r").option("a", 1).option("b", 2).option("a", 3).render(List.of());
        assertInOrder(html, "<th scope=\"row\">a</th><td>3</td>", "<th scope=\"row\">b</th><td>2</td>");
        assertFalse(html.contains("<td>1</td>"));
    }

    @Test
    void rewritingReplacesFilesAndLeavesNoTemporaries(@TempDir Path dir) throws Exception {
        sample().write(dir);
        Path page = new RunReport("second").option("k", "v").write(dir);

        assertTrue(Files.readString(page).contains("<h1>second</h1>"));
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void formatsNumbersAndDurationsCompactly() {
        assertEquals("0.0123", Values.number(0.0123));
        assertEquals("1.23457", Values.number(1.234567891));
        assertEquals("1e-09", Values.number(1e-9));
        assertEquals("-2.5e+08", Values.number(-2.5e8));
        assertEquals("0", Values.number(0));
        assertEquals("850 ms", Values.duration(Duration.ofMillis(850)));
        assertEquals("12.3 s", Values.duration(Duration.ofMillis(12_300)));
        assertEquals("2 h 03 min 07 s", Values.duration(Duration.ofSeconds(2 * 3600 + 3 * 60 + 7)));
    }

    @Test
    void rejectsMissingTitleAndNegativeDimension() {
        assertEquals("run report: title is missing",
                assertThrows(LvaException.class, () -> new RunReport("")).getMessage());
        assertEquals("run report 'r': intrinsic dimension -1 is negative",
                assertThrows(LvaException.class, () -> new RunReport("r").intrinsicDimension(-1)).getMessage());
    }

    @Test
    void aFigureThatCannotBeMadeOrDrawnIsShownMissingAndThePageIsStillWritten(@TempDir Path dir) throws Exception {
        Path stale = dir.resolve("fig-02-latent-pair-plot.png");
        Files.writeString(stale, "a picture of an earlier run");
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(RunReport.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        RunReport report = new RunReport("r")
                .figure("Loss", () -> LinePlot.of(PlotOptions.titled("loss").withSize(300, 200),
                        List.of(Series.of("train", new double[] {1, 0.5}))))
                .figure("Latent pair plot", () -> {
                    throw new ChartException("pair plot 'Latent pair plot': drawing failed: X-Data must be in"
                            + " ascending order for Area Charts!!!");
                })
                .figure("Bad state", () -> {
                    throw new IllegalStateException("x".repeat(5000));
                })
                .figure("Deep", () -> {
                    throw new StackOverflowError();
                })
                .missingFigure("Covariance", "the latent space has 3000 dimensions")
                .figure("Stds", () -> BarChart.latentStds(PlotOptions.titled("stds").withSize(300, 200),
                        new double[] {1, 0.1}));
        Path page;
        try {
            page = report.write(dir);
        } finally {
            logger.detachAppender(logged);
        }

        String html = Files.readString(page);
        assertTrue(html.contains("src=\"fig-01-loss.png\""), html);
        assertTrue(html.contains("src=\"fig-06-stds.png\""), html);
        assertTrue(Files.exists(dir.resolve("fig-06-stds.png")), "figures after a failed one are drawn");
        assertFalse(Files.exists(stale), "an earlier run's picture under the missing figure's name is removed");
        assertFalse(html.contains("fig-02-latent-pair-plot.png"), html);
        assertTrue(html.contains("<strong>Figure missing.</strong> pair plot &#39;Latent pair plot&#39;: drawing"
                + " failed: X-Data must be in ascending order for Area Charts!!!"), html);
        assertTrue(html.contains("4 figures could not be drawn"), html);
        assertEquals(List.of("Latent pair plot", "Bad state", "Deep", "Covariance"),
                List.copyOf(report.missingFigures().keySet()));
        assertEquals("the latent space has 3000 dimensions", report.missingFigures().get("Covariance"));
        assertTrue(report.missingFigures().get("Bad state").length() <= RunReport.MAX_REASON,
                "a reason is cut to a sane length");
        assertTrue(report.missingFigures().get("Deep").contains("StackOverflowError"));
        List<String> warnings = logged.list.stream()
                .filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList();
        assertEquals(4, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("figure 'Latent pair plot' is missing from the run report: pair plot"),
                warnings.get(0));
    }

    @Test
    void theResultComesFirstWithTheRulesThatGaveIt() {
        String html = new RunReport("r").option("--latent", 3).seed(1)
                .intrinsicDimension(2, "dimensions whose explained reconstruction is at least 0.01")
                .dimensionCount("stds above 1% of the largest", 2)
                .gapRatio(540.2, "std z1 / std z2: last kept over first collapsed")
                .convergence("not tested: trained the full 2000 epochs")
                .render(List.of());

        assertInOrder(html, "<section class=\"table result\">\n<h2>Result</h2>", "<h2>Options</h2>", "<h2>Run</h2>");
        assertInOrder(html, "<th scope=\"row\">intrinsic dimension</th><td>2 (dimensions whose explained"
                        + " reconstruction is at least 0.01)</td>",
                "<th scope=\"row\">stds above 1% of the largest</th><td>2</td>",
                "<th scope=\"row\">gap ratio</th><td>540.2 (std z1 / std z2: last kept over first collapsed)</td>",
                "<th scope=\"row\">convergence</th><td>not tested: trained the full 2000 epochs</td>");
    }

    private static void assertInOrder(String text, String... parts) {
        int at = -1;
        for (String p : parts) {
            int next = text.indexOf(p);
            assertTrue(next >= 0, "missing: " + p);
            assertTrue(next > at, p + " is out of order");
            at = next;
        }
    }
}
