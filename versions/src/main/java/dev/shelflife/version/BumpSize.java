package dev.shelflife.version;

import org.semver4j.Semver;

/**
 * How far a bump moves a package, so that a policy can say "rebuild on patch bumps by itself, ask
 * a person on major ones".
 *
 * <p>Sized with semver4j on the release numbers: the semver schemes' versions as they are, other
 * schemes' versions where their upstream part starts with one to three numbers
 * ({@code 2.9.10+dfsg}, {@code 1.2.3_rc1}, {@code 1.0.Final}). A change of the distribution's
 * revision alone ({@code 1.1.1n-0+deb11u3 → 1.1.1n-0+deb11u4}, {@code 1.0-1.el8 → 1.0-2.el8},
 * {@code -r0 → -r1}, a PEP 440 post-release) is a {@link #PATCH}: the distribution patched the
 * release you have. The rules are in {@code docs/versions.md}.
 *
 * @since 0.1
 */
public enum BumpSize {

    /** Same major and minor version, another patch version or distribution revision. */
    PATCH,
    /** Same major version, another minor version. */
    MINOR,
    /** Another major version. */
    MAJOR,
    /**
     * Not sized: the epochs differ, a version does not start with one to three numbers
     * ({@code 2.13.4.2}, {@code 1.1.1w}), or only a pre-release or qualifier changed
     * ({@code 1.0.0-rc.1 → 1.0.0}, {@code 1.1.1n → 1.1.1w}).
     */
    UNKNOWN;

    /** The size of the step from one version's parts to another's. */
    static BumpSize between(Release from, Release to) {
        if (!from.epoch().equals(to.epoch())
                || from.core().isEmpty()
                || to.core().isEmpty()) {
            return UNKNOWN;
        }
        Semver.VersionDiff diff = from.core().get().diff(to.core().get());
        return switch (diff) {
            case MAJOR -> MAJOR;
            case MINOR -> MINOR;
            case PATCH -> PATCH;
            case PRE_RELEASE -> UNKNOWN;
            case BUILD, NONE ->
                from.qualifier().equals(to.qualifier()) && !from.revision().equals(to.revision()) ? PATCH : UNKNOWN;
        };
    }
}
