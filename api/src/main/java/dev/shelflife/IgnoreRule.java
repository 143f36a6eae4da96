package dev.shelflife;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A rule from a scanner's ignore file ({@code .trivyignore}, {@code .trivyignore.yaml}, Grype's
 * {@code ignore:} rules) that says which findings to leave out: the policy engine imports it as a
 * waiver, with its expiry. A finding matches when it matches every condition the rule sets; a rule
 * that sets none matches nothing.
 *
 * <p>Ignore files lack what ShelfLife's own waivers require: an owner always, often a reason and
 * an expiry. What is absent stays absent here; the policy decides whether such a rule applies.
 *
 * @param id how the rule is named in verdicts: the file and the rule's place in it ({@code .trivyignore:4})
 * @param vulnerability the vulnerability id (or alias) it names, if it names one
 * @param packageName a regular expression the whole package name must match, as Grype's
 *     {@code package.name} is (a plain name matches itself), if it names one
 * @param packageVersion the package version it names, if it names one
 * @param packageType the package type it names ({@code deb}, {@code npm}), if it names one
 * @param packageUrls package URLs, one of which the finding's package must match (without version
 *     when the rule's URL has none); empty for any
 * @param paths path patterns ({@code **}{@code /*-lock.json}), one of which the finding's path or target
 *     must match ({@link #matchesPath(String)} says how); empty for any
 * @param fixState the fix state the finding must have, if the rule names one (Grype's {@code fix-state})
 * @param vexStatus the VEX status the finding must have, if the rule names one (Grype's {@code vex-status})
 * @param reason why the finding is ignored, if the file says
 * @param expires when the rule stops applying, if the file says
 * @param owner who answers for it, if the file says (none of the formats read has a field for it)
 * @param location where the rule is in its file
 * @since 0.2
 */
public record IgnoreRule(
        String id,
        Optional<String> vulnerability,
        Optional<String> packageName,
        Optional<String> packageVersion,
        Optional<String> packageType,
        List<String> packageUrls,
        List<String> paths,
        Optional<FixState> fixState,
        Optional<String> vexStatus,
        Optional<String> reason,
        Optional<Instant> expires,
        Optional<String> owner,
        ReportLocation location) {

    /**
     * Validates the parts and copies the lists.
     *
     * @throws IllegalArgumentException if a path is not a valid pattern (see {@link #matchesPath(String)})
     */
    public IgnoreRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vulnerability, "vulnerability");
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(packageVersion, "packageVersion");
        Objects.requireNonNull(packageType, "packageType");
        packageUrls = List.copyOf(packageUrls);
        paths = List.copyOf(paths);
        paths.forEach(PathGlob::compile);
        Objects.requireNonNull(fixState, "fixState");
        Objects.requireNonNull(vexStatus, "vexStatus");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(location, "location");
    }

    /**
     * A builder for a rule.
     *
     * @param id how the rule is named in verdicts
     * @param location where it is in its file
     * @return a builder that sets no condition yet
     */
    public static Builder builder(String id, ReportLocation location) {
        return new Builder(id, location);
    }

    /**
     * Whether the rule sets any condition at all; one that sets none matches nothing.
     *
     * @return {@code true} if it names a vulnerability, a package or a path
     */
    public boolean hasConditions() {
        return vulnerability.isPresent()
                || packageName.isPresent()
                || packageVersion.isPresent()
                || packageType.isPresent()
                || !packageUrls.isEmpty()
                || !paths.isEmpty()
                || fixState.isPresent()
                || vexStatus.isPresent();
    }

    /**
     * Whether a path (a finding's package path or target) matches one of the rule's path patterns,
     * as Trivy and Grype match theirs: {@code *} is any run of characters within one segment,
     * {@code ?} one character, {@code **} as a whole segment any number of segments (none too),
     * <code>[a-z]</code> and <code>[!a-z]</code> a class, <code>{a,b}</code> alternatives, and a
     * backslash takes the next character literally. One leading {@code /} is dropped from the
     * pattern and the path alike, since Trivy writes an image's paths relative to its root and
     * Grype writes them absolute.
     *
     * @param path the path
     * @return {@code true} if one of the patterns matches it whole; {@code false} when the rule has none
     * @since 0.2
     */
    public boolean matchesPath(String path) {
        Objects.requireNonNull(path, "path");
        return paths.stream().anyMatch(pattern -> PathGlob.compile(pattern).matches(path));
    }

    /**
     * Builds an {@link IgnoreRule}; every condition is optional.
     *
     * @since 0.2
     */
    public static final class Builder {
        private final String id;
        private final ReportLocation location;
        private String vulnerability;
        private String packageName;
        private String packageVersion;
        private String packageType;
        private final List<String> packageUrls = new ArrayList<>();
        private final List<String> paths = new ArrayList<>();
        private FixState fixState;
        private String vexStatus;
        private String reason;
        private Instant expires;
        private String owner;

        private Builder(String id, ReportLocation location) {
            this.id = Objects.requireNonNull(id, "id");
            this.location = Objects.requireNonNull(location, "location");
        }

        /** @param value the vulnerability id, or {@code null} @return this builder */
        public Builder vulnerability(@Nullable String value) {
            this.vulnerability = value;
            return this;
        }

        /** @param value the package name, or {@code null} @return this builder */
        public Builder packageName(@Nullable String value) {
            this.packageName = value;
            return this;
        }

        /** @param value the package version, or {@code null} @return this builder */
        public Builder packageVersion(@Nullable String value) {
            this.packageVersion = value;
            return this;
        }

        /** @param value the package type, or {@code null} @return this builder */
        public Builder packageType(@Nullable String value) {
            this.packageType = value;
            return this;
        }

        /** @param value a package URL the finding's package may match @return this builder */
        public Builder packageUrl(String value) {
            packageUrls.add(Objects.requireNonNull(value, "packageUrl"));
            return this;
        }

        /** @param value a path pattern the finding's path may match @return this builder */
        public Builder path(String value) {
            paths.add(Objects.requireNonNull(value, "path"));
            return this;
        }

        /** @param value the fix state, or {@code null} @return this builder */
        public Builder fixState(@Nullable FixState value) {
            this.fixState = value;
            return this;
        }

        /** @param value the VEX status, or {@code null} @return this builder */
        public Builder vexStatus(@Nullable String value) {
            this.vexStatus = value;
            return this;
        }

        /** @param value the reason, or {@code null} @return this builder */
        public Builder reason(@Nullable String value) {
            this.reason = value;
            return this;
        }

        /** @param value the expiry, or {@code null} @return this builder */
        public Builder expires(@Nullable Instant value) {
            this.expires = value;
            return this;
        }

        /** @param value the owner, or {@code null} @return this builder */
        public Builder owner(@Nullable String value) {
            this.owner = value;
            return this;
        }

        /**
         * Builds the rule.
         *
         * @return the rule
         * @throws IllegalArgumentException if a path is not a valid pattern
         */
        public IgnoreRule build() {
            return new IgnoreRule(
                    id,
                    Optional.ofNullable(vulnerability),
                    Optional.ofNullable(packageName),
                    Optional.ofNullable(packageVersion),
                    Optional.ofNullable(packageType),
                    packageUrls,
                    paths,
                    Optional.ofNullable(fixState),
                    Optional.ofNullable(vexStatus),
                    Optional.ofNullable(reason),
                    Optional.ofNullable(expires),
                    Optional.ofNullable(owner),
                    location);
        }
    }
}
