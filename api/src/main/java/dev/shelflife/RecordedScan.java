package dev.shelflife;

import java.time.Instant;
import java.util.Objects;

/**
 * A scan as a history store recorded it: which scan a remembered clock came from, so that a
 * verdict can say it.
 *
 * @param id the store's id of the recorded report: the content hash it was recorded under ({@code sha256:…})
 * @param lineage the lineage the scanned image belongs to ({@code ghcr.io/acme/shop-api})
 * @param image the image that was scanned, as the report named it ({@code ghcr.io/acme/shop-api:1.5.0@sha256:…})
 * @param scanner the tool that scanned it
 * @param scannedAt when it scanned it
 * @since 0.2
 */
public record RecordedScan(String id, String lineage, String image, ScannerTool scanner, Instant scannedAt) {

    /** Validates the parts. */
    public RecordedScan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(lineage, "lineage");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(scanner, "scanner");
        Objects.requireNonNull(scannedAt, "scannedAt");
    }

    /** The scan as a message names it: {@code the Trivy 0.58.1 scan of IMAGE at INSTANT (recorded as ID)}. */
    @Override
    public String toString() {
        return "the " + scanner + " scan of " + image + " at " + scannedAt + " (recorded as " + id + ")";
    }
}
