package dev.shelflife.cyclonedx;

import com.fasterxml.jackson.core.JsonToken;
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
import dev.shelflife.json.JsonCursor;
import dev.shelflife.spi.ReportSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads a CycloneDX JSON document into a {@link Bom}, token by token with the shared
 * {@link JsonCursor}: its limits apply to every value, the skipped ones too, and every failure
 * names the line, column and JSON pointer.
 *
 * <p>Each object is read by a switch over its keys into locals, with no map of its values: a
 * large report has tens of thousands of vulnerabilities of a dozen keys each. When the document
 * has written its {@code metadata}, {@code serialNumber} and {@code components} before its
 * {@code vulnerabilities}, as Trivy, Grype and Syft do, every vulnerability goes to the mapper
 * as soon as it is read and is not kept; otherwise they wait in the {@link Bom} for the end of
 * the document, since a vulnerability may refer to a component that comes after it.
 *
 * <p>Enumerated values (severities, states, statuses) are read as text; the mapper decides what
 * it does not know, one value at a time, so an unknown value never costs its siblings. Only the
 * values the mapper may report on are read with their location; of the most frequent ones (a
 * rating's severity and score, a version's status), only those the mapper will report on, by the
 * mapper's own test.
 */
final class JsonBomReader {

    static final String FORMAT = "cyclonedx-json";
    private static final String BOM_FORMAT = "CycloneDX";

    /** The top-level keys the reader reads. */
    private static final Set<String> TOP_LEVEL =
            Set.of("bomFormat", "specVersion", "serialNumber", "metadata", "components", "vulnerabilities");

    private static final Set<String> METADATA = Set.of("timestamp", "tools", "component");
    private static final Set<String> TOOLS = Set.of("components", "services");
    private static final Set<String> NAME_VERSION = Set.of("name", "version");
    private static final Set<String> COMPONENT =
            Set.of("bom-ref", "type", "group", "name", "version", "purl", "properties", "components");
    private static final Set<String> PROPERTY = Set.of("name", "value");
    private static final Set<String> VULNERABILITY = Set.of(
            "id",
            "published",
            "updated",
            "source",
            "references",
            "ratings",
            "cwes",
            "advisories",
            "analysis",
            "affects");
    private static final Set<String> SOURCE = Set.of("name", "url");
    private static final Set<String> ID = Set.of("id");
    private static final Set<String> URL = Set.of("url");
    private static final Set<String> RATING = Set.of("severity", "score", "method", "vector", "source");
    private static final Set<String> NAME = Set.of("name");
    private static final Set<String> ANALYSIS =
            Set.of("state", "justification", "detail", "firstIssued", "lastUpdated", "response");
    private static final Set<String> AFFECT = Set.of("ref", "versions");
    private static final Set<String> VERSION = Set.of("version", "range", "status");

    private final JsonCursor cursor;
    private final Bom bom;
    private final BomMapper mapper;
    /** Where a value the mapper will not report on is: only the file, never shown. */
    private final ReportLocation unreported;

    private boolean isCycloneDx;
    private boolean metadataRead;
    private boolean serialNumberRead;
    private boolean componentsRead;

    private JsonBomReader(JsonCursor cursor, Bom bom, BomMapper mapper) {
        this.cursor = cursor;
        this.bom = bom;
        this.mapper = mapper;
        this.unreported = ReportLocation.of(cursor.sourceName());
        cursor.reportProblemsTo(bom::problem);
    }

    /**
     * Reads a document whole: every vulnerability waits in the BOM.
     *
     * @param source the document
     * @return what it says
     */
    static Bom read(ReportSource source) {
        Bom bom = new Bom(source.limits());
        read(source, bom, null);
        return bom;
    }

    /**
     * Reads a document into a BOM, handing its vulnerabilities to the mapper as they are read
     * when the document's order allows it.
     *
     * @param source the document
     * @param bom where what it says goes
     * @param mapper the mapper of the vulnerabilities, or {@code null} to keep them all in the BOM
     */
    static void read(ReportSource source, Bom bom, BomMapper mapper) {
        try (JsonCursor cursor = JsonCursor.open(source)) {
            new JsonBomReader(cursor, bom, mapper).document();
        }
    }

    private void document() {
        cursor.firstToken();
        ReportLocation start = cursor.location();
        cursor.require(JsonToken.START_OBJECT, "a CycloneDX BOM");
        cursor.forEachField(this::topLevel);
        cursor.requireEnd();
        if (!isCycloneDx) {
            throw new UnsupportedReportException(
                    start, "not a CycloneDX BOM: no \"bomFormat\": \"" + BOM_FORMAT + "\"");
        }
        if (bom.specVersion() == null) {
            throw new UnsupportedReportException(start, "CycloneDX BOM without a \"specVersion\"");
        }
    }

    private void topLevel(String name) {
        switch (name) {
            case "bomFormat" -> {
                Text format = text();
                if (format == null || !format.value().equals(BOM_FORMAT)) {
                    throw new UnsupportedReportException(
                            cursor.location(),
                            "not a CycloneDX BOM: \"bomFormat\" is "
                                    + (format == null ? "null" : "\"" + format.value() + "\""));
                }
                isCycloneDx = true;
            }
            case "specVersion" -> {
                Text version = text();
                bom.specVersion(CycloneDxSpec.require(version == null ? "null" : version.value(), cursor.location()));
            }
            case "serialNumber" -> {
                bom.serialNumber(cursor.text());
                serialNumberRead = true;
            }
            case "metadata" -> {
                if (isObject()) {
                    cursor.forEachField(this::metadata);
                }
                metadataRead = true;
            }
            case "components" -> {
                if (isArray()) {
                    cursor.forEachElement(index -> {
                        if (isObject()) {
                            component(bom.components());
                        }
                    });
                }
                componentsRead = true;
            }
            case "vulnerabilities" -> {
                if (mapper != null && metadataRead && serialNumberRead && componentsRead) {
                    // Everything a vulnerability can refer to is in: map each one as it is read.
                    bom.mapAsRead(mapper);
                }
                if (isArray()) {
                    cursor.forEachElement(index -> {
                        if (isObject()) {
                            bom.vulnerability(vulnerability());
                        }
                    });
                }
            }
            // A key spelled like one CycloneDX has here, or another format's entries, are reported.
            default -> cursor.skipUnread(name, TOP_LEVEL);
        }
    }

    private void metadata(String name) {
        switch (name) {
            case "timestamp" -> bom.timestamp(text());
            case "tools" -> tools();
            case "component" -> {
                if (isObject()) {
                    // The subject's nested components are not read into the index.
                    List<ComponentEntry> subject = new ArrayList<>(1);
                    component(subject);
                    bom.subject(subject.get(0));
                }
            }
            default -> cursor.skipUnread(name, METADATA);
        }
    }

    /** The legacy array of tools, or the 1.5 object of {@code components} and {@code services}. */
    private void tools() {
        if (cursor.currentToken() == JsonToken.START_OBJECT) {
            cursor.forEachField(name -> {
                if (TOOLS.contains(name)) {
                    toolArray();
                } else {
                    cursor.skipUnread(name, TOOLS);
                }
            });
        } else {
            toolArray();
        }
    }

    private void toolArray() {
        if (isArray()) {
            cursor.forEachElement(index -> {
                if (isObject()) {
                    String[] tool = new String[2];
                    cursor.forEachField(name -> {
                        switch (name) {
                            case "name" -> tool[0] = string();
                            case "version" -> tool[1] = string();
                            default -> cursor.skipUnread(name, NAME_VERSION);
                        }
                    });
                    bom.tool(new Tool(tool[0], tool[1]));
                }
            });
        }
    }

    /**
     * Adds the component the cursor is on, followed by the components nested in it, in document
     * order, to a list.
     */
    private void component(List<ComponentEntry> into) {
        ReportLocation at = cursor.location();
        ComponentFields component = new ComponentFields();
        int index = into.size();
        into.add(null);
        cursor.forEachField(name -> {
            switch (name) {
                case "bom-ref" -> component.ref = string();
                case "type" -> component.type = string();
                case "group" -> component.group = string();
                case "name" -> component.name = string();
                case "version" -> component.version = string();
                case "purl" -> component.purl = string();
                case "properties" -> {
                    if (isArray()) {
                        cursor.forEachElement(i -> {
                            if (isObject()) {
                                component.properties.add(property());
                            }
                        });
                    }
                }
                case "components" -> {
                    if (isArray()) {
                        cursor.forEachElement(i -> {
                            if (isObject()) {
                                component(into);
                            }
                        });
                    }
                }
                default -> cursor.skipUnread(name, COMPONENT);
            }
        });
        into.set(
                index,
                new ComponentEntry(
                        component.ref,
                        component.type,
                        component.group,
                        component.name,
                        component.version,
                        component.purl,
                        component.properties,
                        at));
    }

    /** The scalars of one component, as they are read. */
    private static final class ComponentFields {
        String ref;
        String type;
        String group;
        String name;
        String version;
        String purl;
        final List<Property> properties = new ArrayList<>();
    }

    private Property property() {
        String[] property = new String[2];
        cursor.forEachField(name -> {
            switch (name) {
                case "name" -> property[0] = string();
                case "value" -> property[1] = string();
                default -> cursor.skipUnread(name, PROPERTY);
            }
        });
        return new Property(property[0], property[1]);
    }

    private VulnerabilityEntry vulnerability() {
        VulnerabilityFields vulnerability = new VulnerabilityFields(cursor.location());
        cursor.forEachField(vulnerability::field);
        return vulnerability.entry();
    }

    /** The values of one vulnerability, as they are read. */
    private final class VulnerabilityFields {
        private final ReportLocation at;
        private Text id;
        private Text published;
        private Text updated;
        private String sourceName;
        private String sourceUrl;
        private final List<String> references = new ArrayList<>();
        private final List<RatingEntry> ratings = new ArrayList<>();
        private final List<String> cwes = new ArrayList<>();
        private final List<String> advisories = new ArrayList<>();
        private AnalysisEntry analysis;
        private final List<AffectEntry> affects = new ArrayList<>(1);

        VulnerabilityFields(ReportLocation at) {
            this.at = at;
        }

        void field(String name) {
            switch (name) {
                // The mapper names no problem by the id's place: by the vulnerability's.
                case "id" -> id = checked(value -> true);
                case "published" -> published = text();
                case "updated" -> updated = text();
                case "source" -> {
                    if (isObject()) {
                        cursor.forEachField(key -> {
                            switch (key) {
                                case "name" -> sourceName = string();
                                case "url" -> sourceUrl = string();
                                default -> cursor.skipUnread(key, SOURCE);
                            }
                        });
                    }
                }
                case "references" -> eachObject(() -> addIfPresent(references, single("id", ID)));
                case "ratings" -> eachObject(() -> ratings.add(rating()));
                case "cwes" -> {
                    if (isArray()) {
                        cursor.forEachElement(index -> addIfPresent(cwes, string()));
                    }
                }
                case "advisories" -> eachObject(() -> addIfPresent(advisories, single("url", URL)));
                case "analysis" -> {
                    if (isObject()) {
                        analysis = analysis();
                    }
                }
                case "affects" -> eachObject(() -> affects.add(affect()));
                default -> cursor.skipUnread(name, VULNERABILITY);
            }
        }

        VulnerabilityEntry entry() {
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
                    affects,
                    at);
        }
    }

    private RatingEntry rating() {
        RatingFields rating = new RatingFields();
        cursor.forEachField(name -> {
            switch (name) {
                case "severity" -> rating.severity = checked(BomMapper::isKnownSeverity);
                case "score" -> rating.score = checked(BomMapper::isScore);
                case "method" -> rating.method = string();
                case "vector" -> rating.vector = string();
                case "source" -> {
                    if (isObject()) {
                        rating.source = single("name", NAME);
                    }
                }
                default -> cursor.skipUnread(name, RATING);
            }
        });
        return new RatingEntry(rating.source, rating.severity, rating.score, rating.method, rating.vector);
    }

    /** The values of one rating, as they are read. */
    private static final class RatingFields {
        String source;
        Text severity;
        Text score;
        String method;
        String vector;
    }

    private AnalysisEntry analysis() {
        ReportLocation at = cursor.location();
        List<Text> responses = new ArrayList<>();
        Text[] analysis = new Text[5];
        String[] detail = new String[1];
        cursor.forEachField(name -> {
            switch (name) {
                case "state" -> analysis[0] = text();
                case "justification" -> analysis[1] = text();
                case "detail" -> detail[0] = string();
                case "firstIssued" -> analysis[2] = text();
                case "lastUpdated" -> analysis[3] = text();
                case "response" -> {
                    if (isArray()) {
                        cursor.forEachElement(index -> {
                            Text response = text();
                            if (response != null) {
                                responses.add(response);
                            }
                        });
                    }
                }
                default -> cursor.skipUnread(name, ANALYSIS);
            }
        });
        return new AnalysisEntry(analysis[0], analysis[1], responses, detail[0], analysis[2], analysis[3], at);
    }

    private AffectEntry affect() {
        ReportLocation at = cursor.location();
        String[] ref = new String[1];
        List<VersionEntry> versions = new ArrayList<>(1);
        cursor.forEachField(name -> {
            switch (name) {
                case "ref" -> ref[0] = string();
                case "versions" -> eachObject(() -> versions.add(version()));
                default -> cursor.skipUnread(name, AFFECT);
            }
        });
        return new AffectEntry(ref[0], null, versions, at);
    }

    private VersionEntry version() {
        String[] values = new String[2];
        Text[] status = new Text[1];
        cursor.forEachField(name -> {
            switch (name) {
                case "version" -> values[0] = string();
                case "range" -> values[1] = string();
                case "status" -> status[0] = checked(BomMapper::isKnownStatus);
                default -> cursor.skipUnread(name, VERSION);
            }
        });
        return new VersionEntry(values[0], values[1], status[0]);
    }

    /** The one scalar of an object the cursor is on that the reader reads, the others skipped. */
    private String single(String key, Set<String> known) {
        String[] value = new String[1];
        cursor.forEachField(name -> {
            if (name.equals(key)) {
                value[0] = string();
            } else {
                cursor.skipUnread(name, known);
            }
        });
        return value[0];
    }

    /** Whether the cursor is on an object; {@code null} counts as absent, anything else is an error. */
    private boolean isObject() {
        if (cursor.currentToken() == JsonToken.VALUE_NULL) {
            return false;
        }
        cursor.require(JsonToken.START_OBJECT, "an object");
        return true;
    }

    /** Whether the cursor is on an array; {@code null} counts as an empty array, anything else is an error. */
    private boolean isArray() {
        if (cursor.currentToken() == JsonToken.VALUE_NULL) {
            return false;
        }
        cursor.require(JsonToken.START_ARRAY, "an array");
        return true;
    }

    /** Calls the reader per object of the array the cursor is on; {@code null} elements are skipped. */
    private void eachObject(Runnable reader) {
        if (isArray()) {
            cursor.forEachElement(index -> {
                if (isObject()) {
                    reader.run();
                }
            });
        }
    }

    /** The scalar the cursor is on with its location, or {@code null} for a JSON {@code null} or an empty string. */
    private Text text() {
        ReportLocation at = cursor.location();
        String value = cursor.text();
        return value == null || value.isEmpty() ? null : new Text(value, at);
    }

    /**
     * The scalar the cursor is on, like {@link #text()}, but located only when the mapper's test
     * says it will report on it: a location is a JSON pointer built for the value, and most values
     * are fine.
     */
    private Text checked(Predicate<String> fine) {
        String value = cursor.text();
        if (value == null || value.isEmpty()) {
            return null;
        }
        return new Text(value, fine.test(value) ? unreported : cursor.location());
    }

    /** The scalar the cursor is on, or {@code null} for a JSON {@code null} or an empty string. */
    private String string() {
        String value = cursor.text();
        return value == null || value.isEmpty() ? null : value;
    }

    private static void addIfPresent(List<String> list, String value) {
        if (value != null) {
            list.add(value);
        }
    }
}
