package dev.shelflife.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 7235):
 * {@code Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/python:pull"}.
 *
 * @param scheme the authentication scheme, in lower case ({@code bearer}, {@code basic})
 * @param params the parameters, names in lower case, values unquoted
 */
record Challenge(String scheme, Map<String, String> params) {

    private static final String TOKEN_CHARS = "!#$%&'*+-.^_`|~";

    Challenge {
        Objects.requireNonNull(scheme, "scheme");
        params = Map.copyOf(params);
    }

    Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    /**
     * Parses every challenge of one header value.
     *
     * @throws IllegalArgumentException if the value does not follow the grammar
     */
    static List<Challenge> parse(String header) {
        return new Parser(header).challenges();
    }

    private static final class Parser {

        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        List<Challenge> challenges() {
            List<Challenge> challenges = new ArrayList<>();
            while (true) {
                skip(" \t,");
                if (atEnd()) {
                    return challenges;
                }
                String scheme = token();
                if (scheme.isEmpty()) {
                    throw malformed("expected an authentication scheme");
                }
                challenges.add(new Challenge(scheme.toLowerCase(Locale.ROOT), params()));
            }
        }

        private Map<String, String> params() {
            Map<String, String> params = new LinkedHashMap<>();
            while (true) {
                int mark = pos;
                skip(" \t,");
                String name = token();
                skip(" \t");
                if (name.isEmpty() || atEnd() || text.charAt(pos) != '=') {
                    // The end, or the scheme of the next challenge.
                    pos = mark;
                    return params;
                }
                pos++;
                skip(" \t");
                boolean isQuoted = !atEnd() && text.charAt(pos) == '"';
                String value = isQuoted ? quoted() : token();
                if (!isQuoted && value.isEmpty()) {
                    throw malformed("parameter " + name + " has no value");
                }
                if (params.putIfAbsent(name.toLowerCase(Locale.ROOT), value) != null) {
                    throw malformed("parameter " + name + " appears twice");
                }
                skip(" \t");
                if (!atEnd() && text.charAt(pos) != ',') {
                    throw malformed("expected ',' after parameter " + name);
                }
            }
        }

        private String token() {
            int start = pos;
            while (!atEnd() && isTokenChar(text.charAt(pos))) {
                pos++;
            }
            return text.substring(start, pos);
        }

        private String quoted() {
            StringBuilder value = new StringBuilder();
            pos++;
            while (!atEnd()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\') {
                    if (atEnd()) {
                        break;
                    }
                    c = text.charAt(pos++);
                }
                value.append(c);
            }
            throw malformed("unterminated quoted string");
        }

        private void skip(String chars) {
            while (!atEnd() && chars.indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
        }

        private boolean atEnd() {
            return pos >= text.length();
        }

        private static boolean isTokenChar(char c) {
            return c < 128 && (Character.isLetterOrDigit(c) || TOKEN_CHARS.indexOf(c) >= 0);
        }

        private IllegalArgumentException malformed(String problem) {
            return new IllegalArgumentException(
                    "malformed WWW-Authenticate at character " + (pos + 1) + ": " + problem);
        }
    }
}
