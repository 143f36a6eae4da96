package dev.shelflife.cyclonedx;

import dev.shelflife.Problem;
import dev.shelflife.ReportLocation;
import dev.shelflife.ReportParseException;
import dev.shelflife.spi.ReadLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one CycloneDX document says, in the same shape whether it was JSON or XML: the parts of
 * the BOM ShelfLife uses, each value with the location it came from, so that the mapper can name
 * the place of everything it coerces or ignores.
 *
 * <p>The JSON and XML readers fill it while they stream; the mapper reads it once the whole
 * document is in, because a vulnerability may refer to a component that comes after it, unless the
 * reader has seen everything a vulnerability can refer to before the first one: then each
 * vulnerability goes to the mapper as it is read ({@link #mapAsRead(BomMapper)}) and is not kept.
 * Only the extracted values are kept, never a tree of the document. The records are the DTOs of this
 * adapter: their fields are {@code null} when the document leaves a value out, and the mapper ends
 * that there.
 */
final class Bom {

    /** A scalar as written, with where it was written. */
    record Text(String value, ReportLocation at) {
        Text {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(at, "at");
        }
    }

    /** A tool of {@code metadata.tools}, in the legacy or the 1.5 component form. */
    record Tool(String name, String version) {}

    /** A {@code name}/{@code value} property of a component. */
    record Property(String name, String value) {}

    /** A component, of {@code components} (nested ones too) or {@code metadata.component}. */
    record ComponentEntry(
            String ref,
            String type,
            String group,
            String name,
            String version,
            String purl,
            List<Property> properties,
            ReportLocation at) {
        ComponentEntry {
            properties = List.copyOf(properties);
        }

        /** The values of every property of that name, in document order. */
        List<String> property(String propertyName) {
            return properties.stream()
                    .filter(p -> propertyName.equals(p.name()) && p.value() != null)
                    .map(Property::value)
                    .toList();
        }
    }

    /** One rating of a vulnerability; in the 1.2 extension, {@code v:score/v:base} is the score. */
    record RatingEntry(String source, Text severity, Text score, String method, String vector) {}

    /** The VEX part of a vulnerability. */
    record AnalysisEntry(
            Text state,
            Text justification,
            List<Text> responses,
            String detail,
            Text firstIssued,
            Text lastUpdated,
            ReportLocation at) {
        AnalysisEntry {
            responses = List.copyOf(responses);
        }
    }

    /** One {@code affects[].versions[]} entry: a version or a range, and its status. */
    record VersionEntry(String version, String range, Text status) {}

    /**
     * One {@code affects} entry: a reference to a component, or, for the 1.2 vulnerability
     * extension, the component the vulnerability is nested in.
     */
    record AffectEntry(String ref, ComponentEntry component, List<VersionEntry> versions, ReportLocation at) {
        AffectEntry {
            versions = List.copyOf(versions);
        }
    }

    /** One vulnerability with the components it affects; each affects entry is one raw entry. */
    record VulnerabilityEntry(
            Text id,
            String sourceName,
            String sourceUrl,
            List<String> references,
            List<RatingEntry> ratings,
            List<String> cwes,
            List<String> advisories,
            Text published,
            Text updated,
            AnalysisEntry analysis,
            List<AffectEntry> affects,
            ReportLocation at) {
        VulnerabilityEntry {
            references = List.copyOf(references);
            ratings = List.copyOf(ratings);
            cwes = List.copyOf(cwes);
            advisories = List.copyOf(advisories);
            affects = List.copyOf(affects);
        }

        /** A copy that affects one component: the 1.2 extension's vulnerabilities learn theirs last. */
        VulnerabilityEntry affecting(AffectEntry affect) {
            return new VulnerabilityEntry(
                    id,
                    sourceName,
                    sourceUrl,
                    references,
                    ratings,
                    cwes,
                    advisories,
                    published,
                    updated,
                    analysis,
                    List.of(affect),
                    at);
        }
    }

    /**
     * The value of a scalar that a reader collected by name.
     *
     * @return the value, or {@code null} if the document left it out
     */
    static String value(Map<String, Text> values, String name) {
        Text text = values.get(name);
        return text == null ? null : text.value();
    }

    /** Adds the value of a scalar that a reader collected by name, if the document has it. */
    static void addValue(List<String> list, Map<String, Text> values, String name) {
        String value = value(values, name);
        if (value != null) {
            list.add(value);
        }
    }

    private final ReadLimits limits;
    private String specVersion;
    private String serialNumber;
    private Text timestamp;
    private final List<Tool> tools = new ArrayList<>();
    private ComponentEntry subject;
    private final List<ComponentEntry> components = new ArrayList<>();
    private final List<VulnerabilityEntry> vulnerabilities = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private int entries;
    private BomMapper mapper;
    private ReportLocation firstVulnerability;
    private boolean allAnalysed = true;
    private boolean decides;

    Bom(ReadLimits limits) {
        this.limits = limits;
    }

    void specVersion(String value) {
        specVersion = value;
    }

    String specVersion() {
        return specVersion;
    }

    void serialNumber(String value) {
        serialNumber = value;
    }

    String serialNumber() {
        return serialNumber;
    }

    void timestamp(Text value) {
        timestamp = value;
    }

    Text timestamp() {
        return timestamp;
    }

    void tool(Tool value) {
        tools.add(value);
    }

    List<Tool> tools() {
        return tools;
    }

    /** @param value {@code metadata.component}, what the BOM describes */
    void subject(ComponentEntry value) {
        subject = value;
    }

    ComponentEntry subject() {
        return subject;
    }

    void components(List<ComponentEntry> values) {
        components.addAll(values);
    }

    List<ComponentEntry> components() {
        return components;
    }

    /**
     * From now on, hands each vulnerability to the mapper instead of keeping it: the reader has
     * read everything a vulnerability can refer to.
     *
     * @param value the mapper, which indexes the components now
     */
    void mapAsRead(BomMapper value) {
        value.start();
        mapper = value;
    }

    /**
     * Adds a vulnerability and counts its affects entries against the entry limit.
     *
     * @throws ReportParseException if the document holds more entries than the limits allow
     */
    void vulnerability(VulnerabilityEntry value) {
        entries += value.affects().size();
        if (entries > limits.maxEntries()) {
            throw new ReportParseException(
                    value.at(),
                    "limit exceeded: more than " + limits.maxEntries()
                            + " vulnerability entries (affects entries, ReadLimits.maxEntries)");
        }
        if (firstVulnerability == null) {
            firstVulnerability = value.at();
        }
        AnalysisEntry analysis = value.analysis();
        allAnalysed &= analysis != null;
        decides |= analysis != null
                && (analysis.state() == null
                        || !"in_triage"
                                .equalsIgnoreCase(analysis.state().value().strip()));
        if (mapper != null) {
            mapper.vulnerability(value);
        } else {
            vulnerabilities.add(value);
        }
    }

    /** @return the vulnerabilities kept, in document order: none that went to the mapper as they were read */
    List<VulnerabilityEntry> vulnerabilities() {
        return vulnerabilities;
    }

    /** @return where the first vulnerability of the document is, or {@code null} if it has none */
    ReportLocation firstVulnerability() {
        return firstVulnerability;
    }

    /**
     * Whether the document has vulnerabilities, kept or mapped as they were read: with
     * {@link #allAnalysed()} and {@link #decides()}, what {@link BomMapper#kindOf(Bom)} judges by.
     *
     * @return whether it has at least one
     */
    boolean hasVulnerabilities() {
        return firstVulnerability != null;
    }

    /** @return whether every vulnerability has an {@code analysis} */
    boolean allAnalysed() {
        return allAnalysed;
    }

    /** @return whether an analysis decides something: a state other than {@code in_triage}, or none */
    boolean decides() {
        return decides;
    }

    /**
     * Records what the reader found about the document's keys: a key spelled otherwise than
     * CycloneDX spells it, or another format's entries.
     *
     * @param problem the problem
     */
    void problem(Problem problem) {
        problems.add(problem);
    }

    /** The problems the reader found, in document order. */
    List<Problem> problems() {
        return problems;
    }
}
