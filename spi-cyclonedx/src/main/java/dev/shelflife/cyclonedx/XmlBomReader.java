package dev.shelflife.cyclonedx;

import static dev.shelflife.cyclonedx.Bom.addValue;
import static dev.shelflife.cyclonedx.Bom.value;

import dev.shelflife.Problem;
import dev.shelflife.ReportLocation;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.cyclonedx.Bom.AffectEntry;
import dev.shelflife.cyclonedx.Bom.AnalysisEntry;
import dev.shelflife.cyclonedx.Bom.ComponentEntry;
import dev.shelflife.cyclonedx.Bom.Property;
import dev.shelflife.cyclonedx.Bom.RatingEntry;
import dev.shelflife.cyclonedx.Bom.Text;
import dev.shelflife.cyclonedx.Bom.Tool;
import dev.shelflife.cyclonedx.Bom.VersionEntry;
import dev.shelflife.cyclonedx.Bom.VulnerabilityEntry;
import dev.shelflife.spi.ReportSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.namespace.QName;

/**
 * Reads a CycloneDX XML document into a {@link Bom}, element by element with an {@link XmlCursor}.
 *
 * <p>The root element's namespace gives the spec version. Elements of other namespaces are
 * skipped, except the 1.0 vulnerability extension that spec 1.2 and 1.3 documents nest inside
 * components: each {@code v:vulnerability} there affects the component it is nested in (its
 * {@code ref} attribute, which Grype filled with a fresh UUID, is not used).
 */
final class XmlBomReader {

    static final String FORMAT = "cyclonedx-xml";
    private static final String EXTENSION = CycloneDxSpec.VULNERABILITY_EXTENSION;
    private static final String EXTENSION_VULNERABILITIES = new QName(EXTENSION, "vulnerabilities").toString();

    private final XmlCursor cursor;
    private final Bom bom;
    private String namespace;

    private XmlBomReader(XmlCursor cursor, Bom bom) {
        this.cursor = cursor;
        this.bom = bom;
    }

    static Bom read(ReportSource source) {
        try (XmlCursor cursor = XmlCursor.open(source)) {
            return new XmlBomReader(cursor, new Bom(source.limits())).document();
        }
    }

    private Bom document() {
        QName root = cursor.root();
        ReportLocation at = cursor.location();
        String version = CycloneDxSpec.versionOfNamespace(root.getNamespaceURI())
                .filter(v -> root.getLocalPart().equals("bom"))
                .orElseThrow(
                        () -> new UnsupportedReportException(at, "not a CycloneDX BOM: the root element is " + root));
        bom.specVersion(CycloneDxSpec.require(version, at));
        namespace = root.getNamespaceURI();
        bom.serialNumber(cursor.attribute("serialNumber"));
        fields(
                namespace,
                Set.of(),
                Map.of(
                        "metadata", this::metadata,
                        "components", () -> each("component", () -> bom.components(component())),
                        "vulnerabilities", () -> each("vulnerability", () -> bom.vulnerability(vulnerability()))));
        cursor.requireEnd();
        return bom;
    }

    private void metadata() {
        fields(
                namespace,
                Set.of(),
                Map.of(
                        "timestamp", () -> bom.timestamp(text()),
                        "tools", this::tools,
                        "component", () -> bom.subject(component().get(0))));
    }

    /** The legacy {@code tool} elements, or the 1.5 {@code components} and {@code services}. */
    private void tools() {
        fields(
                namespace,
                Set.of(),
                Map.of(
                        "tool", () -> bom.tool(tool()),
                        "components", () -> each("component", () -> bom.tool(tool())),
                        "services", () -> each("service", () -> bom.tool(tool()))));
    }

    private Tool tool() {
        Map<String, Text> tool = fields(namespace, Set.of("name", "version"), Map.of());
        return new Tool(value(tool, "name"), value(tool, "version"));
    }

    /** The component the cursor is on, followed by the components nested in it, in document order. */
    private List<ComponentEntry> component() {
        ReportLocation at = cursor.location();
        String ref = cursor.attribute("bom-ref");
        String type = cursor.attribute("type");
        List<Property> properties = new ArrayList<>();
        List<ComponentEntry> nested = new ArrayList<>();
        List<VulnerabilityEntry> extension = new ArrayList<>();
        Map<String, Text> component = fields(
                namespace,
                Set.of("group", "name", "version", "purl"),
                Map.of(
                        "properties",
                        () -> each(
                                "property",
                                () -> properties.add(new Property(cursor.attribute("name"), cursor.text()))),
                        "components",
                        () -> each("component", () -> nested.addAll(component())),
                        EXTENSION_VULNERABILITIES,
                        () -> each(EXTENSION, "vulnerability", () -> extension.add(extensionVulnerability()))));
        ComponentEntry entry = new ComponentEntry(
                ref,
                type,
                value(component, "group"),
                value(component, "name"),
                value(component, "version"),
                value(component, "purl"),
                properties,
                at);
        for (VulnerabilityEntry vulnerability : extension) {
            bom.vulnerability(vulnerability.affecting(new AffectEntry(null, entry, List.of(), vulnerability.at())));
        }
        List<ComponentEntry> all = new ArrayList<>();
        all.add(entry);
        all.addAll(nested);
        return all;
    }

    private VulnerabilityEntry vulnerability() {
        ReportLocation at = cursor.location();
        Map<String, Text> source = new HashMap<>();
        List<String> references = new ArrayList<>();
        List<RatingEntry> ratings = new ArrayList<>();
        List<String> cwes = new ArrayList<>();
        List<String> advisories = new ArrayList<>();
        List<AnalysisEntry> analysis = new ArrayList<>(1);
        List<AffectEntry> affects = new ArrayList<>();
        Map<String, Text> vulnerability = fields(
                namespace,
                Set.of("id", "published", "updated"),
                Map.of(
                        "source", () -> source.putAll(fields(namespace, Set.of("name", "url"), Map.of())),
                        "references",
                                () -> each(
                                        "reference",
                                        () -> addValue(references, fields(namespace, Set.of("id"), Map.of()), "id")),
                        "ratings", () -> each("rating", () -> ratings.add(rating())),
                        "cwes", () -> each("cwe", () -> addText(cwes)),
                        "advisories",
                                () -> each(
                                        "advisory",
                                        () -> addValue(advisories, fields(namespace, Set.of("url"), Map.of()), "url")),
                        "analysis", () -> analysis.add(analysis()),
                        "affects", () -> each("target", () -> affects.add(affect()))));
        return new VulnerabilityEntry(
                vulnerability.get("id"),
                value(source, "name"),
                value(source, "url"),
                references,
                ratings,
                cwes,
                advisories,
                vulnerability.get("published"),
                vulnerability.get("updated"),
                analysis.isEmpty() ? null : analysis.get(0),
                affects,
                at);
    }

    private RatingEntry rating() {
        Map<String, Text> source = new HashMap<>();
        Map<String, Text> rating = fields(
                namespace,
                Set.of("severity", "score", "method", "vector"),
                Map.of("source", () -> source.putAll(fields(namespace, Set.of("name"), Map.of()))));
        return new RatingEntry(
                value(source, "name"),
                rating.get("severity"),
                rating.get("score"),
                value(rating, "method"),
                value(rating, "vector"));
    }

    private AnalysisEntry analysis() {
        ReportLocation at = cursor.location();
        List<Text> responses = new ArrayList<>();
        Map<String, Text> analysis = fields(
                namespace,
                Set.of("state", "justification", "detail", "firstIssued", "lastUpdated"),
                Map.of(
                        "responses",
                        () -> each("response", () -> {
                            Text response = text();
                            if (response != null) {
                                responses.add(response);
                            }
                        })));
        return new AnalysisEntry(
                analysis.get("state"),
                analysis.get("justification"),
                responses,
                value(analysis, "detail"),
                analysis.get("firstIssued"),
                analysis.get("lastUpdated"),
                at);
    }

    private AffectEntry affect() {
        ReportLocation at = cursor.location();
        List<VersionEntry> versions = new ArrayList<>();
        Map<String, Text> affect = fields(
                namespace,
                Set.of("ref"),
                Map.of(
                        "versions",
                        () -> each("version", () -> {
                            Map<String, Text> version =
                                    fields(namespace, Set.of("version", "range", "status"), Map.of());
                            versions.add(new VersionEntry(
                                    value(version, "version"), value(version, "range"), version.get("status")));
                        })));
        return new AffectEntry(value(affect, "ref"), null, versions, at);
    }

    /** A {@code v:vulnerability} of the 1.0 extension; it affects the component it is nested in, which the caller adds. */
    private VulnerabilityEntry extensionVulnerability() {
        ReportLocation at = cursor.location();
        Map<String, Text> source = new HashMap<>();
        List<RatingEntry> ratings = new ArrayList<>();
        List<String> cwes = new ArrayList<>();
        List<String> advisories = new ArrayList<>();
        Map<String, Text> vulnerability = fields(
                EXTENSION,
                Set.of("id"),
                Map.of(
                        "source",
                                () -> {
                                    String name = cursor.attribute("name");
                                    source.putAll(fields(EXTENSION, Set.of("url"), Map.of()));
                                    if (name != null) {
                                        source.put("name", new Text(name, at));
                                    }
                                },
                        "ratings", () -> each(EXTENSION, "rating", () -> ratings.add(extensionRating())),
                        "cwes", () -> each(EXTENSION, "cwe", () -> addText(cwes)),
                        "advisories", () -> each(EXTENSION, "advisory", () -> addText(advisories))));
        return new VulnerabilityEntry(
                vulnerability.get("id"),
                value(source, "name"),
                value(source, "url"),
                List.of(),
                ratings,
                cwes,
                advisories,
                null,
                null,
                null,
                List.of(),
                at);
    }

    private RatingEntry extensionRating() {
        Map<String, Text> score = new HashMap<>();
        Map<String, Text> rating = fields(
                EXTENSION,
                Set.of("severity", "method", "vector"),
                Map.of("score", () -> score.putAll(fields(EXTENSION, Set.of("base"), Map.of()))));
        return new RatingEntry(
                null, rating.get("severity"), score.get("base"), value(rating, "method"), value(rating, "vector"));
    }

    /**
     * Walks the children of the element the cursor is on: the text of the scalar children it
     * names, with their locations, and the children it has a handler for; the rest is skipped.
     * Children of the given namespace go by their local name, others by {@code {namespace}name}.
     * Empty text counts as absent; a scalar given twice is an error, as a duplicate key is in JSON.
     *
     * @return the scalars that are present, by name
     */
    private Map<String, Text> fields(String elementNamespace, Set<String> scalars, Map<String, Runnable> handlers) {
        Map<String, Text> values = new HashMap<>();
        cursor.forEachChild(child -> {
            String name = child.getNamespaceURI().equals(elementNamespace) ? child.getLocalPart() : child.toString();
            Runnable handler = handlers.get(name);
            if (handler != null) {
                handler.run();
            } else if (scalars.contains(name)) {
                if (values.containsKey(name)) {
                    throw cursor.failure("duplicate element " + name);
                }
                Text value = text();
                if (value != null) {
                    values.put(name, value);
                }
            } else {
                spelledOtherwise(child, elementNamespace, scalars, handlers);
                cursor.skip();
            }
        });
        return values;
    }

    /**
     * Reports an element of the document's namespace whose name spells one the reader reads here
     * in another case ({@code <Vulnerabilities>} for {@code <vulnerabilities>}): XML names are case
     * sensitive, so it is not read, and what it holds would be lost without a word.
     */
    private void spelledOtherwise(
            QName child, String elementNamespace, Set<String> scalars, Map<String, Runnable> handlers) {
        if (!child.getNamespaceURI().equals(elementNamespace)) {
            return;
        }
        String name = child.getLocalPart();
        Stream.concat(scalars.stream(), handlers.keySet().stream())
                .filter(known -> !known.equals(name) && known.equalsIgnoreCase(name))
                .findFirst()
                .ifPresent(known -> bom.problem(new Problem(
                        Problem.Kind.IGNORED_VALUE,
                        "<" + name + "> is not <" + known
                                + ">, the element CycloneDX has here: it was not read, and the entries or values it"
                                + " holds are missing",
                        cursor.location())));
    }

    /** Calls the reader per child element of the given name in the document's namespace; skips the others. */
    private void each(String name, Runnable reader) {
        each(namespace, name, reader);
    }

    private void each(String elementNamespace, String name, Runnable reader) {
        fields(elementNamespace, Set.of(), Map.of(name, reader));
    }

    /** Adds the text of the element the cursor is on, unless it is empty. */
    private void addText(List<String> list) {
        Text value = text();
        if (value != null) {
            list.add(value.value());
        }
    }

    /** The text of the element the cursor is on with its location, or {@code null} if it is empty. */
    private Text text() {
        ReportLocation at = cursor.location();
        String value = cursor.text();
        return value.isEmpty() ? null : new Text(value, at);
    }
}
