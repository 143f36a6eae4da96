package dev.shelflife.gitlab;

import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.InstalledPackage;
import dev.shelflife.Problem;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.Vulnerability;
import dev.shelflife.gitlab.GitLabJson.Identifier;
import dev.shelflife.gitlab.GitLabJson.Location;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns GitLab's entries into findings or skipped entries. The vulnerability is named by its
 * first {@code cve} identifier (else its first identifier, else the legacy {@code cve} key), the
 * other identifiers become aliases; the fix comes from {@code solution} when it reads
 * {@code Upgrade PACKAGE to VERSION} for the entry's own package, and is {@code UNKNOWN}
 * otherwise: GitLab has no field for a fix state, and the report's {@code remediations} are patches
 * without versions.
 */
final class GitLabMapper {

    /** How GitLab's analyzer and Trivy's template both word a fix. */
    private static final Pattern UPGRADE = Pattern.compile("Upgrade (\\S+) to (.+?)\\.?");

    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");

    private final ScanReport.Builder report;
    private final Consumer<Finding> findings;

    GitLabMapper(ScanReport.Builder report, Consumer<Finding> findings) {
        this.report = report;
        this.findings = findings;
    }

    /**
     * Accounts for one raw entry.
     *
     * @param entry the entry, {@code null} for a JSON {@code null}
     * @param at where it starts
     */
    void entry(GitLabJson.Vulnerability entry, ReportLocation at) {
        if (entry == null) {
            report.skipped("vulnerability entry is null", at);
            return;
        }
        List<String> ids = ids(entry);
        String pkg = packageName(entry.location());
        if (ids.isEmpty()) {
            report.skipped(
                    "vulnerability entry without identifiers or cve" + (pkg == null ? "" : " (package " + pkg + ")"),
                    at);
        } else if (pkg == null) {
            report.skipped(ids.get(0) + ": vulnerability entry without location.dependency.package.name", at);
        } else {
            Location location = entry.location();
            String version = location.dependency().version();
            findings.accept(new Finding(
                    vulnerability(entry, ids, at),
                    InstalledPackage.builder(pkg).version(version).build(),
                    fix(entry.solution(), pkg, at),
                    target(location)));
        }
    }

    /** The identifiers' values, the first {@code cve} one first; the legacy {@code cve} key when there are none. */
    private static List<String> ids(GitLabJson.Vulnerability entry) {
        Set<String> ids = new LinkedHashSet<>();
        List<Identifier> identifiers = entry.identifiers() == null ? List.of() : entry.identifiers();
        for (Identifier identifier : identifiers) {
            if (identifier != null
                    && "cve".equalsIgnoreCase(trimmed(identifier.type()))
                    && !isBlank(identifier.value())) {
                ids.add(identifier.value().trim());
                break;
            }
        }
        for (Identifier identifier : identifiers) {
            if (identifier != null && !isBlank(identifier.value())) {
                ids.add(identifier.value().trim());
            }
        }
        if (ids.isEmpty() && !isBlank(entry.cve())) {
            // GitLab 14's cve key: a CVE, or a key such as "debian:10:libc6:CVE-2020-1751" that holds one.
            Matcher cve = CVE.matcher(entry.cve());
            ids.add(cve.find() ? cve.group() : entry.cve().trim());
        }
        return new ArrayList<>(ids);
    }

    private Vulnerability vulnerability(GitLabJson.Vulnerability entry, List<String> ids, ReportLocation at) {
        Vulnerability.Builder vulnerability = Vulnerability.builder(ids.get(0))
                .severity(severity(entry.severity(), at))
                .title(isBlank(entry.name()) ? entry.message() : entry.name());
        ids.subList(1, ids.size()).forEach(vulnerability::alias);
        primaryUrl(entry, ids.get(0)).ifPresent(vulnerability::primaryUrl);
        return vulnerability.build();
    }

    private static java.util.Optional<String> primaryUrl(GitLabJson.Vulnerability entry, String id) {
        if (entry.identifiers() != null) {
            for (Identifier identifier : entry.identifiers()) {
                if (identifier != null && id.equals(trimmed(identifier.value())) && !isBlank(identifier.url())) {
                    return java.util.Optional.of(identifier.url());
                }
            }
        }
        if (entry.links() != null) {
            for (Object link : entry.links()) {
                Object url = link instanceof java.util.Map<?, ?> object ? object.get("url") : link;
                if (url instanceof String text && !isBlank(text)) {
                    return java.util.Optional.of(text);
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** GitLab's severities: {@code Critical}, {@code High}, {@code Medium}, {@code Low}, {@code Info}, {@code Unknown}. */
    private Severity severity(String text, ReportLocation at) {
        if (text == null) {
            return Severity.UNKNOWN;
        }
        return Severity.find(text).orElseGet(() -> {
            coerced("unknown severity \"" + text + "\", read as UNKNOWN", at, "severity");
            return Severity.UNKNOWN;
        });
    }

    /**
     * {@code Upgrade libcrypto1.1 to 1.1.1d-r0}: {@code FIXED} in that version, when it is the
     * entry's own package; anything else ({@code No solution provided}, free text) says nothing
     * ShelfLife can rely on about a fix: {@code UNKNOWN}, never a guess.
     */
    private Fix fix(String solution, String pkg, ReportLocation at) {
        if (isBlank(solution)) {
            return Fix.of(FixState.UNKNOWN);
        }
        Matcher upgrade = UPGRADE.matcher(solution.trim());
        if (!upgrade.matches()) {
            return Fix.of(FixState.UNKNOWN);
        }
        if (!upgrade.group(1).equals(pkg)) {
            coerced(
                    "solution \"" + solution + "\" upgrades " + upgrade.group(1) + ", not " + pkg
                            + ": the fix state is UNKNOWN",
                    at,
                    "solution");
            return Fix.of(FixState.UNKNOWN);
        }
        List<String> versions = new ArrayList<>(2);
        for (String version : upgrade.group(2).split(",")) {
            if (!version.isBlank()) {
                versions.add(version.trim());
            }
        }
        return versions.isEmpty() ? Fix.of(FixState.UNKNOWN) : new Fix(FixState.FIXED, versions);
    }

    /** {@code registry/app:1.2 (debian 10.9)}: the image and its OS, as each entry names them. */
    static String target(Location location) {
        String image = known(location.image());
        String os = known(location.operatingSystem());
        if (image == null) {
            return os == null ? "" : os;
        }
        return os == null ? image : image + " (" + os + ")";
    }

    /** A value other than blank and Trivy's template's {@code Unknown}. */
    static String known(String value) {
        return isBlank(value) || value.trim().toLowerCase(Locale.ROOT).equals("unknown") ? null : value.trim();
    }

    static String packageName(Location location) {
        if (location == null
                || location.dependency() == null
                || location.dependency().pkg() == null) {
            return null;
        }
        String name = location.dependency().pkg().name();
        return isBlank(name) ? null : name;
    }

    private void coerced(String message, ReportLocation at, String field) {
        report.problem(new Problem(Problem.Kind.COERCED_VALUE, message, at.withPath(at.path() + "/" + field)));
    }

    private static String trimmed(String text) {
        return text == null ? null : text.trim();
    }

    static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
