package dev.shelflife.trivy;

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
import dev.shelflife.json.JsonCursor;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.trivy.OperatorJson.Metadata;
import dev.shelflife.trivy.OperatorJson.Os;
import dev.shelflife.trivy.OperatorJson.Registry;
import dev.shelflife.trivy.OperatorJson.ScannerInfo;
import dev.shelflife.trivy.OperatorJson.Summary;
import dev.shelflife.trivy.OperatorJson.Vulnerability;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads Trivy Operator resources by streaming, as JSON or as YAML: one resource, a top-level
 * array of them, a Kubernetes {@code List} ({@code items}), or, in YAML, a stream of documents.
 * Each {@code VulnerabilityReport} (and {@code ClusterVulnerabilityReport}) is read on its own and
 * its entries mapped once the resource has been read, since its workload, which names the
 * findings' target, may follow its report; so a read holds one resource's entries at a time.
 * Resources of other kinds ({@code ConfigAuditReport}, {@code ExposedSecretReport} …) are not
 * vulnerability reports: each is a problem, and none of what they hold counts as an entry. One
 * reader per read; not thread-safe.
 */
final class OperatorReader {

    static final String ADAPTER_ID = "trivy-operator";
    static final String FORMAT_JSON = "trivy-operator-json";
    static final String FORMAT_YAML = "trivy-operator-yaml";
    /** The API group of every Trivy Operator (and Starboard) resource. */
    static final String GROUP = "aquasecurity.github.io/";

    static final String SUPPORTED_VERSION = "v1alpha1";
    static final Set<String> VULNERABILITY_KINDS = Set.of("VulnerabilityReport", "ClusterVulnerabilityReport");

    private static final Set<String> RESOURCE_KEYS = Set.of("apiVersion", "kind", "metadata", "report", "items");
    private static final Set<String> REPORT_KEYS =
            Set.of("updateTimestamp", "scanner", "registry", "artifact", "os", "summary", "vulnerabilities");
    /** The labels that name the scanned workload: Trivy Operator's, then Starboard's. */
    private static final List<String> LABEL_PREFIXES = List.of("trivy-operator.", "starboard.");

    private static final int IMAGES_NAMED = 3;

    /** Trivy's names of an entry's fields, as the operator spells them, for the locations of problems. */
    private static final Map<String, String> FIELD_NAMES = Map.of(
            "VulnerabilityID", "vulnerabilityID",
            "PkgName", "resource",
            "Severity", "severity",
            "PublishedDate", "publishedDate",
            "LastModifiedDate", "lastModifiedDate");

    private final JsonCursor cursor;
    private final int maxEntries;
    private final ScanReport.Builder report;
    private final TrivyMapper mapper;
    private int entries;
    private int streamed;

    private int elements;
    private int resources;
    private int vulnerabilityReports;
    private String schemaVersion;
    private ScannerTool scanner;
    private Instant scannedAt;
    private final Map<String, Image> images = new LinkedHashMap<>();

    private OperatorReader(JsonCursor cursor, int maxEntries, Consumer<? super Finding> stream) {
        this.cursor = cursor;
        this.maxEntries = maxEntries;
        this.report = ScanReport.builder(
                EvidenceKind.SCAN,
                ReportFormat.of(ADAPTER_ID, cursor.isYaml() ? FORMAT_YAML : FORMAT_JSON, null),
                ScannerTool.of(TrivyReader.SCANNER_NAME, null));
        cursor.reportProblemsTo(report::problem);
        this.mapper = new TrivyMapper(
                report,
                stream == null
                        ? report::finding
                        : finding -> {
                            stream.accept(finding);
                            streamed++;
                        },
                OperatorReader::fieldName);
    }

    static ScanReport read(ReportSource source) {
        try (JsonCursor cursor = open(source)) {
            return new OperatorReader(cursor, source.limits().maxEntries(), null)
                    .readDocument()
                    .build();
        }
    }

    static ReportSummary stream(ReportSource source, Consumer<? super Finding> findings) {
        try (JsonCursor cursor = open(source)) {
            OperatorReader reader = new OperatorReader(cursor, source.limits().maxEntries(), findings);
            return reader.readDocument().summary(reader.streamed);
        }
    }

    /** Whether a kind is one whose resources hold vulnerabilities: {@code VulnerabilityReport}, {@code ClusterVulnerabilityReport}. */
    static boolean isVulnerabilityReport(String kind) {
        return kind != null && VULNERABILITY_KINDS.contains(kind);
    }

    /** JSON when the document starts with <code>{</code> or <code>[</code>, YAML otherwise. */
    static JsonCursor open(ReportSource source) {
        return isJson(source.head()) ? JsonCursor.open(source) : JsonCursor.openYaml(source);
    }

    /**
     * Whether a document is JSON, by its first character: <code>{</code> or <code>[</code> (or
     * nothing at all). Byte-order marks and the zero bytes of UTF-16 and UTF-32 are passed over, so
     * this holds in every encoding; YAML starts otherwise ({@code ---}, a comment, a key).
     */
    static boolean isJson(byte[] head) {
        for (byte b : head) {
            int c = b & 0xFF;
            if (c == 0 || c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xEF || c == 0xBB || c == 0xBF
                    || c == 0xFE || c == 0xFF) {
                continue;
            }
            return c == '{' || c == '[';
        }
        return true;
    }

    private static String fieldName(String trivyName) {
        String named = FIELD_NAMES.get(trivyName);
        if (named != null) {
            return named;
        }
        return trivyName.startsWith("CVSS/") ? "cvss/" + trivyName.substring(5) : trivyName;
    }

    private ScanReport.Builder readDocument() {
        JsonToken token = cursor.firstToken();
        ReportLocation start = cursor.location();
        boolean any = false;
        while (token != null) {
            any |= readTopLevel(token);
            // A YAML stream may hold several documents, each a resource, an array or a List.
            token = cursor.isYaml() ? cursor.nextToken() : null;
        }
        if (!cursor.isYaml()) {
            cursor.requireEnd();
        }
        if (!any) {
            throw new UnsupportedReportException(
                    start,
                    "not a Trivy Operator resource: the document is " + TrivyReader.kindOf(JsonToken.VALUE_NULL));
        }
        finish(start);
        return report;
    }

    /** Reads one top-level value; says whether it was an object or an array. */
    private boolean readTopLevel(JsonToken token) {
        switch (token) {
            case START_OBJECT -> readResource(true);
            case START_ARRAY -> cursor.forEachElement(index -> element());
            case VALUE_NULL -> {
                // An empty YAML document, between two "---".
                return false;
            }
            default ->
                throw new UnsupportedReportException(
                        cursor.location(),
                        "not a Trivy Operator resource: the document is " + TrivyReader.kindOf(token)
                                + ", not an object or an array");
        }
        return true;
    }

    /** One element of a top-level array or of a List's {@code items}. */
    private void element() {
        elements++;
        if (cursor.currentToken() == JsonToken.START_OBJECT) {
            readResource(false);
        } else {
            report.problem(new Problem(
                    Problem.Kind.IGNORED_VALUE,
                    "an element that is " + TrivyReader.kindOf(cursor.currentToken()) + ", not a resource: not read",
                    cursor.location()));
            cursor.skip();
        }
    }

    private void readResource(boolean topLevel) {
        Resource resource = new Resource(cursor.location());
        cursor.forEachField(name -> {
            switch (name) {
                case "apiVersion" -> {
                    resource.apiVersionAt = cursor.location();
                    resource.apiVersion = cursor.text();
                }
                case "kind" -> resource.kind = cursor.text();
                case "metadata" -> resource.metadata = cursor.read(Metadata.class);
                case "report" -> readReport(resource);
                case "items" -> {
                    resource.isList = true;
                    if (cursor.currentToken() != JsonToken.VALUE_NULL) {
                        cursor.require(JsonToken.START_ARRAY, "the items array");
                        cursor.forEachElement(index -> element());
                    }
                }
                default -> cursor.skipUnread(name, RESOURCE_KEYS);
            }
        });
        finishResource(resource, topLevel);
    }

    private void readReport(Resource resource) {
        resource.reportAt = cursor.location();
        resource.hasReport = true;
        if (cursor.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        cursor.require(JsonToken.START_OBJECT, "the report object");
        cursor.forEachField(name -> {
            switch (name) {
                case "updateTimestamp" -> {
                    resource.updatedAt = cursor.location();
                    resource.updateTimestamp = cursor.text();
                }
                case "scanner" -> resource.scanner = cursor.read(ScannerInfo.class);
                case "registry" -> resource.registry = cursor.read(Registry.class);
                case "artifact" -> {
                    resource.artifactAt = cursor.location();
                    resource.artifact = cursor.read(OperatorJson.Artifact.class);
                }
                case "os" -> resource.os = cursor.read(Os.class);
                case "summary" -> {
                    resource.summaryAt = cursor.location();
                    resource.summary = cursor.read(Summary.class);
                }
                case "vulnerabilities" -> readEntries(resource);
                default -> cursor.skipUnread(name, REPORT_KEYS);
            }
        });
    }

    private void readEntries(Resource resource) {
        resource.hasVulnerabilities = true;
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
            resource.entries.add(new RawEntry(cursor.read(Vulnerability.class), at));
        });
    }

    private void finishResource(Resource resource, boolean topLevel) {
        if (resource.isList && !resource.hasReport) {
            return;
        }
        boolean operator = resource.apiVersion != null && resource.apiVersion.startsWith(GROUP);
        if (!operator) {
            String what = "not a Trivy Operator resource: " + resource.describe();
            if (topLevel) {
                throw new UnsupportedReportException(resource.at, what);
            }
            report.problem(new Problem(Problem.Kind.IGNORED_VALUE, what + ", not read", resource.at));
            return;
        }
        resources++;
        if (!isVulnerabilityReport(resource.kind)) {
            report.problem(new Problem(
                    Problem.Kind.IGNORED_VALUE,
                    "a " + (resource.kind == null ? "resource without kind" : resource.kind) + resource.named()
                            + " is not a vulnerability report: not read, and nothing it holds counts as an entry",
                    resource.at));
            return;
        }
        String version = resource.apiVersion.substring(GROUP.length());
        if (!SUPPORTED_VERSION.equals(version)) {
            throw new UnsupportedReportException(
                    resource.apiVersionAt,
                    "Trivy Operator apiVersion " + resource.apiVersion + " is not supported: this adapter reads "
                            + GROUP + SUPPORTED_VERSION);
        }
        vulnerabilityReports++;
        if (schemaVersion == null) {
            schemaVersion = version;
        }
        if (!resource.hasReport) {
            report.problem(new Problem(
                    Problem.Kind.MISSING_VALUE,
                    "a " + resource.kind + resource.named() + " without report, which holds what the operator found:"
                            + " its findings are unknown",
                    resource.at));
        } else if (!resource.hasVulnerabilities) {
            report.problem(new Problem(
                    Problem.Kind.MISSING_VALUE,
                    "a report without vulnerabilities, which the operator writes in every " + resource.kind
                            + " ([] when it found nothing): its findings may be missing (removed or misspelled)",
                    resource.reportAt));
        }
        String workload = resource.workload();
        for (RawEntry raw : resource.entries) {
            Vulnerability entry = raw.entry();
            String target =
                    entry == null || TrivyMapper.isBlank(entry.target()) ? workload : workload + ": " + entry.target();
            mapper.entry(entry, raw.at(), target, entry == null ? null : entry.packageType());
        }
        checkSummary(resource);
        describeScan(resource);
    }

    /** The summary is never counted from: it is compared with the entries listed, and a difference is a problem. */
    private void checkSummary(Resource resource) {
        Summary summary = resource.summary;
        if (summary == null) {
            return;
        }
        Map<String, Integer> said = new LinkedHashMap<>();
        put(said, "critical", summary.critical());
        put(said, "high", summary.high());
        put(said, "medium", summary.medium());
        put(said, "low", summary.low());
        put(said, "unknown", summary.unknown());
        put(said, "none", summary.none());
        Map<String, Integer> listed = new LinkedHashMap<>();
        for (String severity : List.of("critical", "high", "medium", "low", "unknown", "none")) {
            listed.put(severity, 0);
        }
        for (RawEntry raw : resource.entries) {
            String severity = raw.entry() == null || raw.entry().severity() == null
                    ? "unknown"
                    : raw.entry().severity().trim().toLowerCase(Locale.ROOT);
            listed.merge(listed.containsKey(severity) ? severity : "unknown", 1, Integer::sum);
        }
        boolean differs = said.entrySet().stream().anyMatch(e -> !e.getValue().equals(listed.get(e.getKey())));
        if (!differs) {
            return;
        }
        int saidTotal = said.values().stream().mapToInt(Integer::intValue).sum();
        int listedTotal = resource.entries.size();
        report.problem(new Problem(
                saidTotal > listedTotal ? Problem.Kind.MISSING_VALUE : Problem.Kind.COERCED_VALUE,
                "the summary counts " + saidTotal + " vulnerabilities" + bySeverity(said) + " but the report lists "
                        + listedTotal + bySeverity(listed) + ": counted as listed"
                        + (saidTotal > listedTotal ? ", the others are missing from the report" : ""),
                resource.summaryAt));
    }

    private static void put(Map<String, Integer> counts, String severity, Integer count) {
        if (count != null) {
            counts.put(severity, count);
        }
    }

    private static String bySeverity(Map<String, Integer> counts) {
        StringJoiner parts = new StringJoiner(", ", " (", ")").setEmptyValue("");
        counts.forEach((severity, count) -> {
            if (count != 0) {
                parts.add(count + " " + severity);
            }
        });
        return parts.toString();
    }

    /** The scan's image, scanner and instant, from one vulnerability report. */
    private void describeScan(Resource resource) {
        if (scanner == null && resource.scanner != null && !TrivyMapper.isBlank(resource.scanner.name())) {
            scanner = ScannerTool.of(resource.scanner.name(), resource.scanner.version());
        }
        Instant at = mapper.instant(resource.updateTimestamp, "updateTimestamp", resource.updatedAt);
        if (at == null && resource.metadata != null) {
            at = mapper.instant(resource.metadata.creationTimestamp(), "metadata.creationTimestamp", resource.at);
        }
        if (at != null && (scannedAt == null || at.isBefore(scannedAt))) {
            scannedAt = at;
        }
        if (!resource.hasReport) {
            return;
        }
        OperatorJson.Artifact artifact = resource.artifact;
        if (artifact == null || TrivyMapper.isBlank(artifact.repository())) {
            report.problem(new Problem(
                    Problem.Kind.MISSING_VALUE,
                    "a report without artifact.repository, which names the scanned image in every " + resource.kind
                            + ": the image is unknown",
                    resource.artifactAt != null ? resource.artifactAt : resource.reportAt));
            return;
        }
        String server = resource.registry == null ? null : resource.registry.server();
        String reference = (TrivyMapper.isBlank(server) ? "" : server.trim() + "/")
                + artifact.repository().trim()
                + (TrivyMapper.isBlank(artifact.tag())
                        ? ""
                        : ":" + artifact.tag().trim())
                + (TrivyMapper.isBlank(artifact.digest())
                        ? ""
                        : "@" + artifact.digest().trim());
        ImageRef ref;
        try {
            ref = ImageRef.parse(reference);
        } catch (IllegalArgumentException notAReference) {
            report.problem(new Problem(
                    Problem.Kind.COERCED_VALUE,
                    "registry.server and artifact make no image reference: " + notAReference.getMessage()
                            + "; the image is unknown",
                    resource.artifactAt));
            return;
        }
        Image.Builder image = Image.builder().ref(ref);
        ref.digest().ifPresent(digest -> image.manifestDigest(digest).repoDigest(ref.name() + "@" + digest));
        if (resource.os != null) {
            String os = Stream.of(resource.os.family(), resource.os.name())
                    .filter(part -> !TrivyMapper.isBlank(part))
                    .map(String::trim)
                    .collect(Collectors.joining(" "));
            if (!os.isEmpty()) {
                image.os(os);
            }
        }
        images.putIfAbsent(ref.toString(), image.build());
    }

    private void finish(ReportLocation start) {
        if (elements > 0 && resources == 0) {
            throw new UnsupportedReportException(
                    start,
                    "not Trivy Operator resources: none of the " + elements + " elements is an " + GROUP + " resource");
        }
        if (vulnerabilityReports == 0) {
            report.problem(new Problem(
                    Problem.Kind.MISSING_VALUE,
                    "no VulnerabilityReport among the " + resources + " Trivy Operator resources: the document shows"
                            + " no vulnerability scan",
                    start));
        }
        report.format(ReportFormat.of(ADAPTER_ID, cursor.isYaml() ? FORMAT_YAML : FORMAT_JSON, schemaVersion))
                .scannedAt(scannedAt);
        if (scanner != null) {
            report.scanner(scanner);
        }
        if (images.size() == 1) {
            Image image = images.values().iterator().next();
            report.image(image)
                    .artifact(new Artifact(image.ref().orElseThrow().toString(), Artifact.Type.CONTAINER_IMAGE));
        } else if (images.size() > 1) {
            List<String> named = new ArrayList<>(images.keySet());
            report.artifact(new Artifact("", Artifact.Type.CLUSTER))
                    .problem(new Problem(
                            Problem.Kind.COERCED_VALUE,
                            "the document holds the reports of " + images.size() + " images ("
                                    + String.join(", ", named.subList(0, Math.min(IMAGES_NAMED, named.size())))
                                    + (named.size() > IMAGES_NAMED ? ", …" : "")
                                    + "): read as one scan without an image; evaluate each image's reports on their own",
                            start));
        }
    }

    /** A raw entry as bound, {@code null} for a JSON {@code null}, and where it starts. */
    private record RawEntry(Vulnerability entry, ReportLocation at) {}

    /** One resource, as read so far. */
    private static final class Resource {
        private final ReportLocation at;
        private String apiVersion;
        private ReportLocation apiVersionAt;
        private String kind;
        private Metadata metadata;
        private boolean isList;
        private boolean hasReport;
        private ReportLocation reportAt;
        private String updateTimestamp;
        private ReportLocation updatedAt;
        private ScannerInfo scanner;
        private Registry registry;
        private OperatorJson.Artifact artifact;
        private ReportLocation artifactAt;
        private Os os;
        private Summary summary;
        private ReportLocation summaryAt;
        private boolean hasVulnerabilities;
        private final List<RawEntry> entries = new ArrayList<>();

        Resource(ReportLocation at) {
            this.at = at;
        }

        String describe() {
            if (apiVersion == null && kind == null) {
                return "an object without apiVersion and kind";
            }
            return "apiVersion " + (apiVersion == null ? "(none)" : apiVersion) + ", kind "
                    + (kind == null ? "(none)" : kind);
        }

        /** {@code " (replicaset-nginx-…)"}, or nothing for a resource without a name. */
        String named() {
            return metadata == null || TrivyMapper.isBlank(metadata.name()) ? "" : " (" + metadata.name() + ")";
        }

        /**
         * The scanned workload and container, from the operator's labels:
         * {@code default/ReplicaSet/nginx-6d4cf56db6 (container nginx)}; the resource's own name
         * when the labels are missing.
         */
        String workload() {
            Map<String, String> labels = metadata == null || metadata.labels() == null ? Map.of() : metadata.labels();
            String namespace = label(labels, "resource.namespace");
            if (namespace == null && metadata != null) {
                namespace = metadata.namespace();
            }
            String workload = Stream.of(namespace, label(labels, "resource.kind"), label(labels, "resource.name"))
                    .filter(part -> !TrivyMapper.isBlank(part))
                    .collect(Collectors.joining("/"));
            if (label(labels, "resource.name") == null) {
                workload = Stream.of(namespace, metadata == null ? null : metadata.name())
                        .filter(part -> !TrivyMapper.isBlank(part))
                        .collect(Collectors.joining("/"));
            }
            String container = label(labels, "container.name");
            return container == null ? workload : workload + " (container " + container + ")";
        }

        private static String label(Map<String, String> labels, String name) {
            for (String prefix : LABEL_PREFIXES) {
                String value = labels.get(prefix + name);
                if (!TrivyMapper.isBlank(value)) {
                    return value;
                }
            }
            return null;
        }
    }
}
