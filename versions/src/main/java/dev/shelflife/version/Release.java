package dev.shelflife.version;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.semver4j.Semver;

/**
 * The parts of a version that size a bump, whatever its scheme: {@code 1:2.9.10+dfsg-6.7+deb11u4}
 * is epoch {@code 1}, core {@code 2.9.10}, qualifier {@code +dfsg} and revision {@code 6.7+deb11u4}.
 *
 * @param epoch the epoch, {@code "0"} when the scheme or the version has none
 * @param core the release numbers as a semantic version (with its pre-release for the semver
 *     schemes); empty when they do not fit {@code MAJOR[.MINOR[.PATCH]]}
 * @param qualifier what follows the release numbers in the upstream version ({@code rc1},
 *     {@code +dfsg}, {@code _p2}), {@code ""} when nothing does
 * @param revision the distribution's own revision ({@code 6.7+deb11u4}, {@code 1.el8},
 *     {@code r3}) or a PEP 440 post-release and local label; {@code ""} when there is none
 */
record Release(String epoch, Optional<Semver> core, String qualifier, String revision) {

    /**
     * One to three numbers, not followed by another number: {@code 1.2.3.4} and
     * {@code 20210101000000} are not coerced, so their bumps have no size.
     */
    private static final Pattern CORE =
            Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?!\\d|\\.\\d)(.*)", Pattern.DOTALL);

    private static final BigInteger MAX_NUMBER = BigInteger.valueOf(Integer.MAX_VALUE);

    Release {
        Objects.requireNonNull(epoch, "epoch");
        Objects.requireNonNull(core, "core");
        Objects.requireNonNull(qualifier, "qualifier");
        Objects.requireNonNull(revision, "revision");
    }

    /**
     * The parts of a distribution or Maven version: the leading numbers of {@code upstream} become
     * the core, the rest of it the qualifier.
     *
     * @param epoch the epoch, {@code "0"} when none
     * @param upstream the upstream version
     * @param revision the distribution revision, {@code ""} when none
     * @return the parts
     */
    static Release coerce(String epoch, String upstream, String revision) {
        Matcher m = CORE.matcher(upstream);
        if (!m.matches()) {
            return new Release(epoch, Optional.empty(), upstream, revision);
        }
        Optional<Semver> core = number(m.group(1))
                .flatMap(major -> number(m.group(2))
                        .flatMap(minor -> number(m.group(3)).map(patch -> Semver.of(major, minor, patch))));
        return new Release(epoch, core, m.group(4), revision);
    }

    /**
     * The parts of a semantic version: its core and pre-release, no epoch, qualifier or revision.
     *
     * @param core the version without build metadata, or empty when semver4j cannot hold it
     * @return the parts
     */
    static Release semantic(Optional<Semver> core) {
        return new Release("0", core, "", "");
    }

    /** A release number as semver4j holds it: absent parts are 0, numbers past {@code int} do not fit. */
    private static Optional<Integer> number(String digits) {
        if (digits == null) {
            return Optional.of(0);
        }
        BigInteger value = new BigInteger(digits);
        return value.compareTo(MAX_NUMBER) > 0 ? Optional.empty() : Optional.of(value.intValue());
    }
}
