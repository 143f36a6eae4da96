package dev.shelflife.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2017-09-06T21:29:00Z", "2021-08-25T12:20:30.000000005Z", "2021-08-25T12:20:30.5Z",
                        "2021-08-25T12:20:30.123456789Z",
                "2024-02-29T23:59:59.999+00:00", "2021-08-25T12:20:30-04:00", "2021-08-25T12:20:30+05:30",
                        "2021-08-25T12:20:30-00:00",
                "2021-08-25T12:20:30+18:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
                        "  2021-08-25T12:20:30Z  "
            })
    void readsTheCommonFormAsTheFormattersDo(String text) {
        assertThat(Timestamps.parse(text)).isPresent().isEqualTo(formatters(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-06-18", "2024-02-29", "0001-01-01", "9999-12-31", " 2025-06-18 "})
    void readsADateAsTheFormattersDo(String text) {
        assertThat(Timestamps.parse(text)).isPresent().isEqualTo(formatters(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2021-02-29",
                "2021-13-01",
                "2021-00-10",
                "2021-08-32",
                "2021-8-025",
                "2021-08-2x",
                "+202-08-25",
                "2021/08/25"
            })
    void rejectsTheDatesTheFormattersReject(String text) {
        assertThat(Timestamps.parse(text)).isEmpty();
        assertThat(formatters(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2021-08-25t12:20:30z",
                "2021-08-25T12:20Z",
                "2021-08-25T12:20:30",
                "2021-08-25T12:20:30.5",
                "2021-08-25",
                "2021-08-25T12:20:30+0200",
                "2021-08-25T12:20:30+02:00:00",
                "+12021-08-25T12:20:30Z",
                "2021-08-25T12:20:30.Z"
            })
    void leavesOtherSpellingsToTheFormatters(String text) {
        assertThat(Timestamps.parse(text)).isEqualTo(formatters(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2021-02-29T12:00:00Z",
                "2021-13-01T12:00:00Z",
                "2021-00-10T12:00:00Z",
                "2021-08-32T12:00:00Z",
                "2021-08-25T24:00:00Z",
                "2021-08-25T12:60:00Z",
                "2021-08-25T12:20:60Z",
                "2021-08-25T12:20:30+18:30",
                "2021-08-25T12:20:30+02:60",
                "2021-08-25T12:20:30.1234567890Z",
                "2021-08-2xT12:20:30Z",
                "2021-08-25T12:20:30ZZ",
                "2021-08-25T12:20:30 Z",
                "not a timestamp",
                ""
            })
    void rejectsWhatTheFormattersReject(String text) {
        assertThat(Timestamps.parse(text)).isEmpty();
        assertThat(formatters(text)).isEmpty();
    }

    /** The answer of the JDK's ISO formatters, by the rules Timestamps documents. */
    private static Optional<Instant> formatters(String text) {
        String value = text.trim();
        try {
            if (value.length() == 10) {
                return Optional.of(
                        LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            try {
                return Optional.of(OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        .toInstant());
            } catch (DateTimeParseException withoutZone) {
                return Optional.of(LocalDateTime.parse(value, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                        .toInstant(ZoneOffset.UTC));
            }
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
