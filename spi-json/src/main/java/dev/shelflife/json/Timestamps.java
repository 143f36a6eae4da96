package dev.shelflife.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads the timestamps scanners write: RFC 3339 with any number of fraction digits
 * ({@code 2021-08-25T12:20:30.000000005Z}), with offsets ({@code +00:00}, {@code -04:00}),
 * without a zone (taken as UTC), and bare dates ({@code 2021-08-25}, taken as midnight UTC).
 *
 * @since 0.1
 */
public final class Timestamps {

    private Timestamps() {}

    /**
     * Parses a timestamp.
     *
     * @param text the text, possibly {@code null} or blank
     * @return the instant, or empty when the text is absent or not a timestamp this class reads
     */
    public static Optional<Instant> parse(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String value = text.trim();
        Instant common = value.length() == 10 ? dateForm(value) : commonForm(value);
        if (common != null) {
            return Optional.of(common);
        }
        try {
            if (value.length() == 10) {
                return Optional.of(
                        LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            if (hasZone(value)) {
                return Optional.of(OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        .toInstant());
            }
            return Optional.of(LocalDateTime.parse(value, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                    .toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads the form nearly every scanner writes, {@code 2021-08-25T12:20:30.123456Z} or with an
     * offset {@code +02:00}, without a formatter: a report has several timestamps per entry, and
     * the formatters took a fifth of the time of reading one. Any other spelling, and any value
     * out of range, returns {@code null} and is left to the formatters to read or reject, so the
     * answer is always the formatters' answer.
     */
    private static Instant commonForm(String value) {
        int length = value.length();
        if (length < 20
                || value.charAt(4) != '-'
                || value.charAt(7) != '-'
                || value.charAt(10) != 'T'
                || value.charAt(13) != ':'
                || value.charAt(16) != ':') {
            return null;
        }
        int year = digits(value, 0, 4);
        int month = digits(value, 5, 2);
        int day = digits(value, 8, 2);
        int hour = digits(value, 11, 2);
        int minute = digits(value, 14, 2);
        int second = digits(value, 17, 2);
        int at = 19;
        int nanos = 0;
        if (value.charAt(at) == '.') {
            int start = ++at;
            while (at < length && at - start < 9 && isDigit(value.charAt(at))) {
                nanos = nanos * 10 + (value.charAt(at++) - '0');
            }
            if (at == start) {
                return null;
            }
            for (int scale = at - start; scale < 9; scale++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (at == length - 1 && value.charAt(at) == 'Z') {
            offsetSeconds = 0;
        } else if (at == length - 6
                && (value.charAt(at) == '+' || value.charAt(at) == '-')
                && value.charAt(at + 3) == ':') {
            int offsetHours = digits(value, at + 1, 2);
            int offsetMinutes = digits(value, at + 4, 2);
            if (offsetHours < 0 || offsetMinutes < 0 || offsetMinutes > 59) {
                return null;
            }
            int sign = value.charAt(at) == '-' ? -1 : 1;
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60);
        } else {
            return null;
        }
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        try {
            // ZoneOffset checks the offset's range; LocalDate and LocalTime check the rest.
            int offset = ZoneOffset.ofTotalSeconds(offsetSeconds).getTotalSeconds();
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            long secondOfDay = LocalTime.of(hour, minute, second).toSecondOfDay();
            return Instant.ofEpochSecond(epochDay * 86_400 + secondOfDay - offset, nanos);
        } catch (DateTimeException outOfRange) {
            return null;
        }
    }

    /**
     * Reads a date, {@code 2025-06-18}, as its first instant in UTC, without a formatter: Grype
     * writes one per EPSS value. Like {@link #commonForm}, anything else returns {@code null}.
     */
    private static Instant dateForm(String value) {
        if (value.charAt(4) != '-' || value.charAt(7) != '-') {
            return null;
        }
        int year = digits(value, 0, 4);
        int month = digits(value, 5, 2);
        int day = digits(value, 8, 2);
        if (year < 0 || month < 0 || day < 0) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(LocalDate.of(year, month, day).toEpochDay() * 86_400);
        } catch (DateTimeException outOfRange) {
            return null;
        }
    }

    /** The number written with {@code count} digits from {@code start}, or -1 if one is not a digit. */
    private static int digits(String value, int start, int count) {
        int number = 0;
        for (int i = start; i < start + count; i++) {
            char c = value.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            number = number * 10 + (c - '0');
        }
        return number;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean hasZone(String value) {
        char last = value.charAt(value.length() - 1);
        if (last == 'Z' || last == 'z') {
            return true;
        }
        int time = value.indexOf('T');
        return time > 0 && (value.indexOf('+', time) > 0 || value.indexOf('-', time) > 0);
    }
}
