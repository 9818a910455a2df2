package dev.lva.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar, run as a process: what a new user does first. */
class LvaCommandIT {
    @TempDir
    Path work;

    private static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    private static void assertFigures(Path dir, int atLeast) throws IOException {
        List<Path> pngs;
        try (Stream<Path> files = Files.list(dir)) {
            pngs = files.filter(p -> p.toString().endsWith(".png")).toList();
        }
        assertTrue(pngs.size() >= atLeast, "figures in " + dir + ": " + pngs);
        for (Path png : pngs) {
            BufferedImage img = ImageIO.read(png.toFile());
            assertTrue(img != null && img.getWidth() > 100, png + " is not a readable figure");
        }
    }

    @Test
    void demoTrainsOnTheBuiltInCurveAndWritesEverything() throws Exception {
        LvaProcess.Result r = LvaProcess.run(work, List.of(), "demo", "--steps", "3000", "--out", "demo");
        assertEquals(0, r.exit(), r::toString);
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("intrinsic dimension: [1-3] of 3 latent dimensions \\(rule: explained"
                + " reconstruction >= 1%\\)"), r::toString);
        assertTrue(lines.get(1).matches("second count: [1-3] \\(rule: std above 1% of the largest\\)"), r::toString);
        assertTrue(lines.get(2).startsWith("gap ratio: "), r::toString);
        assertTrue(lines.get(3).startsWith("latent stds (descending): "), r::toString);
        assertTrue(lines.get(4).startsWith("reconstruction MSE: "), r::toString);
        assertTrue(lines.get(5).startsWith("convergence: "), r::toString);
        Path out = work.resolve("demo");
        for (String f : List.of("report.html", "latent.csv", "config.yaml", "summary.json", "model.zip")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f + " missing: " + r);
        }
        assertFigures(out, 6);
        assertEquals(101, Files.readAllLines(out.resolve("latent.csv")).size(), "header and 100 codes");
        JsonNode summary = json(out.resolve("summary.json"));
        double rec = summary.get("reconstruction_mse").asDouble();
        assertTrue(rec < 0.02, "reconstruction after 3000 steps: " + rec);
        assertEquals(3000, summary.get("steps").asInt());
        double mse = Double.parseDouble(lines.get(4).substring("reconstruction MSE: ".length()));
        assertEquals(rec, mse, 1e-3 * rec + 1e-9, "the printed summary is the saved one");
        assertTrue(r.err().contains("training: done, 3000/3000 steps in "), "progress on stderr: " + r.err());
        assertFalse(r.err().contains("\r"), "into a file, progress is plain lines");
        assertEquals(summary.get("intrinsic_dimension").asInt(), Integer.parseInt(lines.get(0).split(" ")[2]));
        assertEquals("explained reconstruction >= 1%", summary.get("intrinsic_dimension_rule").asText());
        assertTrue(summary.get("convergence").asText().startsWith(lines.get(5).substring("convergence: ".length())),
                summary.toString());

        // its config.yaml is an lva fit of the same run: the built-in data is named so that fit finds it
        LvaProcess.Result again = LvaProcess.run(work, List.of(), "fit", "--config", "demo/config.yaml", "--out",
                "again");
        assertEquals(0, again.exit(), again::toString);
        assertEquals(r.out().replace("demo/report.html", ""), again.out().replace("again/report.html", ""),
                "the same numbers");

        // the saved model encodes the same data to the codes the run wrote
        LvaProcess.Result enc = LvaProcess.run(work, List.of(), "encode", "--model", "demo/model.zip", "--data",
                LvaProcess.data("ae3d.csv").toString(), "--out", "codes.csv");
        assertEquals(0, enc.exit(), enc::toString);
        List<String> codes = Files.readAllLines(work.resolve("codes.csv"));
        List<String> latent = Files.readAllLines(out.resolve("latent.csv"));
        assertEquals(latent.size(), codes.size());
        for (int i = 1; i < codes.size(); i++) {
            double[] a = java.util.Arrays.stream(codes.get(i).split(",")).mapToDouble(Double::parseDouble).toArray();
            double[] b = java.util.Arrays.stream(latent.get(i).split(",")).mapToDouble(Double::parseDouble).toArray();
            for (int j = 0; j < a.length; j++) {
                assertEquals(b[j], a[j], 1e-5 * (1 + Math.abs(b[j])), "code " + i + "," + j);
            }
        }
    }

    @Test
    void resumingFromTheSavedModelEndsWhereAStraightRunEnds() throws Exception {
        String csv = LvaProcess.data("ae3d.csv").toString();
        String[] common = {"--data", csv, "--hidden", "16,16", "--batch", "32", "--seed", "4", "--pruning", "plummet",
                "--prune-from", "20"};
        LvaProcess.Result straight = LvaProcess.run(work, List.of(), concat("fit", common, "--epochs", "60", "--out",
                "straight"));
        assertEquals(0, straight.exit(), straight::toString);
        LvaProcess.Result first = LvaProcess.run(work, List.of(), concat("fit", common, "--epochs", "30", "--out",
                "first"));
        assertEquals(0, first.exit(), first::toString);
        LvaProcess.Result resumed = LvaProcess.run(work, List.of(), "resume", "--checkpoint", "first/model.zip",
                "--epochs", "60", "--out", "resumed");
        assertEquals(0, resumed.exit(), resumed::toString);
        var a = dev.lva.models.checkpoint.Checkpoints.load(work.resolve("straight/model.zip"),
                dev.lva.api.plugin.Plugins.discover());
        var b = dev.lva.models.checkpoint.Checkpoints.load(work.resolve("resumed/model.zip"),
                dev.lva.api.plugin.Plugins.discover());
        assertEquals(a.progress(), b.progress());
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.model().parameters().toDoubleVector(),
                b.model().parameters().toDoubleVector(), "bit-identical parameters");
        assertEquals(straight.out(), resumed.out().replace("resumed/", "straight/"), "the same summary");
        assertEquals("1", b.extras().strings().get("engine.threads"), "the checkpoint records the thread count");
        assertTrue(!resumed.err().contains("note: the run trained on"), resumed.err());
        // on another thread count the run continues, and says its numbers will not be the straight run's
        LvaProcess.Result other = LvaProcess.run(work, List.of(), "resume", "--checkpoint", "first/model.zip",
                "--threads", "2", "--epochs", "31", "--out", "other");
        assertEquals(0, other.exit(), other::toString);
        assertTrue(other.err().contains("note: the run trained on 1 thread(s) and resumes on 2"), other.err());
        var c = dev.lva.models.checkpoint.Checkpoints.load(work.resolve("other/model.zip"),
                dev.lva.api.plugin.Plugins.discover());
        assertEquals("2", c.extras().strings().get("engine.threads"));
    }

    @Test
    void aModelTooLargeForTheJvmIsRefusedAtOnce() throws Exception {
        // 3 -> [10000]x2 -> 3 twice is ~200M parameters; -Xmx512m lets JavaCPP allocate 512 MB
        LvaProcess.Result r = LvaProcess.run(work, List.of(), "fit", "--data",
                LvaProcess.data("ae3d.csv").toString(), "--hidden", "10000,10000", "--epochs", "1", "--out", "huge");
        assertEquals(1, r.exit(), r::toString);
        // sized from the layers' shapes before anything is allocated, naming what makes it large
        assertTrue(r.err().startsWith("lva: this model needs about"), r.err());
        assertTrue(r.err().contains("200,160,006 parameters"), r.err());
        assertTrue(r.err().contains("--hidden 10000,10000"), r.err());
        assertTrue(r.err().contains("LVA_JAVA_OPTS"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void aSecondRunIntoAFolderInUseIsRefusedAndTheLockGoesWithTheFirstProcess() throws Exception {
        // before: the second run deleted the first's checkpoints and temp file, then both died
        String data = LvaProcess.data("ae3d.csv").toString();
        Path out = work.resolve("shared");
        // --tol 0: it trains until killed (it would stop once converged)
        Process first = LvaProcess.start(work, "fit", "--data", data, "--epochs", "1000000", "--tol", "0", "--out",
                "shared");
        try {
            // the first run writes its process id into the lock file once it holds the lock
            Path lock = out.resolve(".lva.lock");
            String pid = Long.toString(first.pid());
            for (int i = 0; i < 1200 && first.isAlive()
                    && !(Files.exists(lock) && Files.readString(lock).strip().equals(pid)); i++) {
                Thread.sleep(100);
            }
            assertTrue(first.isAlive(), "the first run ended early");
            assertEquals(pid, Files.readString(lock).strip(), "the first run holds the folder");
            LvaProcess.Result second = LvaProcess.run(work, List.of(), "fit", "--data", data, "--epochs", "5",
                    "--out", "shared");
            assertEquals(1, second.exit(), second::toString);
            assertTrue(second.err().startsWith("lva: output folder shared is in use by another lva run (process " + pid
                    + ")"), second.err());
        } finally {
            first.destroyForcibly();
            first.waitFor();
        }
        // killed, the first run's lock went with its process
        LvaProcess.Result third = LvaProcess.run(work, List.of(), "fit", "--data", data, "--epochs", "5", "--out",
                "shared");
        assertEquals(0, third.exit(), third::toString);
        assertTrue(Files.isRegularFile(out.resolve("model.zip")));
    }

    private static String[] concat(String command, String[] common, String... more) {
        List<String> all = new java.util.ArrayList<>(List.of(command));
        all.addAll(List.of(common));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void fitsACsvWithAHeaderAndSelectedColumns() throws Exception {
        Path csv = work.resolve("mine.csv");
        StringBuilder sb = new StringBuilder("label,a,b,c\n");
        for (int i = 0; i < 120; i++) {
            double t = -1 + 2.0 * i / 119;
            sb.append("row").append(i).append(',').append(Math.sin(2 * t)).append(',').append(t * t).append(',')
                    .append(Math.cos(3 * t)).append('\n');
        }
        Files.writeString(csv, sb.toString());
        LvaProcess.Result r = LvaProcess.run(work, List.of(), "fit", "--data", csv.toString(), "--columns", "a,b,c",
                "--latent", "3", "--epochs", "400", "--hidden", "32,32", "--seed", "1", "--out", "fit");
        assertEquals(0, r.exit(), r::toString);
        JsonNode summary = json(work.resolve("fit/summary.json"));
        assertEquals(3, summary.get("columns").asInt());
        assertEquals(120, summary.get("rows").asInt());
        assertEquals(400, summary.get("steps").asInt());
        String config = Files.readString(work.resolve("fit/config.yaml"));
        assertTrue(config.contains("hidden: \"32;32\"") || config.contains("hidden: 32;32"), config);
        assertTrue(config.contains("seed: \"1\"") || config.contains("seed: 1"), config);
        assertFigures(work.resolve("fit"), 5);
    }

    @Test
    void aPenaltyFarTooStrongIsReportedAsACollapsedCode() throws Exception {
        LvaProcess.Result r = LvaProcess.run(work, List.of(), "fit", "--data", LvaProcess.data("ae3d.csv").toString(),
                "--regularizer", "volume:lambda=1000,eta=0.01", "--epochs", "300", "--out", "huge");
        assertEquals(0, r.exit(), r::toString);
        // 300 epochs are not enough for the convergence rule to judge, so the line names both causes
        assertTrue(r.out().startsWith("intrinsic dimension: none of 3 latent dimensions: no dimension carries the"
                + " data: the penalty is too strong" + (r.out().contains("not converged") ? ", or the run too short"
                + " (it had not converged)" : "") + "\n"), r::toString);
        assertTrue(r.out().contains("\nwarning: the codes improve the reconstruction by "), r::toString);
        JsonNode summary = json(work.resolve("huge/summary.json"));
        assertTrue(summary.get("collapsed").asBoolean());
        // no count in any field: null, not 0 (and not the noise's second count)
        assertTrue(summary.get("intrinsic_dimension").isNull(), summary::toString);
        assertTrue(summary.get("std_count").isNull(), summary::toString);
        assertTrue(r.out().contains("\nsecond count: none (no dimension carries the data)\n"), r::toString);
        String html = Files.readString(work.resolve("huge/report.html"));
        assertTrue(html.contains("no dimension carries the data"), "the report says so too");
    }

    @Test
    void listsPluginsWithTheirSources() throws Exception {
        LvaProcess.Result r = LvaProcess.run(work, List.of(), "plugins");
        assertEquals(0, r.exit(), r::toString);
        for (String name : List.of("lvae", "volume", "l1-std", "plummet", "lognorm", "pca-cdf", "adam", "gradient", "mse")) {
            assertTrue(r.out().contains("  " + name + " "), name + " missing:\n" + r.out());
        }
        assertTrue(r.out().contains("from: file:"), r.out());
        assertFalse(r.out().contains("hoyer"), "the example plugin is not on this class path");
    }

    @Test
    void aPluginJarOnTheClassPathIsFoundByNameAndUnknownWithoutIt() throws Exception {
        Path plugin = LvaProcess.pluginJar();
        assertTrue(Files.isRegularFile(plugin), "plugin jar not built: " + plugin);
        String csv = LvaProcess.data("ae3d.csv").toString();

        LvaProcess.Result listed = LvaProcess.run(work, List.of(plugin), "plugins");
        assertTrue(listed.out().contains("  hoyer "), listed::toString);
        assertTrue(listed.out().contains(plugin.getFileName().toString()), "its jar is named: " + listed);

        LvaProcess.Result with = LvaProcess.run(work, List.of(plugin), "fit", "--data", csv, "--regularizer",
                "hoyer:lambda=0.01", "--epochs", "200", "--hidden", "16", "--out", "hoyer");
        assertEquals(0, with.exit(), with::toString);
        assertTrue(Files.readString(work.resolve("hoyer/config.yaml")).contains("hoyer:lambda=0.01"));

        Path folder = Files.createDirectories(work.resolve("plugins"));
        Files.copy(plugin, folder.resolve(plugin.getFileName()));
        LvaProcess.Result fromFolder = LvaProcess.run(work, List.of(), "--plugins", folder.toString(), "fit", "--data",
                csv, "--regularizer", "hoyer:lambda=0.01", "--epochs", "50", "--hidden", "16", "--out", "hoyer2");
        assertEquals(0, fromFolder.exit(), fromFolder::toString);

        LvaProcess.Result without = LvaProcess.run(work, List.of(), "fit", "--data", csv, "--regularizer",
                "hoyer:lambda=0.01", "--epochs", "5", "--out", "nohoyer");
        assertEquals(1, without.exit(), without::toString);
        assertEquals("lva: unknown regularizer 'hoyer'; known regularizers: l1-std, l2, lasso, student-t, volume",
                without.err().strip(), without::toString);
    }
}
