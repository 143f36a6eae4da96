package dev.shelflife.trivy;

import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.ReportParseException;
import dev.shelflife.json.FormatKeys;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import java.util.Optional;

/**
 * Recognises Trivy Operator resources from their structure, read as a stream for as far as the
 * decision needs: the {@code apiVersion} and {@code kind} of the document's object, of the first
 * element of an array, or of the first of a List's {@code items}; in YAML, of the first document.
 * A claim needs the operator's API group, {@code aquasecurity.github.io}: it is certain for a
 * {@code VulnerabilityReport}, and a match for another of the operator's resources (an array of
 * mixed kinds may start with a {@code ConfigAuditReport}). Values are skipped unread, and the look
 * stops, without a claim, at a key that identifies another format or at another format's container
 * of entries that holds something; Trivy's own reports carry neither {@code apiVersion} nor
 * {@code kind}, so neither adapter claims the other's documents.
 */
final class OperatorSniffer {

    /** Trivy Operator resources of another kind first: the document is the operator's, its vulnerability reports may follow. */
    private static final double OTHER_OPERATOR_RESOURCE = 0.7;

    private static final double KUBERNETES_OBJECT = 0.2;
    private static final double OTHER = 0.05;

    private final JsonCursor cursor;
    private String apiVersion;
    private String kind;
    private boolean list;
    private String foreign;

    private OperatorSniffer(JsonCursor cursor) {
        this.cursor = cursor;
    }

    static Detection detect(ReportSource source) {
        String format = OperatorReader.isJson(source.head()) ? OperatorReader.FORMAT_JSON : OperatorReader.FORMAT_YAML;
        OperatorSniffer sniffer = null;
        try (JsonCursor cursor = format.equals(OperatorReader.FORMAT_JSON)
                ? JsonCursor.openFirstPass(source)
                : JsonCursor.openYaml(source)) {
            sniffer = new OperatorSniffer(cursor);
            sniffer.look();
        } catch (ReportParseException malformedOrCut) {
            // The document is neither JSON nor YAML, or breaks off: decide on what was seen before.
        }
        return sniffer == null ? Detection.none(format, "cannot be read") : sniffer.decide(format);
    }

    private void look() {
        JsonToken first = cursor.nextToken();
        if (first == JsonToken.START_ARRAY) {
            first = cursor.nextToken();
        }
        if (first == JsonToken.START_OBJECT) {
            cursor.forEachFieldWhile(this::field);
        }
    }

    /** Looks at one key of a resource (or of a List); says whether to look further. */
    private boolean field(String name) {
        switch (name) {
            case "apiVersion" -> apiVersion = scalar();
            case "kind" -> kind = scalar();
            case "items" -> {
                list = true;
                if (cursor.currentToken() == JsonToken.START_ARRAY && cursor.nextToken() == JsonToken.START_OBJECT) {
                    // The first item decides: its own apiVersion and kind replace the List's.
                    apiVersion = null;
                    kind = null;
                    cursor.forEachFieldWhile(this::field);
                    return false;
                }
                return true;
            }
            default -> {
                Optional<String> format = FormatKeys.identifies(name);
                if (format.isPresent()) {
                    foreign = "\"" + name + "\", which " + format.get() + " writes";
                    return false;
                }
                if (!name.equals("report") && FormatKeys.container(name).isPresent() && holdsSomething()) {
                    foreign = "\"" + name + "\", " + FormatKeys.container(name).orElseThrow();
                    return false;
                }
                if (cursor.currentToken().isStructStart()) {
                    cursor.skip();
                }
                return true;
            }
        }
        return !(isOperator() && kind != null);
    }

    private String scalar() {
        if (cursor.currentToken().isScalarValue()) {
            return cursor.text();
        }
        cursor.skip();
        return null;
    }

    /** Whether the value the cursor is on holds something; leaves the cursor inside it when it does. */
    private boolean holdsSomething() {
        JsonToken token = cursor.currentToken();
        if (!token.isStructStart()) {
            return token != JsonToken.VALUE_NULL;
        }
        if (cursor.nextToken().isStructEnd()) {
            return false;
        }
        return true;
    }

    private boolean isOperator() {
        return apiVersion != null && apiVersion.startsWith(OperatorReader.GROUP);
    }

    private Detection decide(String format) {
        String where = list ? "the first item of a List" : "a resource";
        if (isOperator() && OperatorReader.isVulnerabilityReport(kind)) {
            return Detection.certain(
                    format,
                    apiVersion.substring(OperatorReader.GROUP.length()),
                    where + " of apiVersion " + apiVersion + " and kind " + kind + ": a Trivy Operator vulnerability"
                            + " report");
        }
        if (isOperator() && kind != null) {
            return Detection.of(
                    OTHER_OPERATOR_RESOURCE,
                    format,
                    where + " of apiVersion " + apiVersion + " and kind " + kind
                            + ": Trivy Operator resources, whose vulnerability reports may follow");
        }
        String before = foreign == null ? "" : ", before " + foreign;
        if (apiVersion != null || kind != null) {
            return Detection.of(
                    KUBERNETES_OBJECT,
                    format,
                    where + " of apiVersion " + apiVersion + " and kind " + kind
                            + ", not of Trivy Operator's API group "
                            + OperatorReader.GROUP.substring(0, OperatorReader.GROUP.length() - 1) + before);
        }
        return Detection.of(OTHER, format, "no apiVersion and kind of a Trivy Operator resource" + before);
    }
}
