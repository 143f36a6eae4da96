package dev.shelflife.feed;

/** Values from a feed as messages quote them: control characters escaped, long values cut. */
final class Quoted {

    private static final int MAX_CHARS = 80;

    private Quoted() {}

    /**
     * A value as a message shows it between quotes.
     *
     * @param value the value as read
     * @return at most {@value #MAX_CHARS} characters of it (then an ellipsis), control characters, quotes and
     *     backslashes escaped as in Java
     */
    static String text(String value) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < value.length() && i < MAX_CHARS; i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                text.append(String.format("\\u%04x", (int) c));
            } else if (c == '"' || c == '\\') {
                text.append('\\').append(c);
            } else {
                text.append(c);
            }
        }
        return value.length() > MAX_CHARS ? text.append('…').toString() : text.toString();
    }
}
