package dev.shelflife.snyk;

import dev.shelflife.ScanReport;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import java.util.Objects;

/**
 * Reads the SARIF 2.1.0 logs of {@code snyk container test --sarif} (and
 * {@code snyk test --sarif}) into the ShelfLife model.
 *
 * <p>Every result becomes a finding, an exact duplicate (counted), or a skipped entry recorded as
 * a problem. SARIF has no vulnerability fields: the result's rule carries them in its texts, and
 * they are read from there — the severity from {@code "Low severity - …"} (else from the result's
 * {@code level}), the CVEs from {@code "(CVE-…) name@version"}, the CVSS score from
 * {@code properties.security-severity}. SARIF says nothing of fixes unless the result proposes
 * one, so most findings have fix state {@link dev.shelflife.FixState#UNKNOWN}; it names no image
 * digest, base image, build time or scan time either. Logs of Snyk Code or Snyk IaC report no
 * packages and are refused with an {@link dev.shelflife.UnsupportedReportException}.
 *
 * <p>Stateless and thread-safe; found by {@link java.util.ServiceLoader} under the id {@value #ID}.
 * {@link SnykScannerAdapter} reads Snyk's JSON output, which says more.
 *
 * @since 0.1
 */
public final class SnykSarifScannerAdapter implements ScannerAdapter {

    /** The adapter's id. */
    public static final String ID = "snyk-sarif";

    /** Creates the adapter; {@link java.util.ServiceLoader} calls this. */
    public SnykSarifScannerAdapter() {
        // Stateless: every read works on its own cursor.
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Snyk SARIF";
    }

    /**
     * Claims a SARIF log (a {@code $schema} naming SARIF, or {@code version} 2.1.0 with
     * {@code runs}) whose tool is {@code Snyk Container} or {@code Snyk Open Source}. Never
     * throws for foreign input.
     */
    @Override
    public Detection detect(ReportSource source) {
        return SnykSarifReader.detect(Objects.requireNonNull(source, "source"));
    }

    @Override
    public ScanReport read(ReportSource source) {
        return SnykSarifReader.read(Objects.requireNonNull(source, "source"));
    }
}
