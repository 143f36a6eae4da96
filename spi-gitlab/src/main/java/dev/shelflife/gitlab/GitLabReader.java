package dev.shelflife.gitlab;

import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.Artifact;
import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.Image;
import dev.shelflife.ImageRef;
import dev.shelflife.Problem;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportLocation;
import dev.shelflife.ReportSummary;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.gitlab.GitLabJson.Scan;
import dev.shelflife.gitlab.GitLabJson.Tool;
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
 * Reads one GitLab container scanning report by streaming: the report object's {@code version},
 * {@code scan} and {@code vulnerabilities}, in any order, each entry bound on its own and mapped
 * as soon as it is read. One reader per read; not thread-safe.
 */
final class GitLabReader {

    static final String ADAPTER_ID = "gitlab";
    static final String FORMAT = "gitlab-container-scanning";
    static final String SCANNER_NAME = "GitLab container scanning";

    /** The only {@code scan.type} this adapter reads: the other GitLab reports describe code, not an image. */
    static final String CONTAINER_SCANNING = "container_scanning";

    private static final Set<String> TOP_LEVEL =
            Set.of("version", "schema", "scan", "vulnerabilities", "remediations", "dependency_files");

    /** {@code trivy image --input app.tar} names the image by the archive's path, which is no reference. */
    private static final Pattern IMAGE_ARCHIVE =
            Pattern.compile(".*\\.(tar|tgz|tar\\.gz|tar\\.zst|tar\\.xz|tar\\.bz2)$");

    private final JsonCursor cursor;
    private final int maxEntries;
    private final ScanReport.Builder report = ScanReport.builder(
            EvidenceKind.SCAN, ReportFormat.of(ADAPTER_ID, FORMAT, null), ScannerTool.of(SCANNER_NAME, null));
    private final GitLabMapper mapper;
    private int entries;
    private int streamed;

    private String version;
    private boolean hasVulnerabilities;
    private boolean hasRemediations;
    /** A top-level key that identifies another format, if any. */
    private String foreign;

    private Scan scan;
    private ReportLocation scanLocation;
    private final Set<String> images = new LinkedHashSet<>();
    private ReportLocation firstImage;

    private GitLabReader(JsonCursor cursor, int maxEntries, Consumer<? super Finding> stream) {
        this.cursor = cursor;
        this.maxEntries = maxEntries;
        cursor.reportProblemsTo(report::problem);
        this.mapper = new GitLabMapper(
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
            return new GitLabReader(cursor, source.limits().maxEntries(), null)
                    .readDocument()
                    .build();
        }
    }

    static ReportSummary stream(ReportSource source, Consumer<? super Finding> findings) {
        try (JsonCursor cursor = JsonCursor.open(source)) {
            GitLabReader reader = new GitLabReader(cursor, source.limits().maxEntries(), findings);
            return reader.readDocument().summary(reader.streamed);
        }
    }

    private ScanReport.Builder readDocument() {
        JsonToken first = cursor.firstToken();
        ReportLocation start = cursor.location();
        if (first != JsonToken.START_OBJECT) {
            throw new UnsupportedReportException(
                    start, "not a GitLab report: the document is " + kindOf(first) + ", not an object");
        }
        cursor.forEachField(name -> {
            switch (name) {
                case "version" -> version = cursor.text();
                case "scan" -> {
                    scanLocation = cursor.location();
                    scan = cursor.read(Scan.class);
                }
                case "vulnerabilities" -> readEntries();
                // Patches (diffs) without versions: see GitLabMapper for where the fix comes from.
                case "remediations" -> {
                    hasRemediations = true;
                    cursor.skip();
                }
                default -> {
                    if (foreign == null) {
                        foreign = FormatKeys.identifies(name)
                                .filter(format -> !format.equals("GitLab"))
                                .map(format -> "\"" + name + "\", which " + format + " writes")
                                .orElse(null);
                    }
                    cursor.skipUnread(name, TOP_LEVEL);
                }
            }
        });
        cursor.requireEnd();
        finish(start);
        return report;
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
            GitLabJson.Vulnerability entry = cursor.read(GitLabJson.Vulnerability.class);
            if (entry != null && entry.location() != null) {
                String image = GitLabMapper.known(entry.location().image());
                if (image != null && images.add(image) && firstImage == null) {
                    firstImage = at.withPath(at.path() + "/location/image");
                }
            }
            mapper.entry(entry, at);
        });
    }

    private void finish(ReportLocation start) {
        if (version == null && scan == null && !hasRemediations) {
            throw new UnsupportedReportException(
                    start, "not a GitLab report: an object without version, scan and remediations");
        }
        if (scan == null && !hasRemediations && foreign != null) {
            throw new UnsupportedReportException(
                    start, "not a GitLab report: an object without scan and remediations, with " + foreign);
        }
        if (scan != null && scan.type() != null && !scan.type().equals(CONTAINER_SCANNING)) {
            throw new UnsupportedReportException(
                    scanLocation.withPath("/scan/type"),
                    "a GitLab " + scan.type() + " report: this adapter reads " + CONTAINER_SCANNING + " reports");
        }
        if (!hasVulnerabilities) {
            report.problem(new Problem(
                    Problem.Kind.MISSING_VALUE,
                    "no vulnerabilities, which every GitLab report has ([] when the scanner found nothing): the report"
                            + " shows no scan (removed or misspelled)",
                    start));
        }
        report.format(ReportFormat.of(ADAPTER_ID, FORMAT, version));
        if (scan != null) {
            readScan();
        }
        describeImage();
    }

    private void readScan() {
        Tool tool =
                scan.scanner() != null && !GitLabMapper.isBlank(scan.scanner().name())
                        ? scan.scanner()
                        : scan.analyzer();
        if (tool != null && !GitLabMapper.isBlank(tool.name())) {
            report.scanner(ScannerTool.of(tool.name(), tool.version()));
        }
        // The scan ended when its database and image were as it reported them.
        String when = GitLabMapper.isBlank(scan.endTime()) ? scan.startTime() : scan.endTime();
        Optional<Instant> at = Timestamps.parse(when);
        if (at.isEmpty() && !GitLabMapper.isBlank(when)) {
            report.problem(new Problem(
                    Problem.Kind.COERCED_VALUE,
                    "scan time \"" + when + "\" is not a timestamp, left out",
                    scanLocation.withPath(
                            "/scan/" + (GitLabMapper.isBlank(scan.endTime()) ? "start_time" : "end_time"))));
        }
        at.ifPresent(report::scannedAt);
        if (scan.status() != null && !scan.status().equals("success")) {
            report.problem(new Problem(
                    Problem.Kind.IGNORED_BY_SCANNER,
                    "scan.status is \"" + scan.status() + "\", not success: the scan may not have completed, its"
                            + " findings may be missing",
                    scanLocation.withPath("/scan/status")));
        }
    }

    /** The image every entry names in {@code location.image}, when they name one and it is a reference. */
    private void describeImage() {
        if (images.isEmpty()) {
            return;
        }
        if (images.size() > 1) {
            List<String> named = new ArrayList<>(images);
            report.artifact(new Artifact("", Artifact.Type.CONTAINER_IMAGE))
                    .problem(new Problem(
                            Problem.Kind.COERCED_VALUE,
                            "the entries name " + named.size() + " images (" + String.join(", ", named)
                                    + "): the image is unknown",
                            firstImage));
            return;
        }
        String image = images.iterator().next();
        report.artifact(new Artifact(image, Artifact.Type.CONTAINER_IMAGE));
        if (IMAGE_ARCHIVE.matcher(image).matches()) {
            return;
        }
        try {
            report.image(Image.builder().ref(ImageRef.parse(image)).build());
        } catch (IllegalArgumentException notAReference) {
            report.problem(new Problem(
                    Problem.Kind.COERCED_VALUE,
                    "location.image \"" + image + "\" is no image reference (" + notAReference.getMessage()
                            + "): the image is unknown",
                    firstImage));
        }
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
