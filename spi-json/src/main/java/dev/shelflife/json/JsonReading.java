package dev.shelflife.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.shelflife.ReportLocation;
import dev.shelflife.ReportParseException;
import dev.shelflife.spi.ReadLimits;
import dev.shelflife.spi.ReportSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Jackson set-up for one set of read limits: a factory whose stream constraints enforce the
 * limits on every token (skipped ones too), and a mapper for DTOs, with its readers cached.
 */
final class JsonReading {

    private static final Map<ReadLimits, JsonReading> BY_LIMITS = new ConcurrentHashMap<>();

    private final JsonFactory factory;
    private final JsonFactory firstPassFactory;
    private final ObjectMapper mapper;
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

    private JsonReading(ReadLimits limits) {
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth())
                        .maxStringLength(limits.maxStringLength())
                        .maxNumberLength(limits.maxNumberLength())
                        .maxDocumentLength(limits.maxDocumentBytes())
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // Same values as Double.parseDouble, found faster: every CVSS score is a double.
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        // Jackson checks duplicate keys with a hash set per object: a tenth of a pass or more.
        this.firstPassFactory = factory.rebuild()
                .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = JsonMapper.builder(factory)
                // Scanners add fields in every release; unknown fields are not an error.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addMixIn(Object.class, SkipUnknownFields.class)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .build();
    }

    /**
     * Declares, for every DTO, that unknown fields are skipped unread. Disabling
     * {@code FAIL_ON_UNKNOWN_PROPERTIES} alone is not enough for records: a creator-based
     * deserializer copies every unknown field into a token buffer before it drops it, which
     * doubled the cost of binding an entry with long descriptions and reference lists.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private interface SkipUnknownFields {}

    static JsonReading forLimits(ReadLimits limits) {
        return BY_LIMITS.computeIfAbsent(limits, JsonReading::new);
    }

    ObjectReader reader(Class<?> type) {
        return readers.computeIfAbsent(type, mapper::readerFor);
    }

    JsonCursor open(ReportSource source) {
        return open(source, factory);
    }

    /** Opens a cursor for a first pass, which does not refuse duplicate keys: see {@link JsonCursor#openFirstPass}. */
    JsonCursor openFirstPass(ReportSource source) {
        return open(source, firstPassFactory);
    }

    private JsonCursor open(ReportSource source, JsonFactory parsers) {
        InputStream in = null;
        try {
            in = source.open();
            return JsonCursor.over(source, in, parsers, this);
        } catch (IOException e) {
            closeQuietly(in, e);
            throw new ReportParseException(ReportLocation.of(source.name()), "cannot read: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(InputStream in, IOException failure) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
