package dev.shelflife.snyk;

import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.Rating;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.Vulnerability;
import dev.shelflife.snyk.SnykJson.CvssDetail;
import dev.shelflife.snyk.SnykJson.VulnEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Turns one element of a Snyk project's {@code vulnerabilities} array into a finding, or into a
 * skipped entry when it names no vulnerability or no package.
 */
final class SnykMapper {

    /** Where Snyk publishes its advisories; the CLI links each issue there. */
    static final String ADVISORY_URL = "https://security.snyk.io/vuln/";

    private static final Pattern DIGITS = Pattern.compile("\\d+");

    /**
     * The project an entry belongs to.
     *
     * @param target the finding's target: the project's target file, or its name
     * @param packageManager the project's package manager, for entries that do not name their own
     */
    record Scope(String target, String packageManager) {
        Scope {
            Objects.requireNonNull(target, "target");
        }
    }

    private SnykMapper() {}

    /**
     * Accounts for one entry on the report.
     *
     * @param entry the bound entry, {@code null} for a JSON {@code null}
     * @param at where the entry starts
     * @param scope its project
     * @param builder the report, which receives the skipped entries and the problems
     * @param findings receives the finding: the report's, or a streaming caller's
     */
    static void add(
            VulnEntry entry, ReportLocation at, Scope scope, ScanReport.Builder builder, Consumer<Finding> findings) {
        if (entry == null) {
            builder.skipped("a null vulnerability entry", at);
            return;
        }
        if (isBlank(entry.id())) {
            builder.skipped("a vulnerability entry without an id", at);
            return;
        }
        List<String> names = nonBlank(entry.name());
        String name = names.isEmpty() ? entry.packageName() : names.get(0);
        if (isBlank(name)) {
            builder.skipped("vulnerability " + entry.id() + " names no package", at);
            return;
        }
        EntryReading reading = new EntryReading(builder, at);
        List<String> distinctNames = names.stream().distinct().toList();
        if (distinctNames.size() > 1) {
            reading.ignored(
                    "grouped issue " + entry.id() + " names the packages " + String.join(", ", distinctNames)
                            + ": one entry is one finding, about the first",
                    "name");
        }
        SnykEcosystem ecosystem = SnykEcosystem.of(entry.packageManager(), scope.packageManager());
        findings.accept(new Finding(
                vulnerability(entry, reading),
                ecosystem.pkg(name, entry.packageName(), entry.version()),
                fix(entry, name),
                scope.target()));
    }

    private static Vulnerability vulnerability(VulnEntry entry, EntryReading reading) {
        // severityWithCritical is the newer field; old reports have only severity, without "critical".
        boolean withCritical = !isBlank(entry.severityWithCritical());
        Severity severity = withCritical
                ? reading.severity(entry.severityWithCritical(), "severityWithCritical")
                : reading.severity(entry.severity(), "severity");
        Vulnerability.Builder vulnerability = Vulnerability.builder(entry.id())
                .severity(severity)
                .severitySource("snyk")
                .title(entry.title())
                .published(reading.instant(entry.disclosureTime(), "disclosureTime")
                        .or(() -> reading.instant(entry.publicationTime(), "publicationTime"))
                        .orElse(null))
                .modified(reading.instant(entry.modificationTime(), "modificationTime")
                        .orElse(null))
                .primaryUrl(ADVISORY_URL + entry.id());
        identifiers(entry, vulnerability);
        ratings(entry, severity, reading).forEach(vulnerability::rating);
        if (entry.epssDetails() != null) {
            reading.epss(entry.epssDetails().probability(), entry.epssDetails().percentile(), "epssDetails")
                    .ifPresent(vulnerability::epss);
        }
        return vulnerability.build();
    }

    /** CVEs first, then every other identifier list but CWE, which are weaknesses, not aliases. */
    private static void identifiers(VulnEntry entry, Vulnerability.Builder vulnerability) {
        Map<String, List<String>> identifiers = entry.identifiers() == null ? Map.of() : entry.identifiers();
        nonBlank(identifiers.get("CVE")).forEach(vulnerability::alias);
        identifiers.forEach((kind, ids) -> {
            if (kind.equals("CWE")) {
                nonBlank(ids).forEach(vulnerability::cwe);
            } else if (!kind.equals("CVE")) {
                // NSP advisories are bare numbers: "NSP-17" says what the number counts.
                nonBlank(ids)
                        .forEach(id -> vulnerability.alias(DIGITS.matcher(id).matches() ? kind + "-" + id : id));
            }
        });
        nonBlank(entry.alternativeIds()).forEach(vulnerability::alias);
    }

    private static List<Rating> ratings(VulnEntry entry, Severity severity, EntryReading reading) {
        List<Rating> ratings = new ArrayList<>();
        Optional<Double> score = reading.score(entry.cvssScore(), "cvssScore");
        Optional<String> vector = Optional.ofNullable(entry.cvssV3()).filter(v -> !v.isBlank());
        if (severity != Severity.UNKNOWN || score.isPresent() || vector.isPresent()) {
            ratings.add(new Rating("snyk", Optional.of(severity).filter(s -> s != Severity.UNKNOWN), score, vector));
        }
        List<CvssDetail> details = entry.cvssDetails() == null ? List.of() : entry.cvssDetails();
        boolean nvdDetailed = false;
        for (int i = 0; i < details.size(); i++) {
            CvssDetail detail = details.get(i);
            if (detail == null || isBlank(detail.assigner())) {
                continue;
            }
            String source = detail.assigner().toLowerCase(Locale.ROOT).replace(" ", "");
            nvdDetailed |= source.equals("nvd");
            ratings.add(new Rating(
                    source,
                    reading.optionalSeverity(detail.severity(), "cvssDetails/" + i + "/severity"),
                    reading.score(detail.cvssV3BaseScore(), "cvssDetails/" + i + "/cvssV3BaseScore"),
                    Optional.ofNullable(detail.cvssV3Vector()).filter(v -> !v.isBlank())));
        }
        if (!nvdDetailed) {
            reading.optionalSeverity(entry.nvdSeverity(), "nvdSeverity")
                    .ifPresent(nvd ->
                            ratings.add(new Rating("nvd", Optional.of(nvd), Optional.empty(), Optional.empty())));
        }
        return ratings;
    }

    /**
     * The fixed versions, from the first source that has any: {@code fixedIn} (language
     * packages), {@code nearestFixedInVersion} (OS packages), and the last step of
     * {@code upgradePath} when it upgrades the vulnerable package itself. Snyk lists every fix it
     * knows, so an entry with none of them has none.
     */
    private static Fix fix(VulnEntry entry, String name) {
        List<String> versions = nonBlank(entry.fixedIn());
        if (versions.isEmpty() && !isBlank(entry.nearestFixedInVersion())) {
            versions = List.of(entry.nearestFixedInVersion());
        }
        if (versions.isEmpty()) {
            versions = upgradedVersion(entry.upgradePath(), name).map(List::of).orElse(List.of());
        }
        return versions.isEmpty() ? Fix.of(FixState.NOT_FIXED) : new Fix(FixState.FIXED, versions);
    }

    private static Optional<String> upgradedVersion(List<Object> upgradePath, String name) {
        if (upgradePath == null
                || upgradePath.isEmpty()
                || !(upgradePath.get(upgradePath.size() - 1) instanceof String last)) {
            return Optional.empty();
        }
        int at = last.lastIndexOf('@');
        return at > 0 && last.substring(0, at).equals(name) && at < last.length() - 1
                ? Optional.of(last.substring(at + 1))
                : Optional.empty();
    }

    static List<String> nonBlank(List<String> values) {
        return values == null
                ? List.of()
                : values.stream().filter(v -> !isBlank(v)).toList();
    }

    static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
