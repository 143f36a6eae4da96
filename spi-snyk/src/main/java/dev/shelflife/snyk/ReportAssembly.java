package dev.shelflife.snyk;

import dev.shelflife.Artifact;
import dev.shelflife.EvidenceKind;
import dev.shelflife.Image;
import dev.shelflife.Problem;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.spi.ReportSource;
import java.util.HashSet;
import java.util.Set;

/**
 * One report assembled from the parts of a Snyk document: the projects of a JSON array, the
 * runs of a SARIF log. The first part names the scanner, the artifact and the image; a later part
 * about another artifact is recorded as a problem, since a report describes one artifact.
 * Counts the raw entries against {@link dev.shelflife.spi.ReadLimits#maxEntries()} as they stream by.
 */
final class ReportAssembly {

    private final int maxEntries;
    private final Set<Artifact> otherArtifacts = new HashSet<>();
    private ScanReport.Builder builder;
    private Artifact artifact;
    private int entries;

    /** @param source the input, whose limits apply */
    ReportAssembly(ReportSource source) {
        this.maxEntries = source.limits().maxEntries();
    }

    /**
     * Counts one raw entry, with the cursor on it.
     *
     * @param cursor the cursor
     * @throws dev.shelflife.ReportParseException if the report holds more entries than the limit allows
     */
    void countEntry(JsonCursor cursor) {
        if (++entries > maxEntries) {
            throw cursor.failure(
                    "limit exceeded: more than " + maxEntries + " vulnerability entries (ReadLimits.maxEntries)");
        }
    }

    /**
     * The report's builder, for a part of the document about an artifact.
     *
     * @param format the format, used by the first part
     * @param scanner the scanner, used by the first part
     * @param partArtifact what this part scanned
     * @param image what this part knows of the image, used by the first part
     * @param at where the part starts, for the problem a second artifact raises
     * @return the builder
     */
    ScanReport.Builder builder(
            ReportFormat format, ScannerTool scanner, Artifact partArtifact, Image image, ReportLocation at) {
        if (builder == null) {
            builder = ScanReport.builder(EvidenceKind.SCAN, format, scanner)
                    .artifact(partArtifact)
                    .image(image);
            artifact = partArtifact;
        } else if (!partArtifact.equals(artifact) && otherArtifacts.add(partArtifact)) {
            builder.problem(new Problem(
                    Problem.Kind.IGNORED_VALUE,
                    "this part of the report scanned \"" + partArtifact.name()
                            + "\", not \"" + artifact.name()
                            + "\": its findings are kept, but the report's artifact and image describe \""
                            + artifact.name() + "\" only",
                    at));
        }
        return builder;
    }

    /**
     * The report.
     *
     * @return the report
     * @throws IllegalStateException if no part started it
     */
    ScanReport build() {
        if (builder == null) {
            throw new IllegalStateException("no part of the document started the report");
        }
        return builder.build();
    }
}
