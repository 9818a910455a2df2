package dev.lva.run.study;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens a report in headless Chromium from disk, offline, and says which of its images decoded. The
 * report has no scripts: the check goes into a copy of the page beside it (so that the figures'
 * relative paths resolve alike), which on load lists each image as {@code ok:SRC} (complete, with a
 * natural width) or {@code broken:SRC} and each script error as {@code error:MESSAGE}, in an element
 * that {@code --dump-dom} prints. The copy also carries an image that does not exist, so that a check
 * which could not tell a broken image from a good one fails instead of passing.
 */
final class ChromiumPage {
    /** Where Debian's chromium package (which .ci/run installs) puts the browser. */
    static final Path BINARY = Path.of("/usr/bin/chromium");
    /** The image the copy adds, which must come back broken. */
    static final String PROBE = "lva-missing-probe.png";
    private static final long TIMEOUT_SECONDS = 120;
    private static final String MARK = "<pre id=\"lva-check\">";
    private static final String CHECK = """
            <script>
            window.__errors = [];
            window.onerror = function (m) { window.__errors.push(String(m)); };
            window.addEventListener('load', function () {
              var lines = [];
              for (var i = 0; i < document.images.length; i++) {
                var img = document.images[i];
                lines.push((img.complete && img.naturalWidth > 0 ? 'ok:' : 'broken:') + img.getAttribute('src'));
              }
              for (var j = 0; j < window.__errors.length; j++) { lines.push('error:' + window.__errors[j]); }
              var out = document.createElement('pre');
              out.id = 'lva-check';
              out.textContent = lines.join('\\n');
              document.body.appendChild(out);
            });
            </script>
            """;

    private ChromiumPage() {
    }

    /** The {@code src} of every {@code <img>} of the page as written, in order. */
    static List<String> images(String html) {
        List<String> srcs = new ArrayList<>();
        Matcher m = Pattern.compile("<img\\b[^>]*\\bsrc=\"([^\"]+)\"").matcher(html);
        while (m.find()) {
            srcs.add(m.group(1));
        }
        return srcs;
    }

    /**
     * The check's lines for {@code page}, its probe's among them.
     *
     * @param work a folder for Chromium's profile and output
     */
    static List<String> check(Path page, Path work) throws IOException, InterruptedException {
        String html = Files.readString(page);
        if (!html.contains("</head>") || !html.contains("</body>")) {
            fail(page + " has no </head> or </body> to put the check into");
        }
        // a name of its own: two checks of one page at once each read their own copy
        Path copy = page.resolveSibling("chromium-check-" + java.util.UUID.randomUUID() + ".html");
        Files.writeString(copy, html.replace("</head>", CHECK + "</head>")
                .replace("</body>", "<img src=\"" + PROBE + "\" alt=\"probe\">\n</body>"));
        Files.createDirectories(work);
        List<String> cmd = List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--disable-extensions", "--mute-audio",
                "--user-data-dir=" + work.resolve("chromium-profile").toAbsolutePath(),
                "--virtual-time-budget=10000", "--dump-dom", copy.toUri().toString());
        Path out = work.resolve("chromium.out");
        Path err = work.resolve("chromium.err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + Files.readString(err));
            }
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Files.deleteIfExists(copy);
        }
        String dom = Files.readString(out);
        int start = dom.indexOf(MARK);
        if (start < 0) {
            fail("the check script did not run (chromium exit " + p.exitValue() + "): " + Files.readString(err));
        }
        String body = dom.substring(start + MARK.length(), dom.indexOf("</pre>", start));
        return List.of(body.split("\n"));
    }
}
