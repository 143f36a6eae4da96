package dev.shelflife.version;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.semver4j.Semver;

/**
 * A semantic version ({@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}, SemVer 2.0.0) ordered by
 * its precedence rules: numbers as numbers of any size, a pre-release before its release,
 * pre-release identifiers one by one, numeric ones as numbers and below alphanumeric ones,
 * alphanumeric ones in ASCII order, and build metadata ignored.
 *
 * <p>Written here because versatile's npm scheme delegates to com.vdurmont semver4j 3.1, which
 * compares pre-release identifiers ignoring case, puts {@code 9} above {@code 10a}, and loses its
 * order for numeric identifiers larger than an {@code int}.
 *
 * @param major the major version
 * @param minor the minor version
 * @param patch the patch version
 * @param preRelease the pre-release identifiers, empty for a release
 * @see <a href="https://semver.org/spec/v2.0.0.html#spec-item-11">SemVer 2.0.0, precedence</a>
 */
record SemanticVersion(BigInteger major, BigInteger minor, BigInteger patch, List<String> preRelease)
        implements SchemeVersion<SemanticVersion> {

    private static final String NUMBER = "0|[1-9][0-9]*";
    private static final String IDENTIFIER = "(?:" + NUMBER + "|[0-9]*[A-Za-z-][0-9A-Za-z-]*)";

    /** SemVer 2.0.0's grammar. */
    private static final Pattern GRAMMAR = Pattern.compile("(" + NUMBER + ")\\.(" + NUMBER + ")\\.(" + NUMBER + ")"
            + "(?:-(" + IDENTIFIER + "(?:\\." + IDENTIFIER + ")*))?"
            + "(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");

    SemanticVersion {
        Objects.requireNonNull(major, "major");
        Objects.requireNonNull(minor, "minor");
        Objects.requireNonNull(patch, "patch");
        preRelease = List.copyOf(preRelease);
    }

    /** A strict SemVer 2.0.0 version: no prefix, no missing part. */
    static SemanticVersion parse(VersionScheme scheme, String text) {
        Matcher m = GRAMMAR.matcher(text);
        if (!m.matches()) {
            throw new InvalidVersionException(
                    scheme, text, "it does not fit SemVer 2.0.0's MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]");
        }
        return new SemanticVersion(
                new BigInteger(m.group(1)),
                new BigInteger(m.group(2)),
                new BigInteger(m.group(3)),
                m.group(4) == null ? List.of() : List.of(m.group(4).split("\\.")));
    }

    /** A version as npm's node-semver reads it without its loose mode: SemVer 2.0.0, with an optional {@code v}. */
    static SemanticVersion parseNpm(VersionScheme scheme, String text) {
        return parse(scheme, text.startsWith("v") ? text.substring(1) : text);
    }

    @Override
    public int compareTo(SemanticVersion other) {
        int order = major.compareTo(other.major);
        if (order == 0) {
            order = minor.compareTo(other.minor);
        }
        if (order == 0) {
            order = patch.compareTo(other.patch);
        }
        if (order != 0) {
            return order;
        }
        if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
            return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
        }
        for (int i = 0; i < Math.min(preRelease.size(), other.preRelease.size()); i++) {
            int identifiers = compareIdentifiers(preRelease.get(i), other.preRelease.get(i));
            if (identifiers != 0) {
                return identifiers;
            }
        }
        return Integer.compare(preRelease.size(), other.preRelease.size());
    }

    /** The version without build metadata, as semver4j holds it; empty when a number is larger than an {@code int}. */
    @Override
    public Release release() {
        String core =
                major + "." + minor + "." + patch + (preRelease.isEmpty() ? "" : "-" + String.join(".", preRelease));
        return Release.semantic(Optional.ofNullable(Semver.parse(core)));
    }

    private static int compareIdentifiers(String a, String b) {
        boolean numberA = isNumber(a);
        boolean numberB = isNumber(b);
        if (numberA && numberB) {
            // no leading zeros in numeric identifiers: the longer is the larger
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        }
        if (numberA != numberB) {
            return numberA ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static boolean isNumber(String identifier) {
        return identifier.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
