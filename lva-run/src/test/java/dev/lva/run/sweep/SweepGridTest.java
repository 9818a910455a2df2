package dev.lva.run.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.api.LvaException;
import dev.lva.api.plugin.Plugins;
import dev.lva.run.RunConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The grid: lists, ranges and specs parsed; the product ordered and named; bad values refused before training. */
class SweepGridTest {
    private static final Plugins PLUGINS = Plugins.discover();

    @TempDir
    Path dir;

    private SweepOptions options() {
        return new SweepOptions().put("data", "--data", List.of("data.csv"))
                .put("out", "--out", List.of(dir.resolve("sweep").toString()));
    }

    private static SweepPlan plan(SweepOptions o) {
        return SweepGrid.plan(o, SweepOptions.defaults(), PLUGINS);
    }

    private static String message(Runnable r) {
        return assertThrows(LvaException.class, r::run).getMessage();
    }

    @Test
    void aNumberOfAListHasOneSpellingWhateverTheUsers() {
        // YAML reads lambda: 1e-3 as 0.001; the command line keeps 1e-3: one run either way
        assertEquals("1e-3", SweepGrid.number("0.001"));
        assertEquals("1e-3", SweepGrid.number("1E-3"));
        assertEquals("1e-2", SweepGrid.number("0.01"));
        assertEquals("0.5", SweepGrid.number("5e-1"));
        assertEquals("1e38", SweepGrid.number("1e38"));
        assertEquals("2.5e-3", SweepGrid.number("0.0025"));
        assertEquals("2000", SweepGrid.number("2000"));
        assertEquals("adam", SweepGrid.number("adam"));
    }

    @Test
    void lambdaSweepsTheDefaultPenaltyWhenNoneIsGiven() {
        // the default penalty's own lambda (0.01) gives way to --lambda; it is no conflict the user made
        SweepPlan plan = plan(options().put("lambda", "--lambda", List.of("1e-3", "1e-2")));
        assertEquals(List.of("volume_lambda1e-3_seed0", "volume_lambda1e-2_seed0"),
                plan.points().stream().map(SweepPoint::name).toList());
        assertEquals("volume:eta=0.01,lambda=1e-3", plan.points().get(0).config().regularizer());
        assertEquals(1e-2, plan.points().get(1).lambda(), 0);
    }

    @Test
    void aConvLvaeSweepTakesConvLvaesDefaults() {
        var base = SweepOptions.defaults(options().put("model", "--model", List.of("conv-lvae")));
        assertEquals(100, base.batch());
        assertEquals(100, base.epochs());
        assertEquals(5, base.tolWindow());
        assertEquals("volume:lambda=0.001,eta=0.01", base.regularizer());
        assertEquals(SweepOptions.defaults().regularizer(), SweepOptions.defaults(options()).regularizer());
    }

    @Test
    void listsRangesAndSpecs() {
        assertEquals(List.of("0", "1", "2", "3", "4"), SweepGrid.parseList("seed", "--seeds", "0-4"));
        assertEquals(List.of("0", "3", "4", "5", "9"), SweepGrid.parseList("seed", "--seeds", "0,3-5,9"));
        // a minus sign in a number is not a range: lambda is not a whole number
        assertEquals(List.of("1e-4", "1e-3"), SweepGrid.parseList("lambda", "--lambda", "1e-4,1e-3"));
        assertEquals(List.of("volume:lambda=0.1,eta=0.1", "lasso"),
                SweepGrid.parseList("regularizer", "--regularizer", "volume:lambda=0.1,eta=0.1,lasso"));
        assertEquals(List.of("volume:eta=0.1", "l1-std", "student-t"),
                SweepGrid.parseList("regularizer", "--regularizer", "(volume:eta=0.1),l1-std,student-t"));
    }

    @Test
    void gridIsTheProductPenaltiesOutermostSeedsInnermost() {
        SweepPlan plan = plan(options().put("regularizer", "--regularizer", List.of("volume", "lasso"))
                .put("lambda", "--lambda", List.of("1e-3", "1e-2")).put("seed", "--seeds", List.of("0", "1"))
                .put("epochs", "--epochs", List.of("50")));
        List<String> names = plan.points().stream().map(SweepPoint::name).toList();
        assertEquals(List.of("volume_lambda1e-3_seed0", "volume_lambda1e-3_seed1", "volume_lambda1e-2_seed0",
                "volume_lambda1e-2_seed1", "lasso_lambda1e-3_seed0", "lasso_lambda1e-3_seed1",
                "lasso_lambda1e-2_seed0", "lasso_lambda1e-2_seed1"), names);
        SweepPoint p = plan.points().get(5);
        assertEquals("lasso:lambda=1e-3", p.config().regularizer());
        assertEquals(1, p.seed());
        assertEquals(1e-3, p.lambda());
        assertEquals("lasso", p.penalty());
        assertEquals(50, p.config().epochs());
        assertEquals(plan.out().resolve("runs").resolve(p.name()), p.config().out());
        assertEquals(List.of("regularizer", "lambda", "seed"), plan.axes());
    }

    @Test
    void namesKeepPenaltyWeightAndSeedAndAddWhatElseVaries() {
        SweepPlan plan = plan(options().put("lr", "--lr", List.of("1e-3", "1e-2")).put("hidden", "--hidden",
                List.of("8;8", "16")));
        assertEquals(List.of("volume_lambda0.01_seed0_hidden8-8_lr1e-3", "volume_lambda0.01_seed0_hidden8-8_lr1e-2",
                "volume_lambda0.01_seed0_hidden16_lr1e-3", "volume_lambda0.01_seed0_hidden16_lr1e-2"),
                plan.points().stream().map(SweepPoint::name).toList());
        assertEquals(List.of(8, 8), plan.points().get(0).config().hidden());
        // the default weight is the regularizer's own
        assertEquals(0.01, plan.points().get(0).lambda());
    }

    @Test
    void anUnknownPenaltyIsNamedBeforeAnythingTrains() {
        String m = message(() -> plan(options().put("regularizer", "--regularizer", List.of("volume", "volum"))));
        assertTrue(m.startsWith("--regularizer 'volum': unknown regularizer 'volum'"), m);
        assertTrue(m.contains("student-t"), "lists the known ones: " + m);
    }

    @Test
    void anEmptyGridIsRefused() {
        assertTrue(message(() -> SweepGrid.parseList("seed", "--seeds", "4-2")).contains("an empty range"));
        assertTrue(message(() -> SweepGrid.parseList("lambda", "--lambda", " ")).contains("no value"));
        assertTrue(message(() -> SweepGrid.parseList("lambda", "--lambda", "1e-3,,1e-2")).contains("an empty item"));
        assertTrue(message(() -> options().put("seed", "--seeds", List.of())).contains("the list is empty"));
    }

    @Test
    void aListForAnOptionThatIsNotAListIsRefused() {
        String m = message(() -> options().put("out", "--out", List.of("a", "b")));
        assertTrue(m.startsWith("--out 'a,b': this option is not a list"), m);
        m = message(() -> SweepOptions.single("checkpointEvery", "--checkpoint-every", "10,100"));
        assertTrue(m.startsWith("--checkpoint-every '10,100': this option is not a list"), m);
    }

    @Test
    void badValuesNameTheOptionAndTheValue() {
        String m = message(() -> plan(options().put("lr", "--lr", List.of("1e-3", "fast"))));
        assertTrue(m.startsWith("--lr 'fast': "), m);
        m = message(() -> plan(options().put("lambda", "--lambda", List.of("-1"))));
        assertTrue(m.startsWith("--lambda '-1': "), m);
        m = message(() -> plan(options().put("regularizer", "--regularizer", List.of("volume:lambda=0.1"))
                .put("lambda", "--lambda", List.of("1e-3"))));
        assertTrue(m.contains("sets lambda and --lambda sweeps it"), m);
        m = message(() -> plan(options().put("seed", "--seeds", List.of("1", "2", "1"))));
        assertTrue(m.contains("'1' is listed twice"), m);
        m = message(() -> plan(options().put("pruning", "--pruning", List.of("plumet"))));
        assertTrue(m.startsWith("--pruning 'plumet': unknown pruning policy"), m);
        m = message(() -> options().put("epoch", "--epoch", List.of("3")));
        assertTrue(m.startsWith("--epoch: unknown option"), m);
    }

    @Test
    void aSweepFileListsAxesAndKeepsListValuedOptionsWhole() throws Exception {
        Path file = dir.resolve("sweep.yaml");
        Files.writeString(file, """
                data: data.csv
                columns: [a, b]
                regularizer: [volume, lasso]
                lambda: 1e-3,1e-2
                seeds: 0-2
                hidden: [[8, 8], [16]]
                epochs: 20
                """);
        SweepOptions o = new SweepOptions();
        SweepFile.read(file, o);
        assertEquals(List.of("a;b"), o.get("columns").values());
        assertEquals(List.of("volume", "lasso"), o.get("regularizer").values());
        assertEquals(List.of("1e-3", "1e-2"), o.get("lambda").values());
        assertEquals(List.of("0", "1", "2"), o.get("seed").values());
        assertEquals(List.of("8;8", "16"), o.get("hidden").values());
        o.put("out", "--out", List.of(dir.resolve("s").toString()));
        assertEquals(2 * 2 * 3 * 2, plan(o).points().size());

        Files.writeString(file, "data: data.csv\nout: [a, b]\n");
        String m = message(() -> SweepFile.read(file, new SweepOptions()));
        assertTrue(m.endsWith("out '[a, b]': this option is not a list; a sweep has one out"), m);
        Files.writeString(file, "data: data.csv\nlambda: []\n");
        assertTrue(message(() -> SweepFile.read(file, new SweepOptions())).endsWith("lambda: the list is empty, so the"
                + " grid would have no runs"));
    }

    /** A sweep file's values as the user typed them; {@code \n} in a row is a line break. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            seeds as a range            | seeds: 0-2                        | seed=0,1,2
            seeds as a list and range   | seeds: [0, 3-4]                   | seed=0,3,4
            seed as a number            | seed: 7                           | seed=7
            seeds as typed, not octal   | seeds: 010                        | seed=010
            lambda as typed             | lambda: [1e-3, 0.01]              | lambda=1e-3,1e-2
            seeds in JSON               | {"seeds": [0, 2]}                 | seed=0,2
            a list for a single         | out: [a, b]                       | sweep.yaml: out '[a, b]': this option is not a list; a sweep has one out
            a list for keep             | keep: [1, 2e0]                    | sweep.yaml: keep '[1, 2e0]': this option is not a list; a sweep has one keep
            a block list for a single   | out:\\n  - a\\n  - b                | sweep.yaml: out '[a, b]': this option is not a list; a sweep has one out
            a list of lists for a value | lr: [[1e-3, 2e-3]]                | sweep.yaml: lr '[[1e-3, 2e-3]]': a list of lists, but lr takes one value per run
            a key twice                 | seeds: 0-1\\nepochs: 5\\nseeds: 2    | sweep.yaml:3: the key 'seeds' appears twice (first on line 1); give it once
            two spellings of one key    | seed: 0\\nseeds: 1-2               | sweep.yaml:2: the keys 'seed' and 'seeds' name the same option (first on line 1); give it once
            an unknown key              | epochs: 5\\nepoch: 5               | sweep.yaml:2: epoch: unknown option; a sweep knows
            """)
    void aSweepFileIsReadAsTyped(String what, String yaml, String expected) throws Exception {
        boolean json = yaml.startsWith("{");
        Path file = dir.resolve(json ? "sweep.json" : "sweep.yaml");
        Files.writeString(file, yaml.replace("\\n", "\n") + "\n");
        SweepOptions o = new SweepOptions();
        if (expected.contains("=") && !expected.contains(":")) {
            SweepFile.read(file, o);
            String name = expected.substring(0, expected.indexOf('='));
            assertEquals(List.of(expected.substring(expected.indexOf('=') + 1).split(",")), o.get(name).values(), what);
        } else {
            String m = message(() -> SweepFile.read(file, o));
            assertTrue(m.startsWith(dir + "/" + expected), what + ": " + m);
        }
    }

    @Test
    void aGridAboveTheLimitStartsOnlyWithYes() {
        SweepPlan big = plan(options().put("lambda", "--lambda", List.of("1e-3", "1e-2"))
                .put("seed", "--seeds", SweepGrid.parseList("seed", "--seeds", "0-50")));
        assertEquals("the grid has 102 runs (lambda 2 x seed 51), each up to " + RunConfig.DEFAULT_EPOCHS + " epochs;"
                + " more than 100 runs start only with --yes (the time a run takes is printed after the first one)",
                message(() -> big.requireConfirmed(false)));
        big.requireConfirmed(true);
        plan(options().put("seed", "--seeds", SweepGrid.parseList("seed", "--seeds", "0-99"))).requireConfirmed(false);
        assertEquals("sweep: the first run to finish took 12.0 s; the 239 left take about 24 min at 2 at a time (an estimate"
                + " from that run)", SweepRunner.estimate(12, 239, 2));
        assertEquals("sweep: the first run to finish took 0.2 s; the 2 left take about under a second at 2 at a time"
                + " (an estimate from that run)", SweepRunner.estimate(0.2, 2, 2));
        assertEquals("sweep: the first run to finish took 3.5 s; the 9 left take about as long each (an estimate from that"
                + " run)", SweepRunner.estimate(3.5, 9, 0));
    }

    @Test
    void defaultsAreThoseOfLvaFit() {
        RunConfig fit = RunConfig.fitDefaults();
        RunConfig point = plan(options()).points().get(0).config();
        assertEquals(fit.hidden(), point.hidden());
        assertEquals(fit.regularizer(), "volume:lambda=0.01,eta=0.01");
        assertEquals("volume", plan(options()).points().get(0).penalty());
        assertEquals(fit.epochs(), point.epochs());
        assertEquals(fit.lr(), point.lr());
    }
}
