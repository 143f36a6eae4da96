package dev.shelflife.policy;

import dev.shelflife.IgnoreRule;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What a policy makes of the rules of scanners' ignore files ({@code .trivyignore},
 * {@code .trivyignore.yaml}, Grype's {@code ignore:}), which the engine imports as waivers: whether
 * they apply at all, and which of the parts a ShelfLife {@link Waiver} must have (an owner, a
 * reason, an expiry) a rule must have to apply.
 *
 * <p>Ignore files lack some of those parts: none has an owner, a plain {@code .trivyignore} has no
 * reason, and a rule may never expire. An imported rule that has every required part and matches a
 * finding takes it out like a waiver, and is listed among the verdict's applied waivers with what
 * it lacks; one without an expiry adds a warning, since it leaves its findings out for good. A rule
 * that matches findings but lacks a required part does not apply, and a warning says so. The
 * default applies every rule and requires nothing, so that a team moving from Trivy or Grype gets
 * the same findings left out.
 *
 * <p>In a policy file:
 *
 * <pre>{@code
 * imported-waivers:
 *   apply: true
 *   require: [reason, expiry]
 * }</pre>
 *
 * @param apply whether imported rules apply at all
 * @param require the parts an imported rule must have to apply
 * @since 0.2
 */
public record ImportedWaivers(boolean apply, Set<Part> require) {

    /** The key of a policy file that configures it. */
    public static final String KEY = "imported-waivers";

    /**
     * A part of a ShelfLife waiver that an ignore file's rule may lack.
     *
     * @since 0.2
     */
    public enum Part {
        /** Who answers for the waiver: no ignore file says. */
        OWNER,
        /** Why it exists: a {@code .trivyignore.yaml} {@code statement}, a Grype {@code reason}. */
        REASON,
        /** When it stops applying: a {@code .trivyignore} {@code exp:}, a {@code .trivyignore.yaml} {@code expired_at}. */
        EXPIRY;

        /**
         * The part's name in policy files and outputs.
         *
         * @return {@code owner}, {@code reason} or {@code expiry}
         */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Validates the parts and copies the set of required parts.
     */
    public ImportedWaivers {
        Objects.requireNonNull(require, "require");
        require = require.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(require));
    }

    /**
     * The default: imported rules apply, and need no part beyond their conditions.
     *
     * @return the default
     */
    public static ImportedWaivers applied() {
        return new ImportedWaivers(true, Set.of());
    }

    /**
     * Imported rules do not apply: the policy's own waivers and VEX statements alone take findings out.
     *
     * @return the setting
     */
    public static ImportedWaivers ignored() {
        return new ImportedWaivers(false, Set.of());
    }

    /**
     * A copy that requires parts of an imported rule.
     *
     * @param parts the parts a rule must have to apply
     * @return the copy
     */
    public ImportedWaivers requiring(Part... parts) {
        Set<Part> all = require.isEmpty() ? EnumSet.noneOf(Part.class) : EnumSet.copyOf(require);
        all.addAll(Arrays.asList(parts));
        return new ImportedWaivers(apply, all);
    }

    /**
     * The parts of a waiver a rule lacks.
     *
     * @param rule an imported rule
     * @return the parts it lacks, in order: owner, reason, expiry
     */
    public Set<Part> lacks(IgnoreRule rule) {
        Set<Part> lacks = EnumSet.noneOf(Part.class);
        if (rule.owner().filter(o -> !o.isBlank()).isEmpty()) {
            lacks.add(Part.OWNER);
        }
        if (rule.reason().filter(r -> !r.isBlank()).isEmpty()) {
            lacks.add(Part.REASON);
        }
        if (rule.expires().isEmpty()) {
            lacks.add(Part.EXPIRY);
        }
        return Collections.unmodifiableSet(lacks);
    }
}
