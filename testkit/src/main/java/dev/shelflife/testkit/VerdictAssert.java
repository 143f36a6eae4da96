package dev.shelflife.testkit;

import dev.shelflife.policy.Action;
import dev.shelflife.policy.AppliedWaiver;
import dev.shelflife.policy.Forecast;
import dev.shelflife.policy.Outcome;
import dev.shelflife.policy.Verdict;
import dev.shelflife.policy.Violation;
import dev.shelflife.policy.Waiver;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * AssertJ assertions on a {@link Verdict}; start with {@link ShelfLifeAssertions#assertThat(Verdict)}.
 * Every failure message shows the verdict's violations, actions, waivers or forecast, so a failed
 * policy test says what the policy did decide.
 *
 * @since 0.1
 */
public final class VerdictAssert extends AbstractAssert<VerdictAssert, Verdict> {

    VerdictAssert(Verdict actual) {
        super(actual, VerdictAssert.class);
    }

    /**
     * Verifies that the verdict passes: no violation at all.
     *
     * @return this assertion
     */
    public VerdictAssert passes() {
        return hasOutcome(Outcome.PASS);
    }

    /**
     * Verifies that the verdict warns: violations, none blocking.
     *
     * @return this assertion
     */
    public VerdictAssert warns() {
        return hasOutcome(Outcome.WARN);
    }

    /**
     * Verifies that the verdict fails: at least one blocking violation.
     *
     * @return this assertion
     */
    public VerdictAssert fails() {
        return hasOutcome(Outcome.FAIL);
    }

    /**
     * Verifies the verdict's outcome.
     *
     * @param expected the outcome
     * @return this assertion
     */
    public VerdictAssert hasOutcome(Outcome expected) {
        isNotNull();
        if (actual.outcome() != expected) {
            failWithMessage(
                    "Expecting the %s verdict to be %s but it was %s; violations:%n%s",
                    actual.stage(), expected, actual.outcome(), describe(actual.violations()));
        }
        return this;
    }

    /**
     * Verifies that the verdict has no violation.
     *
     * @return this assertion
     */
    public VerdictAssert hasNoViolations() {
        isNotNull();
        if (!actual.violations().isEmpty()) {
            failWithMessage("Expecting no violation but found:%n%s", describe(actual.violations()));
        }
        return this;
    }

    /**
     * Verifies that a rule has at least one violation, and narrows to that rule's violations.
     *
     * @param ruleId the rule's id ({@code sla})
     * @return assertions on the rule's violations
     */
    public ViolationsAssert hasViolation(String ruleId) {
        isNotNull();
        List<Violation> ofRule = actual.violationsOf(Objects.requireNonNull(ruleId, "ruleId"));
        if (ofRule.isEmpty()) {
            failWithMessage("Expecting a violation of rule <%s> but found:%n%s", ruleId, describe(actual.violations()));
        }
        return new ViolationsAssert(this, "rule <" + ruleId + ">", ofRule);
    }

    /**
     * Verifies that a rule has no violation.
     *
     * @param ruleId the rule's id
     * @return this assertion
     */
    public VerdictAssert hasNoViolation(String ruleId) {
        isNotNull();
        List<Violation> ofRule = actual.violationsOf(Objects.requireNonNull(ruleId, "ruleId"));
        if (!ofRule.isEmpty()) {
            failWithMessage("Expecting no violation of rule <%s> but found:%n%s", ruleId, describe(ofRule));
        }
        return this;
    }

    /**
     * Verifies the instant of the forecast.
     *
     * @param expected the instant at which the verdict should next change
     * @return this assertion
     */
    public VerdictAssert nextChangeAt(Instant expected) {
        isNotNull();
        Optional<Instant> next = actual.nextChange().map(Forecast::at);
        if (!next.equals(Optional.of(expected))) {
            failWithMessage(
                    "Expecting the verdict to change next at %s but %s", expected, describe(actual.nextChange()));
        }
        return this;
    }

    /**
     * Verifies that the forecast's reason mentions a text.
     *
     * @param text a part of the reason ({@code "CVE-2024-1234"}, {@code "30d SLA"})
     * @return this assertion
     */
    public VerdictAssert nextChangeFor(String text) {
        isNotNull();
        if (actual.nextChange().filter(f -> f.reason().contains(text)).isEmpty()) {
            failWithMessage("Expecting the next change to be about <%s> but %s", text, describe(actual.nextChange()));
        }
        return this;
    }

    /**
     * Verifies that the verdict never changes on its own.
     *
     * @return this assertion
     */
    public VerdictAssert hasNoNextChange() {
        isNotNull();
        if (actual.nextChange().isPresent()) {
            failWithMessage("Expecting no forecast but %s", describe(actual.nextChange()));
        }
        return this;
    }

    /**
     * Verifies that the verdict recommends an action of a kind.
     *
     * @param kind the kind
     * @return this assertion
     */
    public VerdictAssert hasAction(Action.Kind kind) {
        return hasActionMatching(a -> a.kind() == kind, kind.name());
    }

    /**
     * Verifies that the verdict recommends an action of a kind on a subject.
     *
     * @param kind the kind
     * @param subject the package or base image
     * @return this assertion
     */
    public VerdictAssert hasAction(Action.Kind kind, String subject) {
        return hasActionMatching(
                a -> a.kind() == kind && a.subject().equals(Optional.of(subject)), kind + " " + subject);
    }

    /**
     * Verifies that the verdict recommends bumping a package to a version.
     *
     * @param pkg the package name
     * @param to the version to bump to
     * @return this assertion
     */
    public VerdictAssert hasBump(String pkg, String to) {
        return hasActionMatching(
                a -> a.kind() == Action.Kind.BUMP
                        && a.subject().equals(Optional.of(pkg))
                        && a.to().equals(Optional.of(to)),
                "BUMP " + pkg + " -> " + to);
    }

    /**
     * Verifies that the verdict recommends nothing.
     *
     * @return this assertion
     */
    public VerdictAssert hasNoActions() {
        isNotNull();
        if (!actual.actions().isEmpty()) {
            failWithMessage("Expecting no action but found:%n%s", lines(actual.actions()));
        }
        return this;
    }

    /**
     * Verifies that a waiver (or, with id {@code vex:ID}, a VEX statement) took findings out.
     *
     * @param id the waiver's id
     * @return this assertion
     */
    public VerdictAssert hasWaiverApplied(String id) {
        return hasWaiverApplied(id, null);
    }

    /**
     * Verifies that a waiver took out a finding of a vulnerability.
     *
     * @param id the waiver's id
     * @param vulnerabilityId the vulnerability id or alias of a finding it took out, or {@code null} for any
     * @return this assertion
     */
    public VerdictAssert hasWaiverApplied(String id, @Nullable String vulnerabilityId) {
        isNotNull();
        boolean applied = actual.waiversApplied().stream()
                .anyMatch(w -> w.id().equals(id)
                        && (vulnerabilityId == null
                                || w.findings().stream()
                                        .anyMatch(f -> f.vulnerability().isKnownAs(vulnerabilityId))));
        if (!applied) {
            failWithMessage(
                    "Expecting waiver <%s> to apply%s but the waivers applied were:%n%s",
                    id,
                    vulnerabilityId == null ? "" : " to " + vulnerabilityId,
                    describeWaivers(actual.waiversApplied()));
        }
        return this;
    }

    /**
     * Verifies that a waiver matched no finding.
     *
     * @param id the waiver's id
     * @return this assertion
     */
    public VerdictAssert hasUnmatchedWaiver(String id) {
        isNotNull();
        if (actual.unmatchedWaivers().stream().noneMatch(w -> w.id().equals(id))) {
            failWithMessage(
                    "Expecting waiver <%s> to match nothing but the unmatched waivers were: %s",
                    id, actual.unmatchedWaivers().stream().map(Waiver::id).toList());
        }
        return this;
    }

    /**
     * Verifies that a waiver has expired.
     *
     * @param id the waiver's id
     * @return this assertion
     */
    public VerdictAssert hasExpiredWaiver(String id) {
        isNotNull();
        if (actual.expiredWaivers().stream().noneMatch(w -> w.id().equals(id))) {
            failWithMessage(
                    "Expecting waiver <%s> to have expired but the expired waivers were: %s",
                    id, actual.expiredWaivers().stream().map(Waiver::id).toList());
        }
        return this;
    }

    private VerdictAssert hasActionMatching(Predicate<Action> matches, String wanted) {
        isNotNull();
        if (actual.actions().stream().noneMatch(matches)) {
            failWithMessage("Expecting an action %s but found:%n%s", wanted, lines(actual.actions()));
        }
        return this;
    }

    static String describe(List<Violation> violations) {
        if (violations.isEmpty()) {
            return "  (none)";
        }
        return violations.stream()
                .map(v -> "  " + v.ruleId() + " " + (v.isBlocking() ? "BLOCK" : "WARN") + ": " + v.message())
                .collect(Collectors.joining(String.format("%n")));
    }

    private static String describe(Optional<Forecast> forecast) {
        return forecast.map(f -> "it changes next at " + f.at() + ": " + f.reason())
                .orElse("it has no forecast");
    }

    private static String describeWaivers(List<AppliedWaiver> waivers) {
        if (waivers.isEmpty()) {
            return "  (none)";
        }
        return waivers.stream()
                .map(w -> "  " + w.id() + ": "
                        + w.findings().stream().map(f -> f.vulnerability().id()).collect(Collectors.joining(", ")))
                .collect(Collectors.joining(String.format("%n")));
    }

    private static String lines(List<Action> actions) {
        if (actions.isEmpty()) {
            return "  (none)";
        }
        return actions.stream().map(a -> "  " + a).collect(Collectors.joining(String.format("%n")));
    }
}
