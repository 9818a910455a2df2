package dev.lva.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * lva-bom has no parent (importing it must bring nothing of lva's build), so its version, the
 * versions it pins and its list of modules are written twice; this keeps them equal to the parent
 * pom's, so that a module added to the build or a version raised there cannot be forgotten here.
 */
class BomTest {
    /** Modules a researcher never depends on: the command, benchmarks, tests, the project template, the BOM. */
    static final List<String> NOT_LIBRARIES = List.of("lva-examples", "lva-bench", "lva-it", "lva-plugin-archetype",
            "lva-bom");

    private static Element pom(String relative) throws Exception {
        String r = System.getProperty("lva.root");
        Path root = (r != null ? Path.of(r) : Path.of("..")).toAbsolutePath().normalize();
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(root.resolve(relative).toFile()).getDocumentElement();
    }

    private static String child(Element e, String name) {
        NodeList l = e.getElementsByTagName(name);
        return l.getLength() == 0 ? null : l.item(0).getTextContent().trim();
    }

    private static List<String> texts(Element e, String name) {
        List<String> out = new ArrayList<>();
        NodeList l = e.getElementsByTagName(name);
        for (int i = 0; i < l.getLength(); i++) {
            out.add(l.item(i).getTextContent().trim());
        }
        return out;
    }

    @Test
    void theBomListsEveryLibraryModuleAtTheBuildsVersion() throws Exception {
        Element parent = pom("pom.xml");
        Element bom = pom("lva-bom/pom.xml");
        String version = child(parent, "version");
        assertEquals(version, child(bom, "version"), "lva-bom's own version");
        assertEquals(version, child(bom, "lva.version"), "the version lva-bom pins lva's modules at");

        TreeSet<String> libraries = new TreeSet<>(texts(parent, "module"));
        libraries.removeAll(NOT_LIBRARIES);
        TreeSet<String> pinned = new TreeSet<>(texts(bom, "artifactId"));
        pinned.removeIf(a -> !a.startsWith("lva-") || a.equals("lva-bom"));
        assertEquals(libraries, pinned, "lva modules lva-bom pins against the build's library modules");
    }

    @Test
    void theBomPinsTheVersionsTheBuildUses() throws Exception {
        Element parent = pom("pom.xml");
        Element bom = pom("lva-bom/pom.xml");
        for (String property : List.of("nd4j.version", "openblas.version", "jackson.version", "slf4j.version",
                "commons-io.version", "commons-codec.version")) {
            assertEquals(child(parent, property), child(bom, property), property);
        }
    }
}
