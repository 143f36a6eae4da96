package dev.shelflife.trivy;

import dev.shelflife.Artifact;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.Image;
import dev.shelflife.ImageRef;
import dev.shelflife.InstalledPackage;
import dev.shelflife.Problem;
import dev.shelflife.Rating;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.Vulnerability;
import dev.shelflife.json.Timestamps;
import dev.shelflife.trivy.TrivyJson.Cvss;
import dev.shelflife.trivy.TrivyJson.Entry;
import dev.shelflife.trivy.TrivyJson.ImageConfig;
import dev.shelflife.trivy.TrivyJson.Metadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns Trivy's DTOs into the model: one raw entry into a finding or a skipped entry, the
 * header into an artifact and an image. Values it cannot use as they stand are replaced by
 * {@code UNKNOWN} or left out, and recorded in the report as problems at their location.
 */
final class TrivyMapper {

    /** Trivy's {@code VendorSeverity} numbers, trivy-db's {@code Severity} enum: 0 is unknown. */
    private static final List<Severity> VENDOR_SEVERITIES =
            List.of(Severity.UNKNOWN, Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL);

    /** {@code trivy image --input app.tar} names the artifact by the archive's path, which is no reference. */
    private static final Pattern IMAGE_ARCHIVE =
            Pattern.compile(".*\\.(tar|tgz|tar\\.gz|tar\\.zst|tar\\.xz|tar\\.bz2)$");

    /** The source of a Trivy Operator {@code score} whose entry names none: the operator picked it from Trivy's CVSS. */
    static final String OPERATOR_SCORE_SOURCE = "trivy-operator";

    private static final Metadata NO_METADATA = new Metadata(null, null, null, null, null, null);

    private final ScanReport.Builder report;
    private final Consumer<Finding> findings;
    private final UnaryOperator<String> fieldNames;

    /**
     * A mapper that records problems and skipped entries in the report.
     *
     * @param report the report being read
     * @param findings receives each finding: the report's, or a streaming caller's
     */
    TrivyMapper(ScanReport.Builder report, Consumer<Finding> findings) {
        this(report, findings, UnaryOperator.identity());
    }

    /**
     * A mapper for entries whose fields are named otherwise than Trivy names them.
     *
     * @param fieldNames turns a field's path below an entry, spelled as Trivy spells it
     *     ({@code Severity}, {@code CVSS/nvd/V3Score}), into the path as the entries spell it, for
     *     the locations of problems
     */
    TrivyMapper(ScanReport.Builder report, Consumer<Finding> findings, UnaryOperator<String> fieldNames) {
        this.report = report;
        this.findings = findings;
        this.fieldNames = fieldNames;
    }

    /**
     * Accounts for one raw entry.
     *
     * @param entry the entry, {@code null} for a JSON {@code null}
     * @param at where the entry starts
     * @param target the finding's target
     * @param packageType the result's {@code Type}, or {@code null}
     */
    void entry(Entry entry, ReportLocation at, String target, String packageType) {
        if (entry == null) {
            report.skipped("vulnerability entry is null", at);
        } else if (isBlank(entry.vulnerabilityId())) {
            report.skipped(
                    "vulnerability entry without a " + fieldNames.apply("VulnerabilityID")
                            + (isBlank(entry.pkgName()) ? "" : " (package " + entry.pkgName() + ")"),
                    at);
        } else if (isBlank(entry.pkgName())) {
            report.skipped(
                    entry.vulnerabilityId() + ": vulnerability entry without a " + fieldNames.apply("PkgName"), at);
        } else {
            findings.accept(new Finding(
                    vulnerability(entry, at), installedPackage(entry, packageType), fix(entry, at), target));
        }
    }

    private Vulnerability vulnerability(Entry entry, ReportLocation at) {
        Vulnerability.Builder vulnerability = Vulnerability.builder(entry.vulnerabilityId())
                .severity(severity(entry.severity(), at))
                .severitySource(entry.severitySource())
                .title(entry.title())
                .primaryUrl(entry.primaryUrl())
                .published(instant(entry.publishedDate(), "PublishedDate", at, "PublishedDate"))
                .modified(instant(entry.lastModifiedDate(), "LastModifiedDate", at, "LastModifiedDate"));
        listOf(entry.vendorIds()).forEach(vulnerability::alias);
        listOf(entry.cweIds()).forEach(vulnerability::cwe);
        ratings(entry, at).forEach(vulnerability::rating);
        return vulnerability.build();
    }

    private Severity severity(String text, ReportLocation at) {
        if (text == null) {
            return Severity.UNKNOWN;
        }
        return Severity.find(text).orElseGet(() -> {
            coerced("unknown severity \"" + text + "\", read as UNKNOWN", at, "Severity");
            return Severity.UNKNOWN;
        });
    }

    /**
     * One rating per source and CVSS version (v4.0, v3, v2, newest first), each carrying the
     * source's {@code VendorSeverity}; a source with a severity but no CVSS gets one rating
     * without a score. Sources keep the report's order, {@code VendorSeverity} first.
     */
    private List<Rating> ratings(Entry entry, ReportLocation at) {
        Map<String, Integer> vendorSeverity = mapOf(entry.vendorSeverity());
        Map<String, Cvss> cvss = mapOf(entry.cvss());
        List<Rating> ratings = new ArrayList<>();
        for (String source : vendorSeverity.keySet()) {
            addRatings(ratings, source, vendorSeverity, cvss, at);
        }
        for (String source : cvss.keySet()) {
            if (!vendorSeverity.containsKey(source)) {
                addRatings(ratings, source, vendorSeverity, cvss, at);
            }
        }
        if (ratings.isEmpty() && entry.score() != null) {
            // Trivy Operator's lone score: the CVSS v3 score of the source it names, or of the one it picked.
            String source = isBlank(entry.scoreSource()) ? OPERATOR_SCORE_SOURCE : entry.scoreSource();
            addScored(ratings, source, null, entry.score(), null, at, null);
        }
        return ratings;
    }

    private void addRatings(
            List<Rating> ratings,
            String source,
            Map<String, Integer> vendorSeverity,
            Map<String, Cvss> cvss,
            ReportLocation at) {
        Severity severity = vendorSeverity(vendorSeverity.get(source), at, source);
        Cvss scores = cvss.get(source);
        int before = ratings.size();
        if (scores != null) {
            addScored(ratings, source, severity, scores.v40Score(), scores.v40Vector(), at, "V40Score");
            addScored(ratings, source, severity, scores.v3Score(), scores.v3Vector(), at, "V3Score");
            addScored(ratings, source, severity, scores.v2Score(), scores.v2Vector(), at, "V2Score");
        }
        if (ratings.size() == before && severity != null) {
            ratings.add(Rating.of(source, severity, null, null));
        }
    }

    private Severity vendorSeverity(Integer number, ReportLocation at, String source) {
        if (number == null) {
            return null;
        }
        if (number < 0 || number >= VENDOR_SEVERITIES.size()) {
            coerced(
                    "VendorSeverity " + number + " of " + source + " is not one of 0..4, left out",
                    at,
                    "VendorSeverity/" + pointerEscape(source));
            return null;
        }
        return VENDOR_SEVERITIES.get(number);
    }

    /**
     * Adds a rating of one CVSS version, if it has a score or a vector.
     *
     * @param scoreField the score's key in the source's {@code CVSS} entry ({@code V3Score}), or
     *     {@code null} for Trivy Operator's lone {@code score}: a path for the problem of a score
     *     out of range, spelled out only then
     */
    private void addScored(
            List<Rating> ratings,
            String source,
            Severity severity,
            Double score,
            String vector,
            ReportLocation at,
            String scoreField) {
        Double checked = score;
        if (score != null && !(score >= 0.0 && score <= 10.0)) {
            coerced(
                    "CVSS score " + score + " lies outside 0..10, left out",
                    at,
                    scoreField == null ? "score" : "CVSS/" + pointerEscape(source) + "/" + scoreField);
            checked = null;
        }
        if (checked != null || !isBlank(vector)) {
            ratings.add(Rating.of(source, severity, checked, vector));
        }
    }

    private static InstalledPackage installedPackage(Entry entry, String packageType) {
        return InstalledPackage.builder(entry.pkgName())
                .version(entry.installedVersion())
                .purl(entry.purl())
                .type(packageType)
                .sourcePackage(entry.srcName())
                .path(entry.pkgPath())
                .layer(layer(entry))
                .build();
    }

    /** The layer's digest names it in a registry; the diff id is all that older reports and archives give. */
    private static String layer(Entry entry) {
        if (entry.layer() == null) {
            return null;
        }
        return isBlank(entry.layer().digest())
                ? entry.layer().diffId()
                : entry.layer().digest();
    }

    private Fix fix(Entry entry, ReportLocation at) {
        List<String> versions = fixedVersions(entry.fixedVersion());
        return new Fix(fixState(entry.status(), versions, at), versions);
    }

    /** {@code "2.15.0, 2.12.2"} names one fixed version per release line. */
    static List<String> fixedVersions(String fixedVersion) {
        if (isBlank(fixedVersion)) {
            return List.of();
        }
        List<String> versions = new ArrayList<>(2);
        for (String version : fixedVersion.split(",")) {
            if (!version.isBlank()) {
                versions.add(version.trim());
            }
        }
        return versions;
    }

    /**
     * Trivy's {@code Status} values. Reports before v0.44 have no {@code Status}: then, as Trivy
     * itself decides, a fixed version means {@code FIXED} and none means {@code NOT_FIXED}.
     */
    private FixState fixState(String status, List<String> versions, ReportLocation at) {
        if (isBlank(status)) {
            return versions.isEmpty() ? FixState.NOT_FIXED : FixState.FIXED;
        }
        FixState written = fixState(status);
        if (written != null) {
            return written;
        }
        return switch (status.trim().toLowerCase(Locale.ROOT)) {
            case "unknown" -> FixState.UNKNOWN;
            case "not_affected" -> FixState.NOT_AFFECTED;
            case "affected" -> FixState.NOT_FIXED;
            case "fixed" -> FixState.FIXED;
            case "under_investigation" -> FixState.UNDER_INVESTIGATION;
            case "will_not_fix", "fix_deferred" -> FixState.WONT_FIX;
            case "end_of_life" -> FixState.END_OF_LIFE;
            default -> {
                coerced("unknown Status \"" + status + "\", read as UNKNOWN", at, "Status");
                yield FixState.UNKNOWN;
            }
        };
    }

    /** A {@code Status} as Trivy writes it, in lower case without spaces; {@code null} for any other spelling. */
    private static FixState fixState(String status) {
        return switch (status) {
            case "fixed" -> FixState.FIXED;
            case "affected" -> FixState.NOT_FIXED;
            case "will_not_fix", "fix_deferred" -> FixState.WONT_FIX;
            case "not_affected" -> FixState.NOT_AFFECTED;
            case "under_investigation" -> FixState.UNDER_INVESTIGATION;
            case "end_of_life" -> FixState.END_OF_LIFE;
            case "unknown" -> FixState.UNKNOWN;
            default -> null;
        };
    }

    /**
     * Reads a timestamp; one that is present but unreadable becomes a problem.
     *
     * @param text the value, or {@code null}
     * @param field the field's name, for the message
     * @param at the value's location
     * @return the instant, or {@code null} when absent or unreadable
     */
    Instant instant(String text, String field, ReportLocation at) {
        return instant(text, field, at, "");
    }

    /** Reads a timestamp at {@code path} below {@code at}; the path is only spelled out for a problem. */
    private Instant instant(String text, String field, ReportLocation at, String path) {
        Optional<Instant> instant = Timestamps.parse(text);
        if (instant.isEmpty() && !isBlank(text)) {
            report.problem(new Problem(
                    Problem.Kind.COERCED_VALUE,
                    field + " \"" + text + "\" is not a timestamp, left out",
                    path.isEmpty() ? at : field(at, path)));
        }
        return instant.orElse(null);
    }

    static Artifact artifact(String name, String type) {
        return new Artifact(name == null ? "" : name, artifactType(type));
    }

    private static Artifact.Type artifactType(String type) {
        if (type == null) {
            return Artifact.Type.UNKNOWN;
        }
        return switch (type) {
            case "container_image" -> Artifact.Type.CONTAINER_IMAGE;
            case "filesystem", "rootfs" -> Artifact.Type.FILESYSTEM;
            case "repository" -> Artifact.Type.REPOSITORY;
            default -> Artifact.Type.UNKNOWN;
        };
    }

    /**
     * The image of a container image scan.
     *
     * @param metadata the {@code Metadata} object, or {@code null}
     * @param at where it starts
     * @param artifactName the {@code ArtifactName}, or {@code null}
     * @return the image
     */
    Image image(Metadata metadata, ReportLocation at, String artifactName) {
        Metadata known = metadata == null ? NO_METADATA : metadata;
        Image.Builder image = Image.builder();
        Stream<String> names =
                Stream.concat(Stream.of(known.reference(), artifactName), listOf(known.repoTags()).stream());
        image.ref(firstReference(names)).configDigest(known.imageId());
        List<String> repoDigests = listOf(known.repoDigests());
        repoDigests.forEach(image::repoDigest);
        repoDigests.stream()
                .filter(d -> d != null && d.indexOf('@') > 0)
                .findFirst()
                .ifPresent(d -> image.manifestDigest(d.substring(d.indexOf('@') + 1)));
        if (known.os() != null) {
            image.os(join(" ", known.os().family(), known.os().name()));
        }
        ImageConfig config = known.imageConfig();
        if (config != null) {
            image.createdAt(instant(config.created(), "ImageConfig.created", at, "ImageConfig/created"));
            if (!isBlank(config.os()) && !isBlank(config.architecture())) {
                image.platform(join("/", config.os(), config.architecture(), config.variant()));
            }
            if (config.config() != null) {
                mapOf(config.config().labels()).forEach((key, value) -> {
                    if (value != null) {
                        image.label(key, value);
                    }
                });
            }
        }
        return image.build();
    }

    private static ImageRef firstReference(Stream<String> candidates) {
        return candidates
                .filter(name -> !isBlank(name) && !IMAGE_ARCHIVE.matcher(name).matches())
                .flatMap(name -> parseReference(name).stream())
                .findFirst()
                .orElse(null);
    }

    private static Optional<ImageRef> parseReference(String name) {
        try {
            return Optional.of(ImageRef.parse(name));
        } catch (IllegalArgumentException notAReference) {
            return Optional.empty();
        }
    }

    private void coerced(String message, ReportLocation at, String field) {
        report.problem(new Problem(Problem.Kind.COERCED_VALUE, message, field(at, field)));
    }

    /** The location of a field inside the value at {@code at}: the same line and column, a longer pointer. */
    private ReportLocation field(ReportLocation at, String path) {
        return at.withPath(at.path() + "/" + fieldNames.apply(path));
    }

    private static String join(String separator, String... parts) {
        return String.join(
                separator,
                Arrays.stream(parts).filter(p -> !isBlank(p)).map(String::trim).toList());
    }

    private static String pointerEscape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <K, V> Map<K, V> mapOf(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }

    static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
