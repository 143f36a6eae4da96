package dev.shelflife;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the history of a lineage remembers about one vulnerability in one package, for the clocks
 * that count from the past: when a scan of any image of the lineage first reported it, and when a
 * scan first reported it with a fix available.
 *
 * @param vulnerabilityId the vulnerability's id as first recorded
 * @param aliases its other ids, as recorded
 * @param pkg the package it was found in (its version is that of the first sighting; clocks compare
 *     packages without their versions)
 * @param firstSeen when a scan of the lineage first reported it
 * @param firstSeenIn that scan
 * @param fixAvailableSince when a scan of the lineage first reported a fix for it, if one did
 * @param fixAvailableIn that scan, if one did
 * @since 0.2
 */
public record LineageFinding(
        String vulnerabilityId,
        List<String> aliases,
        InstalledPackage pkg,
        Instant firstSeen,
        RecordedScan firstSeenIn,
        Optional<Instant> fixAvailableSince,
        Optional<RecordedScan> fixAvailableIn) {

    /**
     * Validates the parts and copies the aliases.
     *
     * @throws IllegalArgumentException if a fix instant comes without its scan or the other way
     *     round, or the fix was seen before the finding
     */
    public LineageFinding {
        Objects.requireNonNull(vulnerabilityId, "vulnerabilityId");
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(pkg, "pkg");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(firstSeenIn, "firstSeenIn");
        Objects.requireNonNull(fixAvailableSince, "fixAvailableSince");
        Objects.requireNonNull(fixAvailableIn, "fixAvailableIn");
        if (fixAvailableSince.isPresent() != fixAvailableIn.isPresent()) {
            throw new IllegalArgumentException("a fix instant needs the scan it was seen in, and the other way round");
        }
        if (fixAvailableSince.filter(f -> f.isBefore(firstSeen)).isPresent()) {
            throw new IllegalArgumentException("a fix cannot be seen before its finding");
        }
    }
}
