package dev.shelflife.cyclonedx;

import static dev.shelflife.cyclonedx.Bom.addValue;
import static dev.shelflife.cyclonedx.Bom.value;

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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a CycloneDX JSON document into a {@link Bom}, token by token with the shared
 * {@link JsonCursor}: its limits apply to every value, the skipped ones too, and every failure
 * names the line, column and JSON pointer.
 *
 * <p>Enumerated values (severities, states, statuses) are read as text; the mapper decides what
 * it does not know, one value at a time, so an unknown value never costs its siblings.
 */
final class JsonBomReader {

    static final String FORMAT = "cyclonedx-json";
    private static final String BOM_FORMAT = "CycloneDX";

    private final JsonCursor cursor;
    private final Bom bom;
    private boolean isCycloneDx;

    /** The top-level keys the reader reads. */
    private static final Set<String> TOP_LEVEL =
            Set.of("bomFormat", "specVersion", "serialNumber", "metadata", "components", "vulnerabilities");

    private JsonBomReader(JsonCursor cursor, Bom bom) {
        this.cursor = cursor;
        this.bom = bom;
        cursor.reportProblemsTo(bom::problem);
    }

    static Bom read(ReportSource source) {
        try (JsonCursor cursor = JsonCursor.open(source)) {
            return new JsonBomReader(cursor, new Bom(source.limits())).document();
        }
    }

    private Bom document() {
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
        return bom;
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
            case "serialNumber" -> bom.serialNumber(cursor.text());
            case "metadata" ->
                object(() -> fields(
                        Set.of(),
                        Map.of(
                                "timestamp", () -> bom.timestamp(text()),
                                "tools", this::tools,
                                "component",
                                        () -> object(
                                                () -> bom.subject(component().get(0))))));
            case "components" -> objects(() -> bom.components(component()));
            case "vulnerabilities" -> objects(() -> bom.vulnerability(vulnerability()));
            // A key spelled like one CycloneDX has here, or another format's entries, are reported.
            default -> cursor.skipUnread(name, TOP_LEVEL);
        }
    }

    /** The legacy array of tools, or the 1.5 object of {@code components} and {@code services}. */
    private void tools() {
        if (cursor.currentToken() == JsonToken.START_OBJECT) {
            Runnable each = () -> objects(() -> bom.tool(tool()));
            fields(Set.of(), Map.of("components", each, "services", each));
        } else {
            objects(() -> bom.tool(tool()));
        }
    }

    private Tool tool() {
        Map<String, Text> tool = fields(Set.of("name", "version"), Map.of());
        return new Tool(value(tool, "name"), value(tool, "version"));
    }

    /** The component the cursor is on, followed by the components nested in it, in document order. */
    private List<ComponentEntry> component() {
        ReportLocation at = cursor.location();
        List<Property> properties = new ArrayList<>();
        List<ComponentEntry> nested = new ArrayList<>();
        Map<String, Text> component = fields(
                Set.of("bom-ref", "type", "group", "name", "version", "purl"),
                Map.of(
                        "properties", () -> objects(() -> properties.add(property())),
                        "components", () -> objects(() -> nested.addAll(component()))));
        List<ComponentEntry> all = new ArrayList<>();
        all.add(new ComponentEntry(
                value(component, "bom-ref"),
                value(component, "type"),
                value(component, "group"),
                value(component, "name"),
                value(component, "version"),
                value(component, "purl"),
                properties,
                at));
        all.addAll(nested);
        return all;
    }

    private Property property() {
        Map<String, Text> property = fields(Set.of("name", "value"), Map.of());
        return new Property(value(property, "name"), value(property, "value"));
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
                Set.of("id", "published", "updated"),
                Map.of(
                        "source", () -> object(() -> source.putAll(fields(Set.of("name", "url"), Map.of()))),
                        "references", () -> objects(() -> addValue(references, fields(Set.of("id"), Map.of()), "id")),
                        "ratings", () -> objects(() -> ratings.add(rating())),
                        "cwes", () -> elements(() -> addText(cwes)),
                        "advisories", () -> objects(() -> addValue(advisories, fields(Set.of("url"), Map.of()), "url")),
                        "analysis", () -> object(() -> analysis.add(analysis())),
                        "affects", () -> objects(() -> affects.add(affect()))));
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
                Set.of("severity", "score", "method", "vector"),
                Map.of("source", () -> object(() -> source.putAll(fields(Set.of("name"), Map.of())))));
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
                Set.of("state", "justification", "detail", "firstIssued", "lastUpdated"),
                Map.of(
                        "response",
                        () -> elements(() -> {
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
                Set.of("ref"),
                Map.of(
                        "versions",
                        () -> objects(() -> {
                            Map<String, Text> version = fields(Set.of("version", "range", "status"), Map.of());
                            versions.add(new VersionEntry(
                                    value(version, "version"), value(version, "range"), version.get("status")));
                        })));
        return new AffectEntry(value(affect, "ref"), null, versions, at);
    }

    /**
     * Reads the object the cursor is on: the scalar fields it names, with their locations, and
     * the other fields it has a handler for; the rest is skipped. {@code null} and empty values count as absent.
     *
     * @return the scalars that are present, by name
     */
    private Map<String, Text> fields(Set<String> scalars, Map<String, Runnable> handlers) {
        Map<String, Text> values = new HashMap<>();
        cursor.forEachField(name -> {
            Runnable handler = handlers.get(name);
            if (handler != null) {
                handler.run();
            } else if (scalars.contains(name)) {
                Text value = text();
                if (value != null) {
                    values.put(name, value);
                }
            } else {
                cursor.skipUnread(name, known(scalars, handlers));
            }
        });
        return values;
    }

    private static Set<String> known(Set<String> scalars, Map<String, Runnable> handlers) {
        if (handlers.isEmpty()) {
            return scalars;
        }
        Set<String> known = new HashSet<>(scalars);
        known.addAll(handlers.keySet());
        return known;
    }

    /** The scalar the cursor is on with its location, or {@code null} for a JSON {@code null} or an empty string. */
    private Text text() {
        ReportLocation at = cursor.location();
        String value = cursor.text();
        return value == null || value.isEmpty() ? null : new Text(value, at);
    }

    /** Adds the scalar the cursor is on, unless it is {@code null} or empty. */
    private void addText(List<String> list) {
        Text value = text();
        if (value != null) {
            list.add(value.value());
        }
    }

    /** Walks the array the cursor is on, calling the reader per element; {@code null} counts as an empty array. */
    private void elements(Runnable reader) {
        if (cursor.currentToken() != JsonToken.VALUE_NULL) {
            cursor.forEachElement(index -> reader.run());
        }
    }

    /** Calls the reader for the object the cursor is on; {@code null} counts as absent, anything else is an error. */
    private void object(Runnable reader) {
        if (cursor.currentToken() != JsonToken.VALUE_NULL) {
            cursor.require(JsonToken.START_OBJECT, "an object");
            reader.run();
        }
    }

    /** Calls the reader per object of the array the cursor is on; {@code null} elements are skipped. */
    private void objects(Runnable reader) {
        elements(() -> object(reader));
    }
}
