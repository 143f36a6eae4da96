package dev.shelflife.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.shelflife.spi.ReadLimits;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * The YAML set-up for one set of read limits: Jackson's YAML parser, which presents a YAML
 * document as the same tokens as JSON, made as strict as the JSON path. Duplicate keys are refused
 * by Jackson's duplicate detection; anchors, aliases and tags other than YAML's own are refused
 * here, on SnakeYAML's events, where they stand, since an alias would silently repeat a value and
 * Jackson reports no anchor on a scalar. The read limits apply as to JSON: the nesting depth,
 * string and number lengths through Jackson's constraints (and SnakeYAML's own depth limit), the
 * document size through {@link ReadLimits#bound(java.io.InputStream)}.
 *
 * <p>The text is checked to be well-formed Unicode by {@link StrictText}, as JSON is, and decoded
 * strictly: an ill-formed sequence ends the read with {@code malformed YAML: Invalid UTF-8: …}.
 */
final class YamlReading {

    private static final Map<ReadLimits, StrictYamlFactory> BY_LIMITS = new ConcurrentHashMap<>();

    /** The prefix of the tags YAML itself defines ({@code !!str}, {@code !!int}): harmless, so allowed. */
    private static final String CORE_TAGS = "tag:yaml.org,2002:";

    private YamlReading() {}

    static YAMLFactory factory(ReadLimits limits) {
        return BY_LIMITS.computeIfAbsent(limits, StrictYamlFactory::of);
    }

    /**
     * The reader Jackson's YAML parser reads: UTF-8 decoded strictly after {@link StrictText}
     * marked the first ill-formed sequence, UTF-16 and UTF-32 as {@link StrictText} decodes them.
     */
    static Reader characters(StrictText text) {
        if (!text.isUtf8()) {
            return text.characters();
        }
        return new InputStreamReader(
                text.bytes(),
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** A YAML factory whose parsers refuse anchors, aliases and foreign tags. */
    private static final class StrictYamlFactory extends YAMLFactory {
        private static final long serialVersionUID = 1L;

        private StrictYamlFactory(YAMLFactoryBuilder builder) {
            super(builder);
        }

        static StrictYamlFactory of(ReadLimits limits) {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(0);
            options.setAllowDuplicateKeys(false);
            // SnakeYAML counts its own depth (collections only); Jackson's constraint names the read limit.
            options.setNestingDepthLimit(limits.maxDepth() + 1);
            // The size is bounded in bytes by ReadLimits.bound; this is SnakeYAML's own cap, in characters.
            options.setCodePointLimit(Integer.MAX_VALUE);
            YAMLFactoryBuilder builder = YAMLFactory.builder()
                    .loaderOptions(options)
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(limits.maxDepth())
                            .maxStringLength(limits.maxStringLength())
                            .maxNumberLength(limits.maxNumberLength())
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION);
            return new StrictYamlFactory(builder);
        }

        @Override
        protected YAMLParser _createParser(Reader reader, IOContext context) throws IOException {
            return new StrictYamlParser(
                    context, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, reader);
        }
    }

    /** Jackson's YAML parser, refusing anchors, aliases and tags other than YAML's own where they stand. */
    static final class StrictYamlParser extends YAMLParser {

        StrictYamlParser(
                IOContext context,
                int parserFeatures,
                int yamlFeatures,
                LoaderOptions options,
                ObjectCodec codec,
                Reader reader) {
            super(context, parserFeatures, yamlFeatures, options, codec, reader);
        }

        @Override
        protected Event getEvent() throws IOException {
            Event event = super.getEvent();
            if (event instanceof AliasEvent alias) {
                throw refused(
                        "YAML aliases (*" + alias.getAnchor() + ") are not allowed in a report: write the value out",
                        event);
            }
            if (event instanceof NodeEvent node && node.getAnchor() != null) {
                throw refused("YAML anchors (&" + node.getAnchor() + ") are not allowed in a report", event);
            }
            if (event instanceof ScalarEvent scalar) {
                // Jackson's YAML parser does not check a scalar's length, as its JSON parser does.
                try {
                    streamReadConstraints()
                            .validateStringLength(scalar.getValue().length());
                } catch (StreamConstraintsException tooLong) {
                    throw new StreamConstraintsException(
                            tooLong.getOriginalMessage(), _locationFor(event.getStartMark()));
                }
            }
            String tag = event instanceof ScalarEvent scalar
                    ? scalar.getTag()
                    : event instanceof CollectionStartEvent collection ? collection.getTag() : null;
            if (tag != null && !tag.startsWith(CORE_TAGS) && !tag.equals("!")) {
                throw refused("YAML tags (" + tag + ") are not allowed in a report", event);
            }
            return event;
        }

        private Refused refused(String message, Event event) {
            return new Refused(this, message, _locationFor(event.getStartMark()));
        }
    }

    /** A YAML feature a report may not use: an anchor, an alias, a tag. */
    static final class Refused extends JsonParseException {
        private static final long serialVersionUID = 1L;

        Refused(YAMLParser parser, String message, com.fasterxml.jackson.core.JsonLocation at) {
            super(parser, message, at);
        }
    }
}
