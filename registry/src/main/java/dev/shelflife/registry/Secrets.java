package dev.shelflife.registry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secrets in play in one resolution, and what keeps them out of messages: a registry or token
 * server may echo what it was sent, percent-encoded or in another case, and a message cut at its
 * length limit may end in the first characters of one.
 *
 * <p>A text and each secret are compared in a canonical form: lower case, percent-encoded ASCII
 * decoded, other characters as their percent-encoded UTF-8 bytes, and {@code +} and space alike.
 * A secret is found anywhere it occurs in that form, and {@value #MIN_PREFIX} or more of its first
 * characters are found where the text is cut: at its end, or before a {@code …}. The query string
 * of any URL in a text is left out too, since it may carry a signature or a token.
 */
final class Secrets {

    /** The fewest first characters of a secret that count as showing it, where a text is cut. */
    static final int MIN_PREFIX = 4;

    private static final String REPLACEMENT = "***";
    private static final char CUT = '…';
    private static final String QUERY_LEFT_OUT = "?(query left out)";
    private static final Pattern QUERY =
            Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://[^\\s?#\"'<>]*(\\?(?!\\(query left out\\))[^\\s#\"'<>]*)");

    private final List<String> canonical = new ArrayList<>();

    /** Adds a secret; blank ones are ignored, since every text would show them. */
    void add(String secret) {
        if (!secret.isBlank()) {
            canonical.add(Canonical.of(secret).text());
        }
    }

    /**
     * Whether a text shows a secret, or a URL's query.
     *
     * @param text a message
     * @return {@code true} if {@link #scrub(String)} would change it
     */
    boolean leaksIn(String text) {
        return !scrub(text).equals(text);
    }

    /**
     * The text with each secret, part of a secret at a cut, and URL query replaced.
     *
     * @param text a message
     * @return the text without them
     */
    String scrub(String text) {
        String withoutQueries = withoutQueries(text);
        if (canonical.isEmpty()) {
            return withoutQueries;
        }
        Canonical form = Canonical.of(withoutQueries);
        boolean[] hidden = new boolean[withoutQueries.length()];
        for (String secret : canonical) {
            for (int at = form.text().indexOf(secret); at >= 0; at = form.text().indexOf(secret, at + 1)) {
                form.hide(hidden, at, secret.length());
            }
            for (int cut : form.cuts(withoutQueries)) {
                for (int length = Math.min(secret.length() - 1, cut); length >= MIN_PREFIX; length--) {
                    if (form.text().regionMatches(cut - length, secret, 0, length)) {
                        form.hide(hidden, cut - length, length);
                        break;
                    }
                }
            }
        }
        StringBuilder scrubbed = new StringBuilder();
        for (int i = 0; i < withoutQueries.length(); i++) {
            if (!hidden[i]) {
                scrubbed.append(withoutQueries.charAt(i));
            } else if (i == 0 || !hidden[i - 1]) {
                scrubbed.append(REPLACEMENT);
            }
        }
        return scrubbed.toString();
    }

    private static String withoutQueries(String text) {
        Matcher query = QUERY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (query.find()) {
            query.appendReplacement(
                    out, Matcher.quoteReplacement(text.substring(query.start(), query.start(1)) + QUERY_LEFT_OUT));
        }
        return query.appendTail(out).toString();
    }

    /**
     * A text in canonical form, each of its characters mapped to the characters of the original
     * it stands for.
     */
    private record Canonical(String text, int[] start, int[] end) {

        static Canonical of(String original) {
            StringBuilder text = new StringBuilder();
            List<int[]> spans = new ArrayList<>();
            int i = 0;
            while (i < original.length()) {
                char c = original.charAt(i);
                int decoded = c == '%' ? escapedByte(original, i) : -1;
                int escapedLength = decoded >= 0x80 ? escapedCharacterLength(original, i, decoded) : 0;
                if (decoded >= 0 && decoded < 0x80) {
                    add(text, spans, canonical((char) decoded), i, i + 3);
                    i += 3;
                } else if (escapedLength > 0) {
                    // A character of another script, escaped as its UTF-8 bytes: compared in lower case too.
                    byte[] bytes = new byte[escapedLength];
                    for (int k = 0; k < escapedLength; k++) {
                        bytes[k] = (byte) escapedByte(original, i + 3 * k);
                    }
                    String encoded = percentEncoded(new String(bytes, StandardCharsets.UTF_8));
                    for (int k = 0; k < encoded.length(); k++) {
                        add(text, spans, encoded.charAt(k), i, i + 3 * escapedLength);
                    }
                    i += 3 * escapedLength;
                } else if (c < 0x80) {
                    add(text, spans, canonical(c), i, i + 1);
                    i++;
                } else {
                    int length = Character.charCount(original.codePointAt(i));
                    String encoded = percentEncoded(original.substring(i, i + length));
                    for (int k = 0; k < encoded.length(); k++) {
                        add(text, spans, encoded.charAt(k), i, i + length);
                    }
                    i += length;
                }
            }
            int[] start = spans.stream().mapToInt(s -> s[0]).toArray();
            int[] end = spans.stream().mapToInt(s -> s[1]).toArray();
            return new Canonical(text.toString(), start, end);
        }

        private static void add(StringBuilder text, List<int[]> spans, char c, int from, int to) {
            text.append(c);
            spans.add(new int[] {from, to});
        }

        /** {@code %41} as 0x41: the byte an escape at a position stands for, or -1. */
        private static int escapedByte(String text, int at) {
            if (at + 2 >= text.length() || text.charAt(at) != '%') {
                return -1;
            }
            int high = Character.digit(text.charAt(at + 1), 16);
            int low = Character.digit(text.charAt(at + 2), 16);
            return high < 0 || low < 0 ? -1 : high * 16 + low;
        }

        /**
         * How many escaped bytes, from a position, make one UTF-8 encoded character: 2 to 4, or 0
         * when they do not make one.
         */
        private static int escapedCharacterLength(String text, int at, int lead) {
            int length = lead >= 0xF0 && lead < 0xF5 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 && lead < 0xE0 ? 2 : 0;
            if (lead >= 0xF5) {
                return 0;
            }
            for (int k = 1; k < length; k++) {
                int next = escapedByte(text, at + 3 * k);
                if (next < 0x80 || next >= 0xC0) {
                    return 0;
                }
            }
            return length;
        }

        private static char canonical(char c) {
            return c == '+' ? ' ' : Character.toLowerCase(c);
        }

        private static String percentEncoded(String character) {
            StringBuilder encoded = new StringBuilder();
            for (byte b : character.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8)) {
                encoded.append('%').append(String.format("%02x", b & 0xff));
            }
            return encoded.toString();
        }

        /** Positions in the canonical text where the original is cut: its end, and before each {@code …}. */
        List<Integer> cuts(String original) {
            List<Integer> cuts = new ArrayList<>();
            for (int k = 0; k < text.length(); k++) {
                if (original.charAt(start[k]) == CUT && (k == 0 || start[k - 1] != start[k])) {
                    cuts.add(k);
                }
            }
            cuts.add(text.length());
            return cuts;
        }

        /** Marks the original characters behind a run of canonical ones. */
        void hide(boolean[] hidden, int from, int length) {
            for (int i = start[from]; i < end[from + length - 1]; i++) {
                hidden[i] = true;
            }
        }
    }
}
