package dev.shelflife.trivy;

import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.ReportParseException;
import dev.shelflife.json.FormatKeys;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises Trivy reports from their structure, read as a stream for as far as the decision
 * needs: the top-level keys of an object, or the keys of the first element of an array. Values
 * are skipped unread, and the look stops as soon as it has decided, so a large report costs a
 * look at its first keys, and a report whose keys come in another order is still recognised.
 *
 * <p>A claim needs Trivy's structure: {@code Results}, or {@code SchemaVersion} with
 * {@code ArtifactName}, {@code ArtifactType} or {@code Metadata}, or {@code ClusterName}. A {@code SchemaVersion}
 * alone is no claim, since anyone can add one to another scanner's report. The look stops, without
 * a claim, at a key that identifies another format ({@link FormatKeys#identifies(String)}), or at
 * another format's container of entries that holds something, when Trivy's structure has not shown
 * before it.
 */
final class TrivySniffer {

    /** An array of results with {@code Target} and {@code Vulnerabilities}: only Trivy wrote these. */
    private static final double LEGACY_ARRAY = 0.8;
    /** {@code null} and {@code []} are no one's in particular, but Trivy is their historic author. */
    private static final double BARE_DOCUMENT = 0.6;

    private static final double SCHEMA_VERSION_ONLY = 0.3;
    private static final double ARRAY_OF_TARGETS = 0.3;
    private static final double OTHER_JSON = 0.1;
    private static final int KEYS_IN_REASON = 5;
    /** The containers of entries a Trivy report has at its top level. */
    private static final Set<String> OWN_CONTAINERS = Set.of("Results", "Vulnerabilities", "Resources", "Findings");

    private final JsonCursor cursor;
    private final List<String> keys = new ArrayList<>();
    private JsonToken first;
    private String schemaVersion;
    /** The first of ArtifactName, ArtifactType and Metadata seen, if any. */
    private String artifact;

    private boolean artifactName;
    private boolean results;
    private boolean cluster;
    private String foreign;
    private boolean isWholeDocument;

    private TrivySniffer(JsonCursor cursor) {
        this.cursor = cursor;
    }

    static Detection detect(ReportSource source) {
        JsonCursor opened = JsonCursor.openFirstPass(source);
        TrivySniffer sniffer = new TrivySniffer(opened);
        try (JsonCursor cursor = opened) {
            sniffer.look();
        } catch (ReportParseException malformedOrCut) {
            // The document is no JSON, or breaks off: decide on what was seen before.
        }
        return sniffer.decide();
    }

    private void look() {
        first = cursor.nextToken();
        if (first == JsonToken.START_OBJECT) {
            cursor.forEachFieldWhile(this::topLevel);
        } else if (first == JsonToken.START_ARRAY) {
            JsonToken element = cursor.nextToken();
            if (element == JsonToken.START_OBJECT) {
                // Stops on the key that decides, before its value: the legacy Vulnerabilities may be the whole report.
                cursor.forEachFieldWhile(name -> {
                    keys.add(name);
                    if (keys.contains("Target") && keys.contains("Vulnerabilities")) {
                        return false;
                    }
                    cursor.skip();
                    return true;
                });
            } else if (element == JsonToken.END_ARRAY) {
                cursor.requireEnd();
                isWholeDocument = true;
            }
        } else if (first == JsonToken.VALUE_NULL) {
            cursor.requireEnd();
            isWholeDocument = true;
        }
    }

    /**
     * Looks at one top-level key; says whether to look further. Once the look has decided it
     * stops on the key, before its value, which may be the whole report.
     */
    private boolean topLevel(String name) {
        keys.add(name);
        switch (name) {
            case "SchemaVersion" -> {
                if (cursor.currentToken().isScalarValue()) {
                    schemaVersion = cursor.text();
                    return !decided();
                }
            }
            case "ClusterName" -> cluster = true;
            case "ArtifactName" -> {
                artifact = artifact == null ? name : artifact;
                artifactName = true;
            }
            case "ArtifactType", "Metadata" -> artifact = artifact == null ? name : artifact;
            case "Results" -> results = true;
            default -> {
                Optional<String> format = FormatKeys.identifies(name).filter(f -> !f.equals("Trivy"));
                if (format.isPresent()) {
                    foreign = "\"" + name + "\", which " + format.get() + " writes";
                    return false;
                }
                Optional<String> container = FormatKeys.container(name).filter(c -> !OWN_CONTAINERS.contains(name));
                if (container.isEmpty()) {
                    cursor.skip();
                } else if (holdsSomething()) {
                    foreign = "\"" + name + "\", " + container.get();
                    return false;
                }
                return true;
            }
        }
        if (decided()) {
            return false;
        }
        cursor.skip();
        return true;
    }

    /**
     * Whether the container the cursor is on holds something, leaving the cursor inside it when
     * it does (the look stops there) and on its end when it does not.
     */
    private boolean holdsSomething() {
        JsonToken token = cursor.currentToken();
        if (!token.isStructStart()) {
            return token != JsonToken.VALUE_NULL;
        }
        return !cursor.nextToken().isStructEnd();
    }

    private boolean decided() {
        return cluster || results || schemaVersion != null && artifact != null;
    }

    private Detection decide() {
        if (first == null) {
            return Detection.none(TrivyReader.FORMAT_JSON, "not a JSON document");
        }
        return switch (first) {
            case START_OBJECT -> decideObject();
            case START_ARRAY -> decideArray();
            case VALUE_NULL ->
                isWholeDocument
                        ? Detection.of(
                                BARE_DOCUMENT,
                                TrivyReader.FORMAT_LEGACY,
                                "the JSON literal null, which Trivy before v0.20 wrote when it found nothing")
                        : Detection.of(OTHER_JSON, TrivyReader.FORMAT_LEGACY, "null followed by more content");
            default ->
                Detection.none(
                        TrivyReader.FORMAT_JSON,
                        "a JSON document that is " + TrivyReader.kindOf(first) + ", not a Trivy report");
        };
    }

    private Detection decideObject() {
        if (cluster) {
            return Detection.certain(
                    TrivyReader.FORMAT_K8S, schemaVersion, "a JSON object with ClusterName: a trivy k8s report");
        }
        if (results || schemaVersion != null && artifact != null) {
            return Detection.certain(
                    TrivyReader.FORMAT_JSON,
                    schemaVersion,
                    "a JSON object with Trivy's "
                            + (schemaVersion != null ? "SchemaVersion " + schemaVersion + " and " : "")
                            + (results ? "Results" : artifact));
        }
        String before = foreign == null ? "" : " before " + foreign;
        if (schemaVersion != null) {
            return Detection.of(
                    SCHEMA_VERSION_ONLY,
                    TrivyReader.FORMAT_JSON,
                    "a JSON object with a SchemaVersion but none of Trivy's Results, ArtifactName or ClusterName"
                            + before);
        }
        if (artifactName) {
            return Detection.certain(TrivyReader.FORMAT_JSON, null, "a JSON object with Trivy's ArtifactName");
        }
        return Detection.of(
                OTHER_JSON,
                TrivyReader.FORMAT_JSON,
                "a JSON object with the keys " + someKeys()
                        + " but none of SchemaVersion, ArtifactName, Results or ClusterName" + before);
    }

    private Detection decideArray() {
        if (isWholeDocument) {
            return Detection.of(
                    BARE_DOCUMENT,
                    TrivyReader.FORMAT_LEGACY,
                    "an empty JSON array, which Trivy before v0.20 wrote for an image without targets");
        }
        if (keys.contains("Target") && keys.contains("Vulnerabilities")) {
            return Detection.of(
                    LEGACY_ARRAY,
                    TrivyReader.FORMAT_LEGACY,
                    "a JSON array of results with Target and Vulnerabilities: Trivy's legacy format");
        }
        if (keys.contains("Target")) {
            return Detection.of(
                    ARRAY_OF_TARGETS,
                    TrivyReader.FORMAT_LEGACY,
                    "a JSON array of objects with Target but no Vulnerabilities in the first");
        }
        return Detection.of(
                OTHER_JSON,
                TrivyReader.FORMAT_LEGACY,
                "a JSON array whose first element is not a Trivy result (keys " + someKeys() + ")");
    }

    private String someKeys() {
        List<String> shown = keys.size() > KEYS_IN_REASON ? keys.subList(0, KEYS_IN_REASON) : keys;
        return shown + (keys.size() > KEYS_IN_REASON ? " and " + (keys.size() - KEYS_IN_REASON) + " more" : "");
    }
}
