package dev.shelflife.version;

import dev.shelflife.ShelfLifeException;
import java.util.Objects;

/**
 * A version is not valid in the scheme it was read with: {@code 1.0 rc1} as a Debian version,
 * {@code 1.2} as a semantic version, a fixed-version range that names no version.
 *
 * <p>ShelfLife never falls back to comparing such a version as text: the caller decides what an
 * unreadable version means (a problem on the verdict, a manual review).
 *
 * @since 0.1
 */
public class InvalidVersionException extends ShelfLifeException {

    private static final long serialVersionUID = 1L;

    /** How much of a hostile version a message repeats. */
    private static final int QUOTED_LENGTH = 80;

    /** The scheme the version was read with. */
    private final VersionScheme scheme;

    /** The version as given. */
    private final String version;

    /**
     * An exception about one version.
     *
     * @param scheme the scheme the version was read with
     * @param version the version as given
     * @param reason what is wrong with it
     */
    public InvalidVersionException(VersionScheme scheme, String version, String reason) {
        super(quoted(Objects.requireNonNull(version, "version")) + " is not a valid "
                + Objects.requireNonNull(scheme, "scheme").id() + " version: " + reason);
        this.scheme = scheme;
        this.version = version;
    }

    /**
     * An exception about one version, caused by another failure.
     *
     * @param scheme the scheme the version was read with
     * @param version the version as given
     * @param reason what is wrong with it
     * @param cause the failure that showed it
     */
    public InvalidVersionException(VersionScheme scheme, String version, String reason, Throwable cause) {
        this(scheme, version, reason);
        initCause(cause);
    }

    /**
     * The scheme the version was read with.
     *
     * @return the scheme
     */
    public VersionScheme scheme() {
        return scheme;
    }

    /**
     * The version as given, unshortened and unescaped.
     *
     * @return the version
     */
    public String version() {
        return version;
    }

    /** The version in quotes, shortened, with control and non-ASCII characters escaped. */
    static String quoted(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        int shown = Math.min(text.length(), QUOTED_LENGTH);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        if (shown < text.length()) {
            quoted.append("…(").append(text.length()).append(" characters)");
        }
        return quoted.append('"').toString();
    }
}
