package dev.shelflife.grype;

import dev.shelflife.Artifact;
import dev.shelflife.Epss;
import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.Image;
import dev.shelflife.ImageRef;
import dev.shelflife.InstalledPackage;
import dev.shelflife.KnownExploited;
import dev.shelflife.Problem;
import dev.shelflife.Rating;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportLocation;
import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.Vulnerability;
import dev.shelflife.json.Timestamps;
import dev.shelflife.spi.ReportSource;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Predicate;

/**
 * Turns the DTOs of one Grype document into findings and a {@link ScanReport.Builder}: severity and fix-state
 * spellings, ratings with their sources, EPSS and KEV from the vulnerability or its related
 * records, the image from {@code source.target}, and a {@link Problem} for everything coerced,
 * skipped or hidden by the scanner. One instance per read; {@code null} ends here.
 */
final class GrypeMapper {

    /** The format name reports and detections carry. */
    static final String FORMAT_NAME = "grype-json";

    // Grype's JSON carries no schema version of its own; the generation shows in its fields.
    private static final ReportFormat FORMAT = ReportFormat.of(GrypeScannerAdapter.ID, FORMAT_NAME, null);
    private static final String SCANNER_NAME = "Grype";
    /** What Grype writes for its version when built without one (its own test goldens). */
    private static final String VERSION_NOT_PROVIDED = "[not provided]";
    /** The rating source for records without a namespace or source (0.7.x). */
    private static final String UNNAMED_SOURCE = "grype";

    private static final String KEV_CATALOG = "cisa-kev";
    /** The user-input schemes that prefix a plain image reference ({@code registry:alpine:3.19}). */
    private static final List<String> IMAGE_SCHEMES = List.of("docker:", "podman:", "registry:", "containerd:");

    /** The fix states as Grype writes them. */
    private static final Set<String> WRITTEN_STATES = Set.of("fixed", "not-fixed", "wont-fix", "unknown");

    /** In place of a related record's index: the match's own vulnerability. */
    private static final int OWN = -1;

    private final ReportSource source;
    private final List<Problem> problems = new ArrayList<>();
    private GrypeJson.Descriptor descriptor;
    private ReportLocation descriptorLocation;
    private GrypeJson.Distro distro;
    private String sourceType;
    private String targetPath;
    private GrypeJson.ImageTarget imageTarget;
    private ReportLocation targetLocation;

    GrypeMapper(ReportSource source) {
        this.source = source;
    }

    void descriptor(GrypeJson.Descriptor value, ReportLocation at) {
        this.descriptor = value;
        this.descriptorLocation = at;
    }

    void distro(GrypeJson.Distro value) {
        this.distro = value;
    }

    void source(String type, String path, GrypeJson.ImageTarget image, ReportLocation at) {
        this.sourceType = type;
        this.targetPath = path;
        this.imageTarget = image;
        this.targetLocation = at;
    }

    /**
     * Accounts for one element of {@code matches}: a finding, or a skipped entry recorded as a problem.
     *
     * @param match the match, {@code null} for a JSON {@code null}
     * @param at where it starts
     * @param target the finding's target: the scanned artifact's name, which Grype writes after the matches
     * @return the finding, or empty when the entry was skipped
     */
    Optional<Finding> match(GrypeJson.Match match, ReportLocation at, String target) {
        if (match == null) {
            skipped(at, "null match: not a finding");
            return Optional.empty();
        }
        GrypeJson.Vulnerability vulnerability = match.vulnerability();
        if (vulnerability == null || isBlank(vulnerability.id())) {
            skipped(at, "match without a vulnerability id: not a finding");
            return Optional.empty();
        }
        GrypeJson.Artifact artifact = match.artifact();
        if (artifact == null || isBlank(artifact.name())) {
            skipped(at, "match for " + vulnerability.id() + " without a package name: not a finding");
            return Optional.empty();
        }
        return Optional.of(new Finding(
                vulnerability(vulnerability, listOf(match.relatedVulnerabilities()), at),
                installedPackage(artifact),
                fix(vulnerability, at),
                target));
    }

    /** Records one element of {@code ignoredMatches}: not a finding, but visible with its reasons. */
    void ignoredMatch(GrypeJson.IgnoredMatch match, ReportLocation at) {
        if (match == null) {
            problems.add(new Problem(Problem.Kind.IGNORED_BY_SCANNER, "Grype ignored a null match", at));
            return;
        }
        StringBuilder what = new StringBuilder("Grype ignored ");
        GrypeJson.Vulnerability vulnerability = match.vulnerability();
        what.append(vulnerability == null || isBlank(vulnerability.id()) ? "a match" : vulnerability.id());
        if (vulnerability != null && !isBlank(vulnerability.severity())) {
            what.append(" (").append(vulnerability.severity()).append(')');
        }
        GrypeJson.Artifact artifact = match.artifact();
        if (artifact != null && !isBlank(artifact.name())) {
            what.append(" in ").append(artifact.name());
            if (!isBlank(artifact.version())) {
                what.append(' ').append(artifact.version());
            }
        }
        what.append(": ").append(rules(listOf(match.appliedIgnoreRules())));
        problems.add(new Problem(Problem.Kind.IGNORED_BY_SCANNER, what.toString(), at));
    }

    /**
     * Records a problem the cursor found: a key spelled otherwise than Grype spells it, or another
     * format's entries.
     *
     * @param problem the problem
     */
    void problem(Problem problem) {
        problems.add(problem);
    }

    /**
     * The target of every finding: the scanned artifact's name, once {@link #source} has been given.
     *
     * @return the name, {@code ""} when unknown
     */
    String target() {
        return artifact().name();
    }

    /**
     * Everything the report says but its findings: scanner, artifact, image, times and every
     * problem recorded so far, in document order.
     *
     * @return a builder for the caller to add the findings to
     */
    ScanReport.Builder header() {
        ScannerTool scanner = ScannerTool.of(
                SCANNER_NAME,
                descriptor == null || VERSION_NOT_PROVIDED.equals(descriptor.version()) ? null : descriptor.version());
        ScanReport.Builder builder = ScanReport.builder(EvidenceKind.SCAN, FORMAT, scanner);
        Artifact artifact = artifact();
        builder.artifact(artifact).image(image(artifact));
        if (descriptor != null) {
            builder.scannedAt(instant(descriptor.timestamp(), descriptorLocation, "/timestamp")
                    .orElse(null));
            GrypeJson.Db db = descriptor.db();
            if (db != null && db.status() != null && !isBlank(db.status().built())) {
                builder.databaseBuiltAt(instant(db.status().built(), descriptorLocation, "/db/status/built")
                        .orElse(null));
            } else if (db != null) {
                builder.databaseBuiltAt(
                        instant(db.built(), descriptorLocation, "/db/built").orElse(null));
            }
        }
        // In document order, whichever pass of a stream found them: the header's or the entries'.
        List<Problem> inOrder = new ArrayList<>(problems);
        inOrder.sort(Comparator.comparingLong((Problem p) -> p.location().line())
                .thenComparingLong(p -> p.location().column()));
        for (Problem problem : inOrder) {
            if (problem.kind() == Problem.Kind.SKIPPED_ENTRY) {
                builder.skipped(problem.message(), problem.location());
            } else {
                builder.problem(problem);
            }
        }
        return builder;
    }

    // --- the scanned artifact and image ---

    private Artifact artifact() {
        if (imageTarget != null) {
            String name = firstNonBlank(imageTarget.userInput(), first(imageTarget.tags()), imageTarget.imageID());
            return new Artifact(name == null ? "" : name, Artifact.Type.CONTAINER_IMAGE);
        }
        String type = sourceType == null ? "" : sourceType.toLowerCase(Locale.ROOT);
        // Grype writes {"type":"unknown","target":"unknown"} when it knows nothing of the source.
        if (isBlank(targetPath) || type.equals("unknown")) {
            return Artifact.unknown();
        }
        return new Artifact(
                targetPath,
                switch (type) {
                    case "image" -> Artifact.Type.CONTAINER_IMAGE;
                    case "directory", "file", "snap" -> Artifact.Type.FILESYSTEM;
                    default -> Artifact.Type.UNKNOWN;
                });
    }

    private Image image(Artifact artifact) {
        if (artifact.type() != Artifact.Type.CONTAINER_IMAGE) {
            return Image.unknown();
        }
        Image.Builder image = Image.builder().os(distro == null ? null : join(distro.name(), distro.version()));
        if (imageTarget == null) {
            return image.ref(ref(List.of(artifact.name()))).build();
        }
        GrypeJson.ImageTarget target = imageTarget;
        List<String> names = new ArrayList<>();
        names.add(target.userInput());
        names.addAll(listOf(target.tags()));
        image.ref(ref(names)).manifestDigest(target.manifestDigest()).configDigest(target.imageID());
        listOf(target.repoDigests()).forEach(image::repoDigest);
        ImageConfig config = imageConfig(target.config());
        config.created()
                .flatMap(created ->
                        instantIn(created, "image build time (config \"created\")", targetLocation, "/config"))
                .ifPresent(image::createdAt);
        String os = firstNonBlank(target.os(), config.os().orElse(null));
        String architecture =
                firstNonBlank(target.architecture(), config.architecture().orElse(null));
        if (os != null && architecture != null) {
            String variant = firstNonBlank(target.variant(), config.variant().orElse(null));
            image.platform(os + "/" + architecture + (variant == null ? "" : "/" + variant));
        }
        // The labels Grype lists beside the target win; the config fills in the rest.
        Map<String, String> labels = new LinkedHashMap<>();
        if (target.labels() != null) {
            target.labels().forEach((key, value) -> {
                if (key != null && value != null) {
                    labels.put(key, value);
                }
            });
        }
        config.labels().forEach(labels::putIfAbsent);
        labels.forEach(image::label);
        return image.build();
    }

    private ImageConfig imageConfig(String base64) {
        if (isBlank(base64)) {
            return ImageConfig.EMPTY;
        }
        try {
            return ImageConfig.decode(base64, source.name() + "#/source/target/config", source.limits());
        } catch (ReportParseException e) {
            problems.add(new Problem(
                    Problem.Kind.IGNORED_VALUE,
                    "image config not read, so no build time, platform or labels from it: " + e.getMessage(),
                    at(targetLocation, "/config")));
            return ImageConfig.EMPTY;
        }
    }

    private static ImageRef ref(List<String> candidates) {
        for (String candidate : candidates) {
            if (isBlank(candidate)) {
                continue;
            }
            String name = candidate;
            for (String scheme : IMAGE_SCHEMES) {
                if (name.startsWith(scheme)) {
                    name = name.substring(scheme.length());
                    break;
                }
            }
            try {
                return ImageRef.parse(name);
            } catch (IllegalArgumentException notAReference) {
                // A path to an archive, a redacted name: the next candidate may parse.
            }
        }
        return null;
    }

    // --- one match ---

    private Vulnerability vulnerability(
            GrypeJson.Vulnerability vulnerability, List<GrypeJson.Metadata> related, ReportLocation at) {
        Severity severity = severity(vulnerability.severity(), at);
        Vulnerability.Builder builder = Vulnerability.builder(vulnerability.id())
                .severity(severity)
                .severitySource(vulnerability.namespace())
                .primaryUrl(firstNonBlank(
                        vulnerability.dataSource(), first(vulnerability.urls()), first(vulnerability.links())));
        related.forEach(record -> builder.alias(record == null ? null : record.id()));

        Set<Rating> ratings = new LinkedHashSet<>();
        String primarySource = ratingSource(vulnerability.namespace());
        if (severity != Severity.UNKNOWN) {
            ratings.add(Rating.of(primarySource, severity, null, null));
        }
        cvss(ratings, vulnerability.namespace(), listOf(vulnerability.cvss()), at, OWN);
        legacyCvss(ratings, vulnerability.cvssV2(), at, "/vulnerability/cvssV2/baseScore");
        legacyCvss(ratings, vulnerability.cvssV3(), at, "/vulnerability/cvssV3/baseScore");
        for (int i = 0; i < related.size(); i++) {
            GrypeJson.Metadata record = related.get(i);
            if (record != null) {
                String recordSource = ratingSource(record.namespace());
                relatedSeverity(record.severity(), at, i)
                        .ifPresent(value -> ratings.add(Rating.of(recordSource, value, null, null)));
                cvss(ratings, record.namespace(), listOf(record.cvss()), at, i);
            }
        }
        ratings.forEach(builder::rating);

        builder.epss(epss(vulnerability, related, at)).knownExploited(knownExploited(vulnerability, related, at));
        Set<String> cwes = new LinkedHashSet<>();
        cwes(cwes, vulnerability.cwes());
        related.forEach(record -> cwes(cwes, record == null ? null : record.cwes()));
        cwes.forEach(builder::cwe);
        return builder.build();
    }

    private Severity severity(String text, ReportLocation at) {
        if (isBlank(text)) {
            coerced(at, "/vulnerability/severity", "severity absent: read as UNKNOWN");
            return Severity.UNKNOWN;
        }
        Optional<Severity> severity = Severity.find(text);
        if (severity.isEmpty()) {
            coerced(at, "/vulnerability/severity", "unknown severity \"" + text + "\": read as UNKNOWN");
        }
        return severity.orElse(Severity.UNKNOWN);
    }

    private Optional<Severity> relatedSeverity(String text, ReportLocation at, int related) {
        if (isBlank(text)) {
            return Optional.empty();
        }
        Optional<Severity> severity = Severity.find(text);
        if (severity.isEmpty()) {
            coerced(
                    at,
                    record(related, "/severity"),
                    "unknown severity \"" + text + "\" of a related record: not kept as a rating");
        }
        return severity.filter(value -> value != Severity.UNKNOWN);
    }

    /**
     * CVSS entries rate under their record's namespace; without one, under the entry's own source.
     *
     * @param record the index of the related record they belong to, or {@link #OWN}
     */
    private void cvss(
            Set<Rating> ratings, String namespace, List<GrypeJson.Cvss> entries, ReportLocation at, int record) {
        for (int i = 0; i < entries.size(); i++) {
            GrypeJson.Cvss entry = entries.get(i);
            if (entry != null) {
                Double score = entry.metrics() == null ? null : entry.metrics().baseScore();
                String ratingSource = isBlank(namespace) ? ratingSource(entry.source()) : namespace;
                if (!isScore(score)) {
                    coerced(
                            at,
                            record(record, "/cvss/" + i + "/metrics/baseScore"),
                            "CVSS base score " + score + " outside 0..10: dropped");
                    score = null;
                }
                rating(ratings, ratingSource, score, entry.vector());
            }
        }
    }

    private void legacyCvss(Set<Rating> ratings, GrypeJson.LegacyCvss entry, ReportLocation at, String scorePath) {
        if (entry != null) {
            Double score = entry.baseScore();
            if (!isScore(score)) {
                coerced(at, scorePath, "CVSS base score " + score + " outside 0..10: dropped");
                score = null;
            }
            rating(ratings, UNNAMED_SOURCE, score, entry.vector());
        }
    }

    /** Whether a score is absent or in 0..10. */
    private static boolean isScore(Double score) {
        return score == null || score >= 0.0 && score <= 10.0;
    }

    private static void rating(Set<Rating> ratings, String ratingSource, Double score, String vector) {
        if (score != null || !isBlank(vector)) {
            ratings.add(Rating.of(ratingSource, null, score, isBlank(vector) ? null : vector));
        }
    }

    /**
     * The path below a match of a value of its vulnerability ({@code related} is {@link #OWN}) or
     * of one of its related records: spelled out only for a problem, not for every match.
     */
    private static String record(int related, String rest) {
        return related == OWN ? "/vulnerability" + rest : "/relatedVulnerabilities/" + related + rest;
    }

    /** The first readable EPSS entry of the vulnerability, else of its related records (a GHSA's CVE). */
    private Epss epss(GrypeJson.Vulnerability vulnerability, List<GrypeJson.Metadata> related, ReportLocation at) {
        Epss found = firstEpss(listOf(vulnerability.epss()), at, OWN);
        for (int i = 0; found == null && i < related.size(); i++) {
            if (related.get(i) != null) {
                found = firstEpss(listOf(related.get(i).epss()), at, i);
            }
        }
        return found;
    }

    private Epss firstEpss(List<GrypeJson.Epss> entries, ReportLocation at, int record) {
        for (int i = 0; i < entries.size(); i++) {
            GrypeJson.Epss entry = entries.get(i);
            if (entry == null) {
                continue;
            }
            if (!isProbability(entry.epss()) || !isProbability(entry.percentile())) {
                coerced(
                        at,
                        record(record, "/epss/" + i),
                        "EPSS entry without a score and percentile in 0..1 (" + entry.epss() + ", " + entry.percentile()
                                + "): ignored");
                continue;
            }
            return new Epss(entry.epss(), entry.percentile(), day(entry.date(), at, record, "/epss/", i, "/date"));
        }
        return null;
    }

    private KnownExploited knownExploited(
            GrypeJson.Vulnerability vulnerability, List<GrypeJson.Metadata> related, ReportLocation at) {
        KnownExploited found = firstKnownExploited(listOf(vulnerability.knownExploited()), at, OWN);
        for (int i = 0; found == null && i < related.size(); i++) {
            if (related.get(i) != null) {
                found = firstKnownExploited(listOf(related.get(i).knownExploited()), at, i);
            }
        }
        return found;
    }

    private KnownExploited firstKnownExploited(List<GrypeJson.KnownExploited> entries, ReportLocation at, int record) {
        for (int i = 0; i < entries.size(); i++) {
            GrypeJson.KnownExploited entry = entries.get(i);
            if (entry != null) {
                // CISA writes "Known" or "Unknown"; "Unknown" says nothing either way.
                Optional<Boolean> ransomware = "known".equalsIgnoreCase(trimmed(entry.knownRansomwareCampaignUse()))
                        ? Optional.of(Boolean.TRUE)
                        : Optional.empty();
                return new KnownExploited(
                        KEV_CATALOG,
                        day(entry.dateAdded(), at, record, "/knownExploited/", i, "/dateAdded"),
                        day(entry.dueDate(), at, record, "/knownExploited/", i, "/dueDate"),
                        ransomware);
            }
        }
        return null;
    }

    private static void cwes(Set<String> cwes, List<GrypeJson.Cwe> entries) {
        for (GrypeJson.Cwe entry : listOf(entries)) {
            if (entry != null && !isBlank(entry.cwe())) {
                cwes.add(entry.cwe());
            }
        }
    }

    private Fix fix(GrypeJson.Vulnerability vulnerability, ReportLocation at) {
        GrypeJson.Fix fix = vulnerability.fix();
        if (vulnerability.lacksItsFix()) {
            problems.add(new Problem(
                    Problem.Kind.MISSING_VALUE,
                    vulnerability.id() + ": no fix, which Grype writes in every match since 0.2x ({\"versions\": [],"
                            + " \"state\": \"not-fixed\"} when there is none): whether a fix exists is unknown",
                    at(at, "/vulnerability")));
        }
        if (fix == null) {
            // 0.7.x: a version string or nothing; nothing says neither "fixed" nor "not fixed".
            return isBlank(vulnerability.fixedInVersion())
                    ? Fix.of(FixState.UNKNOWN)
                    : Fix.fixed(vulnerability.fixedInVersion());
        }
        List<String> versions = new ArrayList<>(listOf(fix.versions()).size());
        for (String version : listOf(fix.versions())) {
            if (!isBlank(version)) {
                versions.add(version);
            }
        }
        // Grype writes the state in lower case: trimming and lower-casing it is for other spellings.
        String state = fix.state() != null && WRITTEN_STATES.contains(fix.state())
                ? fix.state()
                : trimmed(fix.state()).toLowerCase(Locale.ROOT);
        FixState fixState = switch (state) {
            case "fixed" -> FixState.FIXED;
            case "not-fixed" -> FixState.NOT_FIXED;
            case "wont-fix" -> FixState.WONT_FIX;
            case "unknown" -> FixState.UNKNOWN;
            default -> {
                if (!state.isEmpty()) {
                    coerced(
                            at,
                            "/vulnerability/fix/state",
                            "unknown fix state \"" + fix.state() + "\": read from the versions");
                }
                // DB v6 writes "" where it has no state: versions, if any, still mean a fix exists.
                yield versions.isEmpty() ? FixState.UNKNOWN : FixState.FIXED;
            }
        };
        return new Fix(fixState, versions);
    }

    private static InstalledPackage installedPackage(GrypeJson.Artifact artifact) {
        GrypeJson.Location location = first(artifact.locations(), any -> true);
        GrypeJson.Upstream upstream = first(artifact.upstreams(), candidate -> !isBlank(candidate.name()));
        return InstalledPackage.builder(artifact.name())
                .version(artifact.version())
                .purl(artifact.purl())
                .type(artifact.type())
                .sourcePackage(
                        upstream != null
                                ? upstream.name()
                                : artifact.metadata() == null
                                        ? null
                                        : artifact.metadata().source())
                .path(location == null ? null : location.path())
                .layer(location == null ? null : location.layerID())
                .build();
    }

    private static String rules(List<GrypeJson.IgnoreRule> rules) {
        StringJoiner joined = new StringJoiner("; ");
        for (GrypeJson.IgnoreRule rule : rules) {
            if (rule == null) {
                continue;
            }
            StringJoiner parts = new StringJoiner(", ", "rule {", "}");
            part(parts, "vulnerability", rule.vulnerability());
            part(parts, "reason", rule.reason());
            part(parts, "namespace", rule.namespace());
            part(parts, "fix-state", rule.fixState());
            part(parts, "vex-status", rule.vexStatus());
            part(parts, "vex-justification", rule.vexJustification());
            part(parts, "match-type", rule.matchType());
            GrypeJson.IgnoredPackage pkg = rule.pkg();
            if (pkg != null) {
                part(parts, "package.name", pkg.name());
                part(parts, "package.version", pkg.version());
                part(parts, "package.type", pkg.type());
                part(parts, "package.location", pkg.location());
                part(parts, "package.upstream-name", pkg.upstreamName());
            }
            joined.add(parts.toString());
        }
        return joined.length() == 0 ? "no applied ignore rule listed" : joined.toString();
    }

    private static void part(StringJoiner parts, String key, String value) {
        if (!isBlank(value)) {
            parts.add(key + "=\"" + value + "\"");
        }
    }

    // --- values ---

    private Optional<Instant> instant(String text, ReportLocation at, String path) {
        return instantIn(text, "timestamp", at, path);
    }

    private Optional<Instant> instantIn(String text, String what, ReportLocation at, String path) {
        if (isBlank(text)) {
            return Optional.empty(); // Grype writes "" when it was told not to stamp the report.
        }
        Optional<Instant> instant = Timestamps.parse(text);
        if (instant.isEmpty()) {
            coerced(at, path, "unreadable " + what + " \"" + text + "\": read as unknown");
        }
        return instant;
    }

    /** A date at {@code record(record, list + index + field)}, a path spelled out only if the date is unreadable. */
    private Optional<LocalDate> day(String text, ReportLocation at, int record, String list, int index, String field) {
        if (isBlank(text)) {
            return Optional.empty(); // Grype writes "" when it was told not to stamp the report.
        }
        Optional<Instant> instant = Timestamps.parse(text);
        if (instant.isEmpty()) {
            coerced(at, record(record, list + index + field), "unreadable date \"" + text + "\": read as unknown");
            return Optional.empty();
        }
        LocalDate date = LocalDate.ofInstant(instant.get(), ZoneOffset.UTC);
        return date.getYear() > 1 ? Optional.of(date) : Optional.empty(); // Go's zero time, 0001-01-01: no date.
    }

    private void coerced(ReportLocation at, String path, String message) {
        problems.add(new Problem(Problem.Kind.COERCED_VALUE, message, at(at, path)));
    }

    private void skipped(ReportLocation at, String message) {
        problems.add(new Problem(Problem.Kind.SKIPPED_ENTRY, message, at));
    }

    private ReportLocation at(ReportLocation at, String path) {
        ReportLocation base = at != null ? at : ReportLocation.of(source.name());
        return base.withPath(base.path() + path);
    }

    private static String ratingSource(String name) {
        return isBlank(name) ? UNNAMED_SOURCE : name;
    }

    private static boolean isProbability(Double value) {
        return value != null && value >= 0.0 && value <= 1.0;
    }

    private static String join(String name, String version) {
        String joined = (trimmed(name) + " " + trimmed(version)).trim();
        return joined.isEmpty() ? null : joined;
    }

    private static String first(List<String> values) {
        return first(values, value -> !isBlank(value));
    }

    /** The first element that is not {@code null} and passes the test, or {@code null}. */
    private static <T> T first(List<T> values, Predicate<T> test) {
        for (T value : listOf(values)) {
            if (value != null && test.test(value)) {
                return value;
            }
        }
        return null;
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (!isBlank(value)) {
                return value;
            }
        }
        return null;
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.trim();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static <T> List<T> listOf(List<T> values) {
        return values == null ? List.of() : values;
    }
}
