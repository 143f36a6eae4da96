package dev.shelflife.policy;

import dev.shelflife.Finding;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A waiver, VEX statement or imported ignore rule that took findings out of an evaluation, and
 * which findings.
 *
 * @param id the waiver's id, {@code vex:} and the vulnerability id for a VEX statement, or the
 *     file and line of an imported rule ({@code .trivyignore.yaml:7})
 * @param origin whether it came from the policy, a VEX statement or an ignore file
 * @param owner who answers for it; empty for VEX statements and imported rules, which do not say
 * @param reason why: the waiver's reason, the VEX state, justification and detail, or the imported
 *     rule's reason (a phrase that says it gives none, when it does not)
 * @param expires when it stops applying; empty for VEX statements, which do not expire, and for
 *     imported rules that never expire
 * @param findings the findings it took out, in the order of the evaluation
 * @param lacks the parts of a ShelfLife waiver an imported rule lacks (see {@link ImportedWaivers});
 *     empty for the policy's waivers and for VEX statements
 * @since 0.1
 */
public record AppliedWaiver(
        String id,
        Origin origin,
        Optional<String> owner,
        String reason,
        Optional<Instant> expires,
        List<Finding> findings,
        Set<ImportedWaivers.Part> lacks) {

    /**
     * Where an applied waiver came from.
     *
     * @since 0.1
     */
    public enum Origin {
        /** A waiver of the policy. */
        POLICY,
        /** A VEX statement of the image record. */
        VEX,
        /**
         * A rule of a scanner's ignore file ({@code .trivyignore}, {@code .trivyignore.yaml},
         * Grype's {@code ignore:}), imported as a waiver.
         *
         * @since 0.2
         */
        IMPORTED
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
        lacks = Set.copyOf(Objects.requireNonNull(lacks, "lacks"));
        if (!lacks.isEmpty() && origin != Origin.IMPORTED) {
            throw new IllegalArgumentException("only an imported rule lacks parts of a waiver");
        }
    }

    /**
     * A waiver of the policy or a VEX statement that took findings out: it lacks nothing a waiver
     * must have, or is not held to it.
     *
     * @param id the waiver's id, or {@code vex:} and the vulnerability id for a VEX statement
     * @param origin whether it came from the policy or from a VEX statement
     * @param owner who answers for it
     * @param reason why
     * @param expires when it stops applying
     * @param findings the findings it took out
     */
    public AppliedWaiver(
            String id,
            Origin origin,
            Optional<String> owner,
            String reason,
            Optional<Instant> expires,
            List<Finding> findings) {
        this(id, origin, owner, reason, expires, findings, Set.of());
    }
}
