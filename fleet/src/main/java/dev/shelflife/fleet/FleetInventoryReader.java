package dev.shelflife.fleet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.shelflife.ImageRef;
import dev.shelflife.ReportLocation;
import dev.shelflife.ReportParseException;
import dev.shelflife.Stage;
import dev.shelflife.spi.DocumentTooLargeException;
import dev.shelflife.spi.ReadLimits;
import dev.shelflife.spi.ReportSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a {@link FleetInventory} from YAML or JSON, strictly: unknown and duplicate keys, values of the
 * wrong shape, YAML anchors, aliases and tags, a second document, nesting deeper than
 * {@value #MAX_DEPTH}, files over {@value #MAX_BYTES} bytes or not in UTF-8, invalid references,
 * digests, stages and instants, two images of one name, and report files that do not exist are
 * all {@link ReportParseException}s naming the inventory's line, column and JSON pointer.
 *
 * <p>JSON when the file name ends in {@code .json}, YAML when it ends in {@code .yaml} or
 * {@code .yml}, otherwise JSON when the text starts with <code>{</code>.
 *
 * @since 0.2
 */
public final class FleetInventoryReader {

    /** The largest inventory accepted: 4 MiB, some 20,000 images. */
    public static final int MAX_BYTES = 4 << 20;

    /** The deepest nesting accepted; an inventory needs four levels. */
    public static final int MAX_DEPTH = 16;

    private static final ReadLimits LIMITS = ReadLimits.DEFAULT.withMaxDocumentBytes(MAX_BYTES);
    private static final List<String> TOP_KEYS = List.of("images");
    private static final List<String> IMAGE_KEYS =
            List.of("name", "stage", "reports", "base-image", "built-at", "deployed-since");
    private static final List<String> BASE_KEYS = List.of("name", "digest", "moved-at");

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();
    private static final YAMLFactory YAML =
            YAMLFactory.builder().loaderOptions(yamlLimits()).build();

    private final String source;
    private final Path folder;
    private final JsonParser parser;

    private FleetInventoryReader(String source, Path folder, JsonParser parser) {
        this.source = source;
        this.folder = folder;
        this.parser = parser;
    }

    private static LoaderOptions yamlLimits() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(0);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_BYTES);
        return options;
    }

    /**
     * Reads an inventory file.
     *
     * @param file the inventory
     * @return the inventory, report paths resolved against the file's folder
     * @throws ReportParseException if the file cannot be read or is not a valid inventory
     */
    public static FleetInventory read(Path file) {
        String source = file.toString();
        String text = text(file, source);
        boolean yamlName = source.endsWith(".yaml") || source.endsWith(".yml");
        boolean json =
                source.endsWith(".json") || !yamlName && text.stripLeading().startsWith("{");
        Path folder = Optional.ofNullable(file.toAbsolutePath().getParent()).orElse(Path.of(""));
        try (JsonParser parser = json ? JSON.createParser(text) : YAML.createParser(text)) {
            FleetInventoryReader reader = new FleetInventoryReader(source, folder, parser);
            if (reader.next() == null) {
                throw new ReportParseException(ReportLocation.of(source), "the inventory is empty");
            }
            FleetInventory inventory = reader.inventory();
            if (reader.next() != null) {
                throw reader.failure("only one document is allowed; remove what follows the first");
            }
            return inventory;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            ReportLocation where = at == null
                    ? ReportLocation.of(source)
                    : new ReportLocation(source, Math.max(at.getLineNr(), 0), Math.max(at.getColumnNr(), 0), "");
            throw new ReportParseException(
                    where, "not well-formed " + (json ? "JSON" : "YAML") + ": " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new ReportParseException(ReportLocation.of(source), "cannot read: " + e.getMessage(), e);
        }
    }

    private static String text(Path file, String source) {
        try {
            // Read like a report: no pipe or device, never more than the limit whatever the size says.
            byte[] bytes = ReportSource.of(file).withLimits(LIMITS).readAllBytes();
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (DocumentTooLargeException e) {
            throw new ReportParseException(
                    ReportLocation.of(source),
                    "limit exceeded: larger than " + MAX_BYTES
                            + " bytes (a fixed limit: split the fleet into several inventories)",
                    e);
        } catch (CharacterCodingException e) {
            throw new ReportParseException(ReportLocation.of(source), "not UTF-8 text", e);
        } catch (IOException e) {
            throw new ReportParseException(ReportLocation.of(source), "cannot read: " + e.getMessage(), e);
        }
    }

    private FleetInventory inventory() throws IOException {
        Map<String, ReportLocation> names = new HashMap<>();
        List<FleetInventory.Image> images = new ArrayList<>();
        ReportLocation start = here();
        ReportLocation[] list = {start};
        Map<String, Object> fields = object("the inventory", TOP_KEYS, key -> {
            list[0] = here();
            return array("images", () -> images.add(uniqueImage(names)));
        });
        requireKeys(fields, start, "the inventory", "images");
        if (images.isEmpty()) {
            throw new ReportParseException(list[0], "the inventory lists no image");
        }
        return new FleetInventory(source, images);
    }

    /** An image, whose name no earlier image has. */
    private FleetInventory.Image uniqueImage(Map<String, ReportLocation> names) throws IOException {
        FleetInventory.Image image = image();
        ReportLocation first = names.putIfAbsent(image.name(), image.location());
        if (first != null) {
            throw new ReportParseException(
                    image.location(),
                    "the image " + image.name() + " is listed twice (first at line " + first.line() + ")");
        }
        return image;
    }

    private FleetInventory.Image image() throws IOException {
        ReportLocation start = here();
        ReportLocation[] stageAt = new ReportLocation[1];
        Map<String, Object> fields = object("an image", IMAGE_KEYS, key -> switch (key) {
            case "name" -> {
                String name = string("an image reference");
                reference(name);
                yield name;
            }
            case "stage" -> {
                stageAt[0] = here();
                yield stage();
            }
            case "reports" -> reports();
            case "base-image" -> base();
            default -> instant();
        });
        requireKeys(fields, start, "an image", "name", "stage", "reports");
        return new FleetInventory.Image(
                (String) fields.get("name"),
                (Stage) fields.get("stage"),
                listOf(fields.get("reports"), Path.class),
                Optional.ofNullable((FleetInventory.Base) fields.get("base-image")),
                Optional.ofNullable((Instant) fields.get("built-at")),
                Optional.ofNullable((Instant) fields.get("deployed-since")),
                start,
                stageAt[0]);
    }

    private FleetInventory.Base base() throws IOException {
        ReportLocation start = here();
        String[] written = new String[1];
        Map<String, Object> fields = object("base-image", BASE_KEYS, key -> switch (key) {
            case "name" -> {
                written[0] = string("the base image");
                yield reference(written[0]);
            }
            case "digest" -> digest();
            default -> instant();
        });
        requireKeys(fields, start, "base-image", "name");
        ImageRef reference = (ImageRef) fields.get("name");
        if (reference.tag().isEmpty() && reference.digest().isPresent()) {
            throw new ReportParseException(
                    start.withPath(start.path() + "/name"),
                    "the base image " + written[0]
                            + " names no tag: give the tag it was built from, which can move (python:3.12-slim)");
        }
        Optional<String> digest = Optional.ofNullable((String) fields.get("digest"));
        if (digest.isPresent() && reference.digest().isPresent() && !digest.equals(reference.digest())) {
            throw new ReportParseException(
                    start,
                    "the base image names two digests: " + reference.digest().get() + " and " + digest.get());
        }
        int at = written[0].indexOf('@');
        return new FleetInventory.Base(
                at < 0 ? written[0] : written[0].substring(0, at),
                digest.or(reference::digest),
                Optional.ofNullable((Instant) fields.get("moved-at")));
    }

    private List<Path> reports() throws IOException {
        ReportLocation start = here();
        List<Object> reports = array("reports", () -> {
            ReportLocation at = here();
            String name = string("a report file");
            Path file = folder.resolve(name).normalize();
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new ReportParseException(at, "no readable report file " + name + " (looked for " + file + ")");
            }
            return file;
        });
        if (reports.isEmpty()) {
            throw new ReportParseException(start, "an image needs at least one report");
        }
        return listOf(reports, Path.class);
    }

    // --- values -------------------------------------------------------------------------------

    private ImageRef reference(String text) {
        try {
            return ImageRef.parse(text);
        } catch (IllegalArgumentException e) {
            throw failure(e.getMessage());
        }
    }

    private String digest() throws IOException {
        String text = string("a digest");
        try {
            ImageRef.parse("scratch").withDigest(text);
            return text;
        } catch (IllegalArgumentException e) {
            throw failure("invalid digest \"" + text + "\": expected algorithm:hex, such as sha256:<64 hex digits>");
        }
    }

    private Stage stage() throws IOException {
        String text = string("a stage");
        try {
            return Stage.of(text);
        } catch (IllegalArgumentException e) {
            throw failure(e.getMessage());
        }
    }

    private Instant instant() throws IOException {
        String text = string("an instant");
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw failure("bad instant \"" + text + "\": expected an ISO-8601 date and time with an offset,"
                    + " such as 2025-08-20T03:12:00Z");
        }
    }

    private String string(String what) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw failure("expected " + what + " (a string), got " + describe(parser.currentToken()));
        }
        return parser.getText();
    }

    // --- structure ----------------------------------------------------------------------------

    /** Reads one value of an object's field; the cursor is on the value's first token. */
    @FunctionalInterface
    private interface FieldReader {
        Object read(String key) throws IOException;
    }

    /** Reads one element of an array; the cursor is on the element's first token. */
    @FunctionalInterface
    private interface ElementReader {
        Object read() throws IOException;
    }

    private Map<String, Object> object(String what, List<String> keys, FieldReader field) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw failure("expected a mapping for " + what + ", got " + describe(parser.currentToken()));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, ReportLocation> seen = new HashMap<>();
        while (next() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            ReportLocation at = here();
            if (!keys.contains(key)) {
                throw new ReportParseException(
                        at, "unknown key \"" + key + "\" in " + what + "; expected one of: " + String.join(", ", keys));
            }
            ReportLocation first = seen.putIfAbsent(key, at);
            if (first != null) {
                throw new ReportParseException(
                        at,
                        "duplicate key \"" + key + "\" (first at line " + first.line() + ", column " + first.column()
                                + ")");
            }
            next();
            values.put(key, field.read(key));
        }
        return values;
    }

    private List<Object> array(String what, ElementReader element) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw failure("expected a list for " + what + ", got " + describe(parser.currentToken()));
        }
        List<Object> values = new ArrayList<>();
        while (next() != JsonToken.END_ARRAY) {
            values.add(element.read());
        }
        return values;
    }

    private static void requireKeys(Map<String, Object> fields, ReportLocation start, String what, String... keys) {
        for (String key : keys) {
            if (!fields.containsKey(key)) {
                throw new ReportParseException(start, "missing key \"" + key + "\" in " + what);
            }
        }
    }

    private static <T> List<T> listOf(Object values, Class<T> type) {
        return ((List<?>) values).stream().map(type::cast).toList();
    }

    /** Moves to the next token, refusing YAML anchors, aliases and tags on it. */
    private JsonToken next() throws IOException {
        JsonToken token = parser.nextToken();
        if (parser instanceof YAMLParser yaml && token != null) {
            if (yaml.isCurrentAlias()) {
                throw failure("YAML aliases (*" + yaml.getText() + ") are not allowed: write the value out");
            }
            if (yaml.getObjectId() != null) {
                throw failure("YAML anchors (&" + yaml.getObjectId() + ") are not allowed");
            }
            if (yaml.getTypeId() != null) {
                throw failure("YAML tags (!" + yaml.getTypeId() + ") are not allowed");
            }
        }
        return token;
    }

    private ReportLocation here() {
        JsonLocation at = parser.currentTokenLocation();
        return new ReportLocation(
                source,
                Math.max(at.getLineNr(), 0),
                Math.max(at.getColumnNr(), 0),
                parser.getParsingContext().pathAsPointer().toString());
    }

    private ReportParseException failure(String problem) {
        return new ReportParseException(here(), problem);
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "the end of the document";
        }
        return switch (token) {
            case START_OBJECT -> "a mapping";
            case START_ARRAY -> "a list";
            case VALUE_NULL -> "nothing (null)";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> token.toString();
        };
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline).strip();
    }
}
