package dev.shelflife.version;

import io.github.nscuro.versatile.spi.Version;
import io.github.nscuro.versatile.spi.VersionProvider;
import io.github.nscuro.versatile.version.GoVersion;
import io.github.nscuro.versatile.version.KnownVersioningSchemes;
import io.github.nscuro.versatile.version.MavenVersion;
import io.github.nscuro.versatile.version.RpmVersion;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.semver4j.Semver;

/**
 * A version whose order comes from versatile-core: rpm (rpmvercmp with {@code ~} and {@code ^}),
 * Maven (maven-artifact's {@code ComparableVersion}) and Go modules (golang.org/x/mod/semver).
 *
 * <p>Each version is checked against the scheme's grammar here before versatile sees it:
 * versatile's parsers accept text their ecosystems refuse (an empty Maven version), and throw
 * {@code NumberFormatException} or {@code StringIndexOutOfBoundsException} on some input. Its
 * providers are called directly, never through {@code VersionFactory}, which answers an unknown
 * scheme with its generic comparison instead of an error.
 *
 * @param version the version as versatile reads it
 * @param release the parts that size a bump
 */
record VersatileVersion(Version version, Release release) implements SchemeVersion<VersatileVersion> {

    private static final VersionProvider RPM = new RpmVersion.Provider();
    private static final VersionProvider MAVEN = new MavenVersion.Provider();
    private static final VersionProvider GO = new GoVersion.Provider();

    /** {@code [epoch:]version[-release]}, in the characters rpm allows; versatile holds the epoch in an {@code int}. */
    private static final Pattern RPM_GRAMMAR =
            Pattern.compile("(?:([0-9]+):)?([A-Za-z0-9][A-Za-z0-9._+~^]*)(?:-([A-Za-z0-9._+~^]+))?");

    /**
     * Maven versions as they are published: runs of letters, digits, {@code _} and {@code +}
     * separated by single dots or hyphens. Brackets, commas and blanks would make a range, and
     * empty segments ({@code 1-..alpha}) are where {@code ComparableVersion} stops being transitive.
     */
    private static final Pattern MAVEN_GRAMMAR = Pattern.compile("[A-Za-z0-9_+]+(?:[.-][A-Za-z0-9_+]+)*");

    private static final String GO_NUMBER = "0|[1-9][0-9]{0,9}";
    private static final String GO_IDENTIFIER = "(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)";

    /**
     * Go's semantic versions: {@code v1}, {@code v1.2} and {@code v1.2.3[-pre][+build]}; the
     * {@code v} may be missing, as in vulnerability databases, and the standard library's
     * {@code go} prefix is read as one.
     */
    private static final Pattern GO_GRAMMAR = Pattern.compile("(?:v|go)?((" + GO_NUMBER + ")(?:\\.(" + GO_NUMBER + ")"
            + "(?:\\.(" + GO_NUMBER + ")(-" + GO_IDENTIFIER + "(?:\\." + GO_IDENTIFIER + ")*)?"
            + "(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?)?)?)");

    private static final BigInteger MAX_INT = BigInteger.valueOf(Integer.MAX_VALUE);

    VersatileVersion {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(release, "release");
    }

    static VersatileVersion rpm(VersionScheme scheme, String text) {
        Matcher m = RPM_GRAMMAR.matcher(text);
        if (!m.matches()) {
            throw new InvalidVersionException(
                    scheme,
                    text,
                    "it does not fit [epoch:]version[-release] in the"
                            + " characters rpm allows (letters, digits and . _ + ~ ^, starting with a letter or digit)");
        }
        String epoch = m.group(1) == null ? "0" : requireInt(scheme, text, m.group(1), "epoch");
        Release release = Release.coerce(epoch, m.group(2), m.group(3) == null ? "" : m.group(3));
        return read(scheme, RPM, KnownVersioningSchemes.SCHEME_RPM, text, text, release);
    }

    static VersatileVersion maven(VersionScheme scheme, String text) {
        if (!MAVEN_GRAMMAR.matcher(text).matches()) {
            throw new InvalidVersionException(
                    scheme,
                    text,
                    "a Maven version is runs of letters, digits, _ and +"
                            + " separated by single . or - (a range such as [1.0,2.0) is not a version)");
        }
        return read(scheme, MAVEN, KnownVersioningSchemes.SCHEME_MAVEN, text, text, Release.coerce("0", text, ""));
    }

    static VersatileVersion golang(VersionScheme scheme, String text) {
        Matcher m = GO_GRAMMAR.matcher(text);
        if (!m.matches()) {
            throw new InvalidVersionException(
                    scheme, text, "it does not fit Go's vMAJOR[.MINOR[.PATCH[-PRERELEASE][+BUILD]]]");
        }
        for (int group = 2; group <= 4; group++) {
            if (m.group(group) != null) {
                requireInt(scheme, text, m.group(group), "number");
            }
        }
        String core = m.group(2) + "." + Optional.ofNullable(m.group(3)).orElse("0") + "."
                + Optional.ofNullable(m.group(4)).orElse("0")
                + Optional.ofNullable(m.group(5)).orElse("");
        Release release = Release.semantic(Optional.ofNullable(Semver.parse(core)));
        return read(scheme, GO, KnownVersioningSchemes.SCHEME_GOLANG, text, "v" + m.group(1), release);
    }

    @Override
    public int compareTo(VersatileVersion other) {
        return version.compareTo(other.version);
    }

    /** Hands a checked version to versatile; a failure there is still an invalid version, never a runtime exception. */
    private static VersatileVersion read(
            VersionScheme scheme,
            VersionProvider provider,
            String versatileScheme,
            String text,
            String checked,
            Release release) {
        try {
            return new VersatileVersion(provider.getVersion(versatileScheme, checked), release);
        } catch (RuntimeException e) {
            throw new InvalidVersionException(
                    scheme,
                    text,
                    "versatile-core cannot read it (" + e.getClass().getSimpleName() + ")",
                    e);
        }
    }

    private static String requireInt(VersionScheme scheme, String text, String digits, String what) {
        if (new BigInteger(digits).compareTo(MAX_INT) > 0) {
            throw new InvalidVersionException(
                    scheme,
                    text,
                    "the " + what + " " + digits + " is larger than " + MAX_INT
                            + ", more than versatile-core can compare");
        }
        return new BigInteger(digits).toString();
    }
}
