package dev.shelflife.json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads the timestamps scanners write: RFC 3339 with any number of fraction digits
 * ({@code 2021-08-25T12:20:30.000000005Z}), with offsets ({@code +00:00}, {@code -04:00}),
 * without a zone (taken as UTC), and bare dates ({@code 2021-08-25}, taken as midnight UTC).
 *
 * @since 0.1
 */
public final class Timestamps {

    private Timestamps() {
    }

    /**
     * Parses a timestamp.
     *
     * @param text the text, possibly {@code null} or blank
     * @return the instant, or empty when the text is absent or not a timestamp this class reads
     */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String value = text.trim();
        try {
            if (value.length() == 10) {
                return Optional.of(LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            if (hasZone(value)) {
                return Optional.of(OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
            }
            return Optional.of(LocalDateTime.parse(value, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
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
