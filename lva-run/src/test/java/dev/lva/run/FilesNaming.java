package dev.lva.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Which files of a folder hold a text (a path that must not be there), zip entries read uncompressed. */
public final class FilesNaming {
    private FilesNaming() {
    }

    /**
     * The files of {@code folder} (and the entries of its zip files, uncompressed) whose bytes hold
     * {@code text}, as {@code file} or {@code file!entry}.
     */
    public static List<String> in(Path folder, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        List<String> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                String name = folder.relativize(p).toString();
                if (contains(Files.readAllBytes(p), needle)) {
                    found.add(name);
                }
                if (name.endsWith(".zip")) {
                    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(p))) {
                        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                            if (contains(readAll(zip), needle)) {
                                found.add(name + "!" + e.getName());
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
