package dev.shelflife.policy;

import dev.shelflife.Finding;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A waiver or VEX statement that took findings out of an evaluation, and which findings.
 *
 * @param id the waiver's id, or {@code vex:} and the vulnerability id for a VEX statement
 * @param origin whether it came from the policy or from a VEX statement
 * @param owner who answers for it; empty for VEX statements, which do not say
 * @param reason why: the waiver's reason, or the VEX state, justification and detail
 * @param expires when it stops applying; empty for VEX statements, which do not expire
 * @param findings the findings it took out, in the order of the evaluation
 * @since 0.1
 */
public record AppliedWaiver(
        String id,
        Origin origin,
        Optional<String> owner,
        String reason,
        Optional<Instant> expires,
        List<Finding> findings) {

    /**
     * Where an applied waiver came from.
     *
     * @since 0.1
     */
    public enum Origin {
        /** A waiver of the policy. */
        POLICY,
        /** A VEX statement of the image record. */
        VEX
    }

    /**
     * Validates the parts and copies the findings.
     *
     * @throws IllegalArgumentException if it applied to no finding
     */
    public AppliedWaiver {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(expires, "expires");
        findings = List.copyOf(findings);
        if (findings.isEmpty()) {
            throw new IllegalArgumentException("an applied waiver applies to at least one finding");
        }
    }
}
