package dev.shelflife.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An Alpine (apk-tools) package version, ordered as apk-tools orders it:
 * {@code number{.number}[letter]{_suffix[number]}[~hash][-rN]}.
 *
 * <p>Suffixes {@code _alpha < _beta < _pre < _rc} come before the plain version, and
 * {@code _cvs < _svn < _git < _hg < _p} after it; {@code -rN} is the package revision. A number
 * after a dot that starts with {@code 0} is compared as text ({@code 1.05 < 1.1}), as apk-tools
 * does. Numbers have no size limit.
 *
 * <p>Written here because versatile 0.13.1 has no apk scheme and silently compares such versions
 * with its generic scheme, which puts {@code 1.2.3_rc1-r0} above {@code 1.2.3-r0}.
 *
 * @param tokens the version's tokens, numbers compared as numbers held without leading zeros, so
 *     that two versions are equal exactly when apk-tools finds them equal
 */
record ApkVersion(List<Token> tokens) implements SchemeVersion<ApkVersion> {

    /** The kinds of token, in the order apk-tools allows them; the order also ranks a version that ends early. */
    enum Kind {
        FIRST_NUMBER,
        NUMBER,
        LETTER,
        SUFFIX,
        SUFFIX_NUMBER,
        COMMIT_HASH,
        REVISION,
        END
    }

    /** The suffixes in their order; those before {@code NONE} mark a pre-release. */
    enum Suffix {
        ALPHA,
        BETA,
        PRE,
        RC,
        NONE,
        CVS,
        SVN,
        GIT,
        HG,
        P;

        boolean isPreRelease() {
            return compareTo(NONE) < 0;
        }
    }

    /**
     * One token.
     *
     * @param kind its kind
     * @param value its text: a number without leading zeros (except a {@link Kind#NUMBER}, whose
     *     leading zero decides how it compares), a letter, a suffix name or a hash
     */
    record Token(Kind kind, String value) {

        Token {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(value, "value");
        }

        int compareTo(Token other) {
            return switch (kind) {
                // apk-tools compares a number with a leading zero as text, like Gentoo
                case NUMBER ->
                    value.startsWith("0") || other.value.startsWith("0")
                            ? value.compareTo(other.value)
                            : compareNumbers(value, other.value);
                case FIRST_NUMBER, SUFFIX_NUMBER, REVISION -> compareNumbers(value, other.value);
                case SUFFIX -> suffix().compareTo(other.suffix());
                case LETTER, COMMIT_HASH, END -> value.compareTo(other.value);
            };
        }

        Suffix suffix() {
            return Suffix.valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    private static final Token END = new Token(Kind.END, "");

    ApkVersion {
        tokens = List.copyOf(tokens);
    }

    static ApkVersion parse(VersionScheme scheme, String text) {
        List<Token> tokens = new ArrayList<>();
        int i = digitsEnd(text, 0);
        if (i == 0) {
            throw new InvalidVersionException(scheme, text, "it does not start with a number");
        }
        tokens.add(new Token(Kind.FIRST_NUMBER, withoutLeadingZeros(text.substring(0, i))));
        Kind last = Kind.FIRST_NUMBER;
        while (i < text.length()) {
            char c = text.charAt(i);
            Token token;
            int end;
            if (c >= 'a' && c <= 'z' && last.compareTo(Kind.NUMBER) <= 0) {
                end = i + 1;
                token = new Token(Kind.LETTER, text.substring(i, end));
            } else if (c == '.' && last.compareTo(Kind.NUMBER) <= 0) {
                end = digitsEnd(text, i + 1);
                token = new Token(Kind.NUMBER, text.substring(i + 1, end));
            } else if (isDigit(c) && last == Kind.SUFFIX) {
                end = digitsEnd(text, i);
                token = new Token(Kind.SUFFIX_NUMBER, withoutLeadingZeros(text.substring(i, end)));
            } else if (c == '_' && last.compareTo(Kind.SUFFIX_NUMBER) <= 0) {
                end = lettersEnd(text, i + 1);
                token = new Token(Kind.SUFFIX, suffixName(scheme, text, text.substring(i + 1, end)));
            } else if (c == '~' && last.compareTo(Kind.COMMIT_HASH) < 0) {
                end = hexEnd(text, i + 1);
                token = new Token(Kind.COMMIT_HASH, text.substring(i + 1, end));
            } else if (c == '-' && last.compareTo(Kind.REVISION) < 0 && text.startsWith("-r", i)) {
                end = digitsEnd(text, i + 2);
                token = new Token(Kind.REVISION, withoutLeadingZeros(text.substring(i + 2, end)));
            } else {
                throw new InvalidVersionException(
                        scheme,
                        text,
                        InvalidVersionException.quoted(String.valueOf(c))
                                + " at position " + (i + 1)
                                + " does not fit number{.number}[letter]{_suffix[number]}[~hash][-rN]");
            }
            if (token.value().isEmpty()) {
                throw new InvalidVersionException(
                        scheme,
                        text,
                        "nothing follows " + InvalidVersionException.quoted(text.substring(i, end)) + " at position "
                                + (i + 1));
            }
            tokens.add(token);
            last = token.kind();
            i = end;
        }
        return new ApkVersion(tokens);
    }

    /**
     * apk-tools' comparison: token by token while both have a token of the same kind; where the
     * kinds part, a pre-release suffix is lower, and otherwise the version whose next token comes
     * later in the grammar (or that has ended) is lower.
     */
    @Override
    public int compareTo(ApkVersion other) {
        for (int i = 0; ; i++) {
            Token a = i < tokens.size() ? tokens.get(i) : END;
            Token b = i < other.tokens.size() ? other.tokens.get(i) : END;
            if (a.kind() != b.kind()) {
                if (a.kind() == Kind.SUFFIX && a.suffix().isPreRelease()) {
                    return -1;
                }
                if (b.kind() == Kind.SUFFIX && b.suffix().isPreRelease()) {
                    return 1;
                }
                return a.kind().compareTo(b.kind()) > 0 ? -1 : 1;
            }
            if (a.kind() == Kind.END) {
                return 0;
            }
            int order = a.compareTo(b);
            if (order != 0) {
                return Integer.signum(order);
            }
        }
    }

    @Override
    public Release release() {
        StringBuilder upstream = new StringBuilder();
        String revision = "";
        for (Token token : tokens) {
            switch (token.kind()) {
                case FIRST_NUMBER -> upstream.append(token.value());
                case NUMBER -> upstream.append('.').append(token.value());
                case SUFFIX -> upstream.append('_').append(token.value());
                case COMMIT_HASH -> upstream.append('~').append(token.value());
                case REVISION -> revision = "r" + token.value();
                default -> upstream.append(token.value());
            }
        }
        return Release.coerce("0", upstream.toString(), revision);
    }

    private static String suffixName(VersionScheme scheme, String text, String name) {
        for (Suffix suffix : Suffix.values()) {
            if (suffix != Suffix.NONE && suffix.name().toLowerCase(Locale.ROOT).equals(name)) {
                return name;
            }
        }
        throw new InvalidVersionException(
                scheme, text, "_" + name + " is not one of the suffixes _alpha _beta _pre _rc _cvs _svn _git _hg _p");
    }

    /** Numbers without leading zeros compare by length, then digit by digit. */
    private static int compareNumbers(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    private static String withoutLeadingZeros(String digits) {
        String stripped = digits.replaceFirst("^0+", "");
        return stripped.isEmpty() && !digits.isEmpty() ? "0" : stripped;
    }

    private static int digitsEnd(String s, int from) {
        int end = from;
        while (end < s.length() && isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    private static int lettersEnd(String s, int from) {
        int end = from;
        while (end < s.length() && s.charAt(end) >= 'a' && s.charAt(end) <= 'z') {
            end++;
        }
        return end;
    }

    private static int hexEnd(String s, int from) {
        int end = from;
        while (end < s.length() && (isDigit(s.charAt(end)) || "abcdefABCDEF".indexOf(s.charAt(end)) >= 0)) {
            end++;
        }
        return end;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
