package dev.shelflife.history;

import dev.shelflife.ImageRef;
import java.time.Instant;
import java.util.Objects;

/**
 * A tag seen pointing at one digest: from its first sighting there, which is when it moved as far
 * as the store knows, to its last.
 *
 * @param reference the tag
 * @param digest the digest it pointed at
 * @param firstSeen when it was first seen pointing there
 * @param lastSeen when it was last seen pointing there
 * @param observedBy who saw it first
 * @since 0.2
 */
public record TagObservation(
        ImageRef reference, String digest, Instant firstSeen, Instant lastSeen, String observedBy) {

    /**
     * Validates the parts.
     *
     * @throws IllegalArgumentException if the last sighting comes before the first
     */
    public TagObservation {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(observedBy, "observedBy");
        if (lastSeen.isBefore(firstSeen)) {
            throw new IllegalArgumentException("a tag cannot be last seen before it was first seen");
        }
    }
}
