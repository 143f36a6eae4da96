package dev.shelflife.policy.merge;

import java.util.Objects;

/**
 * Where the scanners merged into a {@link FindingGroup} disagree: what a person should look at
 * before trusting either. {@link MergedFindings} reports one per group and kind, only when more
 * than one scanner was merged.
 *
 * @param kind what they disagree on
 * @param group the group
 * @param message the disagreement for a person, naming each scanner's answer:
 *     {@code CVE-2005-2541 in tar 1.34+dfsg-1.2+deb12u1: Trivy LOW (debian), Grype NEGLIGIBLE (debian:distro:debian:12)}
 * @since 0.1
 */
public record Disagreement(Kind kind, FindingGroup group, String message) {

    /**
     * What scanners can disagree on.
     *
     * @since 0.1
     */
    public enum Kind {
        /** Only one of the merged scanners reported the vulnerability in this package version. */
        ONE_SCANNER_ONLY,
        /** The scanners gave different severities. */
        SEVERITY,
        /** One scanner knows a fix, another does not. */
        FIX_STATE,
        /** The scanners that know a fix name different fixed versions. */
        FIXED_IN
    }

    /**
     * Validates the parts.
     *
     * @throws IllegalArgumentException if the message is blank
     */
    public Disagreement {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(message, "message");
        if (message.isBlank()) {
            throw new IllegalArgumentException("a disagreement needs a message");
        }
    }
}
