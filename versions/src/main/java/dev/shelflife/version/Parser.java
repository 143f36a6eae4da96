package dev.shelflife.version;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiFunction;

/**
 * Reads the versions of one scheme, after the checks every scheme shares: a version is never
 * blank and never longer than {@value #MAX_LENGTH} characters.
 *
 * <p>Remembers the versions it read last, a few hundred of them, each in a slot chosen by its
 * text's hash: one evaluation asks for the same versions again and again (a package's installed
 * version for each of its vulnerabilities, both versions of a bump for its order and again for its
 * size), and images of one fleet share most of theirs. A version is immutable, so a slot is
 * replaced without a lock and read by any thread; an invalid version is never remembered.
 *
 * @param <V> the scheme's version type
 */
final class Parser<V extends SchemeVersion<V>> {

    /** Longer than any real version (Go pseudo-versions have 40 characters); bounds the work on hostile input. */
    static final int MAX_LENGTH = 256;

    /** Slots for versions read; a power of two, so that a hash picks one with a mask. */
    private static final int REMEMBERED = 512;

    /** A version read, the text it was read from, and its release parts (a bump asks for them twice). */
    private record Read<V>(String text, V version, Release release) {}

    private final BiFunction<VersionScheme, String, V> reader;
    private final AtomicReferenceArray<Read<V>> remembered = new AtomicReferenceArray<>(REMEMBERED);

    /**
     * A parser for one scheme.
     *
     * @param read reads a version of the scheme, or throws {@link InvalidVersionException}
     */
    Parser(BiFunction<VersionScheme, String, V> read) {
        this.reader = Objects.requireNonNull(read, "read");
    }

    V parse(VersionScheme scheme, String text) {
        return read(scheme, text).version();
    }

    Release release(VersionScheme scheme, String text) {
        return read(scheme, text).release();
    }

    private Read<V> read(VersionScheme scheme, String text) {
        Objects.requireNonNull(text, "version");
        int slot = text.hashCode() & (REMEMBERED - 1);
        Read<V> last = remembered.get(slot);
        if (last != null && last.text().equals(text)) {
            return last;
        }
        if (text.isEmpty()) {
            throw new InvalidVersionException(scheme, text, "it is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidVersionException(scheme, text, "longer than " + MAX_LENGTH + " characters");
        }
        V version = reader.apply(scheme, text);
        Read<V> fresh = new Read<>(text, version, version.release());
        remembered.set(slot, fresh);
        return fresh;
    }

    int compare(VersionScheme scheme, String left, String right) {
        return parse(scheme, left).compareTo(parse(scheme, right));
    }
}
