package com.example.acmescan;

import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.Finding;
import dev.shelflife.ReportLocation;
import dev.shelflife.ReportParseException;
import dev.shelflife.ReportSummary;
import dev.shelflife.ScanReport;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Walks one Acme Scan document with a {@link JsonCursor}: the outer object token by token, each
 * element of {@code findings} bound on its own as an {@link AcmeJson.Finding} and handed to the
 * {@link AcmeMapper}. Every finding is complete in itself, so one walk serves both
 * {@link #read(ReportSource)} and {@link #stream(ReportSource, Consumer)}.
 *
 * <p>Acme Scan writes its version field, {@code "acmeScan"}, first: that makes detection a look
 * at one field, and lets the walk refuse another tool's JSON at its first field instead of
 * binding that tool's entries as Acme findings.
 */
final class AcmeReader {

    private static final String VERSION_FIELD = "acmeScan";
    private static final Set<String> FIELDS = Set.of(VERSION_FIELD, "scannerVersion", "image", "scannedAt", "findings");

    private final ReportSource source;
    private final JsonCursor cursor;
    private final AcmeMapper mapper;
    private final Consumer<? super Finding> findings;
    private boolean sawVersion;
    private boolean sawFindings;
    private int entriesRead;
    private int findingsHandedOver;

    private AcmeReader(ReportSource source, JsonCursor cursor, AcmeMapper mapper, Consumer<? super Finding> findings) {
        this.source = source;
        this.cursor = cursor;
        this.mapper = mapper;
        this.findings = findings;
        cursor.reportProblemsTo(mapper.report()::problem);
    }

    static ScanReport read(ReportSource source) {
        AcmeMapper mapper = new AcmeMapper();
        walk(source, mapper, mapper.report()::finding);
        return mapper.report().build();
    }

    static ReportSummary stream(ReportSource source, Consumer<? super Finding> findings) {
        AcmeMapper mapper = new AcmeMapper();
        int streamed = walk(source, mapper, findings);
        return mapper.report().summary(streamed);
    }

    /**
     * Walks the document once.
     *
     * @return how many findings went to the consumer
     */
    private static int walk(ReportSource source, AcmeMapper mapper, Consumer<? super Finding> findings) {
        try (JsonCursor cursor = JsonCursor.open(source)) {
            AcmeReader reader = new AcmeReader(source, cursor, mapper, findings);
            reader.readDocument();
            return reader.findingsHandedOver;
        }
    }

    private void readDocument() {
        JsonToken first = cursor.firstToken();
        ReportLocation start = cursor.location();
        if (first != JsonToken.START_OBJECT) {
            // Well-formed JSON of another shape is another tool's report, not a broken Acme one.
            throw new UnsupportedReportException(
                    start,
                    "not an Acme Scan report: expected a JSON object, found "
                            + (first == JsonToken.START_ARRAY ? "an array" : "a scalar"));
        }
        cursor.forEachField(name -> {
            if (!sawVersion && !name.equals(VERSION_FIELD)) {
                throw new UnsupportedReportException(
                        cursor.location(),
                        "not an Acme Scan report: the first field is \"" + name + "\", not \"" + VERSION_FIELD + "\"");
            }
            switch (name) {
                case VERSION_FIELD -> readVersion();
                case "scannerVersion" -> mapper.scannerVersion(cursor.text());
                case "image" -> mapper.image(cursor.text(), cursor.location());
                case "scannedAt" -> mapper.scannedAt(cursor.text(), cursor.location());
                case "findings" -> readFindings();
                // Acme adds fields in new releases: not an error. One spelled like a field read here,
                // or another format's entries, is reported: read past, it would read as nothing found.
                default -> cursor.skipUnread(name, FIELDS);
            }
        });
        cursor.requireEnd();
        if (!sawVersion) {
            throw new UnsupportedReportException(start, "not an Acme Scan report: an empty object");
        }
        if (!sawFindings) {
            // Acme writes "findings": [] when it finds nothing: a report without the array was cut down.
            throw new ReportParseException(start, "Acme Scan report without a \"findings\" array");
        }
    }

    private void readVersion() {
        ReportLocation at = cursor.location();
        String version = cursor.text();
        if (!AcmeMapper.VERSION.equals(version)) {
            throw new UnsupportedReportException(
                    at,
                    "Acme Scan format version \"" + version + "\" is not supported; this adapter reads "
                            + AcmeMapper.VERSION);
        }
        sawVersion = true;
    }

    private void readFindings() {
        sawFindings = true;
        if (cursor.currentToken() == JsonToken.VALUE_NULL) {
            return; // Older Acme releases wrote null for no findings.
        }
        cursor.forEachElement(index -> {
            int max = source.limits().maxEntries();
            if (++entriesRead > max) {
                throw cursor.failure("limit exceeded: more than " + max + " findings (ReadLimits.maxEntries)");
            }
            ReportLocation at = cursor.location();
            mapper.finding(cursor.read(AcmeJson.Finding.class), at).ifPresent(finding -> {
                findings.accept(finding);
                findingsHandedOver++;
            });
        });
    }

    /**
     * Looks at the first field of the document: Acme's version field, a string, or no Acme report.
     * The cursor reads the document as a stream, and the look ends at that first field, however
     * large the report. Never throws: a document that is no JSON at all, or is cut before the
     * version, is no claim.
     */
    static Detection detect(ReportSource source) {
        try (JsonCursor cursor = JsonCursor.openFirstPass(source)) {
            if (cursor.nextToken() != JsonToken.START_OBJECT || cursor.nextToken() != JsonToken.FIELD_NAME) {
                return Detection.none(AcmeMapper.FORMAT, "not a JSON object with fields");
            }
            // On the first field's value, whose JSON pointer names the field.
            JsonToken value = cursor.nextToken();
            if (!cursor.location().path().equals("/" + VERSION_FIELD) || value != JsonToken.VALUE_STRING) {
                return Detection.none(AcmeMapper.FORMAT, "the first field is not \"" + VERSION_FIELD + "\"");
            }
            String version = cursor.text();
            return Detection.certain(
                    AcmeMapper.FORMAT, version, "first field \"" + VERSION_FIELD + "\": \"" + version + "\"");
        } catch (ReportParseException e) {
            return Detection.none(AcmeMapper.FORMAT, "not JSON: " + e.problem());
        }
    }
}
