package dev.shelflife.trivy;

import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.Artifact;
import dev.shelflife.Image;
import dev.shelflife.Problem;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.Scanner;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.trivy.TrivyJson.Metadata;
import dev.shelflife.trivy.TrivyJson.ScannerInfo;
import dev.shelflife.trivy.TrivyJson.VulnerabilityEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 */
final class TrivyReader {

    static final String ADAPTER_ID = "trivy";
    static final String SCANNER_NAME = "Trivy";
    static final String FORMAT_JSON = "trivy-json";
    static final String FORMAT_LEGACY = "trivy-legacy-array";
    static final String FORMAT_K8S = "trivy-k8s";
    static final String SUPPORTED_SCHEMA = "2";

    private final JsonCursor cursor;
    private final int maxEntries;
    private final ReportDraft draft = new ReportDraft();
    private final TrivyMapper mapper = new TrivyMapper(draft);
    private int entries;

    private String schemaVersion;
    private String scannerVersion;
    private String createdAt;
    private ReportLocation createdAtLocation;
    private String artifactName;
    private String artifactType;
    private Metadata metadata;
    private ReportLocation metadataLocation;
    private boolean hasResults;
    private String clusterName;
    private boolean isKubernetes;

    private TrivyReader(JsonCursor cursor, int maxEntries) {
        this.cursor = cursor;
        this.maxEntries = maxEntries;
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
            return new TrivyReader(cursor, source.limits().maxEntries()).readDocument();
        }
    }

    private ScanReport readDocument() {
        JsonToken first = cursor.firstToken();
        ReportLocation start = cursor.location();
        ScanReport.Builder report = switch (first) {
            case VALUE_NULL -> legacy();
            case START_ARRAY -> {
                cursor.forEachElement(index -> readResult().map(""));
                yield legacy();
            }
            case START_OBJECT -> {
                cursor.forEachField(this::readTopLevelField);
                yield object(start);
            }
            default -> throw new UnsupportedReportException(start,
                    "not a Trivy report: the document is " + kindOf(first) + ", not an object or an array");
        };
        cursor.requireEnd();
        return report.build();
    }

    private ScanReport.Builder legacy() {
        return draft.replayInto(ScanReport.builder(ReportFormat.of(ADAPTER_ID, FORMAT_LEGACY, null),
                Scanner.of(SCANNER_NAME, null)));
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
                readResults().forEach(result -> result.map(""));
            }
            case "ClusterName" -> {
                isKubernetes = true;
                clusterName = cursor.text();
            }
            // trivy k8s workloads: "Vulnerabilities" in older versions, "Resources" in newer ones,
            // "Findings" in the summary report.
            case "Vulnerabilities", "Resources", "Findings" -> {
                isKubernetes = true;
                readWorkloads();
            }
            // Misconfigurations, secrets, licenses and the rest are not vulnerability entries.
            default -> cursor.skip();
        }
    }

    private void readSchemaVersion() {
        if (cursor.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw cursor.failure("expected SchemaVersion to be an integer, found " + kindOf(cursor.currentToken()));
        }
        schemaVersion = cursor.text();
        if (!SUPPORTED_SCHEMA.equals(schemaVersion)) {
            throw new UnsupportedReportException(cursor.location(), "Trivy SchemaVersion " + schemaVersion
                    + " is not supported: this adapter reads SchemaVersion 2 (Trivy v0.20 and later)"
                    + " and the legacy top-level array");
        }
    }

    private ScanReport.Builder object(ReportLocation start) {
        Instant scannedAt = mapper.instant(createdAt, "CreatedAt", createdAtLocation);
        if (isKubernetes) {
            return draft.replayInto(builder(FORMAT_K8S))
                    .artifact(new Artifact(clusterName == null ? "" : clusterName, Artifact.Type.CLUSTER))
                    .scannedAt(scannedAt);
        }
        if (schemaVersion == null && !hasResults && artifactName == null) {
            throw new UnsupportedReportException(start, "not a Trivy report: an object without SchemaVersion, ArtifactName,"
                    + " Results or ClusterName");
        }
        if (schemaVersion == null) {
            draft.problem(Problem.Kind.COERCED_VALUE, "no SchemaVersion: read as SchemaVersion 2", start);
        }
        Artifact artifact = TrivyMapper.artifact(artifactName, artifactType);
        Image image = artifact.type() == Artifact.Type.CONTAINER_IMAGE
                ? mapper.image(metadata, metadataLocation, artifactName)
                : Image.unknown();
        return draft.replayInto(builder(FORMAT_JSON)).artifact(artifact).image(image).scannedAt(scannedAt);
    }

    private ScanReport.Builder builder(String format) {
        return ScanReport.builder(ReportFormat.of(ADAPTER_ID, format, schemaVersion), Scanner.of(SCANNER_NAME, scannerVersion));
    }

    private List<Result> readResults() {
        List<Result> results = new ArrayList<>();
        if (cursor.currentToken() != JsonToken.VALUE_NULL) {
            cursor.require(JsonToken.START_ARRAY, "the Results array");
            cursor.forEachElement(index -> results.add(readResult()));
        }
        return results;
    }

    private Result readResult() {
        cursor.require(JsonToken.START_OBJECT, "a result object");
        Result result = new Result();
        cursor.forEachField(name -> {
            switch (name) {
                case "Target" -> result.target = cursor.text();
                case "Type" -> result.type = cursor.text();
                case "Vulnerabilities" -> readEntries(result);
                // Packages, Misconfigurations, Secrets, Licenses, CustomResources: not vulnerability entries.
                default -> cursor.skip();
            }
        });
        return result;
    }

    private void readEntries(Result result) {
        if (cursor.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        cursor.require(JsonToken.START_ARRAY, "the Vulnerabilities array");
        cursor.forEachElement(index -> {
            if (++entries > maxEntries) {
                throw cursor.failure("limit exceeded: more than " + maxEntries + " vulnerability entries");
            }
            ReportLocation at = cursor.location();
            result.entries.add(new RawEntry(cursor.read(VulnerabilityEntry.class), at));
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
                case "Results" -> workload.results.addAll(readResults());
                case "Error" -> workload.error = cursor.text();
                // Metadata describes the workload's image; one report has one image, see docs/adapters/trivy.md.
                default -> cursor.skip();
            }
        });
        String name = workload.fullName();
        if (!TrivyMapper.isBlank(workload.error)) {
            draft.problem(Problem.Kind.IGNORED_BY_SCANNER,
                    "Trivy could not scan " + name + ", its findings may be missing: " + workload.error, at);
        }
        workload.results.forEach(result -> result.map(name + ": "));
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
    private record RawEntry(VulnerabilityEntry entry, ReportLocation location) {
    }

    /**
     * One element of {@code Results}. Its entries wait for the end of the result, because
     * {@code Target} and {@code Type} may follow {@code Vulnerabilities}.
     */
    private final class Result {
        private String target;
        private String type;
        private final List<RawEntry> entries = new ArrayList<>();

        void map(String targetPrefix) {
            String fullTarget = targetPrefix + (target == null ? "" : target);
            entries.forEach(raw -> mapper.entry(raw.entry(), raw.location(), fullTarget, type));
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
            return Stream.of(namespace, kind, name).filter(part -> !TrivyMapper.isBlank(part)).collect(Collectors.joining("/"));
        }
    }
}
