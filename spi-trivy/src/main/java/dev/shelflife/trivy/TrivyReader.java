package dev.shelflife.trivy;

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
import dev.shelflife.json.JsonCursor;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.trivy.TrivyJson.Metadata;
import dev.shelflife.trivy.TrivyJson.ScannerInfo;
import dev.shelflife.trivy.TrivyJson.VulnerabilityEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads one Trivy report by streaming: walks the outer structure token by token and binds each
 * vulnerability entry on its own, so no tree of the whole document is built. One reader per
 * read; not thread-safe.
 *
 * <p>Three shapes: the legacy top-level array of results (and the {@code null} old Trivy printed
 * for nothing found), the SchemaVersion 2 object, and the {@code trivy k8s} object whose workloads
 * ({@code Vulnerabilities}, {@code Resources} or {@code Findings}) each hold results. Fields are
 * read in any order; the format is decided once the document has been read.
 *
 * <p>An entry becomes a finding as soon as its result's {@code Target} and {@code Type} are known,
 * which in Trivy's own output is before its {@code Vulnerabilities}; entries that come first wait
 * for the end of their result, and the results of a {@code trivy k8s} workload wait for the
 * workload's name at its end. So a streaming read holds at most one result, or one workload.
 */
final class TrivyReader {

    static final String ADAPTER_ID = "trivy";
    static final String SCANNER_NAME = "Trivy";
    static final String FORMAT_JSON = "trivy-json";
    static final String FORMAT_LEGACY = "trivy-legacy-array";
    static final String FORMAT_K8S = "trivy-k8s";
    static final String SUPPORTED_SCHEMA = "2";

    /** The top-level keys the reader reads: a key spelled like one of them in another case is reported, not skipped. */
    private static final Set<String> TOP_LEVEL = Set.of(
            "SchemaVersion",
            "Trivy",
            "CreatedAt",
            "ArtifactName",
            "ArtifactType",
            "Metadata",
            "Results",
            "ClusterName",
            "Vulnerabilities",
            "Resources",
            "Findings");
    /** The keys of a result the reader reads, and its {@code Class}. */
    private static final Set<String> RESULT = Set.of("Target", "Class", "Type", "Vulnerabilities");

    /** The classes of the results Trivy's vulnerability scanner writes. */
    private static final Set<String> VULNERABILITY_CLASSES = Set.of("os-pkgs", "lang-pkgs");
    /** The keys of a {@code trivy k8s} workload the reader reads. */
    private static final Set<String> WORKLOAD = Set.of("Namespace", "Kind", "Name", "Results", "Error");

    private final JsonCursor cursor;
    private final int maxEntries;
    // Trivy may write SchemaVersion and Trivy.Version after Results: the format and scanner are
    // set once the document has been read, so that entries become findings as they are read.
    private final ScanReport.Builder report = ScanReport.builder(
            EvidenceKind.SCAN, ReportFormat.of(ADAPTER_ID, FORMAT_JSON, null), ScannerTool.of(SCANNER_NAME, null));
    private final TrivyMapper mapper;
    private int entries;
    private int streamed;

    private String schemaVersion;
    private String scannerVersion;
    private String createdAt;
    private ReportLocation createdAtLocation;
    private String artifactName;
    private String artifactType;
    private Metadata metadata;
    private ReportLocation metadataLocation;
    private boolean hasResults;
    /** The results read, and those of Trivy's vulnerability scanner (or of no other class). */
    private int resultCount;

    private int vulnerabilityResults;
    private String clusterName;
    private boolean isKubernetes;
    private boolean hasWorkloads;
    /** Whether a workload named its Namespace, Kind or Name, as every trivy k8s workload does. */
    private boolean workloadNamed;

    /**
     * A reader that adds each finding to the report, or hands it to {@code stream} instead.
     *
     * @param stream the consumer of a streaming read, {@code null} to keep the findings
     */
    private TrivyReader(JsonCursor cursor, int maxEntries, Consumer<? super Finding> stream) {
        this.cursor = cursor;
        this.maxEntries = maxEntries;
        cursor.reportProblemsTo(report::problem);
        this.mapper = new TrivyMapper(
                report,
                stream == null
                        ? report::finding
                        : finding -> {
                            stream.accept(finding);
                            streamed++;
                        });
    }

    /**
     * Reads a report.
     *
     * @param source the input
     * @return the report
     * @throws dev.shelflife.ReportParseException if the input is malformed, with its location
     * @throws UnsupportedReportException if it is well formed but no Trivy report this reader knows
     */
    static ScanReport read(ReportSource source) {
        try (JsonCursor cursor = JsonCursor.open(source)) {
            return new TrivyReader(cursor, source.limits().maxEntries(), null)
                    .readDocument()
                    .build();
        }
    }

    /**
     * Reads a report, handing each finding to a consumer as soon as it is mapped.
     *
     * @param source the input
     * @param findings the consumer
     * @return the rest of the report
     * @throws dev.shelflife.ReportParseException if the input is malformed, with its location
     * @throws UnsupportedReportException if it is well formed but no Trivy report this reader knows
     */
    static ReportSummary stream(ReportSource source, Consumer<? super Finding> findings) {
        try (JsonCursor cursor = JsonCursor.open(source)) {
            TrivyReader reader = new TrivyReader(cursor, source.limits().maxEntries(), findings);
            return reader.readDocument().summary(reader.streamed);
        }
    }

    private ScanReport.Builder readDocument() {
        JsonToken first = cursor.firstToken();
        ReportLocation start = cursor.location();
        switch (first) {
            case VALUE_NULL -> legacy();
            case START_ARRAY -> {
                cursor.forEachElement(index -> readResult("", true).finish(""));
                legacy();
            }
            case START_OBJECT -> {
                cursor.forEachField(this::readTopLevelField);
                object(start);
            }
            default ->
                throw new UnsupportedReportException(
                        start, "not a Trivy report: the document is " + kindOf(first) + ", not an object or an array");
        }
        cursor.requireEnd();
        return report;
    }

    private void legacy() {
        report.format(ReportFormat.of(ADAPTER_ID, FORMAT_LEGACY, null));
    }

    private void readTopLevelField(String name) {
        switch (name) {
            case "SchemaVersion" -> readSchemaVersion();
            case "Trivy" -> {
                ScannerInfo trivy = cursor.read(ScannerInfo.class);
                scannerVersion = trivy == null ? null : trivy.version();
            }
            case "CreatedAt" -> {
                createdAtLocation = cursor.location();
                createdAt = cursor.text();
            }
            case "ArtifactName" -> artifactName = cursor.text();
            case "ArtifactType" -> artifactType = cursor.text();
            case "Metadata" -> {
                metadataLocation = cursor.location();
                metadata = cursor.read(Metadata.class);
            }
            case "Results" -> {
                hasResults = true;
                readResults("");
            }
            case "ClusterName" -> {
                isKubernetes = true;
                clusterName = cursor.text();
            }
            // trivy k8s workloads: "Vulnerabilities" in older versions, "Resources" in newer ones,
            // "Findings" in the summary report.
            case "Vulnerabilities", "Resources", "Findings" -> {
                isKubernetes = true;
                hasWorkloads = true;
                readWorkloads();
            }
            // Misconfigurations, secrets, licenses and the rest are not vulnerability entries; a
            // key spelled like one the reader reads, or another format's entries, are reported.
            default -> cursor.skipUnread(name, TOP_LEVEL);
        }
    }

    private void readSchemaVersion() {
        if (cursor.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw cursor.failure("expected SchemaVersion to be an integer, found " + kindOf(cursor.currentToken()));
        }
        schemaVersion = cursor.text();
        if (!SUPPORTED_SCHEMA.equals(schemaVersion)) {
            throw new UnsupportedReportException(
                    cursor.location(),
                    "Trivy SchemaVersion " + schemaVersion
                            + " is not supported: this adapter reads SchemaVersion 2 (Trivy v0.20 and later)"
                            + " and the legacy top-level array");
        }
    }

    private void object(ReportLocation start) {
        Instant scannedAt = mapper.instant(createdAt, "CreatedAt", createdAtLocation);
        if (isKubernetes) {
            if (clusterName == null && hasWorkloads && !workloadNamed && !hasResults) {
                // AWS Security Hub keeps its findings under Findings too: entries that name no
                // workload, in a document that names no cluster, are not Trivy's.
                throw new UnsupportedReportException(
                        start, "not a Trivy report: no ClusterName, and no workload names its Namespace, Kind or Name");
            }
            if (!hasWorkloads) {
                report.problem(new Problem(
                        Problem.Kind.MISSING_VALUE,
                        "no workloads (Vulnerabilities, Resources or Findings): trivy k8s writes the workloads it"
                                + " scanned for vulnerabilities; without them the report shows no vulnerability scan"
                                + " (the scan was of misconfigurations only, or the workloads were removed or"
                                + " misspelled)",
                        start));
            }
            named(FORMAT_K8S)
                    .artifact(new Artifact(clusterName == null ? "" : clusterName, Artifact.Type.CLUSTER))
                    .scannedAt(scannedAt);
            return;
        }
        if (schemaVersion == null && !hasResults && artifactName == null) {
            throw new UnsupportedReportException(
                    start,
                    "not a Trivy report: an object without SchemaVersion, ArtifactName," + " Results or ClusterName");
        }
        if (schemaVersion == null) {
            report.problem(new Problem(Problem.Kind.COERCED_VALUE, "no SchemaVersion: read as SchemaVersion 2", start));
        }
        if (!hasResults) {
            // Trivy omits an empty Results, but every scan that found an OS or a package file has one,
            // an os-pkgs result even without vulnerabilities: without it the report shows no coverage.
            report.problem(new Problem(
                    Problem.Kind.MISSING_VALUE,
                    "no Results: Trivy writes a result for every OS and package file it scanned, with or without"
                            + " vulnerabilities; without Results the report shows nothing scanned (the scan found no OS"
                            + " and no package files, or Results was removed or misspelled)",
                    start));
        }
        if (hasResults && vulnerabilityResults == 0 && resultCount > 0) {
            // trivy --scanners misconfig,secret,license writes results of those classes only: a report
            // of them is no evidence that the vulnerability scanner looked at the image.
            report.problem(new Problem(
                    Problem.Kind.MISSING_VALUE,
                    "no result of Trivy's vulnerability scanner (Class os-pkgs or lang-pkgs): every result is a"
                            + " misconfiguration, secret or licence result, so the report shows no vulnerability"
                            + " scan (Trivy ran without --scanners vuln)",
                    start));
        }
        Artifact artifact = TrivyMapper.artifact(artifactName, artifactType);
        Image image = artifact.type() == Artifact.Type.CONTAINER_IMAGE
                ? mapper.image(metadata, metadataLocation, artifactName)
                : Image.unknown();
        named(FORMAT_JSON).artifact(artifact).image(image).scannedAt(scannedAt);
    }

    private ScanReport.Builder named(String format) {
        return report.format(ReportFormat.of(ADAPTER_ID, format, schemaVersion))
                .scanner(ScannerTool.of(SCANNER_NAME, scannerVersion));
    }

    /**
     * Reads a {@code Results} array.
     *
     * @param targetPrefix what precedes each target, or {@code null} inside a workload, whose name
     *     may follow its results: then the results are returned unfinished
     * @return the unfinished results
     */
    private List<Result> readResults(String targetPrefix) {
        List<Result> unfinished = new ArrayList<>();
        if (cursor.currentToken() != JsonToken.VALUE_NULL) {
            cursor.require(JsonToken.START_ARRAY, "the Results array");
            cursor.forEachElement(index -> {
                Result result = readResult(targetPrefix, false);
                if (targetPrefix == null) {
                    unfinished.add(result);
                } else {
                    result.finish(targetPrefix);
                }
            });
        }
        return unfinished;
    }

    /**
     * Reads one result.
     *
     * @param legacy whether it is an element of the legacy array, where Trivy always wrote
     *     {@code Vulnerabilities} ({@code null} for none); SchemaVersion 2 omits it when empty
     */
    private Result readResult(String targetPrefix, boolean legacy) {
        cursor.require(JsonToken.START_OBJECT, "a result object");
        ReportLocation at = cursor.location();
        Result result = new Result(targetPrefix);
        resultCount++;
        boolean[] seen = new boolean[2];
        boolean[] otherClass = new boolean[1];
        cursor.forEachField(name -> {
            switch (name) {
                case "Target" -> {
                    seen[0] = true;
                    result.target = cursor.text();
                }
                case "Type" -> result.type = cursor.text();
                case "Class" -> {
                    if (!VULNERABILITY_CLASSES.contains(cursor.text())) {
                        otherClass[0] = true;
                    }
                }
                case "Vulnerabilities" -> {
                    seen[1] = true;
                    readEntries(result);
                }
                // Packages, Misconfigurations, Secrets, Licenses, CustomResources: not vulnerability entries.
                default -> cursor.skipUnread(name, RESULT);
            }
        });
        if (!seen[0]) {
            report.problem(new Problem(
                    Problem.Kind.MISSING_VALUE,
                    "a result without Target, which Trivy writes in every result: it may not be one of Trivy's",
                    at));
        }
        if (seen[1] || !otherClass[0]) {
            vulnerabilityResults++;
        }
        if (legacy && !seen[1]) {
            report.problem(new Problem(
                    Problem.Kind.MISSING_VALUE,
                    "a result without Vulnerabilities, which Trivy's legacy format writes in every result (null"
                            + " when it found nothing): its entries may be missing",
                    at));
        }
        return result;
    }

    private void readEntries(Result result) {
        if (cursor.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        cursor.require(JsonToken.START_ARRAY, "the Vulnerabilities array");
        cursor.forEachElement(index -> {
            if (++entries > maxEntries) {
                throw cursor.failure(
                        "limit exceeded: more than " + maxEntries + " vulnerability entries (ReadLimits.maxEntries)");
            }
            ReportLocation at = cursor.location();
            result.entry(cursor.read(VulnerabilityEntry.class), at);
        });
    }

    private void readWorkloads() {
        if (cursor.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        cursor.require(JsonToken.START_ARRAY, "the array of workloads");
        cursor.forEachElement(index -> readWorkload());
    }

    private void readWorkload() {
        cursor.require(JsonToken.START_OBJECT, "a workload object");
        ReportLocation at = cursor.location();
        Workload workload = new Workload();
        cursor.forEachField(name -> {
            switch (name) {
                case "Namespace" -> workload.namespace = cursor.text();
                case "Kind" -> workload.kind = cursor.text();
                case "Name" -> workload.name = cursor.text();
                case "Results" -> workload.results.addAll(readResults(null));
                case "Error" -> workload.error = cursor.text();
                // Metadata describes the workload's image; one report has one image, see docs/adapters/trivy.md.
                default -> cursor.skipUnread(name, WORKLOAD);
            }
        });
        workloadNamed |= workload.namespace != null || workload.kind != null || workload.name != null;
        String name = workload.fullName();
        if (!TrivyMapper.isBlank(workload.error)) {
            report.problem(new Problem(
                    Problem.Kind.IGNORED_BY_SCANNER,
                    "Trivy could not scan " + name + ", its findings may be missing: " + workload.error,
                    at));
        }
        workload.results.forEach(result -> result.finish(name + ": "));
    }

    static String kindOf(JsonToken token) {
        if (token == null) {
            return "the end of input";
        }
        return switch (token) {
            case START_OBJECT, END_OBJECT -> "an object";
            case START_ARRAY, END_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }

    /** A raw entry as bound, {@code null} for a JSON {@code null}, and where it starts. */
    private record RawEntry(VulnerabilityEntry entry, ReportLocation location) {}

    /**
     * One element of {@code Results}. Its entries are mapped as they are read once the target is
     * complete; until then (a {@code Target} or {@code Type} after {@code Vulnerabilities}, or a
     * workload's name still to come) they wait for {@link #finish(String)}.
     */
    private final class Result {
        private final String targetPrefix;
        private String target;
        private String type;
        private String fullTarget;
        private final List<RawEntry> waiting = new ArrayList<>();

        Result(String targetPrefix) {
            this.targetPrefix = targetPrefix;
        }

        void entry(VulnerabilityEntry entry, ReportLocation at) {
            if (targetPrefix != null && target != null && type != null) {
                if (fullTarget == null) {
                    // One string for all the result's findings: its hash, which collapsing duplicates needs, is
                    // computed once.
                    fullTarget = targetPrefix + target;
                }
                mapper.entry(entry, at, fullTarget, type);
            } else {
                waiting.add(new RawEntry(entry, at));
            }
        }

        /** Maps the waiting entries, now that the result (and its workload, if any) has been read. */
        void finish(String prefix) {
            String fullTarget = prefix + (target == null ? "" : target);
            waiting.forEach(raw -> mapper.entry(raw.entry(), raw.location(), fullTarget, type));
            waiting.clear();
        }
    }

    /** One workload of a {@code trivy k8s} report. */
    private static final class Workload {
        private String namespace;
        private String kind;
        private String name;
        private String error;
        private final List<Result> results = new ArrayList<>();

        /** {@code default/Deployment/redis}; cluster-wide resources have no namespace. */
        String fullName() {
            return Stream.of(namespace, kind, name)
                    .filter(part -> !TrivyMapper.isBlank(part))
                    .collect(Collectors.joining("/"));
        }
    }
}
