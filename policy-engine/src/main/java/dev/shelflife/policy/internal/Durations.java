package dev.shelflife.policy.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The durations of policies: how they are written, checked, printed and added to instants.
 *
 * <p>A policy duration is positive and at most {@link #MAX}. It is written either in the short
 * form {@code 30d} (days) or {@code 12h} (hours), or as an ISO-8601 duration without months or
 * years ({@code P30D}, {@code PT12H}, {@code P1DT6H}); months and years have no fixed length.
 *
 * @since 0.2
 */
public final class Durations {

    /** The longest duration a policy accepts: 100 years of 365 days. */
    public static final Duration MAX = Duration.ofDays(36_500);

    private static final Pattern SHORT = Pattern.compile("(\\d{1,6})([dh])");

    private Durations() {}

    /**
     * Parses a policy duration.
     *
     * @param text the text
     * @return the duration
     * @throws IllegalArgumentException with a message that says what is accepted
     */
    public static Duration parse(String text) {
        Matcher shortForm = SHORT.matcher(text);
        Duration duration;
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            duration = shortForm.group(2).equals("d") ? Duration.ofDays(amount) : Duration.ofHours(amount);
        } else if (text.startsWith("P") || text.startsWith("p")) {
            try {
                duration = Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("bad duration \"" + text + "\": not an ISO-8601 duration of days,"
                        + " hours, minutes and seconds (months and years have no fixed length)");
            }
        } else {
            throw new IllegalArgumentException("bad duration \"" + text
                    + "\": expected days or hours such as 30d or 12h, or ISO-8601 such as P30D or PT12H");
        }
        return require(duration, text);
    }

    /**
     * Checks that a duration is one a policy accepts.
     *
     * @param duration the duration
     * @param what what it is, for the message
     * @return the duration
     * @throws IllegalArgumentException if it is zero, negative or longer than {@link #MAX}
     */
    public static Duration require(Duration duration, String what) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("bad duration \"" + what + "\": must be positive");
        }
        if (duration.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("bad duration \"" + what + "\": longer than " + format(MAX));
        }
        return duration;
    }

    /**
     * Prints a duration the short way when it is whole days or hours.
     *
     * @param duration the duration
     * @return {@code 30d}, {@code 12h} or the ISO-8601 form
     */
    public static String format(Duration duration) {
        if (duration.toHoursPart() == 0
                && duration.toMinutesPart() == 0
                && duration.toSecondsPart() == 0
                && duration.toNanosPart() == 0) {
            return duration.toDays() + "d";
        }
        if (duration.toMinutesPart() == 0 && duration.toSecondsPart() == 0 && duration.toNanosPart() == 0) {
            return duration.toHours() + "h";
        }
        return duration.toString();
    }

    /**
     * The deadline {@code duration} after {@code start}.
     *
     * @param start the clock's value
     * @param duration the time allowed
     * @return the deadline, or empty when it lies beyond the instants Java can represent
     */
    public static Optional<Instant> deadline(Instant start, Duration duration) {
        try {
            return Optional.of(start.plus(duration));
        } catch (DateTimeException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
