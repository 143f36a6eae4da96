package dev.shelflife.policy;

import dev.shelflife.ScanReport;
import dev.shelflife.VexStatement;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Evidence in an image record that an evaluation left out, and why: at an instant, only evidence
 * made by then exists. A report scanned after the evaluation instant (beyond the engine's
 * {@linkplain PolicyEngine#clockSkew() clock skew}) did not exist yet, so it is not "the latest
 * scan"; a VEX statement made after it did not apply yet; an image built after it had not been
 * built, so its build instant counts as unknown.
 *
 * @param subject what was left out, for a person ({@code Trivy 0.58.1 scan of ghcr.io/acme/app:1.2})
 * @param madeAt when the evidence says it was made
 * @param reason why it was left out
 * @param report the report left out, when it is a whole report
 * @since 0.2
 */
public record IgnoredEvidence(String subject, Instant madeAt, String reason, Optional<ScanReport> report) {

    /** Validates the parts. */
    public IgnoredEvidence {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(madeAt, "madeAt");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(report, "report");
    }

    /**
     * A report made after the evaluation instant.
     *
     * @param report the report
     * @param madeAt its scan instant
     * @param at the evaluation instant
     * @return the ignored evidence
     */
    static IgnoredEvidence report(ScanReport report, Instant madeAt, Instant at) {
        return new IgnoredEvidence(
                report.describe(),
                madeAt,
                "made at " + madeAt + ", after the evaluation instant " + at,
                Optional.of(report));
    }

    /**
     * A VEX statement made after the evaluation instant.
     *
     * @param statement the statement
     * @param madeAt its timestamp
     * @param at the evaluation instant
     * @return the ignored evidence
     */
    static IgnoredEvidence statement(VexStatement statement, Instant madeAt, Instant at) {
        return new IgnoredEvidence(
                "VEX statement " + statement.state().name().toLowerCase(Locale.ROOT) + " on "
                        + statement.vulnerabilityId(),
                madeAt,
                "made at " + madeAt + ", after the evaluation instant " + at,
                Optional.empty());
    }

    /**
     * An image build instant after the evaluation instant.
     *
     * @param builtAt the build instant
     * @param at the evaluation instant
     * @return the ignored evidence
     */
    static IgnoredEvidence buildInstant(Instant builtAt, Instant at) {
        return new IgnoredEvidence(
                "the image's build instant",
                builtAt,
                "built at " + builtAt + ", after the evaluation instant " + at + ", so counted as unknown",
                Optional.empty());
    }

    @Override
    public String toString() {
        return subject + ": " + reason;
    }
}
