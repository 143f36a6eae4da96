package dev.shelflife.policy.rule;

import dev.shelflife.Finding;
import dev.shelflife.FixState;
import dev.shelflife.KnownExploited;
import dev.shelflife.policy.DeadlineClock;
import dev.shelflife.policy.Effect;
import dev.shelflife.policy.Rule;
import dev.shelflife.policy.RuleContext;
import dev.shelflife.policy.RuleKey;
import dev.shelflife.policy.RuleNode;
import dev.shelflife.policy.RuleResult;
import dev.shelflife.policy.RuleTypes;
import dev.shelflife.policy.Treatment;
import dev.shelflife.policy.ValueType;
import dev.shelflife.policy.Violation;
import dev.shelflife.policy.internal.Durations;
import dev.shelflife.policy.internal.FixStates;
import dev.shelflife.policy.internal.Phrases;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Rule {@code kev}: a finding whose vulnerability is listed in a catalog of known exploited
 * vulnerabilities (CISA KEV) must be remediated by a deadline: the catalog's due date, or, when
 * the rule gives {@code within}, that long after the day the vulnerability was added.
 *
 * <p>A due date is a whole day in UTC: the finding violates from the start of the next day on
 * (due 2025-09-15 → from 2025-09-16T00:00:00Z). The day added counts from its start in UTC, like
 * the {@link DeadlineClock#KEV_ADDED} clock. Before its deadline a listed finding is a candidate for the
 * forecast. The listing comes from the finding's vulnerability
 * ({@link dev.shelflife.Vulnerability#knownExploited()}): a scanner that carries KEV data, or a
 * catalog the caller applied to the record before the evaluation. When the date the deadline needs
 * is missing from the listing, {@code whenUnknown} decides.
 *
 * @param id the rule's id; {@code kev} by default
 * @param effect whether its violations block or warn
 * @param within the time allowed from the day the vulnerability was added; empty to use the
 *     catalog's due date
 * @param whenUnknown what to do when the listing lacks the date the deadline needs; {@code FAIL} by default
 * @param fixStates the fix states that count; every state by default
 * @since 0.1
 */
public record KevDeadline(
        String id, Effect effect, Optional<Duration> within, Treatment whenUnknown, Set<FixState> fixStates)
        implements Rule {

    /** The rule's type name in policy files, and its default id. */
    public static final String TYPE = "kev";

    /**
     * Validates the parts.
     *
     * @throws IllegalArgumentException if the id is invalid, {@code within} is not positive, or no fix state counts
     */
    public KevDeadline {
        RuleIds.require(id);
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(within, "within");
        within.ifPresent(d -> Durations.require(d, String.valueOf(d)));
        Objects.requireNonNull(whenUnknown, "whenUnknown");
        fixStates = FixStates.copy(fixStates);
    }

    /**
     * A blocking rule with the catalog's due date as the deadline, failing when a listing has no
     * due date, for findings in every fix state.
     *
     * @return the rule
     */
    public static KevDeadline dueDate() {
        return new KevDeadline(TYPE, Effect.BLOCK, Optional.empty(), Treatment.FAIL, FixStates.ALL);
    }

    /**
     * A blocking rule with a deadline counted from the day the vulnerability was added, failing
     * when a listing has no such day, for findings in every fix state.
     *
     * @param allowed the time allowed
     * @return the rule
     */
    public static KevDeadline afterAdded(Duration allowed) {
        return new KevDeadline(TYPE, Effect.BLOCK, Optional.of(allowed), Treatment.FAIL, FixStates.ALL);
    }

    /**
     * A copy with its deadline counted from the day the vulnerability was added instead of the
     * catalog's due date.
     *
     * @param allowed the time allowed from that day
     * @return the copy
     */
    public KevDeadline within(Duration allowed) {
        return new KevDeadline(id, effect, Optional.of(allowed), whenUnknown, fixStates);
    }

    /**
     * A copy that treats a listing without the needed date differently.
     *
     * @param treatment what to do
     * @return the copy
     */
    public KevDeadline whenUnknown(Treatment treatment) {
        return new KevDeadline(id, effect, within, treatment, fixStates);
    }

    /**
     * A copy that counts only fixable findings.
     *
     * @return the copy, with {@code fixStates} = {@code FIXED}
     */
    public KevDeadline fixableOnly() {
        return fixStates(FixStates.FIXABLE);
    }

    /**
     * A copy that counts findings in the given fix states.
     *
     * @param states the states
     * @return the copy
     */
    public KevDeadline fixStates(Set<FixState> states) {
        return new KevDeadline(id, effect, within, whenUnknown, states);
    }

    /**
     * A copy with another id.
     *
     * @param newId the id
     * @return the copy
     */
    public KevDeadline withId(String newId) {
        return new KevDeadline(newId, effect, within, whenUnknown, fixStates);
    }

    /**
     * A copy with another effect.
     *
     * @param newEffect the effect
     * @return the copy
     */
    public KevDeadline withEffect(Effect newEffect) {
        return new KevDeadline(id, newEffect, within, whenUnknown, fixStates);
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        RuleResult.Builder result = context.result();
        for (Finding finding : context.findings()) {
            Optional<KnownExploited> listing = finding.vulnerability().knownExploited();
            if (listing.isPresent() && fixStates.contains(finding.fix().state())) {
                judge(context, finding, listing.get(), result);
            }
        }
        return result.build();
    }

    private void judge(RuleContext context, Finding finding, KnownExploited listing, RuleResult.Builder result) {
        Optional<Instant> added = context.clock(DeadlineClock.KEV_ADDED, finding);
        String listed = Phrases.finding(finding) + " is known exploited (" + listing.catalog()
                + listing.dateAdded().map(day -> ", added " + day).orElse("") + ")";
        String deadlineName = within.map(d -> "its " + Durations.format(d) + " KEV deadline")
                .orElseGet(() -> "its KEV due date"
                        + listing.dueDate().map(day -> " " + day).orElse(""));
        boolean known =
                within.isPresent() ? added.isPresent() : listing.dueDate().isPresent();
        if (!known) {
            whenUnknown.effect(effect).ifPresent(e -> {
                result.violation(Violation.builder(
                                id,
                                listed + " but its " + (within.isPresent() ? "day added" : "due date")
                                        + " is unknown, so " + deadlineName + " cannot be checked (when-unknown: "
                                        + whenUnknown.key()
                                        + "); " + Phrases.fix(finding))
                        .effect(e)
                        .finding(finding)
                        .clock(DeadlineClock.KEV_ADDED.key(), added.orElse(null))
                        .build());
                result.actions(context.remedies(finding, Phrases.reason(id, finding)));
            });
            return;
        }
        Optional<Instant> deadline = within.isPresent()
                ? Durations.deadline(added.orElseThrow(), within.get())
                : endOfDay(listing.dueDate().orElseThrow());
        if (deadline.isEmpty()) {
            return;
        }
        if (context.at().isBefore(deadline.get())) {
            result.changeAt(deadline.get(), Phrases.finding(finding) + " reaches " + deadlineName + " (" + id + ")");
            return;
        }
        result.violation(Violation.builder(
                        id,
                        listed + " and passed " + deadlineName + " on " + deadline.get() + "; " + Phrases.fix(finding))
                .effect(effect)
                .finding(finding)
                .clock(DeadlineClock.KEV_ADDED.key(), added.orElse(null))
                .deadline(deadline.get())
                .build());
        result.actions(context.remedies(finding, Phrases.reason(id, finding)));
    }

    /** The first instant after a due day, in UTC (the day itself is still in time); empty beyond the last day Java knows. */
    private static Optional<Instant> endOfDay(LocalDate day) {
        return day.equals(LocalDate.MAX)
                ? Optional.empty()
                : Optional.of(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /**
     * The rule type {@code kev} of policy files, found by {@link RuleTypes#load()}.
     *
     * @since 0.2
     */
    public static final class Type extends BuiltInType<KevDeadline> {

        /** Made by {@link java.util.ServiceLoader}. */
        public Type() {
            super(
                    TYPE,
                    KevDeadline.class,
                    "known exploited vulnerabilities must be remediated by their catalog's due date, or within a"
                            + " time after they were added",
                    List.of(
                            RuleKey.optional(
                                    "within",
                                    ValueType.DURATION,
                                    "none: the due date",
                                    "the time allowed from the start (UTC) of the day the vulnerability was added"),
                            whenUnknown("with a listing that lacks the date the deadline needs (a scanner's listing"
                                    + " without a due date)"),
                            fixStates("; a known-exploited vulnerability without a fix still asks for"
                                    + " a mitigation")),
                    Type::read,
                    """
                *Java: `KevDeadline.dueDate()`, `KevDeadline.afterAdded(Duration.ofDays(14))`.* A finding whose
                vulnerability is listed in a catalog of known exploited vulnerabilities (CISA KEV) must be
                remediated by a deadline: the catalog's **due date**, or, with `within`, that long after the day
                the vulnerability was **added**. The listing is the finding's `Vulnerability.knownExploited()`:
                scanners that carry KEV data set it (Grype's database v6), and a catalog file the caller applies
                before the evaluation sets or replaces it ([freshness.md](freshness.md); `shelflife plan --kev`).
                The engine itself reads no file.

                **Clocks.** A due date is a whole day in UTC: CVE-2025-48384, due 2025-09-15, is in time until
                2025-09-15T23:59:59Z and violates from `2025-09-16T00:00:00Z` on. The day added counts from its
                start in UTC, like the [`kev-added`](#clocks) clock: added 2025-08-25 with `within: 14d` violates
                from `2025-09-08T00:00:00Z` on. Findings not listed are not this rule's business.

                Violation: the finding, clock `kev-added` with the day added, the deadline, and
                `CVE-2025-48384 HIGH in git 1:2.39.5-0+deb12u2 is known exploited (cisa-kev, added 2025-08-25) and
                passed its KEV due date 2025-09-15 on 2025-09-16T00:00:00Z; fixed in 1:2.39.5-0+deb12u3` (with
                `within`: `… and passed its 14d KEV deadline on …`). Actions: a [bump](#actions) when a fix is
                available. Forecast: every deadline not yet reached (`CVE-2025-48384 HIGH in git … reaches its KEV
                due date 2025-09-15 (kev)`).
                """);
        }

        private static Optional<KevDeadline> read(RuleNode node) {
            Optional<KevDeadline> rule = Optional.of(KevDeadline.dueDate());
            rule = node.with(rule, "within", ValueType.DURATION, KevDeadline::within);
            rule = node.with(rule, "when-unknown", ValueType.TREATMENT, KevDeadline::whenUnknown);
            rule = node.with(rule, "fix-states", ValueType.FIX_STATES, KevDeadline::fixStates);
            return node.idAndEffect(rule, KevDeadline::withId, KevDeadline::withEffect);
        }
    }
}
