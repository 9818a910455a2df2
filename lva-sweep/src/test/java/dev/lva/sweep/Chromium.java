package dev.lva.sweep;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Opens a page in headless Chromium from disk, offline, with a script in a copy of the page that
 * lists each image as decoded or broken and each script error (the report itself has no scripts).
 */
final class Chromium {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 90;
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

    private Chromium() {
    }

    /** The check's lines for {@code page}: {@code ok:SRC}, {@code broken:SRC}, {@code error:MESSAGE}. */
    static List<String> check(Path page, Path work) throws Exception {
        String html = Files.readString(page);
        Path copy = page.resolveSibling("chromium-check.html");
        Files.writeString(copy, html.replace("</head>", CHECK + "</head>")
                .replace("</body>", "<img src=\"missing-probe.png\" alt=\"probe\">\n</body>"));
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--disable-extensions", "--mute-audio",
                "--user-data-dir=" + work.resolve("chromium-profile"), "--virtual-time-budget=10000", "--dump-dom",
                copy.toUri().toString()));
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
        }
        String dom = Files.readString(out);
        int start = dom.indexOf("<pre id=\"lva-check\">");
        if (start < 0) {
            fail("the check script did not run (exit " + p.exitValue() + "): " + Files.readString(err));
        }
        String body = dom.substring(start + "<pre id=\"lva-check\">".length(), dom.indexOf("</pre>", start));
        return List.of(body.split("\n"));
    }
}
