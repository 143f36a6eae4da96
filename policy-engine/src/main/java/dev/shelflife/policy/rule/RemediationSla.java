package dev.shelflife.policy.rule;

import dev.shelflife.Finding;
import dev.shelflife.FixState;
import dev.shelflife.RecordedScan;
import dev.shelflife.Severity;
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
import dev.shelflife.policy.internal.Judgements;
import dev.shelflife.policy.internal.Phrases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rule {@code sla}: a finding must be remediated within the time its severity allows, counted
 * from a clock. The finding violates from {@code clock + within(severity)} on.
 *
 * <p>The first of {@code clocks} whose value the record knows is used, so
 * {@code [fix-available, published]} means "from when a fix was first seen, or else from
 * publication". When none is known, {@code whenUnknown} decides: {@code FAIL} (a violation with
 * the rule's effect), {@code WARN} or {@code IGNORE}. Severities without an entry in
 * {@code within} have no deadline.
 *
 * @param id the rule's id; {@code sla} by default
 * @param effect whether its violations block or warn
 * @param clocks the clocks to count from, in order of preference; {@code [first-seen]} by default
 * @param whenUnknown what to do when no clock is known; {@code FAIL} by default
 * @param fixStates the fix states that count; every state by default
 * @param within the time allowed per severity
 * @since 0.1
 */
public record RemediationSla(
        String id,
        Effect effect,
        List<DeadlineClock> clocks,
        Treatment whenUnknown,
        Set<FixState> fixStates,
        Map<Severity, Duration> within)
        implements Rule {

    /** The rule's type name in policy files, and its default id. */
    public static final String TYPE = "sla";

    /**
     * Validates the parts and copies the collections.
     *
     * @throws IllegalArgumentException if the id is blank, there is no clock or a repeated one,
     *     no fix state or severity counts, or a duration is not positive
     */
    public RemediationSla {
        RuleIds.require(id);
        Objects.requireNonNull(effect, "effect");
        clocks = List.copyOf(clocks);
        if (clocks.isEmpty() || new HashSet<>(clocks).size() != clocks.size()) {
            throw new IllegalArgumentException("clock must name at least one clock, none twice");
        }
        Objects.requireNonNull(whenUnknown, "whenUnknown");
        fixStates = FixStates.copy(fixStates);
        if (within.isEmpty()) {
            throw new IllegalArgumentException("within must give the time allowed for at least one severity");
        }
        EnumMap<Severity, Duration> copy = new EnumMap<>(Severity.class);
        within.forEach((severity, duration) -> copy.put(
                Objects.requireNonNull(severity, "severity"), Durations.require(duration, severity + ": " + duration)));
        within = Collections.unmodifiableMap(copy);
    }

    /**
     * A blocking SLA counted from {@link DeadlineClock#FIRST_SEEN}, failing when that is unknown, for
     * findings in every fix state.
     *
     * @param within the time allowed per severity
     * @return the rule
     */
    public static RemediationSla of(Map<Severity, Duration> within) {
        return new RemediationSla(
                TYPE, Effect.BLOCK, List.of(DeadlineClock.FIRST_SEEN), Treatment.FAIL, FixStates.ALL, within);
    }

    /**
     * A copy with one more severity, or another time for it.
     *
     * @param severity the severity
     * @param allowed the time allowed
     * @return the copy
     */
    public RemediationSla within(Severity severity, Duration allowed) {
        Map<Severity, Duration> copy = new EnumMap<>(within);
        copy.put(severity, allowed);
        return new RemediationSla(id, effect, clocks, whenUnknown, fixStates, copy);
    }

    /**
     * A copy counting from other clocks.
     *
     * @param first the preferred clock
     * @param fallbacks the clocks to fall back to, in order, when the ones before are unknown
     * @return the copy
     */
    public RemediationSla from(DeadlineClock first, DeadlineClock... fallbacks) {
        List<DeadlineClock> all = new ArrayList<>();
        all.add(first);
        all.addAll(List.of(fallbacks));
        return from(all);
    }

    /**
     * A copy counting from other clocks.
     *
     * @param newClocks the clocks, in order of preference
     * @return the copy
     */
    public RemediationSla from(List<DeadlineClock> newClocks) {
        return new RemediationSla(id, effect, newClocks, whenUnknown, fixStates, within);
    }

    /**
     * A copy that treats unknown clocks differently.
     *
     * @param treatment what to do when no clock is known
     * @return the copy
     */
    public RemediationSla whenUnknown(Treatment treatment) {
        return new RemediationSla(id, effect, clocks, treatment, fixStates, within);
    }

    /**
     * A copy that counts only fixable findings.
     *
     * @return the copy, with {@code fixStates} = {@code FIXED}
     */
    public RemediationSla fixableOnly() {
        return fixStates(FixStates.FIXABLE);
    }

    /**
     * A copy that counts findings in the given fix states.
     *
     * @param states the states
     * @return the copy
     */
    public RemediationSla fixStates(Set<FixState> states) {
        return new RemediationSla(id, effect, clocks, whenUnknown, states, within);
    }

    /**
     * A copy with another id.
     *
     * @param newId the id
     * @return the copy
     */
    public RemediationSla withId(String newId) {
        return new RemediationSla(newId, effect, clocks, whenUnknown, fixStates, within);
    }

    /**
     * A copy with another effect.
     *
     * @param newEffect the effect
     * @return the copy
     */
    public RemediationSla withEffect(Effect newEffect) {
        return new RemediationSla(id, newEffect, clocks, whenUnknown, fixStates, within);
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        RuleResult.Builder result = context.result();
        for (Finding finding : context.findings()) {
            Duration allowed = within.get(finding.severity());
            if (allowed != null && fixStates.contains(finding.fix().state())) {
                judge(context, finding, allowed, result);
            }
        }
        return result.build();
    }

    private void judge(RuleContext context, Finding finding, Duration allowed, RuleResult.Builder result) {
        DeadlineClock clock = null;
        Instant start = null;
        for (int i = 0; i < clocks.size() && start == null; i++) {
            clock = clocks.get(i);
            start = context.clock(clock, finding).orElse(null);
        }
        if (start == null) {
            whenUnknown.effect(effect).ifPresent(e -> {
                String sla = Durations.format(allowed) + " SLA";
                String phrase = Phrases.finding(finding);
                result.violation(Violation.builder(
                                id,
                                phrase + ": no "
                                        + clocks.stream()
                                                .map(DeadlineClock::key)
                                                .collect(Collectors.joining(" or "))
                                        + " instant is known"
                                        + " to count its " + sla + " from (when-unknown: " + whenUnknown.key() + "); "
                                        + Phrases.fix(finding))
                        .effect(e)
                        .finding(finding)
                        .clock(clocks.get(0).key(), null)
                        .build());
                result.actions(context.remedies(finding, id + ": " + phrase));
            });
            return;
        }
        Optional<Instant> deadline = Durations.deadline(start, allowed);
        if (deadline.isEmpty()) {
            return;
        }
        boolean passed = !context.at().isBefore(deadline.get());
        if (!passed && !result.keepsChangeAt(deadline.get())) {
            // A later deadline than one already forecast: its text would be dropped.
            return;
        }
        // The texts depend on this rule, the finding and its clock, which the record fixes: an
        // evaluation of the same record takes them as written the first time.
        DeadlineClock counted = clock;
        Instant from = start;
        Instant due = deadline.get();
        if (!passed) {
            result.changeAt(
                    due,
                    Judgements.remember(
                            context,
                            this,
                            finding,
                            FORECAST,
                            () -> Phrases.finding(finding) + " reaches its " + sla(allowed)
                                    + counted(context, counted, from, finding)));
            return;
        }
        Passed judged = Judgements.remember(context, this, finding, VIOLATION, () -> {
            String phrase = Phrases.finding(finding);
            Optional<RecordedScan> source = context.clockSource(counted, finding);
            Violation violation = Violation.builder(
                            id,
                            phrase + " passed its " + sla(allowed) + " on " + InstantText.of(due)
                                    + counted(context, counted, from, finding) + "; " + Phrases.fix(finding))
                    .effect(effect)
                    .finding(finding)
                    .clock(counted.key(), from)
                    .clockSource(source.orElse(null))
                    .deadline(due)
                    .build();
            // As Phrases.reason(id, finding), without writing the finding's phrase again.
            return new Passed(violation, id + ": " + phrase);
        });
        result.violation(judged.violation());
        result.actions(context.remedies(finding, judged.reason()));
    }

    /** Which of this rule's judgements of a finding {@link Judgements} remembers. */
    private static final int VIOLATION = 0;

    private static final int FORECAST = 1;

    /** A passed deadline's violation, and the reason of its remedies. */
    private record Passed(Violation violation, String reason) {}

    private static String sla(Duration allowed) {
        return Durations.format(allowed) + " SLA";
    }

    /** Where a deadline was counted from: {@code " (counted from fix-available 2021-08-25T12:20:30Z)"}. */
    private static String counted(RuleContext context, DeadlineClock clock, Instant start, Finding finding) {
        Optional<RecordedScan> source = context.clockSource(clock, finding);
        return " (counted from " + clock.key() + " " + InstantText.of(start)
                + source.map(s -> " in lineage " + s.lineage() + ", " + s).orElse("") + ")";
    }

    /**
     * The rule type {@code sla} of policy files, found by {@link RuleTypes#load()}.
     *
     * @since 0.2
     */
    public static final class Type extends BuiltInType<RemediationSla> {

        /** Made by {@link java.util.ServiceLoader}. */
        public Type() {
            super(
                    TYPE,
                    RemediationSla.class,
                    "findings must be remediated within the time their severity allows, counted from a clock",
                    List.of(
                            RuleKey.required(
                                    "within",
                                    ValueType.SEVERITY_DURATIONS,
                                    "the time each severity allows; severities not listed have no deadline (`unknown` may be"
                                            + " listed)"),
                            RuleKey.optional(
                                    "clock",
                                    ValueType.CLOCKS,
                                    "`first-seen`",
                                    "a [clock](#clocks), or a list of clocks: the first one whose value the record knows is"
                                            + " used, so `[fix-available, published]` means \"from when a fix was first seen,"
                                            + " or else from publication\""),
                            whenUnknown("with a finding for which none of the clocks is known"),
                            fixStates("")),
                    Type::read,
                    """
                *Java: `RemediationSla.of(Map.of(Severity.HIGH, Duration.ofDays(30))).from(DeadlineClock.FIX_AVAILABLE, DeadlineClock.PUBLISHED)`.*
                A remediation service-level agreement: a finding must be remediated within the time its severity
                allows, counted from a [clock](#clocks). The finding violates from `clock + within[severity]` on.

                Violation: the finding, its severity, the clock used (`clock`), its value (`clockValue`) and the
                deadline; the message reads `CVE-2022-22965 CRITICAL in org.springframework:spring-beans 5.3.15
                passed its 7d SLA on 2021-09-01T12:20:30Z (counted from fix-available 2021-08-25T12:20:30Z);
                fixed in 5.3.18`. When no clock is known the violation names the first clock and has no value
                and no deadline. Actions: a [bump](#actions) when a fix is available. Forecast: every deadline
                not yet reached (`… reaches its 30d SLA (counted from fix-available …)`).
                """);
        }

        private static Optional<RemediationSla> read(RuleNode node) {
            Optional<RemediationSla> rule = node.create("within", ValueType.SEVERITY_DURATIONS, RemediationSla::of);
            rule = node.with(rule, "clock", ValueType.CLOCKS, RemediationSla::from);
            rule = node.with(rule, "when-unknown", ValueType.TREATMENT, RemediationSla::whenUnknown);
            rule = node.with(rule, "fix-states", ValueType.FIX_STATES, RemediationSla::fixStates);
            return node.idAndEffect(rule, RemediationSla::withId, RemediationSla::withEffect);
        }
    }
}
