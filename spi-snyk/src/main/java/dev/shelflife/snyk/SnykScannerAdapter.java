package dev.shelflife.snyk;

import dev.shelflife.Finding;
import dev.shelflife.ReportSummary;
import dev.shelflife.ScanReport;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads the JSON output of {@code snyk container test --json} and {@code snyk test --json} into
 * the ShelfLife model: one project object, or a top-level array of them ({@code --all-projects},
 * several images).
 *
 * <p>Every element of a project's {@code vulnerabilities} array becomes a finding, an exact
 * duplicate (counted), or a skipped entry recorded as a problem; the applications Snyk finds in a
 * container image ({@code applications[]}) are projects too, and their entries findings of their
 * own target file and package manager. With {@code --group-issues} an entry names several
 * packages; it stays one finding, about the first. Snyk writes no package URL: one is built from
 * {@code packageManager}, name and version. Snyk writes no image digest, build time or scan time:
 * the report leaves them unknown, for the caller to supply with
 * {@link ScanReport#withScannedAt(java.time.Instant)} and {@link ScanReport#withImage(dev.shelflife.Image)}.
 * The base image and Snyk's advice about it ({@code docker.baseImage},
 * {@code docker.baseImageRemediation}) become the image's {@link dev.shelflife.BaseImage}.
 *
 * <p>Stateless and thread-safe; found by {@link java.util.ServiceLoader} under the id {@value #ID}.
 * {@link SnykSarifScannerAdapter} reads Snyk's SARIF output.
 *
 * @since 0.1
 */
public final class SnykScannerAdapter implements ScannerAdapter {

    /** The adapter's id. */
    public static final String ID = "snyk";

    /** Creates the adapter; {@link java.util.ServiceLoader} calls this. */
    public SnykScannerAdapter() {
        // Stateless: every read works on its own cursor.
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Snyk";
    }

    /**
     * Claims a JSON object, or an array of objects, whose head shows a {@code vulnerabilities}
     * array together with Snyk's project keys ({@code packageManager}, {@code projectName},
     * {@code ok} …) or entries that name {@code packageManager} and {@code packageName}. Never
     * throws for foreign input.
     */
    @Override
    public Detection detect(ReportSource source) {
        return SnykJsonReader.detect(Objects.requireNonNull(source, "source"));
    }

    @Override
    public ScanReport read(ReportSource source) {
        return SnykJsonReader.read(Objects.requireNonNull(source, "source"));
    }

    /**
     * Reads a Snyk report, handing each entry's finding to {@code findings} as soon as it is
     * mapped. Snyk writes the fields that place a project's entries (its target file and package
     * manager) after its {@code vulnerabilities}, so the source is opened twice: a first pass
     * reads every project's fields and skips the entries, a second streams the entries. The memory
     * needed is that of the projects' fields, not of their entries. Exact duplicates are not
     * collapsed; see {@link ScannerAdapter#stream(ReportSource, Consumer)}.
     *
     * @param source the input, opened twice
     * @param findings receives each finding, in document order
     * @return everything the report says but its findings
     * @throws dev.shelflife.ReportParseException if the input is malformed, with its location
     * @throws dev.shelflife.UnsupportedReportException if the input is no Snyk report, or Snyk's error result
     */
    @Override
    public ReportSummary stream(ReportSource source, Consumer<? super Finding> findings) {
        return SnykJsonReader.stream(
                Objects.requireNonNull(source, "source"), Objects.requireNonNull(findings, "findings"));
    }
}
