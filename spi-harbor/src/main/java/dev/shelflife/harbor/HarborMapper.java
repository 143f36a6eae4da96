package dev.shelflife.harbor;

import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.InstalledPackage;
import dev.shelflife.Problem;
import dev.shelflife.Rating;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.Vulnerability;
import dev.shelflife.harbor.HarborJson.Cvss;
import dev.shelflife.harbor.HarborJson.PreferredCvss;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns Harbor's entries into findings or skipped entries. Values it cannot use as they stand are
 * replaced by {@code UNKNOWN} or left out, and recorded in the report as problems at their location.
 */
final class HarborMapper {

    /** The source of {@code preferred_cvss}, which names none: the scanner's preferred scores. */
    static final String PREFERRED_SOURCE = "preferred";

    private final ScanReport.Builder report;
    private final Consumer<Finding> findings;

    HarborMapper(ScanReport.Builder report, Consumer<Finding> findings) {
        this.report = report;
        this.findings = findings;
    }

    /**
     * Accounts for one raw entry.
     *
     * @param entry the entry, {@code null} for a JSON {@code null}
     * @param at where it starts
     * @param target the finding's target
     */
    void entry(HarborJson.Vulnerability entry, ReportLocation at, String target) {
        if (entry == null) {
            report.skipped("vulnerability entry is null", at);
        } else if (isBlank(entry.id())) {
            report.skipped(
                    "vulnerability entry without an id"
                            + (isBlank(entry.pkg()) ? "" : " (package " + entry.pkg() + ")"),
                    at);
        } else if (isBlank(entry.pkg())) {
            report.skipped(entry.id() + ": vulnerability entry without a package", at);
        } else {
            findings.accept(new Finding(
                    vulnerability(entry, at),
                    InstalledPackage.builder(entry.pkg())
                            .version(entry.version())
                            .build(),
                    fix(entry.fixVersion()),
                    target));
        }
    }

    private Vulnerability vulnerability(HarborJson.Vulnerability entry, ReportLocation at) {
        Vulnerability.Builder vulnerability =
                Vulnerability.builder(entry.id().trim()).severity(severity(entry.severity(), at));
        List<String> links = listOf(entry.links());
        links.stream().filter(link -> !isBlank(link)).findFirst().ifPresent(vulnerability::primaryUrl);
        listOf(entry.cweIds()).stream().filter(cwe -> !isBlank(cwe)).forEach(vulnerability::cwe);
        ratings(entry, at).forEach(vulnerability::rating);
        return vulnerability.build();
    }

    /**
     * Harbor's severities: {@code Unknown}, {@code Negligible}, {@code Low}, {@code Medium},
     * {@code High}, {@code Critical}, and {@code None}, which Harbor ranks below {@code Negligible}.
     */
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
     * One rating per source and CVSS version of {@code vendor_attributes.CVSS} (v3, then v2), as
     * the Trivy adapter reads Trivy's {@code CVSS}; {@code preferred_cvss}, which names no source,
     * only when there are none, under the source {@value #PREFERRED_SOURCE}, since it repeats one of
     * them.
     */
    private List<Rating> ratings(HarborJson.Vulnerability entry, ReportLocation at) {
        List<Rating> ratings = new ArrayList<>();
        Map<String, Cvss> bySource =
                entry.vendorAttributes() == null || entry.vendorAttributes().cvss() == null
                        ? Map.of()
                        : entry.vendorAttributes().cvss();
        bySource.forEach((source, cvss) -> {
            if (cvss != null) {
                String path =
                        "vendor_attributes/CVSS/" + source.replace("~", "~0").replace("/", "~1");
                add(ratings, source, cvss.v3Score(), cvss.v3Vector(), at, path + "/V3Score");
                add(ratings, source, cvss.v2Score(), cvss.v2Vector(), at, path + "/V2Score");
            }
        });
        PreferredCvss preferred = entry.preferredCvss();
        if (ratings.isEmpty() && preferred != null) {
            add(ratings, PREFERRED_SOURCE, preferred.scoreV3(), preferred.vectorV3(), at, "preferred_cvss/score_v3");
            add(ratings, PREFERRED_SOURCE, preferred.scoreV2(), preferred.vectorV2(), at, "preferred_cvss/score_v2");
        }
        return ratings;
    }

    private void add(List<Rating> ratings, String source, Double score, String vector, ReportLocation at, String path) {
        Double checked = score;
        if (score != null && !(score >= 0.0 && score <= 10.0)) {
            coerced("CVSS score " + score + " lies outside 0..10, left out", at, path);
            checked = null;
        }
        if (checked != null || !isBlank(vector)) {
            ratings.add(Rating.of(source, null, checked, isBlank(vector) ? null : vector));
        }
    }

    /**
     * A {@code fix_version} names the version that fixes it; an empty one says the scanner knows
     * of none, as the Trivy and Clair adapters that write it mean.
     */
    private static Fix fix(String fixVersion) {
        if (isBlank(fixVersion)) {
            return Fix.of(FixState.NOT_FIXED);
        }
        List<String> versions = new ArrayList<>(2);
        for (String version : fixVersion.split(",")) {
            if (!version.isBlank()) {
                versions.add(version.trim());
            }
        }
        return new Fix(FixState.FIXED, versions);
    }

    private void coerced(String message, ReportLocation at, String field) {
        report.problem(new Problem(Problem.Kind.COERCED_VALUE, message, at.withPath(at.path() + "/" + field)));
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : list;
    }

    static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
