package dev.shelflife.grype;

import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.ReportLocation;
import dev.shelflife.ReportParseException;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.spi.ReadLimits;
import dev.shelflife.spi.ReportSource;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of an OCI / Docker image config that a Grype report carries only inside
 * {@code source.target.config}, base64-encoded: the build time ({@code created}), the platform
 * and the labels ({@code config.Labels}).
 *
 * @param created the {@code created} text, if any
 * @param os the {@code os}, if any
 * @param architecture the {@code architecture}, if any
 * @param variant the {@code variant}, if any
 * @param labels the labels, without {@code null} values
 */
record ImageConfig(
        Optional<String> created,
        Optional<String> os,
        Optional<String> architecture,
        Optional<String> variant,
        Map<String, String> labels) {

    /** A config with nothing in it. */
    static final ImageConfig EMPTY =
            new ImageConfig(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of());

    /**
     * The largest config decoded, in bytes. Real configs, history included, are a few kilobytes;
     * the bound keeps a hostile report from making the adapter decode megabytes for a date.
     */
    static final int MAX_BYTES = 1 << 20;

    ImageConfig {
        labels = Map.copyOf(labels);
    }

    /**
     * Decodes and reads a config.
     *
     * @param base64 the base64 text of the config JSON
     * @param name the name for messages
     * @param limits the limits to read the JSON under
     * @return the config
     * @throws ReportParseException if the text is not base64, too large, or not a JSON object of the expected shape
     */
    static ImageConfig decode(String base64, String name, ReadLimits limits) {
        // Three bytes per four characters: check before decoding anything.
        if ((long) base64.length() / 4 * 3 > MAX_BYTES) {
            throw new ReportParseException(
                    ReportLocation.of(name), "limit exceeded: more than " + MAX_BYTES + " bytes of image config");
        }
        byte[] json;
        try {
            json = Base64.getDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new ReportParseException(ReportLocation.of(name), "not base64: " + e.getMessage(), e);
        }
        try (JsonCursor cursor = JsonCursor.open(ReportSource.of(name, json).withLimits(limits))) {
            cursor.firstToken();
            cursor.require(JsonToken.START_OBJECT, "an image config (a JSON object)");
            Parts parts = new Parts();
            cursor.forEachField(field -> {
                switch (field) {
                    case "created" -> parts.created = cursor.text();
                    case "os" -> parts.os = cursor.text();
                    case "architecture" -> parts.architecture = cursor.text();
                    case "variant" -> parts.variant = cursor.text();
                    case "config" -> readLabels(cursor, parts.labels);
                    default -> cursor.skip();
                }
            });
            cursor.requireEnd();
            return new ImageConfig(
                    present(parts.created),
                    present(parts.os),
                    present(parts.architecture),
                    present(parts.variant),
                    parts.labels);
        }
    }

    private static void readLabels(JsonCursor cursor, Map<String, String> labels) {
        if (cursor.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        cursor.forEachField(field -> {
            if (field.equals("Labels") && cursor.currentToken() != JsonToken.VALUE_NULL) {
                cursor.forEachField(key -> {
                    String value = cursor.text();
                    if (value != null) {
                        labels.put(key, value);
                    }
                });
            } else {
                cursor.skip();
            }
        });
    }

    private static Optional<String> present(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** The values read so far. */
    private static final class Parts {
        private String created;
        private String os;
        private String architecture;
        private String variant;
        private final Map<String, String> labels = new LinkedHashMap<>();
    }
}
