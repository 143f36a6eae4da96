package dev.shelflife.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Keeps {@code shelflife-bom} aligned with the build: it has no parent (importing it must not
 * bring the build's conventions), so it carries its own copy of the JUnit and Jackson versions,
 * and this test fails when a copy falls behind the parent's. The testkit runs it because it is
 * what brings JUnit to a user's tests.
 */
class ShelfLifeBomTest {

    private static final Path PARENT = Path.of("../pom.xml");
    private static final Path BOM = Path.of("../bom/pom.xml");

    /** Each property the BOM must share with the parent, and the BOM it versions. */
    private static final Map<String, String> ALIGNED = Map.of(
            "junit.version", "org.junit:junit-bom",
            "jackson.version", "com.fasterxml.jackson:jackson-bom");

    @Test
    void carriesTheJunitAndJacksonVersionsOfTheBuild() throws Exception {
        assertThat(misalignments(PARENT, BOM)).isEmpty();
    }

    @Test
    void failsWhenTheBomFallsBehindTheBuild(@TempDir Path dir) throws Exception {
        Path stale = dir.resolve("pom.xml");
        Files.writeString(stale, Files.readString(BOM).replaceFirst("<junit.version>[^<]*<", "<junit.version>5.10.0<"));

        assertThat(misalignments(PARENT, stale))
                .singleElement()
                .asString()
                .startsWith("the BOM's junit.version is 5.10.0, the build's is ")
                .doesNotEndWith("5.10.0");
    }

    @Test
    void failsWhenTheBomNoLongerImportsJacksonBom(@TempDir Path dir) throws Exception {
        Path without = dir.resolve("pom.xml");
        Files.writeString(without, Files.readString(BOM).replace("<artifactId>jackson-bom<", "<artifactId>jackson<"));

        assertThat(misalignments(PARENT, without))
                .containsExactly("the BOM does not import com.fasterxml.jackson:jackson-bom at ${jackson.version}");
    }

    /** What keeps the BOM from aligning JUnit and Jackson as the build does, one line each. */
    private static List<String> misalignments(Path parent, Path bom) throws Exception {
        Document build = read(parent);
        Document ours = read(bom);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> aligned : ALIGNED.entrySet()) {
            String property = aligned.getKey();
            Optional<String> expected = property(build, property);
            Optional<String> actual = property(ours, property);
            if (expected.isEmpty()) {
                problems.add("the build has no property " + property);
            } else if (!expected.equals(actual)) {
                problems.add("the BOM's " + property + " is " + actual.orElse("missing") + ", the build's is "
                        + expected.get());
            }
            if (!imports(ours, aligned.getValue(), "${" + property + "}")) {
                problems.add("the BOM does not import " + aligned.getValue() + " at ${" + property + "}");
            }
        }
        problems.sort(null);
        return problems;
    }

    private static Document read(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setNamespaceAware(false);
        try {
            return factory.newDocumentBuilder().parse(pom.toFile());
        } catch (IOException e) {
            throw new AssertionError("cannot read " + pom.toAbsolutePath().normalize(), e);
        }
    }

    private static Optional<String> property(Document pom, String name) {
        return child(pom.getDocumentElement(), "properties")
                .flatMap(properties -> child(properties, name))
                .map(e -> e.getTextContent().trim());
    }

    private static boolean imports(Document pom, String coordinates, String version) {
        Optional<Element> dependencies = child(pom.getDocumentElement(), "dependencyManagement")
                .flatMap(management -> child(management, "dependencies"));
        if (dependencies.isEmpty()) {
            return false;
        }
        NodeList nodes = dependencies.get().getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element dependency
                    && coordinates.equals(text(dependency, "groupId") + ":" + text(dependency, "artifactId"))
                    && version.equals(text(dependency, "version"))
                    && "pom".equals(text(dependency, "type"))
                    && "import".equals(text(dependency, "scope"))) {
                return true;
            }
        }
        return false;
    }

    private static String text(Element parent, String name) {
        return child(parent, name).map(e -> e.getTextContent().trim()).orElse("");
    }

    private static Optional<Element> child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return Optional.of(element);
            }
        }
        return Optional.empty();
    }
}
