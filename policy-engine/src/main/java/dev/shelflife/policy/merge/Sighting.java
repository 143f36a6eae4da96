package dev.shelflife.policy.merge;

import dev.shelflife.Finding;
import dev.shelflife.ScannerTool;
import java.util.Objects;

/**
 * One scanner's finding within a merged {@link FindingGroup}: who saw it, and everything that
 * scanner said of it (its id and aliases, its severity and the source of that severity, its fix
 * state and fixed versions, its target).
 *
 * @param scanner the scanner whose report holds the finding
 * @param finding the finding, as that report gives it
 * @since 0.1
 */
public record Sighting(ScannerTool scanner, Finding finding) {

    /** Validates the parts. */
    public Sighting {
        Objects.requireNonNull(scanner, "scanner");
        Objects.requireNonNull(finding, "finding");
    }
}
