package dev.shelflife;

import java.util.regex.Pattern;

/**
 * A path pattern as Trivy's {@code paths} and Grype's {@code package.location} write them, matched
 * as their library (doublestar) matches: {@code *} is any run of characters within one path
 * segment, {@code ?} one character of a segment, {@code **} as a whole segment any number of
 * segments (none too: {@code **}{@code /*-lock.json} matches {@code package-lock.json}),
 * <code>[abc]</code>, <code>[a-z]</code> and <code>[!a-z]</code> or <code>[^a-z]</code> one
 * character of a class, <code>{a,b}</code> one of the alternatives, and a backslash takes the
 * next character literally.
 *
 * <p>One leading {@code /} is dropped from the pattern and from the path before matching: Trivy
 * writes the paths of an image relative to its root ({@code usr/lib/…}) and Grype absolute
 * ({@code /usr/lib/…}), and both name the same file.
 */
final class PathGlob {

    private final Pattern pattern;

    private PathGlob(Pattern pattern) {
        this.pattern = pattern;
    }

    /**
     * Compiles a pattern.
     *
     * @param glob the pattern
     * @return the compiled pattern
     * @throws IllegalArgumentException if it is not a valid pattern (an unclosed class or group,
     *     a trailing backslash), with what is wrong
     */
    static PathGlob compile(String glob) {
        String text = stripRoot(glob);
        StringBuilder regex = new StringBuilder();
        int groups = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            boolean segmentStart = i == 0 || text.charAt(i - 1) == '/';
            if (c == '*' && i + 1 < text.length() && text.charAt(i + 1) == '*' && segmentStart) {
                int after = i + 2;
                if (after == text.length()) {
                    regex.append(".*");
                    i = after;
                    continue;
                }
                if (text.charAt(after) == '/') {
                    regex.append("(?:[^/]*/)*");
                    i = after + 1;
                    continue;
                }
            }
            switch (c) {
                case '*' -> regex.append("[^/]*");
                case '?' -> regex.append("[^/]");
                case '\\' -> {
                    if (i + 1 == text.length()) {
                        throw new IllegalArgumentException("\"" + glob + "\" ends in a backslash that escapes nothing");
                    }
                    regex.append(Pattern.quote(String.valueOf(text.charAt(i + 1))));
                    i++;
                }
                case '[' -> i = characterClass(glob, text, i, regex);
                case '{' -> {
                    regex.append("(?:");
                    groups++;
                }
                case '}' -> {
                    if (groups == 0) {
                        throw new IllegalArgumentException("\"" + glob + "\" closes a {group} it never opened");
                    }
                    regex.append(')');
                    groups--;
                }
                case ',' -> regex.append(groups > 0 ? "|" : ",");
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        if (groups > 0) {
            throw new IllegalArgumentException("\"" + glob + "\" opens a {group} it never closes");
        }
        return new PathGlob(Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    /** Appends a character class that starts at {@code start}; returns the index of its closing bracket. */
    private static int characterClass(String glob, String text, int start, StringBuilder regex) {
        int i = start + 1;
        StringBuilder members = new StringBuilder();
        if (i < text.length() && (text.charAt(i) == '!' || text.charAt(i) == '^')) {
            members.append('^');
            i++;
        }
        boolean empty = true;
        while (i < text.length() && (text.charAt(i) != ']' || empty)) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                i++;
                c = text.charAt(i);
            }
            if (c == '-' && !empty && i + 1 < text.length() && text.charAt(i + 1) != ']') {
                members.append('-');
            } else if (c == '/') {
                throw new IllegalArgumentException("\"" + glob + "\" has a / inside a [class]");
            } else {
                members.append(Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c);
            }
            empty = false;
            i++;
        }
        if (i >= text.length()) {
            throw new IllegalArgumentException("\"" + glob + "\" opens a [class] it never closes");
        }
        try {
            Pattern.compile("[" + members + "]");
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "\"" + glob + "\" has a [class] that is no class: " + e.getDescription());
        }
        regex.append('[').append(members).append(']');
        return i;
    }

    /**
     * Whether a path matches the pattern, whole.
     *
     * @param path a path, relative or absolute
     * @return {@code true} if it matches
     */
    boolean matches(String path) {
        return pattern.matcher(stripRoot(path)).matches();
    }

    private static String stripRoot(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
