package dev.lva.examples;

import static dev.lva.examples.InProcess.lva;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lva.core.data.GaussianBlobs;
import dev.lva.core.io.Npy;
import dev.lva.examples.InProcess.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Messages that used to mislead: each row a command line, its exit code, and what the first line on
 * stderr must say (the option or command at fault, the shapes, the default and how to change it).
 */
class UnclearMessagesCliTest {
    @TempDir
    static Path dir;
    private static Path table;
    private static Path blobs;
    private static Path tableModel;
    private static Path imageModel;
    private static Path nhwcModel;

    @BeforeAll
    static void trainSmallModels() throws IOException {
        StringBuilder sb = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 40; i++) {
            double t = i / 39.0;
            sb.append(t).append(',').append(t * t).append(',').append(Math.sin(3 * t)).append('\n');
        }
        table = Files.writeString(dir.resolve("table.csv"), sb.toString(), StandardCharsets.UTF_8);
        Run t = lva("fit", "--data", table.toString(), "--epochs", "10", "--hidden", "8", "--out",
                dir.resolve("table-run").toString());
        assertEquals(0, t.exit(), t::toString);
        tableModel = dir.resolve("table-run/model.zip");
        blobs = dir.resolve("blobs.npy");
        Npy.write(blobs, GaussianBlobs.generate(40, 16, 3));
        Npy.write(dir.resolve("blobs12.npy"), GaussianBlobs.generate(40, 12, 4));
        Run i = lva("fit", "--data", blobs.toString(), "--model", "conv-lvae", "--channels", "4,8", "--latent", "4",
                "--epochs", "1", "--batch", "20", "--out", dir.resolve("image-run").toString());
        assertEquals(0, i.exit(), i::toString);
        imageModel = dir.resolve("image-run/model.zip");
        // the same images stored channels-last (N x H x W x 1), and a model trained on them so
        Npy.write(dir.resolve("blobs-nhwc.npy"), GaussianBlobs.generate(40, 16, 3).permute(0, 2, 3, 1).dup('c'));
        Run h = lva("fit", "--data", dir.resolve("blobs-nhwc.npy").toString(), "--layout", "nhwc", "--model",
                "conv-lvae", "--channels", "4,8", "--latent", "4", "--epochs", "1", "--batch", "20", "--out",
                dir.resolve("nhwc-run").toString());
        assertEquals(0, h.exit(), h::toString);
        nhwcModel = dir.resolve("nhwc-run/model.zip");
        Files.createDirectories(dir.resolve("plugins"));
    }

    static Stream<Arguments> cases() {
        String out = " --out " + dir.resolve("unused");
        String fitTable = "fit --epochs 2 --data " + table + out;
        String fitImages = "fit --epochs 1 --model conv-lvae --channels 4,8 --batch 20 --data " + blobs + out;
        return Stream.of(
                Arguments.of("images given to an MLP's model", 1, "encode --model " + tableModel + " --data " + blobs
                        + " --out " + dir.resolve("c.csv"), blobs + " holds images; the model (from " + tableModel
                        + ") is an MLP trained on a table of 3 columns and takes a table (.csv or .npy of rank 2);"
                        + " for images, train with --model conv-lvae"),
                Arguments.of("fewer images than the default batch", 1, "fit --epochs 1 --model conv-lvae --channels 4,8"
                        + " --data " + blobs + out, blobs + " has 40 images, fewer than conv-lvae's default batch of"
                        + " 100; give --batch N with N at most 40 (0: all of them in one batch)"),
                Arguments.of("--channels on lvae", 1, fitTable + " --channels 4,8", "--channels 4,8 with --model lvae:"
                        + " lvae is an MLP with no convolutions, so it would ignore the channels"),
                Arguments.of("--hidden on conv-lvae", 1, fitImages + " --hidden 8,8", "--hidden 8,8 with --model"
                        + " conv-lvae: conv-lvae's layers are convolutions (--channels), so it would ignore hidden"
                        + " widths"),
                Arguments.of("--scale on conv-lvae", 1, fitImages + " --scale minmax", "--scale minmax with --model"
                        + " conv-lvae: conv-lvae reads images, which are never scaled by column"),
                Arguments.of("--columns on conv-lvae", 1, fitImages + " --columns a,b", "--columns a,b with --model"
                        + " conv-lvae: conv-lvae reads images, which have no columns to pick"),
                Arguments.of("--scale for images that lvae reads", 1, "fit --epochs 1 --data " + blobs + out
                        + " --scale minmax", "--scale minmax: " + blobs + " holds images, and images are never scaled by"
                        + " column (bytes become [0, 1]); leave --scale out"),
                Arguments.of("hidden widths for conv-lvae in a config file", 1, "fit --config " + config("conv.yaml",
                        "model: conv-lvae\nhidden: [8, 8]\ndata: " + blobs + "\n") + out, "'hidden' in the config file"
                        + " 8,8 with --model conv-lvae: conv-lvae's layers are convolutions (--channels)"),
                Arguments.of("resume on images of another shape", 1, "resume --checkpoint " + imageModel + " --epochs 2"
                        + " --data " + dir.resolve("blobs12.npy") + out, dir.resolve("blobs12.npy") + ": images of"
                        + " 1 x 12 x 12; the model (from " + imageModel + ") was trained on images of 1 x 16 x 16"),
                Arguments.of("resume of a table's model on images", 1, "resume --checkpoint " + tableModel
                        + " --epochs 12 --data " + blobs + out, blobs + " holds images of 1 x 16 x 16; the model (from "
                        + tableModel + ") was trained on a table"),
                // (lva study exists since issue 23: the unknown command is another word)
                Arguments.of("an unknown command with --help", 2, "experiment --help", "unknown command 'experiment'"
                        + " (lva has no command of that name)"),
                Arguments.of("a mistyped command with --help", 2, "fti --help", "unknown command 'fti'"),
                // a folder named like a command is --plugins' value (here missing), not the command
                Arguments.of("--plugins named like the plugins command", 1, "--plugins plugins plugins",
                        "--plugins plugins: not a folder"),
                // ... and the command that follows is the one that runs (here it finds no data first)
                Arguments.of("--plugins named like the plugins command, then fit", 1, "--plugins plugins fit --data x.csv",
                        "x.csv: no such file"),
                Arguments.of("an option given twice", 2, fitTable + " --hidden 8 --hidden 16", "--hidden is given 2"
                        + " times (8 and 16); give it once, its values separated by commas (8,16)"),
                Arguments.of("a single option given twice", 2, fitTable + " --lr 0.1 --lr 0.01", "option '--lr' (<lr>)"
                        + " should be specified only once"),
                Arguments.of("a sweep's single-valued list option given twice", 2, "sweep --data " + table
                        + " --epochs 5 --epochs 1", "--epochs is given 2 times (5 and 1); give it once, its values"
                        + " separated by commas (5,1)"),
                Arguments.of("encode --columns with a model of images", 1, "encode --model " + imageModel + " --data "
                        + blobs + " --columns 0 --out " + dir.resolve("x6.csv"), "--columns 0: the model (from "
                        + imageModel + ") takes images of 1 x 16 x 16, not columns of a table; leave --columns out"),
                Arguments.of("encode --layout with a model of a table", 1, "encode --model " + tableModel + " --data "
                        + table + " --layout nhwc --out " + dir.resolve("x7.csv"), "--layout nhwc: the model (from "
                        + tableModel + ") takes a table of 3 columns, and --layout orders the axes of images"),
                Arguments.of("--layout on a table", 1, fitTable + " --layout nhwc", "--layout nhwc: " + table
                        + " is a table, and --layout orders the axes of images"),
                Arguments.of("a device as the config file", 1, fitTable + " --config /dev/null", "/dev/null: not a"
                        + " regular file (a device or a pipe); a config file is a YAML or JSON file"),
                Arguments.of("a negative --lambda", 1, fitTable + " --lambda -1", "--lambda -1: a penalty weight is a"
                        + " number >= 0"),
                Arguments.of("encode N x C x H x W images with a model trained --layout nhwc", 1, "encode --model "
                        + nhwcModel + " --data " + blobs + " --out " + dir.resolve("x8.csv"), "(these were read as"
                        + " N x H x W x C, the layout the model was trained with (--layout nhwc); read as N x C x H x W"
                        + " they are 1 x 16 x 16: give --layout nchw)"),
                Arguments.of("encode channels-last images with --layout nchw", 1, "encode --model " + nhwcModel
                        + " --data " + dir.resolve("blobs-nhwc.npy") + " --layout nchw --out " + dir.resolve("x9.csv"),
                        "(these were read as N x C x H x W, as --layout nchw says; read as N x H x W x C they are"
                        + " 1 x 16 x 16: give --layout nhwc)"),
                Arguments.of("fit --layout nhwc on images stored N x C x H x W", 1, fitImages + " --layout nhwc",
                        "--layout nhwc read them as 16 channels of 1 x 16, and read as N x C x H x W they are"
                        + " 1 x 16 x 16: give --layout nchw if they are stored that way"),
                Arguments.of("encode images of another size with a model trained --layout nhwc", 1, "encode --model "
                        + nhwcModel + " --data " + dir.resolve("blobs12.npy") + " --out " + dir.resolve("x10.csv"),
                        "; the model (from " + nhwcModel + ") takes 1 x 16 x 16 (these were read as N x H x W x C, the"
                        + " layout the model was trained with (--layout nhwc))"),
                Arguments.of("a batch larger than the images", 1, "fit --epochs 1 --model conv-lvae --channels 4,8"
                        + " --batch 41 --data " + blobs + out, "--batch 41: " + blobs + " has 40 images; give --batch N"
                        + " with N at most 40 (0: all of them in one batch)"),
                Arguments.of("a batch larger than the rows --limit keeps", 1, fitTable + " --limit 10 --batch 20",
                        "--batch 20: " + table + " has 10 rows (--limit 10); give --batch N with N at most 10"),
                Arguments.of("one image and the default batch", 1, "fit --epochs 1 --model conv-lvae --channels 4,8"
                        + " --limit 1 --data " + blobs + out, blobs + " has 1 image, fewer than conv-lvae's default"
                        + " batch of 100, and the volume penalty needs at least 2 a batch (a standard deviation of one"
                        + " is undefined); give more (--limit 1 keeps one)"),
                Arguments.of("one image and a batch the user gave", 1, "fit --epochs 1 --model conv-lvae --channels 4,8"
                        + " --limit 1 --batch 10 --data " + blobs + out, "--batch 10: " + blobs + " has 1 image, and a run"
                        + " needs at least 2 (its latent analysis takes the spread of each code dimension); give more"
                        + " (--limit 1 keeps 1)"),
                Arguments.of("resume a channels-last run on images stored N x C x H x W", 1, "resume --checkpoint "
                        + nhwcModel + " --epochs 2 --data " + blobs + out, "; the run reads its images as N x H x W x C"
                        + " (it was trained with --layout nhwc), and read as N x C x H x W these are 1 x 16 x 16: store"
                        + " them channels-last, as the training images were"),
                Arguments.of("decode another model's codes, picked out by name", 1, "decode --model " + tableModel
                        + " --data " + config("codes10.csv", "z0,z1,z2,z3,z4,z5,z6,z7,z8,z9\n0,0,0,0,0,0,0,0,0,0\n")
                        + " --out " + dir.resolve("x11.csv"), "codes10.csv has latent columns up to z9, and the model"
                        + " (from " + tableModel + ") has 3 latent dimensions (z0 to z2): these look like another"
                        + " model's codes"),
                Arguments.of("encode a table of the same width under other names", 1, "encode --model " + tableModel
                        + " --data " + config("xyz.csv", "x,y,z\n1,2,3\n") + " --out " + dir.resolve("x12.csv"),
                        "missing: [a, b, c]; give --columns with 3 of the file's columns to take them as the model's,"
                        + " in that order"),
                Arguments.of("hidden widths that no memory holds", 1, fitTable + " --hidden 200000,200000", "most of it is"
                        + " the parameters, which the hidden widths set (--hidden 200000,200000: a layer of widths a then b"
                        + " holds a x b weights): narrower --hidden needs less"),
                Arguments.of("--pad-to far beyond small images", 1, "fit --epochs 1 --model conv-lvae --channels 4,8"
                        + " --batch 2 --pad-to 2048 --limit 2 --data " + blobs + out,
                        "a smaller --pad-to 2048 (images of 2048 x 2048)"),
                Arguments.of("--lambda and a lambda in --regularizer", 1, fitTable + " --lambda 0.1 --regularizer"
                        + " volume:lambda=0.2", "--regularizer volume:lambda=0.2 sets lambda and --lambda 0.1 sets it"
                        + " too: give it in one place"));
    }

    private static Path config(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every run's config.yaml lists every option, the other model's too, at its default: that is no conflict. */
    @org.junit.jupiter.api.Test
    void aRunsOwnConfigFileRunsAgainWhicheverModelItIsFor() {
        for (String run : new String[] {"table-run", "image-run"}) {
            Run again = lva("fit", "--config", dir.resolve(run).resolve("config.yaml").toString(), "--epochs", "1",
                    "--out", dir.resolve(run + "-again").toString());
            assertEquals(0, again.exit(), () -> run + ": " + again);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void saysWhatIsWrongInOneLine(String what, int exit, String commandLine, String message) {
        Run r = lva(commandLine.trim().split("\\s+"));
        assertEquals(exit, r.exit(), () -> what + ": " + r);
        String first = r.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith("lva: ") && first.contains(message), () -> what + ": expected '" + message
                + "' in " + r.err());
        assertFalse(r.out().contains("Usage:"), () -> what + ": printed help as if all were well: " + r.out());
        assertFalse(r.err().contains("Exception"), () -> what + ": " + r.err());
    }

    @org.junit.jupiter.api.Test
    void imagesTrainedWithTheDefaultMlpAreNotedWithTheConvolutionalModelsName() {
        Run r = lva("fit", "--data", blobs.toString(), "--epochs", "1", "--hidden", "4", "--latent", "2", "--out",
                dir.resolve("mlp-on-images").toString());
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.err().startsWith("lva: note: " + blobs + " holds images of 1 x 16 x 16; lvae, the default model,"
                + " takes each as a row of 256 values (--model conv-lvae is the convolutional model for images; --model"
                + " lvae says this is meant)"), r.err());
        Run meant = lva("fit", "--data", blobs.toString(), "--model", "lvae", "--epochs", "1", "--hidden", "4",
                "--latent", "2", "--out", dir.resolve("mlp-on-images-meant").toString());
        assertEquals(0, meant.exit(), meant::toString);
        assertFalse(meant.err().contains("note: "), meant.err());
    }

    @org.junit.jupiter.api.Test
    void aCloseMistakeWithHelpStillGetsAGuess() {
        Run r = lva("fti", "--help");
        assertEquals(Lva.EXIT_USAGE, r.exit());
        assertTrue(r.err().contains("lva: did you mean 'lva fit'?"), r.err());
    }

    /** Under LVA_JAVA_OPTS=-Xmx1g an out-of-memory said the heap was -Xmx512m: it says the heap there is. */
    @org.junit.jupiter.api.Test
    void outOfMemoryStatesTheHeapThisJvmHas() {
        String line = Lva.outOfMemory(new OutOfMemoryError("Java heap space"), 1024L << 20);
        assertTrue(line.startsWith("lva: out of memory (Java heap space): the model or the data does not fit; this"
                + " JVM's heap is at most 1024 MB"), line);
        assertTrue(line.contains("LVA_JAVA_OPTS=-Xmx4g"), line);
    }
}
