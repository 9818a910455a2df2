package dev.lva.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two versions of one plugin in a --plugins folder loaded the first jar's silently (hostile case c19 of
 * docs/hostile/2026-12-07-plugins.md): the jars that list one provider class are named.
 */
class SharedProvidersTest {
    private static final String SERVICE = "META-INF/services/dev.lva.api.plugin.RegularizerProvider";

    @TempDir
    Path dir;

    private Path jar(String name, String services) throws IOException {
        Path p = dir.resolve(name);
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(p))) {
            j.putNextEntry(new JarEntry(SERVICE));
            j.write(services.getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
        }
        return p;
    }

    @Test
    void aProviderClassListedByTwoJarsIsNamedWithBoth() throws IOException {
        Path old = jar("my-volume-1.0.jar", "# the provider\r\nMyVolume\r\n");
        Path newer = jar("my-volume-1.1.jar", "  MyVolume  \nOther\n");
        Path other = jar("other.jar", "Third\n");
        Files.write(dir.resolve("broken.jar"), new byte[] {1, 2, 3});
        assertEquals(List.of("my-volume-1.0.jar and my-volume-1.1.jar both provide MyVolume; my-volume-1.0.jar's is"
                + " loaded, the other is not (remove the version you do not want)"),
                SharedProviders.in(List.of(old, newer, other, dir.resolve("broken.jar"))));
    }

    @Test
    void jarsOfDifferentProvidersAreQuiet() throws IOException {
        assertEquals(List.of(), SharedProviders.in(List.of(jar("a.jar", "A\n"), jar("b.jar", "B\n# A\n"))));
    }
}
