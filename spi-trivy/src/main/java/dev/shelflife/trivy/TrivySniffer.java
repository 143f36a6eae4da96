package dev.shelflife.trivy;

import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.ReportParseException;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Recognises Trivy reports from the head of the input: the top-level keys of an object, or the
 * keys of the first element of an array. The head usually ends inside the document, so a parse
 * failure only ends the look; what was seen until then decides.
 */
final class TrivySniffer {

    /** An array of results with {@code Target} and {@code Vulnerabilities}: only Trivy wrote these. */
    private static final double LEGACY_ARRAY = 0.8;
    /** {@code null} and {@code []} are no one's in particular, but Trivy is their historic author. */
    private static final double BARE_DOCUMENT = 0.6;

    private static final double ARRAY_OF_TARGETS = 0.3;
    private static final double OTHER_JSON = 0.1;
    private static final int KEYS_IN_REASON = 5;

    private final List<String> keys = new ArrayList<>();
    private JsonToken first;
    private String schemaVersion;
    private boolean isWholeDocument;

    private TrivySniffer() {}

    static Detection detect(ReportSource source) {
        byte[] head = source.head();
        TrivySniffer sniffer = new TrivySniffer();
        try (JsonCursor cursor =
                JsonCursor.open(ReportSource.of(source.name(), head).withLimits(source.limits()))) {
            sniffer.look(cursor);
        } catch (ReportParseException endOfHeadOrNoJson) {
            // The head ends inside the document, or it is no JSON at all: decide on what was seen.
        }
        return sniffer.decide();
    }

    private void look(JsonCursor cursor) {
        first = cursor.nextToken();
        JsonToken container = first == JsonToken.START_ARRAY ? cursor.nextToken() : first;
        if (container == JsonToken.START_OBJECT) {
            collectKeys(cursor);
        } else if (container == JsonToken.END_ARRAY || container == JsonToken.VALUE_NULL) {
            cursor.requireEnd();
            isWholeDocument = true;
        }
    }

    private void collectKeys(JsonCursor cursor) {
        cursor.forEachField(name -> {
            keys.add(name);
            if (name.equals("SchemaVersion") && cursor.currentToken().isScalarValue()) {
                schemaVersion = cursor.text();
            }
            cursor.skip();
        });
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
        if (keys.contains("ClusterName")) {
            return Detection.certain(
                    TrivyReader.FORMAT_K8S, schemaVersion, "a JSON object with ClusterName: a trivy k8s report");
        }
        if (schemaVersion != null) {
            return Detection.certain(
                    TrivyReader.FORMAT_JSON, schemaVersion, "a JSON object with SchemaVersion " + schemaVersion);
        }
        if (keys.contains("ArtifactName") || keys.contains("Results")) {
            return Detection.certain(
                    TrivyReader.FORMAT_JSON, null, "a JSON object with Trivy's ArtifactName or Results");
        }
        return Detection.of(
                OTHER_JSON,
                TrivyReader.FORMAT_JSON,
                "a JSON object with the keys " + someKeys()
                        + " but none of SchemaVersion, ArtifactName, Results or ClusterName");
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
                    "a JSON array of objects with Target but no Vulnerabilities in the first " + ReportSource.HEAD_BYTES
                            + " bytes");
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
