package com.example.acmescan;

import dev.shelflife.Finding;
import dev.shelflife.ReportSummary;
import dev.shelflife.ScanReport;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads the JSON reports of Acme Scan, a made-up in-house scanner, into the ShelfLife model.
 *
 * <pre>{@code
 * {"acmeScan": "1", "scannerVersion": "4.2.0", "image": "registry.acme.example/shop/api:1.4.2",
 *  "scannedAt": "2026-11-20T08:00:00Z",
 *  "findings": [{"id": "CVE-2024-45490", "package": "libexpat1", "version": "2.5.0-1",
 *                "fixedIn": "2.5.0-1+deb12u1", "severity": "high", "location": "var/lib/dpkg/status"}]}
 * }</pre>
 *
 * <p>Every element of {@code findings} becomes a finding, an exact duplicate (counted), or a
 * skipped entry recorded as a problem. The document is streamed: each finding is bound on its
 * own, never the whole document as a tree.
 *
 * <p>Stateless and thread-safe; found by {@link java.util.ServiceLoader} under the id {@value #ID}.
 *
 * @since 0.1
 */
public final class AcmeScannerAdapter implements ScannerAdapter {

    /** The adapter's id, which {@code shelflife parse --format} takes. */
    public static final String ID = "acme";

    /** Creates the adapter; {@link java.util.ServiceLoader} calls this. */
    public AcmeScannerAdapter() {
        // Stateless: every read works on its own reader.
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Acme Scan";
    }

    /** Claims a JSON object whose head holds the {@code "acmeScan"} version field. Never throws for foreign input. */
    @Override
    public Detection detect(ReportSource source) {
        return AcmeReader.detect(Objects.requireNonNull(source, "source"));
    }

    @Override
    public ScanReport read(ReportSource source) {
        return AcmeReader.read(Objects.requireNonNull(source, "source"));
    }

    @Override
    public ReportSummary stream(ReportSource source, Consumer<? super Finding> findings) {
        return AcmeReader.stream(
                Objects.requireNonNull(source, "source"), Objects.requireNonNull(findings, "findings"));
    }
}
