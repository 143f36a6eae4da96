package com.example.acmescan;

import dev.shelflife.Artifact;
import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.Image;
import dev.shelflife.ImageRef;
import dev.shelflife.InstalledPackage;
import dev.shelflife.Problem;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.Vulnerability;
import dev.shelflife.json.Timestamps;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns what {@link AcmeReader} reads into the model, on one report builder: Acme's severity
 * words, its fix field, and the entries it cannot use. What the mapper cannot use is never an
 * exception: a skipped entry or a coerced value is a problem on the report, with its location,
 * and the policy decides what it means. One mapper per read.
 */
final class AcmeMapper {

    /** The format's name in {@link ReportFormat}. */
    static final String FORMAT = "acme-scan-json";
    /** The one version of the format this adapter reads. */
    static final String VERSION = "1";

    private static final String SCANNER = "Acme Scan";

    private final ScanReport.Builder report = ScanReport.builder(
            EvidenceKind.SCAN, ReportFormat.of(AcmeScannerAdapter.ID, FORMAT, VERSION), ScannerTool.of(SCANNER, null));

    ScanReport.Builder report() {
        return report;
    }

    void scannerVersion(String version) {
        report.scanner(ScannerTool.of(SCANNER, version));
    }

    void image(String name, ReportLocation at) {
        if (name == null || name.isBlank()) {
            return;
        }
        report.artifact(new Artifact(name, Artifact.Type.CONTAINER_IMAGE));
        try {
            report.image(Image.builder().ref(ImageRef.parse(name)).build());
        } catch (IllegalArgumentException e) {
            report.problem(new Problem(
                    Problem.Kind.COERCED_VALUE,
                    "image \"" + name + "\" is no image reference (" + e.getMessage() + "): the image is unknown",
                    at));
        }
    }

    void scannedAt(String text, ReportLocation at) {
        Optional<Instant> instant = Timestamps.parse(text);
        if (instant.isPresent()) {
            report.scannedAt(instant.get());
        } else if (text != null && !text.isBlank()) {
            report.problem(new Problem(
                    Problem.Kind.COERCED_VALUE, "scannedAt \"" + text + "\" is not a timestamp: unknown", at));
        }
    }

    /**
     * The finding of one entry, or empty when the entry cannot be one: then it is recorded on the
     * report as skipped, so that findings + duplicates + skipped still count every entry.
     *
     * @param entry the entry, {@code null} for a JSON {@code null}
     * @param at where the entry starts
     */
    Optional<Finding> finding(AcmeJson.Finding entry, ReportLocation at) {
        if (entry == null) {
            report.skipped("a null finding: skipped", at);
            return Optional.empty();
        }
        if (isBlank(entry.id()) || isBlank(entry.pkg())) {
            report.skipped("a finding without " + (isBlank(entry.id()) ? "an id" : "a package") + ": skipped", at);
            return Optional.empty();
        }
        Vulnerability vulnerability = Vulnerability.builder(entry.id().strip())
                .severity(severity(entry.severity(), at))
                .severitySource(SCANNER)
                .build();
        InstalledPackage pkg = InstalledPackage.builder(entry.pkg().strip())
                .version(entry.version())
                .build();
        Fix fix = isBlank(entry.fixedIn())
                ? Fix.of(FixState.NOT_FIXED)
                : Fix.fixed(entry.fixedIn().strip());
        return Optional.of(new Finding(vulnerability, pkg, fix, entry.location() == null ? "" : entry.location()));
    }

    /** Acme's five words; a missing one is UNKNOWN, an unknown one too, and recorded. */
    private Severity severity(String word, ReportLocation at) {
        if (isBlank(word)) {
            return Severity.UNKNOWN;
        }
        return switch (word.strip().toLowerCase(Locale.ROOT)) {
            case "critical" -> Severity.CRITICAL;
            case "high" -> Severity.HIGH;
            case "medium" -> Severity.MEDIUM;
            case "low" -> Severity.LOW;
            case "info" -> Severity.NEGLIGIBLE;
            default -> {
                report.problem(new Problem(
                        Problem.Kind.COERCED_VALUE,
                        "unknown severity \"" + word + "\": read as UNKNOWN",
                        at.withPath(at.path() + "/severity")));
                yield Severity.UNKNOWN;
            }
        };
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
