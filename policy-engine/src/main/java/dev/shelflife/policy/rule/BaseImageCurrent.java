package dev.shelflife.policy.rule;

import dev.shelflife.policy.Action;
import dev.shelflife.policy.BaseImageStatus;
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

/**
 * Rule {@code base-image-current}: once the image's base image tag points to a new digest, the
 * image must be rebuilt on it within a grace period. The rule violates from
 * {@code currentSince + grace} on and asks to update the base image and rebuild; before that, the
 * end of the grace period is a candidate for the forecast.
 *
 * <p>It judges the {@link BaseImageStatus} the caller passed to the evaluation
 * ({@link RuleContext#baseImageStatus()}). When the status is missing, the digest at build time or
 * the current digest is unknown, or the base moved but the instant the new digest was first seen
 * is unknown, {@code whenUnknown} decides; in the last case the violation still asks for the
 * update, since the move itself is known.
 *
 * @param id the rule's id; {@code base-image-current} by default
 * @param effect whether its violations block or warn
 * @param grace how long after the base moved the image may stay on the old base
 * @param whenUnknown what to do when the base's state is unknown; {@code FAIL} by default
 * @since 0.1
 */
public record BaseImageCurrent(String id, Effect effect, Duration grace, Treatment whenUnknown) implements Rule {

    /** The rule's type name in policy files, and its default id. */
    public static final String TYPE = "base-image-current";

    /** The name of the clock the grace period counts from, as violations carry it. */
    public static final String CLOCK = "base-moved";

    /**
     * Validates the parts.
     *
     * @throws IllegalArgumentException if the id is invalid or the grace period is not positive
     */
    public BaseImageCurrent {
        RuleIds.require(id);
        Objects.requireNonNull(effect, "effect");
        Durations.require(Objects.requireNonNull(grace, "grace"), String.valueOf(grace));
        Objects.requireNonNull(whenUnknown, "whenUnknown");
    }

    /**
     * A blocking rule with a grace period that fails when the base's state is unknown.
     *
     * @param grace how long after the base moved the image may stay on the old base
     * @return the rule
     */
    public static BaseImageCurrent within(Duration grace) {
        return new BaseImageCurrent(TYPE, Effect.BLOCK, grace, Treatment.FAIL);
    }

    /**
     * A copy that treats an unknown state differently.
     *
     * @param treatment what to do
     * @return the copy
     */
    public BaseImageCurrent whenUnknown(Treatment treatment) {
        return new BaseImageCurrent(id, effect, grace, treatment);
    }

    /**
     * A copy with another id.
     *
     * @param newId the id
     * @return the copy
     */
    public BaseImageCurrent withId(String newId) {
        return new BaseImageCurrent(newId, effect, grace, whenUnknown);
    }

    /**
     * A copy with another effect.
     *
     * @param newEffect the effect
     * @return the copy
     */
    public BaseImageCurrent withEffect(Effect newEffect) {
        return new BaseImageCurrent(id, newEffect, grace, whenUnknown);
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        RuleResult.Builder result = context.result();
        Optional<BaseImageStatus> found = context.baseImageStatus();
        if (found.isEmpty()) {
            return unknown(result, "the base image's current digest was not given", Optional.empty());
        }
        BaseImageStatus status = found.get();
        String base = "the base image " + status.name();
        if (status.builtFrom().isEmpty()) {
            return unknown(result, base + " has no known digest at build time", Optional.empty());
        }
        if (status.current().isEmpty()) {
            return unknown(result, "where " + base + " points now is unknown", Optional.empty());
        }
        if (!status.moved()) {
            return result.build();
        }
        String moved = base + " moved from "
                + BaseImageStatus.shortDigest(status.builtFrom().get()) + " to "
                + BaseImageStatus.shortDigest(status.current().get());
        if (status.currentSince().isEmpty()) {
            return unknown(result, moved + ", but when it was first seen there is unknown", Optional.of(status));
        }
        Instant since = status.currentSince().get();
        Optional<Instant> deadline = Durations.deadline(since, grace);
        if (deadline.isEmpty()) {
            return result.build();
        }
        String what = moved + " (first seen " + since + "),";
        String period = "its " + Durations.format(grace) + " grace period";
        if (context.at().isBefore(deadline.get())) {
            return result.changeAt(deadline.get(), what + " reaches " + period + " (" + id + ")")
                    .build();
        }
        String message = what + " passed " + period + " on " + deadline.get();
        result.violation(Violation.builder(id, message)
                .effect(effect)
                .clock(CLOCK, since)
                .deadline(deadline.get())
                .build());
        return result.actions(actions(status, message)).build();
    }

    /** A violation per {@code whenUnknown}; when the base is known to have moved, it asks for the update too. */
    private RuleResult unknown(RuleResult.Builder result, String what, Optional<BaseImageStatus> moved) {
        String message = what + ", so its " + Durations.format(grace)
                + " grace period cannot be checked (when-unknown: " + whenUnknown.key() + ")";
        whenUnknown.effect(effect).ifPresent(e -> {
            result.violation(
                    Violation.builder(id, message).effect(e).clock(CLOCK, null).build());
            moved.ifPresent(status -> result.actions(actions(status, message)));
        });
        return result.build();
    }

    private List<Action> actions(BaseImageStatus status, String message) {
        String reason = id + ": " + message;
        return List.of(Action.updateBaseImage(status.name(), reason), Action.rebuild(reason));
    }

    /**
     * The rule type {@code base-image-current} of policy files, found by {@link RuleTypes#load()}.
     *
     * @since 0.2
     */
    public static final class Type extends BuiltInType<BaseImageCurrent> {

        /** Made by {@link java.util.ServiceLoader}. */
        public Type() {
            super(
                    TYPE,
                    BaseImageCurrent.class,
                    "once the base image tag points to a new digest, the image must be rebuilt on it within a grace"
                            + " period",
                    List.of(
                            RuleKey.required(
                                    "grace",
                                    ValueType.DURATION,
                                    "how long after the move the old base is still acceptable"),
                            whenUnknown("when the rule cannot tell: no status was given, the digest at build time or"
                                    + " the current digest is unknown (the tag could not be resolved), or the base"
                                    + " moved but `currentSince` is unknown")),
                    Type::read,
                    """
                *Java: `BaseImageCurrent.within(Duration.ofDays(7))`.* Once the image's base image tag points to a
                new digest, the image must be rebuilt on it within a **grace period**. The engine does no I/O: the
                caller resolves the tag (`shelflife-registry`'s `BaseImageResolver`, an offline file, a cache) and
                passes what it found as a `BaseImageStatus` with the evaluation, in an `EvaluationContext` (which
                carries a [baseline](#no-new-findings) too, when the stage has one).

                In Java:

                ```java
                BaseImageStatus status = BaseImageStatus.of(record.image().baseImage().orElseThrow(), resolved.digest(), firstSeen);
                Verdict verdict = PolicyEngine.of(policy).evaluate(record, Stage.RUN, now, EvaluationContext.none().withBaseImage(status));
                ```

                A `BaseImageStatus` holds the base's `name`, `builtFrom` (the digest at build time:
                `BaseImage.digest()`, from the `org.opencontainers.image.base.digest` annotation or the caller),
                `current` (where the tag points now) and `currentSince` (when that digest was first seen).
                Registries keep no tag history, so `currentSince` is the caller's to record — from its earlier
                resolutions, an inventory (`moved-at` in [plan.md](plan.md)), or the new base's build time.

                The tag pointing where it did at build time is no violation and no forecast: nobody can predict a
                move. When it moved, the image violates from `currentSince + grace` on (clock `base-moved`, value
                `currentSince`); before that, the end of the grace period is a candidate for the forecast (`the base
                image python:3.12-slim moved from sha256:c1d5746826c0 to sha256:9f3e1c7b1a5d (first seen
                2025-08-20T03:12:00Z), reaches its 7d grace period (base-image-current)`). Actions:
                `UPDATE_BASE_IMAGE` (the base's name) and `REBUILD`, also for a `when-unknown` violation of a base
                that is known to have moved. Digests are printed with 12 hexadecimal digits. A failed resolution is
                *unknown*, never "the base did not move".
                """);
        }

        private static Optional<BaseImageCurrent> read(RuleNode node) {
            Optional<BaseImageCurrent> rule = node.create("grace", ValueType.DURATION, BaseImageCurrent::within);
            rule = node.with(rule, "when-unknown", ValueType.TREATMENT, BaseImageCurrent::whenUnknown);
            return node.idAndEffect(rule, BaseImageCurrent::withId, BaseImageCurrent::withEffect);
        }
    }
}
