package com.example.baseregistry;

import dev.shelflife.BaseImage;
import dev.shelflife.ImageRef;
import dev.shelflife.policy.Action;
import dev.shelflife.policy.Effect;
import dev.shelflife.policy.Rule;
import dev.shelflife.policy.RuleContext;
import dev.shelflife.policy.RuleResult;
import dev.shelflife.policy.Treatment;
import dev.shelflife.policy.Violation;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The base image must come from an allowed registry: an image built on {@code python:3.12-slim}
 * from Docker Hub violates a rule that allows only {@code registry.acme.example}. The base image is
 * the image record's ({@code org.opencontainers.image.base.name}, or what the caller supplied);
 * Docker Hub's short names count as {@code docker.io}.
 *
 * <p>The rule does not depend on time, so it reports no forecast.
 *
 * @param id the rule's id, {@code base-registry} by default
 * @param effect whether a violation blocks or only warns
 * @param allowed the registries a base image may come from, host and optional port; kept in lower case
 * @param whenUnknown what to do when the base image is not known, or its name does not parse
 * @since 0.2
 */
public record BaseRegistry(String id, Effect effect, List<String> allowed, Treatment whenUnknown) implements Rule {

    /** The rule's type name in policy files, and its default id. */
    public static final String TYPE = "base-registry";

    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?");

    /**
     * Validates the parts and copies the list.
     *
     * @throws IllegalArgumentException if no registry is allowed, or one is not a registry host
     */
    public BaseRegistry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(effect, "effect");
        allowed = allowed.stream().map(BaseRegistry::host).toList();
        Objects.requireNonNull(whenUnknown, "whenUnknown");
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("allow at least one registry");
        }
    }

    /**
     * A blocking rule that allows the given registries and fails when the base image is unknown.
     *
     * @param allowed the registries, such as {@code registry.acme.example} or {@code localhost:5000}
     * @return the rule
     */
    public static BaseRegistry allowing(List<String> allowed) {
        return new BaseRegistry(TYPE, Effect.BLOCK, allowed, Treatment.FAIL);
    }

    /**
     * Checks a registry host, as a policy file's {@code allowed} list gives it.
     *
     * @param host the host, with an optional port
     * @return the host in lower case
     * @throws IllegalArgumentException if it is not a registry host
     */
    public static String host(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        if (!HOST.matcher(lower).matches()) {
            throw new IllegalArgumentException(
                    "\"" + host + "\" is not a registry host such as registry.acme.example or localhost:5000");
        }
        return lower;
    }

    /**
     * This rule with another treatment of an unknown base image.
     *
     * @param treatment the treatment
     * @return the changed rule
     */
    public BaseRegistry whenUnknown(Treatment treatment) {
        return new BaseRegistry(id, effect, allowed, treatment);
    }

    /**
     * This rule with another id.
     *
     * @param newId the id
     * @return the changed rule
     */
    public BaseRegistry withId(String newId) {
        return new BaseRegistry(newId, effect, allowed, whenUnknown);
    }

    /**
     * This rule with another effect.
     *
     * @param newEffect the effect
     * @return the changed rule
     */
    public BaseRegistry withEffect(Effect newEffect) {
        return new BaseRegistry(id, newEffect, allowed, whenUnknown);
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        RuleResult.Builder result = context.result();
        Optional<BaseImage> base = context.record().image().baseImage();
        if (base.isEmpty()) {
            return unknown(result, "the image's base image is not known");
        }
        Optional<ImageRef> ref = parse(base.get().name());
        if (ref.isEmpty()) {
            return unknown(result, "the base image name \"" + base.get().name() + "\" is not an image reference");
        }
        String registry = ref.get().registry().toLowerCase(Locale.ROOT);
        if (allowed.contains(registry)) {
            return result.build();
        }
        String message = "the base image " + base.get().name() + " is from " + registry
                + ", not from an allowed registry (" + String.join(", ", allowed) + ")";
        result.violation(Violation.builder(id, message).effect(effect).build());
        return result.actions(List.of(Action.updateBaseImage(base.get().name(), id + ": " + message)))
                .build();
    }

    private RuleResult unknown(RuleResult.Builder result, String what) {
        String message = what + ", so its registry cannot be checked (when-unknown: " + whenUnknown.key() + ")";
        whenUnknown
                .effect(effect)
                .ifPresent(e -> result.violation(
                        Violation.builder(id, message).effect(e).build()));
        return result.build();
    }

    private static Optional<ImageRef> parse(String name) {
        try {
            return Optional.of(ImageRef.parse(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
