package dev.shelflife.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.shelflife.ReportLocation;
import dev.shelflife.ReportParseException;
import dev.shelflife.spi.ReadLimits;
import dev.shelflife.spi.ReportSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
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
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxDepth())
                .maxStringLength(limits.maxStringLength())
                .maxNumberLength(limits.maxNumberLength())
                .maxDocumentLength(limits.maxDocumentBytes())
                .build();
        JsonFactoryBuilder unchecked = new JsonFactoryBuilder()
                .streamReadConstraints(constraints)
                // Same values as Double.parseDouble, found faster: every CVSS score is a double.
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION);
        // Duplicate keys are refused: by the parsers' own contexts (KeyCheckingFactory), which
        // do what Jackson's STRICT_DUPLICATE_DETECTION does without a hash set per object.
        this.factory = new KeyCheckingFactory(unchecked);
        // The first pass of a two-pass read does not look for duplicate keys at all.
        this.firstPassFactory = new JsonFactoryBuilder()
                .streamReadConstraints(constraints)
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        // The mapper only binds values from the cursor's parser; it never makes a parser itself.
        JsonFactory binding = new JsonFactoryBuilder()
                .streamReadConstraints(constraints)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        this.mapper = JsonMapper.builder(binding)
                // Scanners add fields in every release; unknown fields are not an error.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .annotationIntrospector(new RecordsSkipUnknownFields())
                .addHandler(new CaseVariants())
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .build();
    }

    /**
     * Declares, for every record DTO, that unknown fields are skipped unread. Disabling
     * {@code FAIL_ON_UNKNOWN_PROPERTIES} alone is not enough for records: a creator-based
     * deserializer copies every unknown field into a token buffer before it drops it, which
     * doubled the cost of binding an entry with long descriptions and reference lists. The
     * classes that adapters bind field by field, their entries, skip unknown fields unread too,
     * through {@link CaseVariants}, which looks at each one's name first.
     */
    private static final class RecordsSkipUnknownFields extends JacksonAnnotationIntrospector {
        private static final long serialVersionUID = 1L;

        @Override
        public JsonIgnoreProperties.Value findPropertyIgnoralByName(MapperConfig<?> config, Annotated a) {
            JsonIgnoreProperties.Value value = super.findPropertyIgnoralByName(config, a);
            return a instanceof AnnotatedClass type && type.getRawType().isRecord() ? value.withIgnoreUnknown() : value;
        }
    }

    /**
     * Skips each field a bound class does not know, after checking its name: a case variant of a
     * field the class reads ({@code fixedVersion} for {@code FixedVersion}) is a value the report
     * meant to give and that would be lost, so the cursor that binds records it as a problem.
     */
    private static final class CaseVariants extends DeserializationProblemHandler {
        /** Per deserializer, its fields by lower-case name; deserializers are built once per type. */
        private final Map<JsonDeserializer<?>, Known> known = new ConcurrentHashMap<>();

        @Override
        public boolean handleUnknownProperty(
                DeserializationContext context,
                JsonParser parser,
                JsonDeserializer<?> deserializer,
                Object beanOrClass,
                String propertyName)
                throws IOException {
            if (context.getAttribute(JsonCursor.class) instanceof JsonCursor cursor) {
                String meant = known.computeIfAbsent(deserializer, Known::new).meant(propertyName);
                if (meant != null) {
                    cursor.misspelled(parser, propertyName, meant);
                }
            }
            parser.skipChildren();
            return true;
        }

        /** The fields of one deserializer, and what each unknown key seen so far means. */
        private static final class Known {
            /** How many unknown keys {@link #verdicts} remembers: a hostile report may bring millions. */
            private static final int REMEMBERED = 1024;
            /** No field meant: a key of its own. */
            private static final String NONE = "";

            private final Map<String, String> byLowerCase = new HashMap<>();
            /**
             * Per unknown key, the field it spells in other letter case or {@link #NONE}: the same
             * few unknown keys ({@code Description}, {@code References}) come in every entry, and
             * lower-casing each anew cost more than skipping its value.
             */
            private final Map<String, String> verdicts = new ConcurrentHashMap<>();

            Known(JsonDeserializer<?> deserializer) {
                if (deserializer.getKnownPropertyNames() != null) {
                    for (Object name : deserializer.getKnownPropertyNames()) {
                        byLowerCase.put(name.toString().toLowerCase(Locale.ROOT), name.toString());
                    }
                }
            }

            /** The field {@code name} spells in other letter case, or {@code null}. */
            String meant(String name) {
                String verdict = verdicts.get(name);
                if (verdict == null) {
                    String field = byLowerCase.get(name.toLowerCase(Locale.ROOT));
                    verdict = field == null || field.equals(name) ? NONE : field;
                    if (verdicts.size() < REMEMBERED) {
                        verdicts.put(name, verdict);
                    }
                }
                return verdict.isEmpty() ? null : verdict;
            }
        }
    }

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
