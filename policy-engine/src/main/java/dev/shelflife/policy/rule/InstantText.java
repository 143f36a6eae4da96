package dev.shelflife.policy.rule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * An instant as {@link Instant#toString()} writes it, without its {@code DateTimeFormatter}: the
 * messages of violating findings name two or three instants each, and the formatter was a tenth of
 * the time of a violating evaluation. Years outside 1000–9999 are left to {@link Instant#toString()}.
 */
final class InstantText {

    private InstantText() {}

    /**
     * The text of an instant.
     *
     * @param instant the instant
     * @return exactly what {@code instant.toString()} returns
     */
    static String of(Instant instant) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = time.getYear();
        if (year < 1000 || year > 9999) {
            return instant.toString();
        }
        int nanos = instant.getNano();
        StringBuilder text = new StringBuilder(30);
        text.append(year).append('-');
        twoDigits(text, time.getMonthValue()).append('-');
        twoDigits(text, time.getDayOfMonth()).append('T');
        twoDigits(text, time.getHour()).append(':');
        twoDigits(text, time.getMinute()).append(':');
        twoDigits(text, time.getSecond());
        if (nanos > 0) {
            text.append('.');
            if (nanos % 1_000_000 == 0) {
                digits(text, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                digits(text, nanos / 1_000, 6);
            } else {
                digits(text, nanos, 9);
            }
        }
        return text.append('Z').toString();
    }

    private static StringBuilder twoDigits(StringBuilder text, int value) {
        return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private static void digits(StringBuilder text, int value, int width) {
        char[] digits = new char[width];
        for (int i = width - 1; i >= 0; i--) {
            digits[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        text.append(digits);
    }
}
