package dev.shelflife.version;

import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Reads the versions of one scheme, after the checks every scheme shares: a version is never
 * blank and never longer than {@value #MAX_LENGTH} characters.
 *
 * @param read reads a version of the scheme, or throws {@link InvalidVersionException}
 * @param <V> the scheme's version type
 */
record Parser<V extends SchemeVersion<V>>(BiFunction<VersionScheme, String, V> read) {

    /** Longer than any real version (Go pseudo-versions have 40 characters); bounds the work on hostile input. */
    static final int MAX_LENGTH = 256;

    Parser {
        Objects.requireNonNull(read, "read");
    }

    V parse(VersionScheme scheme, String text) {
        Objects.requireNonNull(text, "version");
        if (text.isEmpty()) {
            throw new InvalidVersionException(scheme, text, "it is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidVersionException(scheme, text, "longer than " + MAX_LENGTH + " characters");
        }
        return read.apply(scheme, text);
    }

    int compare(VersionScheme scheme, String left, String right) {
        return parse(scheme, left).compareTo(parse(scheme, right));
    }
}
