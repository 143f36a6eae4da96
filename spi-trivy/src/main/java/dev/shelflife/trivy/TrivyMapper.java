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
import dev.shelflife.Severity;
import dev.shelflife.Vulnerability;
import dev.shelflife.json.Timestamps;
import dev.shelflife.trivy.TrivyJson.Cvss;
import dev.shelflife.trivy.TrivyJson.ImageConfig;
import dev.shelflife.trivy.TrivyJson.Metadata;
import dev.shelflife.trivy.TrivyJson.VulnerabilityEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns Trivy's DTOs into the model: one raw entry into a finding or a skipped entry, the
 * header into an artifact and an image. Values it cannot use as they stand are replaced by
 * {@code UNKNOWN} or left out, and recorded in the draft as problems at their location.
 */
final class TrivyMapper {

    /** Trivy's {@code VendorSeverity} numbers, trivy-db's {@code Severity} enum: 0 is unknown. */
    private static final List<Severity> VENDOR_SEVERITIES =
            List.of(Severity.UNKNOWN, Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL);

    /** {@code trivy image --input app.tar} names the artifact by the archive's path, which is no reference. */
    private static final Pattern IMAGE_ARCHIVE = Pattern.compile(".*\\.(tar|tgz|tar\\.gz|tar\\.zst|tar\\.xz|tar\\.bz2)$");

    private static final Metadata NO_METADATA = new Metadata(null, null, null, null, null, null);

    private final ReportDraft draft;

    TrivyMapper(ReportDraft draft) {
        this.draft = draft;
    }

    /**
     * Accounts for one raw entry.
     *
     * @param entry the entry, {@code null} for a JSON {@code null}
     * @param at where the entry starts
     * @param target the finding's target
     * @param packageType the result's {@code Type}, or {@code null}
     */
    void entry(VulnerabilityEntry entry, ReportLocation at, String target, String packageType) {
        if (entry == null) {
            draft.skipped("vulnerability entry is null", at);
        } else if (isBlank(entry.vulnerabilityId())) {
            draft.skipped("vulnerability entry without a VulnerabilityID"
                    + (isBlank(entry.pkgName()) ? "" : " (package " + entry.pkgName() + ")"), at);
        } else if (isBlank(entry.pkgName())) {
            draft.skipped(entry.vulnerabilityId() + ": vulnerability entry without a PkgName", at);
        } else {
            draft.finding(new Finding(vulnerability(entry, at), installedPackage(entry, packageType), fix(entry, at), target));
        }
    }

    private Vulnerability vulnerability(VulnerabilityEntry entry, ReportLocation at) {
        Vulnerability.Builder vulnerability = Vulnerability.builder(entry.vulnerabilityId())
                .severity(severity(entry.severity(), at))
                .severitySource(entry.severitySource())
                .title(entry.title())
                .primaryUrl(entry.primaryUrl())
                .published(instant(entry.publishedDate(), "PublishedDate", field(at, "PublishedDate")))
                .modified(instant(entry.lastModifiedDate(), "LastModifiedDate", field(at, "LastModifiedDate")));
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
    private List<Rating> ratings(VulnerabilityEntry entry, ReportLocation at) {
        Map<String, Integer> vendorSeverity = mapOf(entry.vendorSeverity());
        Map<String, Cvss> cvss = mapOf(entry.cvss());
        Set<String> sources = new LinkedHashSet<>(vendorSeverity.keySet());
        sources.addAll(cvss.keySet());
        List<Rating> ratings = new ArrayList<>();
        for (String source : sources) {
            Severity severity = vendorSeverity(vendorSeverity.get(source), at, source);
            Cvss scores = cvss.get(source);
            List<Rating> scored = new ArrayList<>();
            if (scores != null) {
                String path = "CVSS/" + pointerEscape(source) + "/";
                addScored(scored, source, severity, scores.v40Score(), scores.v40Vector(), at, path + "V40Score");
                addScored(scored, source, severity, scores.v3Score(), scores.v3Vector(), at, path + "V3Score");
                addScored(scored, source, severity, scores.v2Score(), scores.v2Vector(), at, path + "V2Score");
            }
            if (scored.isEmpty() && severity != null) {
                scored.add(Rating.of(source, severity, null, null));
            }
            ratings.addAll(scored);
        }
        return ratings;
    }

    private Severity vendorSeverity(Integer number, ReportLocation at, String source) {
        if (number == null) {
            return null;
        }
        if (number < 0 || number >= VENDOR_SEVERITIES.size()) {
            coerced("VendorSeverity " + number + " of " + source + " is not one of 0..4, left out", at,
                    "VendorSeverity/" + pointerEscape(source));
            return null;
        }
        return VENDOR_SEVERITIES.get(number);
    }

    private void addScored(List<Rating> ratings, String source, Severity severity, Double score, String vector,
            ReportLocation at, String scorePath) {
        Double checked = score;
        if (score != null && !(score >= 0.0 && score <= 10.0)) {
            coerced("CVSS score " + score + " lies outside 0..10, left out", at, scorePath);
            checked = null;
        }
        if (checked != null || !isBlank(vector)) {
            ratings.add(Rating.of(source, severity, checked, vector));
        }
    }

    private static InstalledPackage installedPackage(VulnerabilityEntry entry, String packageType) {
        return InstalledPackage.builder(entry.pkgName())
                .version(entry.installedVersion())
                .purl(entry.pkgIdentifier() == null ? null : entry.pkgIdentifier().purl())
                .type(packageType)
                .sourcePackage(entry.srcName())
                .path(entry.pkgPath())
                .layer(layer(entry))
                .build();
    }

    /** The layer's digest names it in a registry; the diff id is all that older reports and archives give. */
    private static String layer(VulnerabilityEntry entry) {
        if (entry.layer() == null) {
            return null;
        }
        return isBlank(entry.layer().digest()) ? entry.layer().diffId() : entry.layer().digest();
    }

    private Fix fix(VulnerabilityEntry entry, ReportLocation at) {
        List<String> versions = fixedVersions(entry.fixedVersion());
        return new Fix(fixState(entry.status(), versions, at), versions);
    }

    /** {@code "2.15.0, 2.12.2"} names one fixed version per release line. */
    static List<String> fixedVersions(String fixedVersion) {
        if (isBlank(fixedVersion)) {
            return List.of();
        }
        return Arrays.stream(fixedVersion.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    /**
     * Trivy's {@code Status} values. Reports before v0.44 have no {@code Status}: then, as Trivy
     * itself decides, a fixed version means {@code FIXED} and none means {@code NOT_FIXED}.
     */
    private FixState fixState(String status, List<String> versions, ReportLocation at) {
        if (isBlank(status)) {
            return versions.isEmpty() ? FixState.NOT_FIXED : FixState.FIXED;
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

    /**
     * Reads a timestamp; one that is present but unreadable becomes a problem.
     *
     * @param text the value, or {@code null}
     * @param field the field's name, for the message
     * @param at the value's location
     * @return the instant, or {@code null} when absent or unreadable
     */
    Instant instant(String text, String field, ReportLocation at) {
        Optional<Instant> instant = Timestamps.parse(text);
        if (instant.isEmpty() && !isBlank(text)) {
            draft.problem(Problem.Kind.COERCED_VALUE, field + " \"" + text + "\" is not a timestamp, left out", at);
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
        Stream<String> names = Stream.concat(Stream.of(known.reference(), artifactName), listOf(known.repoTags()).stream());
        image.ref(firstReference(names)).configDigest(known.imageId());
        List<String> repoDigests = listOf(known.repoDigests());
        repoDigests.forEach(image::repoDigest);
        repoDigests.stream().filter(d -> d != null && d.indexOf('@') > 0).findFirst()
                .ifPresent(d -> image.manifestDigest(d.substring(d.indexOf('@') + 1)));
        if (known.os() != null) {
            image.os(join(" ", known.os().family(), known.os().name()));
        }
        ImageConfig config = known.imageConfig();
        if (config != null) {
            image.createdAt(instant(config.created(), "ImageConfig.created", field(at, "ImageConfig/created")));
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
        return candidates.filter(name -> !isBlank(name) && !IMAGE_ARCHIVE.matcher(name).matches())
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
        draft.problem(Problem.Kind.COERCED_VALUE, message, field(at, field));
    }

    /** The location of a field inside the value at {@code at}: the same line and column, a longer pointer. */
    private static ReportLocation field(ReportLocation at, String path) {
        return at.withPath(at.path() + "/" + path);
    }

    private static String join(String separator, String... parts) {
        return String.join(separator, Arrays.stream(parts).filter(p -> !isBlank(p)).map(String::trim).toList());
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
