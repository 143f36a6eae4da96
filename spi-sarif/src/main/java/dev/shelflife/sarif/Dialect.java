package dev.shelflife.sarif;

import dev.shelflife.Artifact;
import dev.shelflife.Image;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.sarif.SarifLog.Result;
import dev.shelflife.sarif.SarifLog.RunProperties;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How one tool writes vulnerabilities into SARIF, which has no field for them: where its texts put
 * the vulnerability, the package, the severity and the fix, and where it names the image.
 */
interface Dialect {

    /**
     * One result and where it starts.
     *
     * @param result the bound result, {@code null} for a JSON {@code null}
     * @param location where it starts
     */
    record LocatedResult(Result result, ReportLocation location) {}

    /**
     * What a run says of what was scanned.
     *
     * @param artifact the artifact
     * @param image the image, {@link Image#unknown()} when the run names none
     */
    record Subject(Artifact artifact, Image image) {}

    /**
     * The format's name, for {@link dev.shelflife.ReportFormat}.
     *
     * @return {@code trivy-sarif} or {@code grype-sarif}
     */
    String format();

    /**
     * Accounts for one result on the report: a finding, a duplicate or a skipped entry.
     *
     * @param located the result
     * @param rules the run's rules
     * @param builder the report
     */
    void add(LocatedResult located, RunRules rules, ScanReport.Builder builder);

    /**
     * What a run says of what was scanned.
     *
     * @param properties the run's property bag, or {@code null}
     * @param results the run's results
     * @return the artifact and image
     */
    Subject subject(RunProperties properties, List<LocatedResult> results);

    /**
     * The dialect of a tool, by its {@code tool.driver.name}.
     *
     * @param driverName the name, or {@code null}
     * @return Trivy's or Grype's dialect, or empty for any other tool
     */
    static Optional<Dialect> of(String driverName) {
        if (driverName == null) {
            return Optional.empty();
        }
        return switch (driverName.strip().toLowerCase(Locale.ROOT)) {
            case "trivy" -> Optional.of(new TrivyDialect());
            case "grype" -> Optional.of(new GrypeDialect());
            default -> Optional.empty();
        };
    }
}
