package dev.shelflife.sarif;

import dev.shelflife.ScanReport;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import java.util.Objects;

/**
 * Reads the SARIF 2.1.0 logs of Trivy ({@code trivy image --format sarif}) and Grype
 * ({@code grype -o sarif}) into the ShelfLife model.
 *
 * <p>Every result becomes a finding, an exact duplicate (counted), or a skipped entry recorded as
 * a problem (Trivy's misconfigurations, secrets and licences among them). SARIF has no field for a
 * vulnerability, a package or a fix: each tool writes them into texts, and they are read from there
 * as each tool's source code formats them — Trivy's result message ({@code Package: …\nInstalled
 * Version: …\nSeverity: …\nFixed Version: …}), Grype's rule help and result message, and the
 * {@code ruleId}, whose shape differs by tool and version. What the texts do not state is unknown,
 * never guessed: a fix not stated is {@link dev.shelflife.FixState#UNKNOWN} (neither tool's SARIF
 * says why there is none), a version not stated is absent, and SARIF names no publication date,
 * no scan time and no vulnerability database time. {@code docs/adapters/sarif.md} says what is read
 * from where.
 *
 * <p>Logs of other tools are not claimed, and reading one ends in an
 * {@link dev.shelflife.UnsupportedReportException}: the first run's {@code tool.driver.name}
 * decides, and Snyk's logs are {@code snyk-sarif}'s.
 *
 * <p>Stateless and thread-safe; found by {@link java.util.ServiceLoader} under the id {@value #ID}.
 *
 * @since 0.2
 */
public final class SarifScannerAdapter implements ScannerAdapter {

    /** The adapter's id. */
    public static final String ID = "sarif";

    /** Creates the adapter; {@link java.util.ServiceLoader} calls this. */
    public SarifScannerAdapter() {
        // Stateless: every read works on its own cursor.
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Trivy and Grype SARIF";
    }

    /**
     * Claims a SARIF log (a {@code $schema} naming SARIF, or {@code version} 2.1.0 with
     * {@code runs}) whose first run's tool is {@code Trivy} or {@code Grype}. Never throws for
     * foreign input.
     */
    @Override
    public Detection detect(ReportSource source) {
        return SarifSniffer.detect(Objects.requireNonNull(source, "source"));
    }

    @Override
    public ScanReport read(ReportSource source) {
        return SarifReader.read(Objects.requireNonNull(source, "source"));
    }
}
