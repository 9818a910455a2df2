package dev.lva.viz.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lva.viz.BarChart;
import dev.lva.viz.GridOptions;
import dev.lva.viz.HeatMap;
import dev.lva.viz.Images;
import dev.lva.viz.LinePlot;
import dev.lva.viz.PairPlot;
import dev.lva.viz.PlotOptions;
import dev.lva.viz.Series;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a written report in headless Chromium from disk, with no network, and checks that the
 * page loads without console errors and that every image decodes. The checking script goes into
 * a copy of the page only; the report itself has no JavaScript.
 */
class ReportInChromiumTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 60;
    private static final String PROBE = "lva-probe-missing.png";

    /** Reports per image "ok:src" or "broken:src", and "error:message" per script error. */
    private static final String CHECK_SCRIPT = """
            <script>
            window.__lvaErrors = [];
            window.onerror = function (message) { window.__lvaErrors.push(String(message)); };
            window.addEventListener('load', function () {
              var lines = [];
              for (var i = 0; i < document.images.length; i++) {
                var img = document.images[i];
                var ok = img.complete && img.naturalWidth > 0;
                lines.push((ok ? 'ok:' : 'broken:') + img.getAttribute('src'));
              }
              for (var j = 0; j < window.__lvaErrors.length; j++) { lines.push('error:' + window.__lvaErrors[j]); }
              var out = document.createElement('pre');
              out.id = 'lva-check';
              out.textContent = lines.join('\\n');
              document.body.appendChild(out);
            });
            </script>
            """;

    @TempDir
    static Path work;

    private static Path report;

    @BeforeAll
    static void writeReport() {
        assumeTrue(Files.isExecutable(CHROMIUM), "chromium not installed: apt-get install chromium");
        double[][] z = new double[80][3];
        Random r = new Random(3);
        for (double[] row : z) {
            row[0] = r.nextGaussian();
            row[1] = 0.5 * row[0] + r.nextGaussian();
            row[2] = r.nextDouble();
        }
        report = new RunReport("Chromium check <&>")
                .option("latent dim", 3)
                .seed(7)
                .finalLoss("reconstruction", 0.012)
                .latentStds(new double[] {0.3, 1.2, 0.001})
                .intrinsicDimension(2)
                .timing("training", Duration.ofSeconds(12))
                .figure("Loss", LinePlot.of(PlotOptions.titled("loss").withSize(500, 300),
                        List.of(Series.of("train", new double[] {1, 0.4, 0.2, 0.1}))))
                .figure("Latent stds", BarChart.latentStds(PlotOptions.titled("stds").withSize(500, 300),
                        new double[] {0.3, 1.2, 0.001}))
                .figure("Covariance", HeatMap.covariance(PlotOptions.titled("cov").withSize(400, 360),
                        new double[][] {{1, 0.2, 0}, {0.2, 0.5, -0.1}, {0, -0.1, 0.01}}, null))
                .figure("Pairs", PairPlot.of(GridOptions.titled("pairs").withPanelSize(150, 150), z, null))
                .write(work.resolve("run"));
    }

    @Test
    void everyImageDecodesAndNoScriptErrorFires() throws Exception {
        String html = Files.readString(report);
        String probed = html.replace("</head>", CHECK_SCRIPT + "</head>")
                .replace("</body>", "<img src=\"" + PROBE + "\" alt=\"probe\">\n</body>");
        Path copy = report.resolveSibling("check.html");
        Files.writeString(copy, probed);

        Run run = chromium(work.resolve("profile-dom"), "--virtual-time-budget=10000", "--dump-dom", copy.toUri().toString());

        assertEquals(0, run.exitCode, "chromium failed:\n" + run.stderr);
        String dom = run.stdout;
        int start = dom.indexOf("<pre id=\"lva-check\">");
        assertTrue(start >= 0, "the check script did not run; DOM was:\n" + dom);
        String result = dom.substring(start + "<pre id=\"lva-check\">".length(), dom.indexOf("</pre>", start));
        List<String> lines = List.of(result.split("\n"));

        for (String figure : new RunReportFiles(html).images()) {
            assertTrue(lines.contains("ok:" + figure), figure + " did not decode in Chromium: " + lines);
        }
        // The deliberately missing image proves the check can tell a broken image from a good one.
        assertTrue(lines.contains("broken:" + PROBE), "probe not reported broken: " + lines);
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("error:")), "script errors: " + lines);
    }

    @Test
    void pageLoadsWithoutConsoleMessagesAndRendersAScreenshot() throws Exception {
        Path shot = Path.of(System.getProperty("basedir", "."), "target", "report-screenshot.png");
        Files.createDirectories(shot.getParent());
        Files.deleteIfExists(shot);

        Run run = chromium(work.resolve("profile-shot"), "--enable-logging=stderr", "--v=0", "--hide-scrollbars",
                "--window-size=1200,2000", "--screenshot=" + shot.toAbsolutePath(), report.toUri().toString());

        assertEquals(0, run.exitCode, "chromium failed:\n" + run.stderr);
        List<String> console = run.stderr.lines().filter(l -> l.contains("CONSOLE")).toList();
        assertTrue(console.isEmpty(), "console messages while loading the report: " + console);
        BufferedImage img = Images.decode(shot);
        assertEquals(1200, img.getWidth());
        assertEquals(2000, img.getHeight());
        assertTrue(Images.greyStdDev(img) > 15, "screenshot looks blank");
    }

    private record Run(int exitCode, String stdout, String stderr) {}

    private static Run chromium(Path profile, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--disable-extensions", "--no-default-browser-check",
                "--mute-audio", "--user-data-dir=" + profile.toAbsolutePath()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(work, "chromium", ".out");
        Path err = Files.createTempFile(work, "chromium", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            fail("chromium did not finish within " + TIMEOUT_SECONDS + " s; stderr:\n" + Files.readString(err));
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The image sources the report page itself references. */
    private record RunReportFiles(String html) {
        List<String> images() {
            List<String> srcs = new ArrayList<>();
            Matcher m = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
            while (m.find()) {
                srcs.add(m.group(1));
            }
            assertEquals(4, srcs.size(), "figures in the report");
            return srcs;
        }
    }
}
