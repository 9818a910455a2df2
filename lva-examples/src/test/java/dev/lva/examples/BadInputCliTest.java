package dev.lva.examples;

import static dev.lva.examples.InProcess.lva;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.core.io.Npy;
import dev.lva.examples.InProcess.Run;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bad input through the command line: each case's exit code and the one line it prints on stderr,
 * with no stack trace (and no ND4J class name) unless --verbose.
 */
class BadInputCliTest {
    @TempDir
    static Path dir;
    private static Path model;

    private static Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static String goodCsv() {
        StringBuilder sb = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 40; i++) {
            double t = i / 39.0;
            sb.append(t).append(',').append(t * t).append(',').append(Math.sin(3 * t)).append('\n');
        }
        return sb.toString();
    }

    @BeforeAll
    static void trainASmallModel() throws IOException {
        Path csv = file("good.csv", goodCsv());
        Run r = lva("fit", "--data", csv.toString(), "--epochs", "20", "--hidden", "8", "--out",
                dir.resolve("run").toString());
        assertEquals(0, r.exit(), r.err());
        model = dir.resolve("run/model.zip");
    }

    static Stream<Arguments> cases() throws IOException {
        String good = file("good2.csv", goodCsv()).toString();
        String fit = "fit --epochs 5 --hidden 8 --out " + dir.resolve("bad-out") + " --data ";
        Path npyInt16 = dir.resolve("int16.npy");
        byte[] header = "{'descr': '<i2', 'fortran_order': False, 'shape': (2, 2), }".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(10 + 118).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0).putShort((short) 118);
        byte[] padded = new byte[118];
        java.util.Arrays.fill(padded, (byte) ' ');
        System.arraycopy(header, 0, padded, 0, header.length);
        padded[117] = '\n';
        b.put(padded);
        Files.write(npyInt16, concat(b.array(), new byte[8]));
        Path npyGood = dir.resolve("good.npy");
        Npy.write(npyGood, Nd4j.rand(DataType.FLOAT, 10, 3));
        byte[] full = Files.readAllBytes(npyGood);
        Path npyTruncated = dir.resolve("truncated.npy");
        Files.write(npyTruncated, java.util.Arrays.copyOf(full, full.length - 20));
        Path npy3d = dir.resolve("cube.npy");
        // rank 3 and 4 are images now (N x H x W, N x C x H x W); rank 5 is nothing lva reads
        Npy.write(npy3d, Nd4j.rand(DataType.FLOAT, 2, 1, 2, 3, 4));
        Path npyTiny = dir.resolve("tiny.npy");
        Npy.write(npyTiny, Nd4j.createFromArray(new double[][] {{1, 2}, {3, 1e-310}, {5, 6}}));
        Path zipTruncated = dir.resolve("truncated.zip");
        byte[] m = Files.readAllBytes(dir.resolve("run/model.zip"));
        Files.write(zipTruncated, java.util.Arrays.copyOf(m, m.length / 2));
        String enc = "encode --model " + dir.resolve("run/model.zip") + " --out " + dir.resolve("codes.csv") + " --data ";
        return Stream.of(
                Arguments.of("missing file", 1, fit + dir.resolve("nope.csv"), "no such file"),
                Arguments.of("non-numeric cell", 1, fit + file("text.csv", "a,b\n1,2\n3,abc\n4,5\n"),
                        "text.csv:3: column 2 (b): 'abc' is not a number"),
                Arguments.of("ragged row", 1, fit + file("ragged.csv", "a,b\n1,2\n3\n"),
                        "ragged.csv:3: row has 1 cells, expected 2 as on line 1"),
                Arguments.of("NaN", 1, fit + file("nan.csv", "a,b\n1,2\nNaN,2\n3,4\n"),
                        "nan.csv:3: column 1 (a): value NaN is not finite"),
                Arguments.of("infinity", 1, fit + file("inf.csv", "a,b\n1,2\n1,inf\n3,4\n"), "is not finite"),
                Arguments.of("empty file", 1, fit + file("empty.csv", ""), "empty.csv: the file is empty"),
                Arguments.of("header only", 1, fit + file("header.csv", "a,b,c\n"),
                        "header.csv: the file has a header but no data rows"),
                Arguments.of("one row", 1, fit + file("one.csv", "a,b\n1,2\n"), "row"),
                Arguments.of("unknown extension", 1, fit + file("data.xlsx", "x"), "data.xlsx"),
                Arguments.of(".npy of int16", 1, fit + npyInt16, "int16.npy"),
                Arguments.of(".npy truncated", 1, fit + npyTruncated, "truncated"),
                Arguments.of(".npy of rank 5", 1, fit + npy3d, "cube.npy"),
                Arguments.of("unknown column", 1, fit + good + " --columns a,zz", "no column named 'zz'"),
                Arguments.of("unknown regularizer", 1, fit + good + " --regularizer volumee",
                        "unknown regularizer 'volumee'; known regularizers: "),
                Arguments.of("eta = 0", 1, fit + good + " --regularizer volume:eta=0",
                        "invalid options for volume: eta must be > 0"),
                Arguments.of("negative lambda", 1, fit + good + " --regularizer volume:lambda=-1",
                        "invalid options for volume: lambda must be >= 0, got -1.0"),
                Arguments.of("unknown regularizer option", 1, fit + good + " --regularizer volume:etaa=1",
                        "unknown option 'etaa' for volume; known options: lambda, eta"),
                Arguments.of("unknown pruning policy", 1, fit + good + " --pruning cliff",
                        "unknown pruning policy 'cliff'"),
                Arguments.of("negative latent size", 1, fit + good + " --latent -1",
                        "invalid options for lva fit: --latent must be >= 1"),
                Arguments.of("negative checkpoint interval", 1, fit + good + " --checkpoint-every -5",
                        "invalid options for lva fit: --checkpoint-every must be >= 0 (0 = only the final checkpoint), "
                                + "got -5"),
                Arguments.of("keep no checkpoint", 1, fit + good + " --keep 0",
                        "invalid options for lva fit: --keep must be >= 1, got 0"),
                Arguments.of("negative prune-from", 1, fit + good + " --prune-from -1",
                        "invalid options for lva fit: --prune-from must be >= 0, got -1"),
                Arguments.of("checkpoint seconds NaN", 1, fit + good + " --checkpoint-seconds NaN",
                        "invalid options for lva fit: --checkpoint-seconds must be a finite number >= 0 (0 = no time "
                                + "trigger), got NaN"),
                Arguments.of("momentum NaN", 1, fit + good + " --optimizer sgd:momentum=NaN",
                        "invalid options for sgd: momentum must be a finite number >= 0, got NaN"),
                Arguments.of("infinite learning rate", 1, fit + good + " --lr Infinity",
                        "invalid options for lva fit: --lr must be a finite number > 0, got Infinity"),
                Arguments.of("output folder under a file", 1, "fit --epochs 5 --data " + good + " --out /dev/null/foo",
                        "cannot create output folder /dev/null/foo: not a directory"),
                Arguments.of("output folder that is a file", 1, "fit --epochs 5 --data " + good + " --out " + good,
                        "cannot use " + good + " as output folder: it exists and is not a folder"),
                Arguments.of("output folder in /proc", 1, "fit --epochs 5 --data " + good + " --out /proc/foo",
                        "cannot create output folder /proc/foo: "),
                Arguments.of("config file value out of range", 1, "fit --config "
                        + file("keep.yaml", "data: " + good + "\nkeep: 0\n"),
                        "keep must be >= 1, got 0"),
                Arguments.of("batch larger than the data", 1, fit + good + " --batch 500",
                        "--batch 500: " + good + " has 40 rows; give --batch N with N at most 40"),
                Arguments.of("batch of one row", 1, fit + good + " --batch 1", "batch"),
                Arguments.of("unknown optimizer", 1, fit + good + " --optimizer adagrad", "unknown optimizer 'adagrad'"),
                Arguments.of("unknown command-line option", 2, fit + good + " --lattent 3", "Unknown options: '--lattent'"),
                Arguments.of("option of the wrong type", 2, fit + good + " --epochs many", "'many' is not an int"),
                Arguments.of("config file that is not YAML", 1, "fit --config " + file("bad.yaml", "a: [1, 2\n"),
                        "bad.yaml: not valid YAML"),
                Arguments.of("config file with an unknown key", 1, "fit --config " + file("typo.yaml", "lattent: 3\n"),
                        "unknown option 'lattent' for lva fit"),
                Arguments.of("no data at all", 1, "fit --epochs 5", "no data"),
                Arguments.of("model applied to data of another width", 1,
                        enc + file("two.csv", "1,2\n3,4\n"), "the model was trained on 3 columns, the data has 2"),
                Arguments.of("model applied to data that lacks one of its columns", 1,
                        enc + file("ab.csv", "a,b\n1,2\n3,4\n"), "ab.csv: the model's columns are [a, b, c], the"
                        + " file's header names [a, b]; missing: [c]"),
                Arguments.of("a checkpoint that is not a zip", 1,
                        "encode --out x.csv --data " + good + " --model " + file("fake.zip", "not a zip"), "fake.zip"),
                Arguments.of("a truncated checkpoint", 1, "resume --checkpoint " + zipTruncated, "truncated.zip"),
                Arguments.of("a missing checkpoint", 1, "resume --checkpoint " + dir.resolve("none.zip"), "none.zip"),
                Arguments.of("plugin folder that does not exist", 1, "--plugins " + dir.resolve("nodir") + " plugins",
                        "not a folder"),
                Arguments.of("resume on data of another width", 1, "resume --out " + dir.resolve("resumed-bad")
                        + " --checkpoint " + dir.resolve("run/model.zip") + " --data "
                        + file("four.csv", "1,2,3,4\n5,6,7,8\n2,2,2,1\n"),
                        "the model was trained on 3 columns, the data has 4 (" + dir.resolve("four.csv")),
                Arguments.of("encode data whose header names other columns", 1, enc + file("xyz.csv",
                        goodCsv().replaceFirst("a,b,c", "x,y,z")), "xyz.csv: the model's columns are [a, b, c], the"
                        + " file's header names [x, y, z]; missing: [a, b, c]"),
                Arguments.of("resume on data whose header names other columns", 1, "resume --checkpoint " + model
                        + " --epochs 21 --out " + dir.resolve("resumed") + " --data " + dir.resolve("xyz.csv"),
                        "xyz.csv: the model's columns are [a, b, c]"),
                Arguments.of("encode onto its own input", 1, "encode --model " + model + " --data " + good + " --out "
                        + good, "--out " + good + " is the --data file"),
                Arguments.of("decode onto the model", 1, "decode --model " + model + " --data " + good + " --out "
                        + model, "--out " + model + " is the --model file"),
                Arguments.of("a header with one name twice", 1, fit + file("dup.csv", goodCsv().replaceFirst("a,b,c",
                        "a,a,c")), "dup.csv: the header names two columns 'a' (columns 1 and 2)"),
                Arguments.of("selecting a name the header gives twice", 1, fit + dir.resolve("dup.csv")
                        + " --columns a,c", "dup.csv: column name 'a' is ambiguous"),
                Arguments.of("selecting a column twice", 1, fit + good + " --columns a,a",
                        "column 1 (a) is selected twice ('a')"),
                Arguments.of("selecting a column by name and by index", 1, fit + good + " --columns a,b,0",
                        "column 1 (a) is selected twice, as 'a' and as '0'"),
                Arguments.of("a hexadecimal float", 1, fit + file("hex.csv", "a,b\n1,2\n0x1p3,4\n5,6\n"),
                        "hex.csv:3: column 1 (a): '0x1p3' is not a number"),
                Arguments.of("a Java double suffix", 1, fit + file("suffix.csv", "a,b\n1,2\n3,1.5d\n5,6\n"),
                        "suffix.csv:3: column 2 (b): '1.5d' is not a number"),
                Arguments.of("a Java float suffix", 1, fit + file("fsuffix.csv", "a,b\n1,2\n1f,4\n5,6\n"),
                        "fsuffix.csv:3: column 1 (a): '1f' is not a number"),
                Arguments.of("Java's Infinity", 1, fit + file("javainf.csv", "a,b\n1,2\nInfinity,4\n5,6\n"),
                        "javainf.csv:3: column 1 (a): 'Infinity' is not a number"),
                Arguments.of("a NUL byte in a cell", 1, fit + file("nul.csv", "a,b\n1,2\n3,4\u0000\n5,6\n"),
                        "nul.csv:3: column 2 (b): '4\\0' is not a number"),
                Arguments.of("a space inside a number", 1, fit + file("space.csv", "a,b\n1,2\n3,\"4 000\"\n5,6\n"),
                        "space.csv:3: column 2 (b): '4 000' is not a number"),
                Arguments.of("a value that underflows float32", 1, fit + file("tiny.csv", "a,b\n1,2\n3,1e-310\n5,6\n"),
                        "tiny.csv:3: column 2 (b): value 1e-310 underflows float32"),
                Arguments.of("a .npy value that underflows float32", 1, fit + npyTiny,
                        "tiny.npy: the value at [1, 1] (row 2, column 2) is 1.0E-310, which underflows float32"),
                Arguments.of("a config key given twice", 1, "fit --config " + file("twice.yaml",
                        "epochs: 5\nlatent: 2\nepochs: 7\n"), "twice.yaml:3: key 'epochs' appears twice"),
                Arguments.of("a config key in two spellings", 1, "fit --config " + file("spelled.yaml",
                        "checkpoint-every: 5\ncheckpointEvery: 7\n"),
                        "keys 'checkpoint-every' and 'checkpointEvery' name the same option"),
                Arguments.of("a second YAML document", 1, "fit --config " + file("two.yaml", "epochs: 5\n---\nepochs: 7\n"),
                        "two.yaml: holds a second YAML document (line 3)"),
                Arguments.of("a second JSON value", 1, "fit --config " + file("two.json", "{\"epochs\": 5} {\"epochs\": 7}"),
                        "two.json: holds a second JSON value"),
                Arguments.of("a JSON key given twice", 1, "fit --config " + file("twice.json",
                        "{\"epochs\": 5, \"epochs\": 7}"), "twice.json:1: key 'epochs' appears twice"));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isOneClearLineAndAnExitCode(String what, int exit, String commandLine, String message) {
        Run r = lva(split(commandLine));
        assertEquals(exit, r.exit(), () -> what + ": " + r);
        String first = r.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith("lva: "), () -> what + ": " + r.err());
        assertTrue(first.contains(message), () -> what + ": expected '" + message + "' in " + r.err());
        assertFalse(r.err().contains("\tat "), () -> what + ": a stack trace without --verbose: " + r.err());
        assertFalse(r.err().contains("org.nd4j"), () -> what + ": ND4J shows through: " + r.err());
        assertFalse(r.err().contains("Exception"), () -> what + ": an exception name: " + r.err());
    }

    @org.junit.jupiter.api.Test
    void verboseAddsTheStackTrace() {
        Run r = lva("--verbose", "fit", "--data", dir.resolve("nope.csv").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("\tat dev.lva."), r.err());
    }

    @org.junit.jupiter.api.Test
    void aNonFiniteLossStopsTheRunAndNamesTheStep() throws IOException {
        Path out = dir.resolve("nan-run");
        Run r = lva("fit", "--data", dir.resolve("good.csv").toString(), "--epochs", "200", "--hidden", "8",
                "--lr", "1e30", "--checkpoint-every", "1", "--out", out.toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("lva: training stopped: loss became "), r.err());
        assertTrue(r.err().matches("(?s).* at step \\d+ .*"), r.err());
        assertTrue(r.err().contains("the last good checkpoint is"), r.err());
        List<Path> left = new ArrayList<>();
        try (Stream<Path> s = Files.list(out.resolve("checkpoints"))) {
            s.forEach(left::add);
        }
        assertFalse(left.isEmpty(), "the last good checkpoint stays");
        assertEquals(0, lva("encode", "--model", left.get(left.size() - 1).toString(), "--data",
                dir.resolve("good.csv").toString(), "--out", dir.resolve("from-last-good.csv").toString()).exit());
    }

    @org.junit.jupiter.api.Test
    void aHugeCellIsEchoedCutToALine() throws IOException {
        Path csv = file("huge-cell.csv", "a,b\n1,2\n3," + "7".repeat(5_000_000) + "x\n4,5\n");
        Run r = lva("fit", "--data", csv.toString(), "--epochs", "2", "--out", dir.resolve("huge-out").toString());
        assertEquals(1, r.exit(), () -> r.err().substring(0, Math.min(300, r.err().length())));
        assertTrue(r.err().length() < 400, "stderr holds " + r.err().length() + " characters");
        assertTrue(r.err().contains("huge-cell.csv:3: column 2 (b): '777"), r.err());
        assertTrue(r.err().contains("(cut; the cell has 5000001 characters) is not a number"), r.err());
    }

    @org.junit.jupiter.api.Test
    void aCorruptPluginJarIsWarnedAbout() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.writeString(plugins.resolve("broken.jar"), "not a jar");
        Run r = lva("--plugins", plugins.toString(), "plugins");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().startsWith("lva: warning: --plugins " + plugins + ": broken.jar is not a readable jar ("),
                r.err());
        assertTrue(r.out().contains("volume"), "the other plugins are still listed");
    }

    @org.junit.jupiter.api.Test
    void anOptimizerStateThatOverflowsStopsTheRunWithNoResults() {
        // --lr 1000 keeps the loss finite while Adam's squared gradients overflow float32; the run went on
        // to exit 0 with a summary naming a model.zip that was never written
        Path out = dir.resolve("lr1000");
        Run r = lva("fit", "--data", dir.resolve("good.csv").toString(), "--epochs", "30", "--lr", "1000", "--out",
                out.toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("lva: training stopped: step "), r.err());
        assertTrue(r.err().contains("left optimizer state exp_avg_sq["), r.err());
        assertTrue(r.err().contains("= Infinity"), r.err());
        assertFalse(Files.exists(out.resolve("model.zip")), "no model");
        assertFalse(Files.exists(out.resolve("summary.json")), "no summary of a model that is not there");
        assertFalse(Files.exists(out.resolve("latent.csv")));
    }

    @org.junit.jupiter.api.Test
    void encodeFeedsColumnsByNameWhateverTheirOrderInTheFile() throws IOException {
        Path abc = dir.resolve("good.csv");
        List<String> lines = Files.readAllLines(abc);
        StringBuilder cba = new StringBuilder("c,b,a\n");
        StringBuilder plain = new StringBuilder();
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",");
            cba.append(v[2]).append(',').append(v[1]).append(',').append(v[0]).append('\n');
            plain.append(line).append('\n');
        }
        Path reordered = file("cba.csv", cba.toString());
        Path headerless = file("plain.csv", plain.toString());
        Path expected = dir.resolve("codes-abc.csv");
        assertEquals(0, lva("encode", "--model", model.toString(), "--data", abc.toString(), "--out",
                expected.toString()).exit());
        for (Path data : List.of(reordered, headerless)) {
            Path got = dir.resolve("codes-" + data.getFileName());
            Run r = lva("encode", "--model", model.toString(), "--data", data.toString(), "--out", got.toString());
            assertEquals(0, r.exit(), r::toString);
            assertEquals(Files.readAllLines(expected), Files.readAllLines(got), data + " gives the same codes");
        }
        Path decoded = dir.resolve("decoded.csv");
        Path shuffledCodes = dir.resolve("codes-shuffled.csv");
        List<String> codes = Files.readAllLines(expected);
        StringBuilder swapped = new StringBuilder("z2,z0,z1\n");
        for (String line : codes.subList(1, codes.size())) {
            String[] v = line.split(",");
            swapped.append(v[2]).append(',').append(v[0]).append(',').append(v[1]).append('\n');
        }
        Files.writeString(shuffledCodes, swapped);
        assertEquals(0, lva("decode", "--model", model.toString(), "--data", expected.toString(), "--out",
                decoded.toString()).exit());
        Path decodedSwapped = dir.resolve("decoded-swapped.csv");
        assertEquals(0, lva("decode", "--model", model.toString(), "--data", shuffledCodes.toString(), "--out",
                decodedSwapped.toString()).exit());
        assertEquals(Files.readAllLines(decoded), Files.readAllLines(decodedSwapped), "codes picked by name");
    }

    @org.junit.jupiter.api.Test
    void aWideCodesStdsArePrintedShortAndSavedWhole() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < 40; j++) {
            sb.append(j == 0 ? "" : ",").append("c").append(j);
        }
        sb.append('\n');
        for (int i = 0; i < 30; i++) {
            for (int j = 0; j < 40; j++) {
                sb.append(j == 0 ? "" : ",").append(Math.sin(i * 0.3 + j));
            }
            sb.append('\n');
        }
        Path out = dir.resolve("wide-run");
        Run r = lva("fit", "--data", file("wide.csv", sb.toString()).toString(), "--epochs", "2", "--hidden", "4",
                "--out", out.toString());
        assertEquals(0, r.exit(), r::toString);
        String stds = r.out().lines().filter(l -> l.startsWith("latent stds")).findFirst().orElseThrow();
        assertTrue(stds.contains(" ... (27 more) ... "), stds);
        assertTrue(stds.endsWith("(40 in all; every value is in summary.json)"), stds);
        assertEquals(10 + 3, stds.substring(stds.indexOf(':') + 1, stds.indexOf(" (40 in all")).replace(" ... (27 more) ...",
                "").trim().split(" ").length, stds);
        String summary = Files.readString(out.resolve("summary.json"));
        assertTrue(summary.contains("\"stds_sorted\""), summary);
        assertEquals(40, new com.fasterxml.jackson.databind.ObjectMapper().readTree(summary).get("stds_sorted").size());
    }

    private static String[] split(String commandLine) {
        return commandLine.trim().split("\\s+");
    }
}
