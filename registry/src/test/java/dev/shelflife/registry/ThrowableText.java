package dev.shelflife.registry;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Everything a throwable would print anywhere, for asserting that a secret is in none of it. */
final class ThrowableText {

    private ThrowableText() {}

    /** Its {@code toString()}, message and stack trace, causes and suppressed exceptions included. */
    static String all(Throwable throwable) {
        StringWriter text = new StringWriter();
        text.append(throwable.toString())
                .append('\n')
                .append(String.valueOf(throwable.getMessage()))
                .append('\n');
        throwable.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
