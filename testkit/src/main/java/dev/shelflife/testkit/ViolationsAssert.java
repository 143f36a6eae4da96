package dev.shelflife.testkit;

import dev.shelflife.policy.Effect;
import dev.shelflife.policy.Violation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on some violations of a verdict, reached through
 * {@link VerdictAssert#hasViolation(String)}. Each method narrows the violations to those that
 * match and fails if none does, so a chain reads as one sentence: "there is an {@code sla}
 * violation for {@code CVE-2024-1234} with deadline …".
 *
 * @since 0.1
 */
public final class ViolationsAssert extends AbstractAssert<ViolationsAssert, List<Violation>> {

    private final VerdictAssert verdict;
    private final String narrowedTo;

    ViolationsAssert(VerdictAssert verdict, String narrowedTo, List<Violation> violations) {
        super(violations, ViolationsAssert.class);
        this.verdict = verdict;
        this.narrowedTo = narrowedTo;
    }

    /**
     * Narrows to the violations about a vulnerability.
     *
     * @param id its id or one of its aliases
     * @return assertions on those violations
     */
    public ViolationsAssert forVulnerability(String id) {
        return narrow(
                v -> v.finding().filter(f -> f.vulnerability().isKnownAs(id)).isPresent(),
                "vulnerability <" + id + ">");
    }

    /**
     * Narrows to the violations about a package.
     *
     * @param name the package name
     * @return assertions on those violations
     */
    public ViolationsAssert forPackage(String name) {
        return narrow(v -> v.finding().filter(f -> f.pkg().name().equals(name)).isPresent(), "package <" + name + ">");
    }

    /**
     * Narrows to the blocking violations.
     *
     * @return assertions on those violations
     */
    public ViolationsAssert blocking() {
        return narrow(v -> v.effect() == Effect.BLOCK, "blocking");
    }

    /**
     * Narrows to the violations that only warn.
     *
     * @return assertions on those violations
     */
    public ViolationsAssert warning() {
        return narrow(v -> v.effect() == Effect.WARN, "warning");
    }

    /**
     * Narrows to the violations with a deadline.
     *
     * @param deadline the instant from which they hold
     * @return assertions on those violations
     */
    public ViolationsAssert withDeadline(Instant deadline) {
        return narrow(v -> v.deadline().equals(Optional.of(deadline)), "deadline " + deadline);
    }

    /**
     * Narrows to the violations counted from a clock.
     *
     * @param clock the clock's name ({@code fix-available}, {@code image-built})
     * @return assertions on those violations
     */
    public ViolationsAssert withClock(String clock) {
        return narrow(v -> v.clock().equals(Optional.of(clock)), "clock " + clock);
    }

    /**
     * Narrows to the violations whose message contains a text.
     *
     * @param text the text
     * @return assertions on those violations
     */
    public ViolationsAssert withMessageContaining(String text) {
        return narrow(v -> v.message().contains(text), "message containing \"" + text + "\"");
    }

    /**
     * Back to the verdict, to chain more assertions on it.
     *
     * @return the verdict's assertions
     */
    public VerdictAssert and() {
        return verdict;
    }

    private ViolationsAssert narrow(Predicate<Violation> matches, String description) {
        isNotNull();
        List<Violation> matching = actual.stream().filter(matches).toList();
        if (matching.isEmpty()) {
            failWithMessage(
                    "Expecting a violation of %s with %s among:%n%s",
                    narrowedTo, description, VerdictAssert.describe(actual));
        }
        return new ViolationsAssert(verdict, narrowedTo + " with " + description, matching);
    }
}
