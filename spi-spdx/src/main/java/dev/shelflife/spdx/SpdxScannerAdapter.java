package dev.shelflife.spdx;

import dev.shelflife.ScanReport;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import java.util.Objects;

/**
 * Reads SPDX documents into the ShelfLife model as inventories: SPDX 2.2 and 2.3 in JSON and in
 * tag-value, and SPDX 3.0 in JSON-LD.
 *
 * <p>An SPDX document lists packages and analyses no vulnerability: the report is an
 * {@link dev.shelflife.EvidenceKind#INVENTORY}, never a scan, whatever it lists. Every package
 * becomes a {@link dev.shelflife.Component} (its name, version, package URL, primary purpose and
 * SPDX id), and {@code counts.entries} is 0. When the document describes a container image (Syft's
 * and Trivy's SBOMs of images do), that image becomes the report's image, so that the inventory
 * joins the evidence about that image only. {@code docs/adapters/spdx.md} says what is read from
 * where, and what is not.
 *
 * <p>Stateless and thread-safe; found by {@link java.util.ServiceLoader} under the id {@value #ID}.
 *
 * @since 0.2
 */
public final class SpdxScannerAdapter implements ScannerAdapter {

    /** The adapter's id. */
    public static final String ID = "spdx";

    /** Creates the adapter; {@link java.util.ServiceLoader} calls this. */
    public SpdxScannerAdapter() {
        // Stateless: every read works on its own cursor or line reader.
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "SPDX";
    }

    /**
     * Claims SPDX JSON (a top-level {@code spdxVersion} of {@code SPDX-…}, or an {@code SPDXID}),
     * SPDX 3 JSON-LD (SPDX 3.0's {@code @context}) and SPDX tag-value (a first tag
     * {@code SPDXVersion: SPDX-…}). Never throws for foreign input.
     */
    @Override
    public Detection detect(ReportSource source) {
        return SpdxSniffer.detect(Objects.requireNonNull(source, "source"));
    }

    @Override
    public ScanReport read(ReportSource source) {
        Objects.requireNonNull(source, "source");
        return SpdxSniffer.start(source) == SpdxSniffer.Start.TAG_VALUE
                ? TagValueReader.read(source)
                : JsonSpdxReader.read(source);
    }
}
