package dev.shelflife.aws;

import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.ReportParseException;
import dev.shelflife.json.FormatKeys;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises Inspector's {@code ListFindings} output or Security Hub's ASFF findings from their
 * structure, read as a stream for as far as the decision needs. Neither format has a key of its own
 * at the top: both are an object with an array of findings, and trivy k8s keeps its entries under
 * {@code Findings} too. So the decision is made inside the first finding, by the keys only the
 * format's findings have: Inspector's {@code findingArn}, {@code packageVulnerabilityDetails} and
 * {@code inspectorScore}; ASFF's {@code SchemaVersion} {@code 2018-10-08}, {@code ProductArn} and
 * {@code GeneratorId}. An empty array is claimed less surely, when nothing after it names another
 * format. The look stops at a key that identifies another format, or another format's container
 * that holds something.
 */
final class AwsSniffer {

    private static final Set<String> INSPECTOR_KEYS =
            Set.of("findingArn", "packageVulnerabilityDetails", "inspectorScore");
    private static final Set<String> ASFF_KEYS = Set.of("ProductArn", "GeneratorId");

    /** What the look found. */
    private enum Seen {
        NOTHING,
        EMPTY,
        OURS,
        OTHER
    }

    private final JsonCursor cursor;
    private final boolean asff;
    private Seen seen = Seen.NOTHING;
    private String what;

    private AwsSniffer(JsonCursor cursor, boolean asff) {
        this.cursor = cursor;
        this.asff = asff;
    }

    /**
     * Looks at a document.
     *
     * @param source the input
     * @param asff {@code true} for Security Hub's ASFF, {@code false} for Inspector's {@code ListFindings}
     * @return the detection
     */
    static Detection detect(ReportSource source, boolean asff) {
        JsonCursor opened = JsonCursor.openFirstPass(source);
        AwsSniffer sniffer = new AwsSniffer(opened, asff);
        try (JsonCursor cursor = opened) {
            if (cursor.nextToken() == JsonToken.START_OBJECT) {
                cursor.forEachFieldWhile(sniffer::field);
            }
        } catch (ReportParseException malformedOrCut) {
            // Decide on what was seen before.
            if (sniffer.seen == Seen.EMPTY) {
                sniffer.seen = Seen.NOTHING;
            }
        }
        return sniffer.verdict();
    }

    private String container() {
        return asff ? "Findings" : "findings";
    }

    private String format() {
        return asff ? SecurityHubReader.FORMAT : InspectorReader.FORMAT;
    }

    private boolean field(String name) {
        if (name.equals(container()) && seen == Seen.NOTHING) {
            firstFinding();
            return seen == Seen.EMPTY;
        }
        if (name.equals(asff ? "NextToken" : "nextToken")) {
            cursor.skip();
            return true;
        }
        Optional<String> format = FormatKeys.identifies(name);
        if (format.isPresent()) {
            seen = Seen.OTHER;
            what = "\"" + name + "\", which " + format.get() + " writes";
            return false;
        }
        Optional<String> container = FormatKeys.container(name);
        if (container.isPresent() && holdsSomething()) {
            seen = Seen.OTHER;
            what = "\"" + name + "\", " + container.get();
            return false;
        }
        if (container.isEmpty()) {
            cursor.skip();
        }
        return true;
    }

    /** Looks into the first finding, as far as a key that decides. */
    private void firstFinding() {
        if (cursor.currentToken() != JsonToken.START_ARRAY) {
            cursor.skip();
            seen = Seen.OTHER;
            what = "\"" + container() + "\" that is no array";
            return;
        }
        JsonToken first = cursor.nextToken();
        if (first == JsonToken.END_ARRAY) {
            seen = Seen.EMPTY;
            return;
        }
        if (first != JsonToken.START_OBJECT) {
            seen = Seen.OTHER;
            what = "findings that are no objects";
            return;
        }
        seen = Seen.OTHER;
        what = "a first finding without the keys of " + (asff ? "ASFF" : "Inspector's findings");
        cursor.forEachFieldWhile(key -> {
            if (asff ? isAsffKey(key) : INSPECTOR_KEYS.contains(key)) {
                seen = Seen.OURS;
                return false;
            }
            cursor.skip();
            return true;
        });
    }

    private boolean isAsffKey(String key) {
        if (ASFF_KEYS.contains(key)) {
            return true;
        }
        if (key.equals("SchemaVersion") && cursor.currentToken() == JsonToken.VALUE_STRING) {
            return "2018-10-08".equals(cursor.text());
        }
        return false;
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

    private Detection verdict() {
        String name = asff ? "AWS Security Hub findings (ASFF)" : "Amazon Inspector findings";
        return switch (seen) {
            case OURS -> Detection.certain(format(), asff ? "2018-10-08" : null, name + " in " + container());
            case EMPTY ->
                Detection.of(
                        0.6,
                        format(),
                        "an empty " + container() + " array, as " + name + " are when nothing was found");
            case OTHER -> Detection.none(format(), "not " + name + ": " + what);
            case NOTHING -> Detection.none(format(), "not " + name + ": no " + container() + " array");
        };
    }
}
