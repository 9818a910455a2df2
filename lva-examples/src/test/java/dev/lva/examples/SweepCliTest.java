package dev.lva.examples;

import static dev.lva.examples.InProcess.lva;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.examples.InProcess.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code lva sweep} as a user types it: a small sweep on the threads engine, and bad input in one line each. */
class SweepCliTest {
    @TempDir
    static Path dir;
    static String csv;

    @BeforeAll
    static void data() throws Exception {
        StringBuilder sb = new StringBuilder("a,b,c,label\n");
        for (int i = 0; i < 30; i++) {
            double t = i / 29.0;
            sb.append(t).append(',').append(t * t).append(',').append(Math.cos(2 * t)).append(",x\n");
        }
        csv = dir.resolve("data.csv").toString();
        Files.writeString(Path.of(csv), sb.toString());
    }

    @Test
    void aSmallSweepOnThisMachinesThreads() throws Exception {
        Path out = dir.resolve("sweep");
        Run r = lva("sweep", "--engine", "threads", "--parallel", "1", "--data", csv, "--columns", "a,b,c", "--regularizer",
                "volume,lasso", "--seeds", "0-1", "--hidden", "8", "--epochs", "20", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("4 runs: 4 ok, 0 failed, 0 errors (0 finished before, 0 resumed)"), r.out());
        assertTrue(r.out().contains("report: " + out.resolve("report.html")), r.out());
        // the time the rest takes, measured on the first run (no grid is big enough to need it here)
        assertTrue(Pattern.compile("sweep: the first run to finish took [0-9.]+ s; the 3 left take about ([0-9.]+"
                + " (s|min|h)|under a second) at 1 at a time \\(an estimate from that run\\)").matcher(r.err()).find(), r.err());
        assertEquals(5, Files.readAllLines(out.resolve("sweep.csv")).size());
        String config = Files.readString(out.resolve("runs/lasso_lambda0.01_seed1/config.yaml"));
        assertTrue(config.contains("columns: \"a;b;c\""), config);
        // a run folder names no folder, its own or the scratch it trained in: it moves as it is
        assertFalse(Pattern.compile("(?m)^out:").matcher(config).find(), config);
    }

    /** {@code seeds:} in a config file is --seeds for lva fit as for lva sweep; the command line wins. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a range             | seeds: 0-1      |                 | seed-0,seed-1
            a YAML list         | seeds: [0, 2]   |                 | seed-0,seed-2
            --seed wins         | seeds: [0, 2]   | --seed 5        | config.yaml
            --seeds wins        | seeds: [0, 2]   | --seeds 3,4     | seed-3,seed-4
            """)
    void aConfigFilesSeedsAreLvaFitsSeeds(String what, String yaml, String args, String folders) throws Exception {
        Path out = dir.resolve("fit-seeds-" + what.replace(' ', '-'));
        Path file = dir.resolve("fit-" + what.replace(' ', '-') + ".yaml");
        Files.writeString(file, "data: " + csv + "\ncolumns: [a, b, c]\nhidden: [4]\nepochs: 3\n" + yaml + "\n");
        List<String> all = new ArrayList<>(List.of("fit", "--config", file.toString(), "--out", out.toString()));
        if (args != null) {
            all.addAll(List.of(args.split(" ")));
        }
        Run r = lva(all.toArray(String[]::new));
        assertEquals(0, r.exit(), what + ": " + r.err());
        for (String f : folders.split(",")) {
            assertTrue(Files.exists(out.resolve(f)), what + ": " + f + " in " + out);
        }
        assertEquals(folders.contains("seed-"), Files.exists(out.resolve("seeds.json")), what + ": a seed sweep or one run");
    }

    @Test
    void comparePenaltiesRunsTheBuiltInDataOneSweepEach() throws Exception {
        Path out = dir.resolve("compare");
        Run r = lva("compare-penalties", "--engine", "threads", "--data", "curve", "--regularizer", "volume,lasso",
                "--lambda", "1e-2", "--seeds", "0", "--epochs", "30", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("curve:\n2 runs: 2 ok"), r.out());
        String config = Files.readString(out.resolve("curve/runs/lasso_lambda1e-2_seed0/config.yaml"));
        assertTrue(config.contains("data: \"builtin:ae3d.csv\""), config);
        assertTrue(config.contains("scale: \"none\""), config);
        assertFalse(Files.exists(out.resolve("digits")), "only the data asked for");
        Run bad = lva("compare-penalties", "--engine", "threads", "--data", "mnist", "--out", out.toString());
        assertEquals("lva: --data mnist: the comparison runs on digits or curve", bad.err().strip());
    }

    @Test
    void sparkIsNotOnLvaFitsClassPathAndTheMessageSaysWhereItIs() {
        // lva-examples (lva fit's jar) must not bring Spark: only lva-sweep depends on it
        assertThrowsClassNotFound("org.apache.spark.SparkContext");
        Run r = lva("sweep", "--data", csv, "--columns", "a,b,c", "--epochs", "5", "--out", dir.resolve("no-spark")
                .toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().strip().startsWith("lva: --engine spark: no such sweep engine on the class path; known:"
                + " threads (Spark comes with lva-sweep: run lva sweep through the ./lva script"), r.err());
    }

    private static void assertThrowsClassNotFound(String name) {
        try {
            Class.forName(name);
            throw new AssertionError(name + " is on lva-examples' class path");
        } catch (ClassNotFoundException expected) {
            // as it should be
        }
    }

    /**
     * Points of one grid that do not fit the images (8 x 8, padded from 6 x 6): refused before the
     * first run starts, naming the point, so that no run of the grid trains.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            channels that halve too often | --batch 10 --channels 2,4 --channels 2,4,8,16 | volume_lambda0.001_seed0_channels2-4-8-16 (channels 2,4,8,16) does not fit the data (40 x 1 x 8 x 8): invalid model options: an image of 8 x 8 cannot be halved 4 times
            a batch larger than the data  | --channels 2,4 --batch 10,50                | volume_lambda0.001_seed0_batch50 (batch 50) does not fit the data (40 x 1 x 8 x 8): --batch 50 is larger than the data's 40 images; give --batch N with N at most 40
            an activation conv-lvae lacks | --batch 10 --channels 2,4 --activation leaky-relu,relu | volume_lambda0.001_seed0_activationrelu (activation relu) does not fit the data (40 x 1 x 8 x 8): --activation relu: conv-lvae uses LeakyReLU
            """)
    void aGridPointThatDoesNotFitTheDataFailsBeforeAnyRun(String what, String args, String expected) throws Exception {
        Path images = dir.resolve("blobs.npy");
        if (!Files.exists(images)) {
            dev.lva.core.io.Npy.write(images, dev.lva.core.data.GaussianBlobs.generate(40, 6, 5));
        }
        Path out = dir.resolve("shapes-" + what.replace(' ', '-'));
        List<String> all = new ArrayList<>(List.of("sweep", "--engine", "threads", "--data", images.toString(),
                "--model", "conv-lvae", "--pad-to", "8", "--epochs", "1", "--out", out.toString()));
        all.addAll(List.of(args.strip().split(" +")));
        Run r = lva(all.toArray(String[]::new));
        assertEquals(1, r.exit(), what + ": " + r.err());
        String err = r.err().strip();
        assertTrue(err.startsWith("lva: grid point " + expected), what + ": " + err);
        assertEquals(1, err.lines().count(), what + ": one line: " + err);
        assertFalse(Files.exists(out.resolve("runs/volume_lambda0.001_seed0_channels2-4")), "no run trained");
        assertFalse(Files.exists(out.resolve("runs/volume_lambda0.001_seed0_activationleaky-relu")), "no run trained");
        assertFalse(Files.exists(out.resolve("runs/volume_lambda0.001_seed0_batch10")), "no run trained");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an empty grid          | --seeds 3-1                          | --seeds '3-1': an empty range (3 is above 1), so the grid would have no runs
            a list for a single    | --out a,b                            | --out 'a,b': this option is not a list; a sweep has one out
            a list for keep        | --keep 1,2                           | --keep '1,2': this option is not a list; a sweep has one keep
            an unknown penalty     | --regularizer volume,volumes         | --regularizer 'volumes': unknown regularizer 'volumes'; known regularizers:
            an unknown engine      | --engine hadoop                      | --engine hadoop: no such sweep engine on the class path; known: threads
            a master for threads   | --engine threads --master local[2]   | --master local[2]: the threads engine runs on this machine only
            a bad number           | --lr 0.1,x                           | --lr 'x': option 'lr' of lva sweep expects a number, got 'x'
            a huge grid            | --lambda 1e-3,1e-2 --seeds 0-100     | lva: the grid has 202 runs (lambda 2 x seed 101), each up to 5 epochs; more than 100 runs start only with --yes (the time a run takes is printed after the first one)
            no wait for a master   | --master-wait 0                      | lva: --master-wait 0: at least 1 second
            parallel and a master  | --engine spark --parallel 2 --master local[2] | lva: --parallel 2 with --master local[2]: the master decides where runs go
            """)
    void badInputIsOneLine(String what, String args, String expected) {
        String[] extra = args.strip().split(" ");
        String[] all = new String[6 + extra.length];
        all[0] = "sweep";
        all[1] = "--data";
        all[2] = csv;
        all[3] = "--columns";
        all[4] = "a,b,c";
        all[5] = "--epochs=5";
        System.arraycopy(extra, 0, all, 6, extra.length);
        if (!args.contains("--engine")) {
            String[] withEngine = new String[all.length + 2];
            System.arraycopy(all, 0, withEngine, 0, all.length);
            withEngine[all.length] = "--engine";
            withEngine[all.length + 1] = "threads";
            all = withEngine;
        }
        Run r = lva(all);
        assertTrue(r.exit() != 0, what + ": exit " + r.exit());
        String err = r.err().strip();
        assertTrue(err.contains(expected), what + ": " + err);
        assertFalse(err.contains("\tat "), what + ": a stack trace: " + err);
        assertFalse(Files.exists(Path.of("a,b")), "nothing written for a refused sweep");
    }
}
