package dev.shelflife.policy.rule;

import dev.shelflife.ScanReport;
import dev.shelflife.policy.Action;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Rules {@code image-age}, {@code scan-age} and {@code database-age}: the image, its latest scan
 * or the vulnerability database of its latest scan must not be older than a maximum. The rule
 * violates from {@code value + max} on and asks for a rebuild (image) or a rescan (scan,
 * database).
 *
 * <p>The scan's value is the newest scan instant among the latest reports; the database's, the
 * newest database build instant among them. When the value is unknown (a build date written as
 * 1970-01-01 by a reproducible build, a report that records no scan instant, Trivy's reports
 * that do not record their database), {@code whenUnknown} decides.
 *
 * @param id the rule's id; the subject's key by default
 * @param effect whether its violations block or warn
 * @param subject what is aged
 * @param max the age from which it violates
 * @param whenUnknown what to do when the value is unknown; {@code FAIL} by default
 * @since 0.1
 */
public record AgeLimit(String id, Effect effect, Subject subject, Duration max, Treatment whenUnknown) implements Rule {

    /**
     * What an age limit applies to.
     *
     * @since 0.1
     */
    public enum Subject {
        /** The image, from its build instant; asks for a rebuild. */
        IMAGE("image-age", "image-built", "the image built", Action.Kind.REBUILD),
        /** The latest scan, from its scan instant; asks for a rescan. */
        SCAN("scan-age", "last-scan", "the latest scan, made", Action.Kind.RESCAN),
        /** The vulnerability database of the latest scan, from its build instant; asks for a rescan. */
        DATABASE(
                "database-age",
                "database-built",
                "the vulnerability database of the latest scan, built",
                Action.Kind.RESCAN);

        private final String key;
        private final String clock;
        private final String phrase;
        private final Action.Kind action;

        Subject(String key, String clock, String phrase, Action.Kind action) {
            this.key = key;
            this.clock = clock;
            this.phrase = phrase;
            this.action = action;
        }

        /**
         * The rule's type name in policy files, and its default id.
         *
         * @return {@code image-age}, {@code scan-age} or {@code database-age}
         */
        public String key() {
            return key;
        }

        /**
         * The name of the clock the age is counted from, as violations carry it.
         *
         * @return {@code image-built}, {@code last-scan} or {@code database-built}
         */
        public String clock() {
            return clock;
        }

        /**
         * The action a violation asks for.
         *
         * @return {@code REBUILD} or {@code RESCAN}
         */
        public Action.Kind action() {
            return action;
        }
    }

    /**
     * Validates the parts.
     *
     * @throws IllegalArgumentException if the id is blank or the maximum is not positive
     */
    public AgeLimit {
        RuleIds.require(id);
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(subject, "subject");
        Durations.require(Objects.requireNonNull(max, "max"), String.valueOf(max));
        Objects.requireNonNull(whenUnknown, "whenUnknown");
    }

    /**
     * A blocking limit on the image's age that fails when the build instant is unknown.
     *
     * @param max the age from which the image must be rebuilt
     * @return the rule
     */
    public static AgeLimit image(Duration max) {
        return of(Subject.IMAGE, max);
    }

    /**
     * A blocking limit on the latest scan's age that fails when no scan instant is known.
     *
     * @param max the age from which the image must be rescanned
     * @return the rule
     */
    public static AgeLimit scan(Duration max) {
        return of(Subject.SCAN, max);
    }

    /**
     * A blocking limit on the vulnerability database's age that fails when it is unknown.
     *
     * @param max the age from which the image must be rescanned
     * @return the rule
     */
    public static AgeLimit database(Duration max) {
        return of(Subject.DATABASE, max);
    }

    /**
     * A blocking limit on a subject's age that fails when its value is unknown.
     *
     * @param subject what is aged
     * @param max the age from which it violates
     * @return the rule
     */
    public static AgeLimit of(Subject subject, Duration max) {
        return new AgeLimit(subject.key(), Effect.BLOCK, subject, max, Treatment.FAIL);
    }

    /**
     * A copy that treats an unknown value differently.
     *
     * @param treatment what to do
     * @return the copy
     */
    public AgeLimit whenUnknown(Treatment treatment) {
        return new AgeLimit(id, effect, subject, max, treatment);
    }

    /**
     * A copy with another id.
     *
     * @param newId the id
     * @return the copy
     */
    public AgeLimit withId(String newId) {
        return new AgeLimit(newId, effect, subject, max, whenUnknown);
    }

    /**
     * A copy with another effect.
     *
     * @param newEffect the effect
     * @return the copy
     */
    public AgeLimit withEffect(Effect newEffect) {
        return new AgeLimit(id, newEffect, subject, max, whenUnknown);
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        RuleResult.Builder result = context.result();
        String limit = "the " + Durations.format(max) + " age limit";
        Optional<Instant> value = switch (subject) {
            case IMAGE -> context.record().image().createdAt();
            case SCAN -> newest(context, ScanReport::scannedAt);
            case DATABASE -> newest(context, ScanReport::databaseBuiltAt);
        };
        if (value.isEmpty()) {
            whenUnknown
                    .effect(effect)
                    .ifPresent(e -> result.violation(Violation.builder(
                                    id,
                                    "the " + subject.clock() + " instant is unknown, so " + limit
                                            + " cannot be checked (when-unknown: " + whenUnknown.key() + ")")
                            .effect(e)
                            .clock(subject.clock(), null)
                            .build()));
            return result.build();
        }
        Optional<Instant> deadline = Durations.deadline(value.get(), max);
        if (deadline.isEmpty()) {
            return result.build();
        }
        String what = subject.phrase + " " + value.get() + ",";
        if (context.at().isBefore(deadline.get())) {
            return result.changeAt(deadline.get(), what + " reaches " + limit + " (" + id + ")")
                    .build();
        }
        String message = what + " reached " + limit + " on " + deadline.get();
        result.violation(Violation.builder(id, message)
                .effect(effect)
                .clock(subject.clock(), value.get())
                .deadline(deadline.get())
                .build());
        Action action = subject.action == Action.Kind.REBUILD
                ? Action.rebuild(id + ": " + message)
                : Action.rescan(id + ": " + message);
        return result.action(action).build();
    }

    private static Optional<Instant> newest(RuleContext context, Function<ScanReport, Optional<Instant>> instant) {
        return context.latestReports().stream()
                .map(instant)
                .flatMap(Optional::stream)
                .max(Instant::compareTo);
    }

    /**
     * The rule types {@code image-age}, {@code scan-age} and {@code database-age} of policy files,
     * one per {@link Subject}, found by {@link RuleTypes#load()}.
     *
     * @since 0.2
     */
    public abstract static sealed class Type extends BuiltInType<AgeLimit> permits ImageAge, ScanAge, DatabaseAge {

        private final Subject subject;

        Type(Subject subject, String documentation) {
            super(
                    subject.key(),
                    AgeLimit.class,
                    "the image, its latest scan or its vulnerability database must not be older than a limit",
                    List.of(
                            RuleKey.required("max", ValueType.DURATION, "the age from which the rule violates"),
                            whenUnknown("when the instant is unknown")),
                    node -> read(subject, node),
                    documentation);
            this.subject = subject;
        }

        @Override
        public boolean describes(Rule rule) {
            return rule instanceof AgeLimit limit && limit.subject() == subject;
        }

        private static Optional<AgeLimit> read(Subject subject, RuleNode node) {
            Optional<AgeLimit> rule = node.create("max", ValueType.DURATION, max -> AgeLimit.of(subject, max));
            rule = node.with(rule, "when-unknown", ValueType.TREATMENT, AgeLimit::whenUnknown);
            return node.idAndEffect(rule, AgeLimit::withId, AgeLimit::withEffect);
        }
    }

    /**
     * The rule type {@code image-age}: the image must not be older than a limit.
     *
     * @since 0.2
     */
    public static final class ImageAge extends Type {

        /** Made by {@link java.util.ServiceLoader}. */
        public ImageAge() {
            super(Subject.IMAGE, """
                *Java: `AgeLimit.image(Duration.ofDays(90))`.* The image, from its build instant
                (`Image.createdAt`), must not be older than a maximum; violations have the clock `image-built`
                and ask for a `REBUILD`.

                The instant is unknown when a reproducible build wrote 1970-01-01 or 0001-01-01 as the build
                date (the model treats both as unknown). The age never appears in a message — the message
                says *when* the limit was reached (`the image built 2021-10-12T21:23:22Z, reached the 90d age
                limit on 2022-01-10T21:23:22Z`) — so that a verdict stays the same until its forecast; the same
                holds for [scan-age](#scan-age) and [database-age](#database-age).
                """);
        }
    }

    /**
     * The rule type {@code scan-age}: the latest scan must not be older than a limit.
     *
     * @since 0.2
     */
    public static final class ScanAge extends Type {

        /** Made by {@link java.util.ServiceLoader}. */
        public ScanAge() {
            super(Subject.SCAN, """
                *Java: `AgeLimit.scan(Duration.ofDays(7))`.* The newest scan instant among the
                [latest reports](#which-findings) must not be older than a maximum; violations have the clock
                `last-scan` and ask for a `RESCAN`.

                The instant is unknown when a report does not record its scan instant (Trivy before
                `CreatedAt`, Snyk: supply it with `ScanReport.withScannedAt`).
                """);
        }
    }

    /**
     * The rule type {@code database-age}: the vulnerability database of the latest scan must not be
     * older than a limit.
     *
     * @since 0.2
     */
    public static final class DatabaseAge extends Type {

        /** Made by {@link java.util.ServiceLoader}. */
        public DatabaseAge() {
            super(Subject.DATABASE, """
                *Java: `AgeLimit.database(Duration.ofDays(10))`.* The newest vulnerability-database build
                instant among the [latest reports](#which-findings) must not be older than a maximum;
                violations have the clock `database-built` and ask for a `RESCAN`.

                The instant is unknown when the scanner does not record its database (Trivy; Grype does). The
                database age is counted up to the evaluation instant, not up to the scan: a database is as old
                as the knowledge it holds.
                """);
        }
    }
}
