package dev.shelflife.streams;

import org.jspecify.annotations.Nullable;

/** The little JSON the streams write by hand: quoted strings. */
final class Json {

    private Json() {}

    /**
     * A string as a JSON string literal.
     *
     * @param value the string, or {@code null}
     * @return {@code "…"} with quotes, backslashes and control characters escaped, or {@code null}
     */
    static String quote(@Nullable String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
