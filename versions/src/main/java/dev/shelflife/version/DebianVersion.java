package dev.shelflife.version;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A Debian package version, {@code [epoch:]upstream[-revision]}, ordered as dpkg orders it.
 *
 * <p>The parts are held in a normal form, so that two versions are equal exactly when dpkg finds
 * them equal: leading zeros of every number are dropped ({@code 1.01} is {@code 1.1}), a missing
 * epoch is {@code 0}, and a part that ends in a non-digit gets a trailing {@code 0}, the number dpkg
 * compares there anyway ({@code 1.0a} is {@code 1.0a0}; a missing revision is {@code 0}).
 *
 * <p>Written here rather than taken from versatile, whose Debian comparison fails on digit runs
 * longer than an {@code int} (snapshot dates with a time) and accepts versions dpkg refuses.
 *
 * @param epoch the epoch
 * @param upstream the upstream version, in normal form
 * @param revision the Debian revision, in normal form
 * @see <a href="https://man7.org/linux/man-pages/man7/deb-version.7.html">deb-version(7)</a>
 */
record DebianVersion(int epoch, String upstream, String revision) implements SchemeVersion<DebianVersion> {

    private static final BigInteger MAX_EPOCH = BigInteger.valueOf(Integer.MAX_VALUE);

    DebianVersion {
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(revision, "revision");
    }

    /**
     * Reads a version as dpkg does: the epoch ends at the first colon, the revision starts after the
     * last hyphen.
     */
    static DebianVersion parse(VersionScheme scheme, String text) {
        int colon = text.indexOf(':');
        int epoch = 0;
        if (colon >= 0) {
            String digits = text.substring(0, colon);
            if (digits.isEmpty() || !digits.chars().allMatch(DebianVersion::isDigit)) {
                throw new InvalidVersionException(scheme, text, "the epoch before ':' is not a number");
            }
            BigInteger value = new BigInteger(digits);
            if (value.compareTo(MAX_EPOCH) > 0) {
                throw new InvalidVersionException(scheme, text, "the epoch is larger than " + MAX_EPOCH);
            }
            epoch = value.intValue();
        }
        String rest = text.substring(colon + 1);
        int hyphen = rest.lastIndexOf('-');
        String upstream = hyphen < 0 ? rest : rest.substring(0, hyphen);
        String revision = hyphen < 0 ? "" : rest.substring(hyphen + 1);
        if (upstream.isEmpty()) {
            throw new InvalidVersionException(scheme, text, "the upstream version is empty");
        }
        if (!isDigit(upstream.charAt(0))) {
            throw new InvalidVersionException(scheme, text, "the upstream version does not start with a digit");
        }
        if (hyphen >= 0 && revision.isEmpty()) {
            throw new InvalidVersionException(scheme, text, "the revision after the last '-' is empty");
        }
        requireCharacters(scheme, text, upstream, "upstream version", ".+~-");
        requireCharacters(scheme, text, revision, "revision", ".+~");
        return new DebianVersion(epoch, normal(upstream), normal(revision));
    }

    @Override
    public int compareTo(DebianVersion other) {
        int order = Integer.compare(epoch, other.epoch);
        if (order == 0) {
            order = compareParts(upstream, other.upstream);
        }
        return order != 0 ? order : compareParts(revision, other.revision);
    }

    @Override
    public Release release() {
        return Release.coerce(Integer.toString(epoch), upstream, revision);
    }

    @Override
    public String toString() {
        return (epoch == 0 ? "" : epoch + ":") + upstream + "-" + revision;
    }

    private static void requireCharacters(VersionScheme scheme, String text, String part, String name, String allowed) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (!isAsciiLetterOrDigit(c) && allowed.indexOf(c) < 0) {
                throw new InvalidVersionException(
                        scheme,
                        text,
                        "the " + name + " contains "
                                + InvalidVersionException.quoted(String.valueOf(c)) + "; only letters, digits and "
                                + allowed.replace("", " ").trim() + " may appear there");
            }
        }
    }

    /**
     * Drops the leading zeros of every run of digits (an all-zero run becomes {@code 0}) and ends
     * the part with a digit: dpkg compares a missing number at the end as {@code 0}.
     */
    private static String normal(String part) {
        StringBuilder normal = new StringBuilder(part.length() + 1);
        int i = 0;
        while (i < part.length()) {
            if (!isDigit(part.charAt(i))) {
                normal.append(part.charAt(i++));
                continue;
            }
            int start = i;
            while (i < part.length() && isDigit(part.charAt(i))) {
                i++;
            }
            String digits = part.substring(start, i).replaceFirst("^0+", "");
            normal.append(digits.isEmpty() ? "0" : digits);
        }
        if (normal.length() == 0 || !isDigit(normal.charAt(normal.length() - 1))) {
            normal.append('0');
        }
        return normal.toString();
    }

    /**
     * dpkg's comparison of two upstream versions or two revisions: alternately the longest
     * non-digit prefixes, character by character ({@code ~} before the end, the end before letters,
     * letters before everything else), and the longest digit prefixes, as numbers. In normal form
     * the numbers have no leading zeros, so the longer one is the larger.
     */
    private static int compareParts(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while ((i < a.length() && !isDigit(a.charAt(i))) || (j < b.length() && !isDigit(b.charAt(j)))) {
                int order = Integer.compare(weight(a, i), weight(b, j));
                if (order != 0) {
                    return order;
                }
                i++;
                j++;
            }
            int endA = digitsEnd(a, i);
            int endB = digitsEnd(b, j);
            int order = Integer.compare(endA - i, endB - j);
            if (order == 0) {
                order = a.substring(i, endA).compareTo(b.substring(j, endB));
            }
            if (order != 0) {
                return order;
            }
            i = endA;
            j = endB;
        }
        return 0;
    }

    /** The sort weight of the character at {@code i}: a digit or the end weighs 0. */
    private static int weight(String s, int i) {
        if (i >= s.length() || isDigit(s.charAt(i))) {
            return 0;
        }
        char c = s.charAt(i);
        if (c == '~') {
            return -1;
        }
        return isAsciiLetter(c) ? c : c + 256;
    }

    private static int digitsEnd(String s, int from) {
        int end = from;
        while (end < s.length() && isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return isAsciiLetter(c) || isDigit(c);
    }
}
