package dev.shelflife.policy;

import dev.shelflife.Finding;
import dev.shelflife.PackageUrl;
import dev.shelflife.Stage;
import dev.shelflife.policy.internal.VulnerabilityIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An exception to a policy: findings it matches are left out of the evaluation of the stages it
 * covers, until it expires.
 *
 * <p>A waiver matches a finding when both of its matchers that are set match:
 * {@code vulnerability} equals the finding's vulnerability id or one of its aliases (ignoring
 * case) and, when it is a CVE id, the finding names no other CVE: a waiver for one CVE does not
 * reach a distribution advisory that covers others too ({@code ELSA-2022-9221}, listing three
 * CVEs), while a waiver for the advisory's own id does; {@code pkg} equals the package name, or,
 * when it starts with {@code pkg:}, is a package URL naming the same package (type, namespace and
 * name; qualifiers and subpath ignored) and, if it has a version, the same version. A waiver
 * applies while {@code at < expires}. (The engine also takes out an advisory all of whose CVEs
 * are waived, each by a waiver that matches it in the advisory's package.)
 *
 * @param id how people refer to it ({@code SEC-1234}); unique within a policy
 * @param vulnerability the vulnerability id or alias it covers, if it is limited to one
 * @param pkg the package name or package URL it covers, if it is limited to one
 * @param owner who answers for it
 * @param reason why it exists
 * @param expires the instant from which it no longer applies
 * @param stages the stages it covers, if it is limited to some; empty for every stage. A set
 *     that names no stage is refused: it would widen the waiver to every stage by accident
 * @since 0.1
 */
public record Waiver(
        String id,
        Optional<String> vulnerability,
        Optional<String> pkg,
        String owner,
        String reason,
        Instant expires,
        Optional<Set<Stage>> stages) {

    /**
     * Validates the parts and copies the stages, sorted by name.
     *
     * @throws IllegalArgumentException if a text is blank, neither matcher is set, the package
     *     starts with {@code pkg:} but is not a package URL, or the stages are an empty set
     */
    public Waiver {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vulnerability, "vulnerability");
        Objects.requireNonNull(pkg, "pkg");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(stages, "stages");
        if (id.isBlank() || owner.isBlank() || reason.isBlank()) {
            throw new IllegalArgumentException("a waiver needs an id, an owner and a reason");
        }
        if (vulnerability.isEmpty() && pkg.isEmpty()) {
            throw new IllegalArgumentException(
                    "waiver " + id + " matches nothing: give a vulnerability, a package or both");
        }
        if (vulnerability.filter(String::isBlank).isPresent()
                || pkg.filter(String::isBlank).isPresent()) {
            throw new IllegalArgumentException("waiver " + id + ": vulnerability and package must not be blank");
        }
        pkg.filter(Waiver::looksLikePurl).ifPresent(p -> {
            if (PackageUrl.parse(p).isEmpty()) {
                throw new IllegalArgumentException("waiver " + id + ": \"" + p + "\" is not a package URL");
            }
        });
        if (stages.filter(Set::isEmpty).isPresent()) {
            throw new IllegalArgumentException(
                    "waiver " + id + " names no stage: name the stages it covers, or leave them out for every stage");
        }
        stages = stages.map(Waiver::sorted);
    }

    private static Set<Stage> sorted(Set<Stage> stages) {
        List<Stage> sorted = new ArrayList<>(stages);
        sorted.sort(Comparator.comparing(Stage::name));
        return Collections.unmodifiableSet(new LinkedHashSet<>(sorted));
    }

    /**
     * A builder for a waiver with the given id.
     *
     * @param id the waiver's id
     * @return the builder
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /**
     * Whether the waiver still applies.
     *
     * @param at the evaluation instant
     * @return {@code true} if {@code at} is before the expiry
     */
    public boolean isActiveAt(Instant at) {
        return at.isBefore(expires);
    }

    /**
     * Whether the waiver covers a stage.
     *
     * @param stage the stage
     * @return {@code true} if it covers every stage or names this one
     */
    public boolean covers(Stage stage) {
        return stages.map(s -> s.contains(stage)).orElse(true);
    }

    /**
     * Whether the waiver matches a finding, by vulnerability and by package.
     *
     * @param finding the finding
     * @return {@code true} if every matcher that is set matches
     */
    public boolean matches(Finding finding) {
        return vulnerability
                        .map(v -> VulnerabilityIdentity.reaches(List.of(v), finding.vulnerability()))
                        .orElse(true)
                && pkg.map(p -> matchesPackage(finding, p)).orElse(true);
    }

    private static boolean matchesPackage(Finding finding, String pkg) {
        if (!looksLikePurl(pkg)) {
            return finding.pkg().name().equals(pkg);
        }
        Optional<PackageUrl> installed = finding.pkg().purl().flatMap(PackageUrl::parse);
        return installed.isPresent() && PackageUrl.parse(pkg).orElseThrow().covers(installed.get());
    }

    private static boolean looksLikePurl(String text) {
        return text.regionMatches(true, 0, "pkg:", 0, 4);
    }

    @Override
    public String toString() {
        return id + " (" + vulnerability.orElse("any vulnerability")
                + pkg.map(p -> " in " + p).orElse("") + ", expires " + expires + ")";
    }

    /**
     * Builds a {@link Waiver}; the id, owner, reason and expiry are required.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final String id;
        private boolean everyStage;
        private String vulnerability;
        private String pkg;
        private String owner;
        private String reason;
        private Instant expires;
        private Set<Stage> stages;

        private Builder(String id) {
            this.id = Objects.requireNonNull(id, "id");
        }

        /**
         * @param value the vulnerability id or alias
         * @return this builder
         */
        public Builder vulnerability(String value) {
            this.vulnerability = Objects.requireNonNull(value, "vulnerability");
            return this;
        }

        /**
         * @param value the package name or package URL
         * @return this builder
         */
        public Builder pkg(String value) {
            this.pkg = Objects.requireNonNull(value, "pkg");
            return this;
        }

        /**
         * @param value who answers for it
         * @return this builder
         */
        public Builder owner(String value) {
            this.owner = Objects.requireNonNull(value, "owner");
            return this;
        }

        /**
         * @param value why it exists
         * @return this builder
         */
        public Builder reason(String value) {
            this.reason = Objects.requireNonNull(value, "reason");
            return this;
        }

        /**
         * @param value the instant from which it no longer applies
         * @return this builder
         */
        public Builder expires(Instant value) {
            this.expires = Objects.requireNonNull(value, "expires");
            return this;
        }

        /**
         * Limits the waiver to stages; without this or {@link #everyStage()}, it covers every
         * stage, as a policy file's waiver without {@code stages} does.
         *
         * @param values the stages it covers, at least one
         * @return this builder
         * @throws IllegalArgumentException if no stage is given: an empty list would otherwise
         *     mean every stage
         */
        public Builder stages(Stage... values) {
            if (values.length == 0) {
                throw new IllegalArgumentException(
                        "waiver " + id + ": stages() names no stage; name at least one, or say everyStage()");
            }
            if (stages == null) {
                stages = new LinkedHashSet<>();
            }
            stages.addAll(List.of(values));
            return this;
        }

        /**
         * Says in so many words that the waiver covers every stage, the default.
         *
         * @return this builder
         * @since 0.2
         */
        public Builder everyStage() {
            everyStage = true;
            return this;
        }

        /**
         * Builds the waiver.
         *
         * @return the waiver
         * @throws IllegalArgumentException if a required part is missing or invalid, or both
         *     {@link #stages(Stage...)} and {@link #everyStage()} were called
         */
        public Waiver build() {
            if (owner == null || reason == null || expires == null) {
                throw new IllegalArgumentException("waiver " + id + " needs an owner, a reason and an expiry");
            }
            if (everyStage && stages != null) {
                throw new IllegalArgumentException("waiver " + id + " names stages and says everyStage(): choose one");
            }
            return new Waiver(
                    id,
                    Optional.ofNullable(vulnerability),
                    Optional.ofNullable(pkg),
                    owner,
                    reason,
                    expires,
                    Optional.ofNullable(stages));
        }
    }
}
