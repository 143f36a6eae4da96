package dev.shelflife.harbor;

import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.Artifact;
import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.Image;
import dev.shelflife.Problem;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportLocation;
import dev.shelflife.ReportSummary;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.harbor.HarborJson.ScannerInfo;
import dev.shelflife.json.FormatKeys;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.json.Timestamps;
import dev.shelflife.spi.ReportSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads one Harbor vulnerability report by streaming: the report object, or the object Harbor's
 * API returns with the report under its MIME type ({@code application/vnd.security.vulnerability.report;
 * version=1.1}, or v1.0's {@code application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0}).
 * Each entry is bound on its own and mapped as soon as it is read. One reader per read; not thread-safe.
 */
final class HarborReader {

    static final String ADAPTER_ID = "harbor";
    static final String FORMAT = "harbor-json";

    /** The keys of a report object the reader reads. */
    private static final Set<String> REPORT_KEYS =
            Set.of("generated_at", "artifact", "scanner", "severity", "vulnerabilities");
    /** The prefix of every MIME type Harbor keys its reports by. */
    private static final String MIME_PREFIX = "application/vnd.";

    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}");

    private final JsonCursor cursor;
    private final int maxEntries;
    private final ScanReport.Builder report = ScanReport.builder(
            EvidenceKind.SCAN, ReportFormat.of(ADAPTER_ID, FORMAT, null), ScannerTool.of("Harbor", null));
    private final HarborMapper mapper;
    private int entries;
    private int streamed;

    private String schemaVersion;
    private boolean wrapped;
    private boolean hasReport;
    private boolean hasVulnerabilities;
    private String generatedAt;
    private ReportLocation generatedAtLocation;
    private ScannerInfo scanner;
    private HarborJson.Artifact artifact;
    private ReportLocation artifactLocation;
    private final Set<String> entryDigests = new LinkedHashSet<>();
    private ReportLocation firstEntry;

    private HarborReader(JsonCursor cursor, int maxEntries, Consumer<? super Finding> stream) {
        this.cursor = cursor;
        this.maxEntries = maxEntries;
        cursor.reportProblemsTo(report::problem);
        this.mapper = new HarborMapper(
                report,
                stream == null
                        ? report::finding
                        : finding -> {
                            stream.accept(finding);
                            streamed++;
                        });
    }

    static ScanReport read(ReportSource source) {
        try (JsonCursor cursor = JsonCursor.open(source)) {
            return new HarborReader(cursor, source.limits().maxEntries(), null)
                    .readDocument()
                    .build();
        }
    }

    static ReportSummary stream(ReportSource source, Consumer<? super Finding> findings) {
        try (JsonCursor cursor = JsonCursor.open(source)) {
            HarborReader reader = new HarborReader(cursor, source.limits().maxEntries(), findings);
            return reader.readDocument().summary(reader.streamed);
        }
    }

    /** The report's version that a top-level key names, or {@code null} for a key that is no Harbor MIME type. */
    static String versionOf(String key) {
        if (key.equals(FormatKeys.HARBOR_V1_1)) {
            return "1.1";
        }
        if (key.equals(FormatKeys.HARBOR_V1_0)) {
            return "1.0";
        }
        return null;
    }

    private ScanReport.Builder readDocument() {
        JsonToken first = cursor.firstToken();
        ReportLocation start = cursor.location();
        if (first != JsonToken.START_OBJECT) {
            throw new UnsupportedReportException(
                    start, "not a Harbor report: the document is " + kindOf(first) + ", not an object");
        }
        cursor.forEachField(name -> {
            String version = versionOf(name);
            if (version != null) {
                wrapped = true;
                schemaVersion = version;
                if (cursor.currentToken() != JsonToken.VALUE_NULL) {
                    cursor.require(JsonToken.START_OBJECT, "the report object");
                    cursor.forEachField(this::readReportField);
                }
            } else if (name.startsWith(MIME_PREFIX)) {
                wrapped = true;
                report.problem(new Problem(
                        Problem.Kind.IGNORED_VALUE,
                        "\"" + name + "\" is no vulnerability report this adapter reads (v1.0 or v1.1): not read",
                        cursor.location()));
                cursor.skip();
            } else {
                readReportField(name);
            }
        });
        cursor.requireEnd();
        finish(start);
        return report;
    }

    private void readReportField(String name) {
        switch (name) {
            case "generated_at" -> {
                hasReport = true;
                generatedAtLocation = cursor.location();
                generatedAt = cursor.text();
            }
            case "scanner" -> {
                hasReport = true;
                scanner = cursor.read(ScannerInfo.class);
            }
            case "artifact" -> {
                artifactLocation = cursor.location();
                artifact = cursor.read(HarborJson.Artifact.class);
            }
            case "vulnerabilities" -> readEntries();
            // The report's overall severity is its worst entry's: read from the entries, never instead of them.
            case "severity" -> cursor.skip();
            default -> cursor.skipUnread(name, REPORT_KEYS);
        }
    }

    private void readEntries() {
        hasVulnerabilities = true;
        if (cursor.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        cursor.require(JsonToken.START_ARRAY, "the vulnerabilities array");
        cursor.forEachElement(index -> {
            if (++entries > maxEntries) {
                throw cursor.failure(
                        "limit exceeded: more than " + maxEntries + " vulnerability entries (ReadLimits.maxEntries)");
            }
            ReportLocation at = cursor.location();
            HarborJson.Vulnerability entry = cursor.read(HarborJson.Vulnerability.class);
            if (entry != null && entry.artifactDigests() != null) {
                entry.artifactDigests().stream()
                        .filter(d -> !HarborMapper.isBlank(d))
                        .forEach(d -> {
                            entryDigests.add(d.trim());
                            firstEntry = firstEntry == null ? at : firstEntry;
                        });
            }
            // Harbor has no targets: its entries are about the one artifact.
            mapper.entry(entry, at, "");
        });
    }

    private void finish(ReportLocation start) {
        if (!hasReport && !wrapped) {
            throw new UnsupportedReportException(
                    start,
                    "not a Harbor report: an object without generated_at and scanner, and without a report under"
                            + " its MIME type");
        }
        if (!hasVulnerabilities) {
            report.problem(new Problem(
                    Problem.Kind.MISSING_VALUE,
                    hasReport
                            ? "no vulnerabilities, which every Harbor report has ([] when the scanner found nothing):"
                                    + " the report shows no scan (removed or misspelled)"
                            : "no vulnerability report under " + FormatKeys.HARBOR_V1_1 + " or "
                                    + FormatKeys.HARBOR_V1_0 + ": the document shows no scan",
                    start));
        }
        report.format(ReportFormat.of(ADAPTER_ID, FORMAT, schemaVersion))
                .scannedAt(scannedAt())
                .artifact(new Artifact(artifactName(), Artifact.Type.CONTAINER_IMAGE))
                .image(image());
        if (scanner != null && !HarborMapper.isBlank(scanner.name())) {
            report.scanner(ScannerTool.of(scanner.name(), scanner.version()));
        }
    }

    private Instant scannedAt() {
        Optional<Instant> at = Timestamps.parse(generatedAt);
        if (at.isEmpty() && !HarborMapper.isBlank(generatedAt)) {
            report.problem(new Problem(
                    Problem.Kind.COERCED_VALUE,
                    "generated_at \"" + generatedAt + "\" is not a timestamp, left out",
                    generatedAtLocation));
        }
        return at.orElse(null);
    }

    /** {@code library/mongo:4.4@sha256:…}, as Harbor names the artifact in its registry; {@code ""} when it does not. */
    private String artifactName() {
        if (artifact == null || HarborMapper.isBlank(artifact.repository())) {
            return "";
        }
        return artifact.repository().trim()
                + (HarborMapper.isBlank(artifact.tag())
                        ? ""
                        : ":" + artifact.tag().trim())
                + (HarborMapper.isBlank(artifact.digest())
                        ? ""
                        : "@" + artifact.digest().trim());
    }

    /**
     * The image's digest: the artifact's, or else the one digest every entry names. Harbor names
     * the repository without its registry's host, so the image has no reference: that would be a
     * guess.
     */
    private Image image() {
        if (artifact != null && !HarborMapper.isBlank(artifact.digest())) {
            return digest(artifact.digest().trim(), artifactLocation, "artifact.digest");
        }
        if (entryDigests.size() == 1) {
            return digest(entryDigests.iterator().next(), firstEntry, "artifact_digests");
        }
        if (entryDigests.size() > 1) {
            List<String> named = new ArrayList<>(entryDigests);
            report.problem(new Problem(
                    Problem.Kind.COERCED_VALUE,
                    "the entries name " + named.size() + " different artifact_digests (" + String.join(", ", named)
                            + "): the image's digest is unknown",
                    firstEntry));
        }
        return Image.unknown();
    }

    private Image digest(String digest, ReportLocation at, String field) {
        if (!DIGEST.matcher(digest).matches()) {
            report.problem(new Problem(
                    Problem.Kind.COERCED_VALUE, field + " \"" + digest + "\" is not a digest, left out", at));
            return Image.unknown();
        }
        return Image.builder().manifestDigest(digest).build();
    }

    static String kindOf(JsonToken token) {
        if (token == null) {
            return "the end of input";
        }
        return switch (token) {
            case START_ARRAY, END_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }
}
