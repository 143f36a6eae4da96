package dev.shelflife;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A statement about whether products are affected by a vulnerability, from a VEX document or a
 * CycloneDX {@code analysis}. The policy engine applies it to findings from other reports that
 * match by vulnerability id (or alias) and package URL.
 *
 * @param vulnerabilityId the vulnerability the statement is about
 * @param aliases other identifiers of that vulnerability
 * @param products the package URLs (or other product identifiers) the statement covers; empty
 *     means every product of the document
 * @param state the analysis state
 * @param justification why it is not affected ({@code code_not_present}), if given
 * @param responses what the vendor does about it ({@code will_not_fix}, {@code update})
 * @param detail the free-text detail, if given
 * @param timestamp when the statement was made, if known
 * @since 0.1
 */
public record VexStatement(
        String vulnerabilityId,
        List<String> aliases,
        List<String> products,
        State state,
        Optional<String> justification,
        List<String> responses,
        Optional<String> detail,
        Optional<Instant> timestamp) {

    /**
     * The analysis states of CycloneDX, which include those of OpenVEX and CSAF.
     *
     * @since 0.1
     */
    public enum State {
        /** Remediated. */
        RESOLVED,
        /** Remediated, with pedigree that shows how. */
        RESOLVED_WITH_PEDIGREE,
        /** Affected and exploitable. */
        EXPLOITABLE,
        /** Still being analysed. */
        IN_TRIAGE,
        /** The finding is a false positive. */
        FALSE_POSITIVE,
        /** The product is not affected. */
        NOT_AFFECTED,
        /** Not a state ShelfLife knows. */
        UNKNOWN;

        /**
         * Whether a finding under this state no longer needs action.
         *
         * @return {@code true} for {@code NOT_AFFECTED}, {@code FALSE_POSITIVE} and the resolved states
         */
        public boolean suppressesFinding() {
            return this == NOT_AFFECTED || this == FALSE_POSITIVE || this == RESOLVED || this == RESOLVED_WITH_PEDIGREE;
        }
    }

    /** Validates the parts and copies the lists. */
    public VexStatement {
        Objects.requireNonNull(vulnerabilityId, "vulnerabilityId");
        aliases = List.copyOf(aliases);
        products = List.copyOf(products);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(justification, "justification");
        responses = List.copyOf(responses);
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
