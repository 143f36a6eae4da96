package dev.shelflife.policy;

import dev.shelflife.Finding;

/**
 * A finding by identity, as a key: the findings an evaluation judges are its merge's own objects,
 * and hashing a finding by value hashes all it holds.
 *
 * @param finding the finding
 */
record FindingRef(Finding finding) {

    @Override
    public boolean equals(Object other) {
        return other instanceof FindingRef ref && ref.finding == finding;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(finding);
    }
}
