package dev.shelflife.history;

import dev.shelflife.EvidenceKind;
import dev.shelflife.ImageRef;
import dev.shelflife.InstalledPackage;
import dev.shelflife.RecordedScan;
import dev.shelflife.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a store remembers of an image or a lineage, oldest first: the scans recorded, each
 * finding's span from its first sighting to its last, the tag moves and the verdicts issued.
 *
 * @param subject what the timeline is of, as asked: an image reference or a lineage's name
 * @param lineage the lineage it belongs to
 * @param images the images of the lineage the timeline covers, oldest first
 * @param scans the reports recorded, oldest first
 * @param findings every finding seen, in the order first seen
 * @param tags the observations of the images' tags and of their base images' tags, oldest first
 * @param verdicts the verdicts issued, oldest first
 * @since 0.2
 */
public record Timeline(
        String subject,
        String lineage,
        List<ImageRef> images,
        List<Scan> scans,
        List<FindingSpan> findings,
        List<TagObservation> tags,
        List<IssuedVerdict> verdicts) {

    /** Validates the parts and copies the lists. */
    public Timeline {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(lineage, "lineage");
        images = List.copyOf(images);
        scans = List.copyOf(scans);
        findings = List.copyOf(findings);
        tags = List.copyOf(tags);
        verdicts = List.copyOf(verdicts);
    }

    /**
     * One recorded report.
     *
     * @param scan which report, of which image, by which scanner, when
     * @param kind what kind of evidence it is
     * @param findings how many findings it holds
     * @since 0.2
     */
    public record Scan(RecordedScan scan, EvidenceKind kind, int findings) {

        /** Validates the parts. */
        public Scan {
            Objects.requireNonNull(scan, "scan");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * One vulnerability in one package, from the first scan that reported it to the last.
     *
     * @param vulnerabilityId the vulnerability
     * @param pkg the package, at the version last seen
     * @param severity the severity last reported
     * @param firstSeen when a scan first reported it
     * @param fixAvailableSince when a scan first reported a fix, if one did
     * @param lastSeen when a scan last reported it
     * @param goneSince when a later scan of the same scanner first no longer reported it, if one did
     * @since 0.2
     */
    public record FindingSpan(
            String vulnerabilityId,
            InstalledPackage pkg,
            Severity severity,
            Instant firstSeen,
            Optional<Instant> fixAvailableSince,
            Instant lastSeen,
            Optional<Instant> goneSince) {

        /** Validates the parts. */
        public FindingSpan {
            Objects.requireNonNull(vulnerabilityId, "vulnerabilityId");
            Objects.requireNonNull(pkg, "pkg");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(firstSeen, "firstSeen");
            Objects.requireNonNull(fixAvailableSince, "fixAvailableSince");
            Objects.requireNonNull(lastSeen, "lastSeen");
            Objects.requireNonNull(goneSince, "goneSince");
        }
    }
}
