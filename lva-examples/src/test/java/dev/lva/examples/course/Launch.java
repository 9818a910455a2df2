package dev.lva.examples.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lva.examples.Lva;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/** One in-process run of the {@code lva} command, with what it printed, and checks on its output. */
record Launch(int exitCode, String out, String err) {

    static Launch of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Lva.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Launch(code, out.toString(), err.toString());
    }

    /** Fails with the run's output unless it exited with 0. */
    Launch succeeded() {
        assertEquals(0, exitCode, () -> "exit code " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err);
        return this;
    }

    /** The numbers captured by {@code regex}'s groups on the first line that matches it. */
    double[] numbers(String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(out);
        if (!m.find()) {
            fail("no output line matches /" + regex + "/ in:\n" + out);
        }
        double[] v = new double[m.groupCount()];
        for (int g = 1; g <= v.length; g++) {
            v[g - 1] = Double.parseDouble(m.group(g));
        }
        return v;
    }

    double number(String regex) {
        return numbers(regex)[0];
    }

    /** Lines starting with {@code prefix}. */
    List<String> lines(String prefix) {
        List<String> found = new ArrayList<>();
        for (String line : out.split("\\R")) {
            if (line.startsWith(prefix)) {
                found.add(line);
            }
        }
        return found;
    }

    /** A float in printed form, for the regexes. */
    static final String NUM = "(-?[0-9.]+(?:[eE][-+]?[0-9]+)?)";

    /** Fails unless {@code file} is a readable PNG image of positive size. */
    static void assertPng(Path file) {
        assertTrue(Files.isRegularFile(file), () -> file + " was not written");
        try {
            assertTrue(Files.size(file) > 0, () -> file + " is empty");
            BufferedImage image = ImageIO.read(file.toFile());
            assertNotNull(image, () -> file + " is not an image ImageIO can read");
            assertTrue(image.getWidth() > 0 && image.getHeight() > 0, () -> file + " has no pixels");
        } catch (IOException e) {
            fail("cannot read " + file + ": " + e);
        }
    }

    static void assertPngs(Path dir, String... names) {
        for (String n : names) {
            assertPng(dir.resolve(n));
        }
    }
}
