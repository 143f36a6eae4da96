package dev.shelflife.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.shelflife.Problem;
import dev.shelflife.ReportLocation;
import dev.shelflife.ReportParseException;
import dev.shelflife.spi.DocumentTooLargeException;
import dev.shelflife.spi.ReportSource;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A streaming JSON reader over one report that knows where it is: every failure, whether in the
 * tokens, in binding a DTO or in the limits, becomes a {@link ReportParseException} that names
 * the file, line, column and JSON pointer.
 *
 * <p>Adapters walk the document's outer structure with {@link #nextToken()},
 * {@link #forEachField(FieldHandler)} and {@link #forEachElement(ElementHandler)}, and bind each
 * vulnerability entry on its own with {@link #read(Class)}, so no tree of the whole document is
 * ever built. Not thread-safe: one cursor per read.
 *
 * <p>The bytes are checked to be well-formed UTF-8 (or UTF-16 or UTF-32, when a byte-order mark or
 * the pattern of zero bytes says so) before Jackson decodes them: an overlong form, an encoded
 * surrogate or a code point above U+10FFFF ends the read with {@code malformed JSON: Invalid
 * UTF-8: …} at its line, column and pointer, where Jackson alone would read {@code C0 AF} as a
 * {@code /}.
 *
 * <p>A key the reader does not read, but which is spelled like one it does ({@code fixedVersion}
 * for {@code FixedVersion}), is not lost silently: whether the walk skips it
 * ({@link #skipUnread(String, Set)}) or a bound type does not know it ({@link #read(Class)}), the
 * cursor hands a located {@link Problem} of kind {@link Problem.Kind#IGNORED_VALUE} to the
 * reader's {@linkplain #reportProblemsTo(Consumer) problem sink}.
 *
 * @since 0.1
 */
public final class JsonCursor implements Closeable {

    /**
     * Called once per field of an object, with the cursor on the field's value.
     *
     * @since 0.1
     */
    @FunctionalInterface
    public interface FieldHandler {
        /**
         * Reads or skips the value of one field.
         *
         * @param name the field name
         * @throws IOException passed on by the cursor
         */
        void field(String name) throws IOException;
    }

    /**
     * Called once per field of an object, with the cursor on the field's value, until it says to stop.
     *
     * @since 0.2
     */
    @FunctionalInterface
    public interface FieldCondition {
        /**
         * Reads or skips the value of one field, and says whether to go on.
         *
         * @param name the field name
         * @return {@code true} to go on to the next field, {@code false} to stop the walk here
         * @throws IOException passed on by the cursor
         */
        boolean field(String name) throws IOException;
    }

    /**
     * Called once per element of an array, with the cursor on the element.
     *
     * @since 0.1
     */
    @FunctionalInterface
    public interface ElementHandler {
        /**
         * Reads or skips one element.
         *
         * @param index the element's 0-based index
         * @throws IOException passed on by the cursor
         */
        void element(int index) throws IOException;
    }

    /** Jackson's getter for each limit that {@link JsonReading} sets from a ReadLimits component, and that component. */
    private static final String[][] READ_LIMITS = {
        {"getMaxNestingDepth", "maxDepth"},
        {"getMaxStringLength", "maxStringLength"},
        {"getMaxNumberLength", "maxNumberLength"},
        {"getMaxDocumentLength", "maxDocumentBytes"},
    };

    /** How many keys {@link #plainKeys} remembers: a hostile report may bring millions. */
    private static final int PLAIN_KEYS = 1024;

    private final ReportSource source;
    private final JsonParser parser;
    private final JsonReading reading;
    private final StrictText text;
    /** {@code JSON} or {@code YAML}, for messages. */
    private final String syntax;
    /** The reader of each type bound, carrying this cursor for the key checks of {@link JsonReading}. */
    private final Map<Class<?>, ObjectReader> readers = new HashMap<>();
    /** The reader of the type bound last: an adapter binds one type per entry, tens of thousands of times. */
    private Class<?> lastType;

    private ObjectReader lastReader;
    private final List<Problem> problems = new ArrayList<>();
    /**
     * Keys {@link #skipUnread} found to be no case variant of a key of the set they map to, and no
     * container of entries: skipped at once when met again under that set. Reports repeat the same
     * unread keys ({@code Misconfigurations}, {@code DataSource}) entry after entry, and looking
     * each one up again lower-cased it and compared it with every key the reader reads.
     */
    private final Map<String, Set<String>> plainKeys = new HashMap<>();

    private Consumer<? super Problem> problemSink = problems::add;

    JsonCursor(ReportSource source, JsonParser parser, JsonReading reading, StrictText text) {
        this.source = source;
        this.parser = parser;
        this.reading = reading;
        this.text = text;
        this.syntax = parser instanceof YAMLParser ? "YAML" : "JSON";
    }

    /**
     * Opens a cursor before the first token of the source.
     *
     * @param source the report
     * @return the cursor; close it
     * @throws ReportParseException if the source cannot be opened
     */
    public static JsonCursor open(ReportSource source) {
        return JsonReading.forLimits(source.limits()).open(source);
    }

    /**
     * Opens a cursor over a YAML document, which it walks as the same tokens as JSON: mappings as
     * objects, sequences as arrays, scalars as strings, numbers, booleans and {@code null} as YAML
     * resolves them (a DTO's text field still reads {@code 1.10} as written). As strict as JSON:
     * duplicate keys, anchors, aliases and tags other than YAML's own ({@code !!str}) end the read
     * with a located {@link ReportParseException}, as do ill-formed UTF-8 and every read limit. A
     * stream of several documents ({@code ---}) is a sequence of top-level values: read them with
     * {@link #nextToken()} until it returns {@code null}; {@link #requireEnd()} refuses a second one.
     * A YAML document cut at the end of a line is often still well-formed YAML: a reader that can
     * check what it read against what the document says of itself should.
     *
     * @param source the document
     * @return the cursor; close it
     * @throws ReportParseException if the source cannot be opened
     * @since 0.2
     */
    public static JsonCursor openYaml(ReportSource source) {
        JsonReading reading = JsonReading.forLimits(source.limits());
        InputStream in = null;
        try {
            in = source.limits().bound(source.open());
            StrictText text = StrictText.of(in);
            JsonParser parser = YamlReading.factory(source.limits()).createParser(YamlReading.characters(text));
            return new JsonCursor(source, parser, reading, text);
        } catch (IOException e) {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new ReportParseException(ReportLocation.of(source.name()), "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Whether this cursor walks a YAML document ({@link #openYaml(ReportSource)}).
     *
     * @return {@code true} for YAML, {@code false} for JSON
     * @since 0.2
     */
    public boolean isYaml() {
        return syntax.equals("YAML");
    }

    /**
     * Opens a cursor for the first of two passes over a source, for a format that names what
     * its entries need after the entries (Grype's {@code source}): the first pass reads that and
     * skips the entries, the second, opened with {@link #open}, reads the whole document again.
     * This cursor does not refuse duplicate keys, which Jackson checks with a hash set per object
     * at a cost of a tenth of a pass or more; the second pass refuses them, with their location.
     * Every other check and limit applies.
     *
     * @param source the report
     * @return the cursor; close it
     * @throws ReportParseException if the source cannot be opened
     */
    public static JsonCursor openFirstPass(ReportSource source) {
        return JsonReading.forLimits(source.limits()).openFirstPass(source);
    }

    /**
     * The name of the input.
     *
     * @return the source's name
     */
    public String sourceName() {
        return source.name();
    }

    /**
     * The current position: line, column and the JSON pointer of the current value.
     *
     * @return the location
     */
    public ReportLocation location() {
        JsonLocation at = parser.currentTokenLocation();
        return new ReportLocation(
                source.name(),
                Math.max(at.getLineNr(), 0),
                Math.max(at.getColumnNr(), 0),
                pointer(parser.getParsingContext()));
    }

    /**
     * A located exception at the current position, for the caller to throw.
     *
     * @param problem what is wrong
     * @return the exception
     */
    public ReportParseException failure(String problem) {
        return new ReportParseException(location(), problem);
    }

    /**
     * Moves to the next token.
     *
     * @return the token, or {@code null} at the end of input
     * @throws ReportParseException if the input is malformed or exceeds a limit
     */
    public @Nullable JsonToken nextToken() {
        try {
            return parser.nextToken();
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /**
     * The token the cursor is on.
     *
     * @return the current token, or {@code null} before the first or after the last
     */
    public @Nullable JsonToken currentToken() {
        return parser.currentToken();
    }

    /**
     * Moves to the first token and checks that the input is not empty.
     *
     * @return the first token
     * @throws ReportParseException if the input is empty or malformed
     */
    public JsonToken firstToken() {
        JsonToken token = nextToken();
        if (token == null) {
            throw failure("empty document: expected a " + syntax + " value");
        }
        return token;
    }

    /**
     * Checks that nothing but white space follows the document's one value.
     *
     * @throws ReportParseException if anything follows
     */
    public void requireEnd() {
        JsonToken token = nextToken();
        if (token != null) {
            throw failure("trailing content after the " + syntax + " document: " + token);
        }
    }

    /**
     * Checks the current token.
     *
     * @param expected the token the format requires here
     * @param what what the value is, for the message ({@code "the Results array"})
     * @throws ReportParseException if the cursor is on another token
     */
    public void require(JsonToken expected, String what) {
        if (parser.currentToken() != expected) {
            throw failure(
                    "expected " + what + " (" + describe(expected) + "), found " + describe(parser.currentToken()));
        }
    }

    /**
     * Walks the fields of the object the cursor is on; each handler call must consume the value
     * (read it, walk it or {@link #skip()} it). Returns with the cursor on the object's end.
     *
     * @param handler called per field
     * @throws ReportParseException if the cursor is not on an object, or the object is malformed
     */
    public void forEachField(FieldHandler handler) {
        require(JsonToken.START_OBJECT, "an object");
        try {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                handler.field(name);
            }
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /**
     * Walks the fields of the object the cursor is on until the handler says to stop; each
     * handler call must consume the value. For a look that stops as soon as it has seen enough,
     * such as detection: the rest of the object, however large, is never read.
     *
     * @param handler called per field; returns {@code false} to stop
     * @return {@code true} if the walk reached the object's end, with the cursor on it;
     *     {@code false} if the handler stopped it, with the cursor where the handler left it
     * @throws ReportParseException if the cursor is not on an object, or the object is malformed
     * @since 0.2
     */
    public boolean forEachFieldWhile(FieldCondition handler) {
        require(JsonToken.START_OBJECT, "an object");
        try {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (!handler.field(name)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /**
     * Skips the rest of the array or object the cursor is in, wherever in it the cursor stands,
     * leaving the cursor on its end.
     *
     * @throws ReportParseException if the rest is malformed
     * @since 0.2
     */
    public void skipRest() {
        try {
            JsonToken token = parser.currentToken();
            if (token != null && token.isStructStart()) {
                parser.skipChildren();
            }
            while ((token = parser.nextToken()) != null && !token.isStructEnd()) {
                if (token.isStructStart()) {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /**
     * Walks the elements of the array the cursor is on; each handler call must consume the
     * element. Returns with the cursor on the array's end.
     *
     * @param handler called per element
     * @throws ReportParseException if the cursor is not on an array, or the array is malformed
     */
    public void forEachElement(ElementHandler handler) {
        require(JsonToken.START_ARRAY, "an array");
        try {
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                handler.element(index++);
            }
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /**
     * Skips the value the cursor is on, with all its children. Nesting limits still apply.
     *
     * @throws ReportParseException if the skipped value is malformed
     */
    public void skip() {
        try {
            parser.skipChildren();
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /**
     * Sends the problems this cursor finds to the reader's report, as they are found: keys spelled
     * like those the reader reads, and containers of entries it does not read. Until it is set,
     * they are kept for {@link #problems()}.
     *
     * @param sink receives each problem, such as a report builder's {@code problem} method
     * @since 0.2
     */
    public void reportProblemsTo(Consumer<? super Problem> sink) {
        problemSink = Objects.requireNonNull(sink, "sink");
    }

    /**
     * The problems found before a sink was set with {@link #reportProblemsTo(Consumer)}.
     *
     * @return the problems, in document order
     * @since 0.2
     */
    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    /**
     * Skips the value of a field the reader does not read, and says so when skipping it may lose
     * entries: a {@link Problem.Kind#IGNORED_VALUE} problem goes to the sink when the field's name
     * is a case variant of one in {@code read} ({@code vulnerabilities} where the reader reads
     * {@code Vulnerabilities}), or when it is a container of entries in a format ShelfLife knows
     * ({@link FormatKeys#container(String)}) and holds something ({@code "matches": [ … ]} in a Trivy report).
     * Everything else is skipped silently, as formats add fields in every release.
     *
     * @param name the field's name, with the cursor on its value
     * @param read the names the reader reads at this level
     * @since 0.2
     */
    public void skipUnread(String name, Set<String> read) {
        if (plainKeys.get(name) == read) {
            skip();
            return;
        }
        Optional<String> meant = caseVariant(name, read);
        if (meant.isPresent()) {
            report(
                    Problem.Kind.IGNORED_VALUE,
                    "\"" + name + "\" is not \"" + meant.get()
                            + "\", the key this format has here: its value was not read, and the entries or values it"
                            + " holds are missing");
            skip();
            return;
        }
        Optional<String> container = FormatKeys.container(name);
        if (container.isEmpty()) {
            if (plainKeys.size() < PLAIN_KEYS) {
                plainKeys.put(name, read);
            }
            skip();
            return;
        }
        ReportLocation at = location();
        if (skipAndSayIfFilled()) {
            problemSink.accept(new Problem(
                    Problem.Kind.IGNORED_VALUE,
                    "\"" + name + "\" holds entries that were not read: it is " + container.get()
                            + ", not a key this format has here (if the report is of that format, read it as such)",
                    at));
        }
    }

    /**
     * The key of {@code known} that {@code name} spells in other letter case, if any.
     *
     * @param name a key
     * @param known the keys a reader reads
     * @return the key meant, or empty when {@code name} is one of them or like none
     * @since 0.2
     */
    public static Optional<String> caseVariant(String name, Set<String> known) {
        if (known.contains(name)) {
            return Optional.empty();
        }
        for (String key : known) {
            if (key.equalsIgnoreCase(name)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /** A problem at the current value, to the sink. */
    private void report(Problem.Kind kind, String message) {
        problemSink.accept(new Problem(kind, message, location()));
    }

    /** Called by the key check of {@link JsonReading} when a bound type meets a key it does not know. */
    void misspelled(JsonParser at, String name, String meant) {
        JsonLocation where = at.currentTokenLocation();
        problemSink.accept(new Problem(
                Problem.Kind.IGNORED_VALUE,
                "\"" + name + "\" is not \"" + meant + "\", the key this format has here: its value was not read",
                new ReportLocation(
                        source.name(),
                        Math.max(where.getLineNr(), 0),
                        Math.max(where.getColumnNr(), 0),
                        pointer(at.getParsingContext()))));
    }

    /**
     * Skips the value the cursor is on, leaving the cursor on its last token.
     *
     * @return whether it held anything: an array or object with at least one member, or a scalar
     *     other than {@code null}
     */
    private boolean skipAndSayIfFilled() {
        try {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NULL) {
                return false;
            }
            if (token == null || !token.isStructStart()) {
                return true;
            }
            JsonToken next = parser.nextToken();
            if (next != null && next.isStructEnd()) {
                return false;
            }
            skipRest();
            return true;
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /**
     * Binds the value the cursor is on to a DTO type, leaving the cursor on its last token.
     * {@code null} input binds to {@code null}.
     *
     * @param type the DTO type
     * @param <T> the DTO type
     * @return the DTO, or {@code null} for a JSON {@code null}
     * @throws ReportParseException if the value does not fit the type, with the pointer of the offending value
     */
    public <T> @Nullable T read(Class<T> type) {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (type != lastType) {
            lastReader = readers.computeIfAbsent(type, t -> reading.reader(t).withAttribute(JsonCursor.class, this));
            lastType = type;
        }
        try {
            return lastReader.readValue(parser);
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /**
     * Reads the current scalar as text: strings as they are, numbers and booleans as written.
     *
     * @return the text, or {@code null} for a JSON {@code null}
     * @throws ReportParseException if the value is an object or an array
     */
    public @Nullable String text() {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == null || !token.isScalarValue()) {
            throw failure("expected a string, found " + describe(token));
        }
        try {
            return parser.getText();
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /**
     * Turns an I/O or Jackson failure into a located exception.
     *
     * @param e the failure
     * @return the exception, for the caller to throw
     */
    public ReportParseException translate(IOException e) {
        if (isYaml()) {
            ReportParseException yaml = translateYaml(e);
            if (yaml != null) {
                return yaml;
            }
        }
        if (e instanceof DatabindException mapping) {
            // Binding wraps a failure of the token stream itself (end of input, a limit, bad syntax): report that one.
            if (mapping.getCause() instanceof JsonProcessingException stream
                    && !(stream instanceof DatabindException)) {
                return translate(stream);
            }
            return new ReportParseException(mappingLocation(mapping), mappingProblem(mapping), e);
        }
        if (e instanceof JsonProcessingException processing) {
            ReportLocation at = locationOf(processing.getLocation());
            String message = processing.getOriginalMessage();
            String encoding = processing.getLocation() == null
                    ? null
                    : text.describe(
                            message,
                            processing.getLocation().getByteOffset(),
                            processing.getLocation().getCharOffset());
            if (encoding != null) {
                return new ReportParseException(at, "malformed " + syntax + ": " + encoding, e);
            }
            if (e instanceof StreamConstraintsException) {
                return new ReportParseException(at, "limit exceeded: " + namingTheReadLimit(message), e);
            }
            if (e instanceof InputCoercionException) {
                // Well-formed JSON whose number does not fit the field: 4294967299 for an int.
                return new ReportParseException(at, "unexpected value: " + message, e);
            }
            if (e instanceof JsonEOFException) {
                return new ReportParseException(at, "truncated document: " + message, e);
            }
            return new ReportParseException(
                    at, "malformed " + syntax + ": " + (isYaml() ? firstLine(message) : message), e);
        }
        return new ReportParseException(location(), "cannot read: " + e.getMessage(), e);
    }

    /**
     * What only YAML fails with: a refused feature, ill-formed text the decoder met ahead of the
     * parser, the document size, and SnakeYAML's own errors (its depth limit, its syntax).
     *
     * @return the exception, or {@code null} for a failure JSON's translation names as well
     */
    private ReportParseException translateYaml(IOException e) {
        ReportLocation at =
                e instanceof JsonProcessingException processing ? locationOf(processing.getLocation()) : location();
        if (e instanceof YamlReading.Refused refused) {
            return new ReportParseException(at, "unsupported YAML: " + refused.getOriginalMessage(), e);
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DocumentTooLargeException tooLarge) {
                return new ReportParseException(at, "limit exceeded: " + tooLarge.getMessage(), e);
            }
            if (cause instanceof CharacterCodingException) {
                String invalid = text.firstInvalid();
                return new ReportParseException(
                        at, "malformed YAML: " + (invalid != null ? invalid : "bytes that are not UTF-8"), e);
            }
        }
        String invalid = text.firstInvalid();
        if (invalid != null && e instanceof JsonProcessingException) {
            // UTF-16 and UTF-32 are decoded by StrictText, which hands SnakeYAML a NUL where the text is ill formed.
            return new ReportParseException(at, "malformed YAML: " + invalid, e);
        }
        if (e instanceof JsonProcessingException processing
                && processing.getOriginalMessage() != null
                && processing.getOriginalMessage().startsWith("Nesting Depth exceeded")) {
            return new ReportParseException(
                    at, "limit exceeded: " + firstLine(processing.getOriginalMessage()) + " (ReadLimits.maxDepth)", e);
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String text = message.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline).strip();
    }

    /**
     * Jackson names the limit it enforces after its own getter; the caller set it as a
     * {@link dev.shelflife.spi.ReadLimits} component, so the message names that instead.
     */
    private static String namingTheReadLimit(String message) {
        String named = message;
        for (String[] limit : READ_LIMITS) {
            named = named.replace("from `StreamReadConstraints." + limit[0] + "()`", "ReadLimits." + limit[1]);
        }
        return named;
    }

    private ReportLocation mappingLocation(DatabindException mapping) {
        // The parser's context is still inside the bound value; the mapping path completes it.
        ReportLocation at = locationOf(mapping.getLocation());
        StringBuilder pointer = new StringBuilder();
        if (mapping instanceof JsonMappingException jme) {
            for (JsonMappingException.Reference reference : jme.getPath()) {
                pointer.append('/');
                if (reference.getFieldName() != null) {
                    pointer.append(escape(reference.getFieldName()));
                } else {
                    pointer.append(reference.getIndex());
                }
            }
        }
        return at.withPath(pointer(baseContext(parser.getParsingContext(), mapping)) + pointer);
    }

    private static JsonStreamContext baseContext(JsonStreamContext context, DatabindException mapping) {
        if (!(mapping instanceof JsonMappingException jme)) {
            return context;
        }
        JsonStreamContext base = context;
        // On the first token of an object or array the parser is already inside it, in a context
        // that no path element names yet: the value's own name is one level up.
        if (base != null && !base.hasPathSegment() && base.getParent() != null) {
            base = base.getParent();
        }
        for (int i = 0; i < jme.getPath().size() && base != null && base.getParent() != null; i++) {
            base = base.getParent();
        }
        return base;
    }

    private static String mappingProblem(DatabindException mapping) {
        String message = mapping.getOriginalMessage();
        int newline = message.indexOf('\n');
        return "unexpected value: " + (newline > 0 ? message.substring(0, newline) : message);
    }

    private ReportLocation locationOf(JsonLocation at) {
        JsonLocation where = at != null ? at : parser.currentLocation();
        return new ReportLocation(
                source.name(),
                Math.max(where.getLineNr(), 0),
                Math.max(where.getColumnNr(), 0),
                pointer(parser.getParsingContext()));
    }

    /**
     * The JSON pointer of the value at a parsing context, as Jackson's
     * {@code JsonStreamContext.pathAsPointer()} prints it. Adapters take the location of every
     * entry they read, and Jackson builds a chain of pointer objects only to print this string.
     */
    static String pointer(JsonStreamContext context) {
        JsonStreamContext at = context;
        if (at != null && !at.hasPathSegment()) {
            // On the first token of an object or array, whose own path has no segment yet.
            at = at.getParent();
        }
        StringBuilder pointer = new StringBuilder(64);
        for (; at != null; at = at.getParent()) {
            if (at.inObject()) {
                String name = at.getCurrentName();
                pointer.insert(0, name == null ? "" : escape(name)).insert(0, '/');
            } else if (at.inArray()) {
                pointer.insert(0, at.getCurrentIndex()).insert(0, '/');
            }
        }
        return pointer.toString();
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    /**
     * Names a token for a message, as {@code "expected … , found " + describe(token)} reads it:
     * {@code an object}, {@code an array}, {@code a string}, {@code a number}, {@code a boolean},
     * {@code null}, or {@code end of input} for none.
     *
     * @param token the token, or {@code null} at the end of input
     * @return the token's name in words
     * @since 0.2
     */
    public static String describe(@Nullable JsonToken token) {
        if (token == null) {
            return "end of input";
        }
        return switch (token) {
            case START_OBJECT, END_OBJECT -> "an object";
            case START_ARRAY, END_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonCursor over(ReportSource source, InputStream in, JsonFactory parsers, JsonReading reading)
            throws IOException {
        StrictText text = StrictText.of(Objects.requireNonNull(in, "in"));
        JsonParser parser =
                text.isUtf8() ? parsers.createParser(text.bytes()) : parsers.createParser(text.characters());
        return new JsonCursor(source, parser, reading, text);
    }
}
