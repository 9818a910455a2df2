package dev.lva.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Provider classes that more than one jar of a {@code --plugins} folder lists in its service files: two
 * versions of one plugin side by side ({@code my-volume-1.0.jar}, {@code my-volume-1.1.jar}). The class
 * loader takes each class from the first jar that has it and ServiceLoader drops the repeated entry, so the
 * other jar's version would be ignored without a word.
 */
final class SharedProviders {
    private static final String SERVICES = "META-INF/services/";

    private SharedProviders() {
    }

    /**
     * One line per provider class listed by several jars, naming the jar whose class loads (the first, in
     * the order given) and the others; none when no class is listed twice. Unreadable jars are skipped (the
     * caller warns about those).
     */
    static List<String> in(List<Path> jars) {
        Map<String, List<String>> byClass = new LinkedHashMap<>();
        for (Path jar : jars) {
            for (String provider : providers(jar)) {
                List<String> holders = byClass.computeIfAbsent(provider, k -> new ArrayList<>());
                String name = jar.getFileName().toString();
                if (!holders.contains(name)) {
                    holders.add(name);
                }
            }
        }
        List<String> lines = new ArrayList<>();
        byClass.forEach((provider, holders) -> {
            if (holders.size() > 1) {
                lines.add(String.join(" and ", holders) + " both provide " + provider + "; " + holders.get(0)
                        + "'s is loaded, the other" + (holders.size() > 2 ? "s are" : " is") + " not (remove the"
                        + " version you do not want)");
            }
        });
        return lines;
    }

    /** The provider class names of every service file of {@code jar} (comments and blank lines aside). */
    private static List<String> providers(Path jar) {
        List<String> out = new ArrayList<>();
        try (JarFile j = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> e = j.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                if (entry.isDirectory() || !entry.getName().startsWith(SERVICES)) {
                    continue;
                }
                try (BufferedReader r = new BufferedReader(new InputStreamReader(j.getInputStream(entry),
                        StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        int hash = line.indexOf('#');
                        String name = (hash < 0 ? line : line.substring(0, hash)).strip();
                        if (!name.isEmpty()) {
                            out.add(name);
                        }
                    }
                }
            }
        } catch (IOException | SecurityException e) {
            return List.of();
        }
        return out;
    }
}
