package dev.shelflife.ignore;

import dev.shelflife.ReportLocation;
import dev.shelflife.ReportParseException;
import dev.shelflife.ignore.YamlTree.Mapping;
import dev.shelflife.ignore.YamlTree.Node;
import dev.shelflife.ignore.YamlTree.Scalar;
import dev.shelflife.ignore.YamlTree.Sequence;
import dev.shelflife.spi.ReadLimits;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the values of an ignore file's YAML tree as its scanner's Go YAML decoder reads them
 * into its fields, and refuses a value of the wrong kind where it stands, as the decoder does.
 */
final class YamlValues {

    private static final DateTimeFormatter SPACED =
            DateTimeFormatter.ofPattern("yyyy-M-d H:m:s[.SSSSSSSSS][.SSSSSS][.SSS]");

    private YamlValues() {}

    /** A text value; empty for null or empty text, as the decoder leaves a string field empty. */
    static Optional<String> text(Node node, String what) {
        if (node instanceof Scalar scalar) {
            return scalar.isNull() || scalar.text().isEmpty() ? Optional.empty() : Optional.of(scalar.text());
        }
        throw wrong(node, what, "a text");
    }

    /** A yes or no, as YAML 1.1 and Go's decoder spell it. */
    static Optional<Boolean> bool(Node node, String what) {
        Optional<String> text = text(node, what);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return switch (text.get()) {
            case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON" -> Optional.of(true);
            case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF" -> Optional.of(false);
            default -> throw wrong(node, what, "true or false");
        };
    }

    /** A list of texts; empty for null. */
    static List<String> texts(Node node, String what) {
        if (node instanceof Scalar scalar && scalar.isNull()) {
            return List.of();
        }
        if (!(node instanceof Sequence sequence)) {
            throw wrong(node, what, "a list of texts");
        }
        List<String> values = new ArrayList<>();
        for (Node item : sequence.items()) {
            text(item, what).ifPresent(values::add);
        }
        return values;
    }

    /** The items of a list; empty for null. */
    static List<Node> items(Node node, String what) {
        if (node instanceof Scalar scalar && scalar.isNull()) {
            return List.of();
        }
        if (node instanceof Sequence sequence) {
            return sequence.items();
        }
        throw wrong(node, what, "a list");
    }

    /** A mapping, required. */
    static Mapping mapping(Node node, String what) {
        if (node instanceof Mapping mapping) {
            return mapping;
        }
        throw wrong(node, what, "a mapping");
    }

    /**
     * An instant, as Go's YAML decoder reads a timestamp into a {@code time.Time}: a date
     * ({@code 2023-01-01}, midnight UTC), a date and time with an offset (RFC 3339), or a date and
     * time without one (UTC).
     */
    static Optional<Instant> instant(Node node, String what) {
        Optional<String> text = text(node, what);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String value = text.get().strip();
        try {
            return Optional.of(
                    LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException notADate) {
            // Then a date and time.
        }
        try {
            return Optional.of(OffsetDateTime.parse(value.replace(' ', 'T')).toInstant());
        } catch (DateTimeParseException notAnOffsetDateTime) {
            // Then without an offset.
        }
        try {
            return Optional.of(LocalDateTime.parse(value, SPACED).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            throw new ReportParseException(
                    node.location(),
                    "malformed YAML value: " + what + " \"" + value
                            + "\" is not a date (YYYY-MM-DD) or a date and time (RFC 3339)");
        }
    }

    /** Counts one more entry, and refuses one too many. */
    static int countEntry(int entries, ReadLimits limits, ReportLocation at) {
        if (entries + 1 > limits.maxEntries()) {
            throw new ReportParseException(
                    at, "limit exceeded: more than " + limits.maxEntries() + " entries (ReadLimits.maxEntries)");
        }
        return entries + 1;
    }

    private static ReportParseException wrong(Node node, String what, String expected) {
        return new ReportParseException(
                node.location(), "malformed YAML value: " + what + " must be " + expected + ", got " + node.describe());
    }
}
