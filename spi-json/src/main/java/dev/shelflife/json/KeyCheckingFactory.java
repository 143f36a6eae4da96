package dev.shelflife.json;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.JsonReadContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * A Jackson factory whose parsers refuse a duplicate key as Jackson's
 * {@code STRICT_DUPLICATE_DETECTION} does, with the same exception at the same location
 * ({@code Duplicate field 'x'}, at the parser's position when it has read the key), for less.
 *
 * <p>Jackson checks each object's keys with a {@code HashSet} made anew for every object of three
 * keys or more: a tenth of reading a Trivy or Grype report of tens of thousands of entries. Here
 * each level of nesting keeps one small open-addressing table of the keys of the object it is
 * reading, reused for the next object at that level (a generation stamp per slot empties it
 * without a store), so checking allocates nothing once the first objects have been read. The keys a UTF-8 parser hands over are canonical
 * strings with their hash computed once, so a look-up is a hash, a mask and a comparison. An
 * object whose keys crowd one part of the table (a hostile document of keys chosen to share a
 * hash) moves to a {@link HashSet}, as Jackson's check uses, whose collisions cost a logarithm,
 * never a square; a large table is dropped, not emptied, when its object ends, so one huge object
 * does not make every later one at its level dear.
 *
 * <p>The check covers every key the parser reads: those of the values the cursor walks, binds,
 * and skips alike, since it lives in the parser's own contexts. Only the UTF-8 parser without a
 * byte-order mark, the one every report in practice gets, carries it; any other input (a UTF-8
 * byte-order mark, UTF-16, UTF-32, characters) gets Jackson's parser with Jackson's own check
 * enabled, which behaves the same.
 */
final class KeyCheckingFactory extends com.fasterxml.jackson.core.JsonFactory {

    private static final long serialVersionUID = 1L;

    /** How many bytes Jackson's encoding detection looks at. */
    private static final int DETECTION_BYTES = 4;

    /**
     * A factory built without {@code STRICT_DUPLICATE_DETECTION}: its parsers check keys
     * themselves.
     */
    KeyCheckingFactory(JsonFactoryBuilder builder) {
        super(builder);
    }

    @Override
    protected JsonParser _createParser(InputStream in, IOContext context) throws IOException {
        PushbackInputStream input = new PushbackInputStream(in, DETECTION_BYTES);
        byte[] head = new byte[DETECTION_BYTES];
        int read = 0;
        while (read < DETECTION_BYTES) {
            int n = input.read(head, read, DETECTION_BYTES - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        input.unread(head, 0, read);
        if (!plainUtf8(head, read)) {
            return strict(super._createParser(input, context));
        }
        return new KeyCheckingParser(
                context,
                _parserFeatures,
                input,
                _objectCodec,
                _byteSymbolCanonicalizer.makeChild(_factoryFeatures),
                context.allocReadIOBuffer(),
                0,
                0,
                0,
                true);
    }

    @Override
    protected JsonParser _createParser(byte[] data, int offset, int length, IOContext context) throws IOException {
        return strict(super._createParser(data, offset, length, context));
    }

    @Override
    protected JsonParser _createParser(Reader reader, IOContext context) throws IOException {
        return strict(super._createParser(reader, context));
    }

    @Override
    protected JsonParser _createParser(char[] data, int offset, int length, IOContext context, boolean recyclable)
            throws IOException {
        return strict(super._createParser(data, offset, length, context, recyclable));
    }

    private static JsonParser strict(JsonParser parser) {
        return parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /**
     * Whether Jackson's encoding detection would surely read these first bytes as UTF-8 without a
     * byte-order mark: four bytes, none of them zero (UTF-16 and UTF-32 show a zero in the first
     * four bytes of any JSON document), and none the first byte of a byte-order mark.
     */
    private static boolean plainUtf8(byte[] head, int length) {
        if (length < DETECTION_BYTES) {
            return false;
        }
        for (int i = 0; i < DETECTION_BYTES; i++) {
            if (head[i] == 0) {
                return false;
            }
        }
        int first = head[0] & 0xFF;
        return first != 0xEF && first != 0xFE && first != 0xFF;
    }

    /** Jackson's UTF-8 parser with a root context that checks keys. */
    private static final class KeyCheckingParser extends UTF8StreamJsonParser {
        KeyCheckingParser(
                IOContext context,
                int features,
                InputStream in,
                ObjectCodec codec,
                ByteQuadsCanonicalizer names,
                byte[] buffer,
                int start,
                int end,
                int bytesPreProcessed,
                boolean recyclable) {
            super(context, features, in, codec, names, buffer, start, end, bytesPreProcessed, recyclable);
            _parsingContext = new KeyCheckingContext(null, this, JsonStreamContext.TYPE_ROOT, 1, 0);
        }
    }

    /**
     * A parsing context that refuses a key its object already has. Jackson reuses one child
     * context per level, resetting it for each new object or array; so does this one, and with it
     * its table of keys.
     */
    static final class KeyCheckingContext extends JsonReadContext {
        /** The table's size for a new object: an entry of a scanner report has up to about twenty keys. */
        private static final int INITIAL = 32;
        /** A table larger than this is dropped when its object ends, not emptied. */
        private static final int KEPT = 256;
        /** Probes beyond this many mean colliding hashes: the object moves to a {@link HashSet}. */
        private static final int MAX_PROBES = 8;

        private final JsonParser parser;
        /**
         * The current object's keys, by hash; a slot holds one of them only if its stamp is the
         * current {@link #generation}. Emptying the table for the next object moves to the next
         * generation and stores nothing: clearing the slots one by one cost more than the check
         * itself while the collector marked (every reference overwritten is recorded then).
         */
        private String[] keys;

        private int[] hashes;
        private int[] stamps;
        private int generation = 1;
        private int count;
        private Set<String> crowded;

        KeyCheckingContext(KeyCheckingContext parent, JsonParser parser, int type, int line, int column) {
            super(parent, null, type, line, column);
            this.parser = parser;
        }

        @Override
        public JsonReadContext createChildArrayContext(int line, int column) {
            return child(TYPE_ARRAY, line, column);
        }

        @Override
        public JsonReadContext createChildObjectContext(int line, int column) {
            return child(TYPE_OBJECT, line, column);
        }

        private JsonReadContext child(int type, int line, int column) {
            JsonReadContext child = _child;
            if (child == null) {
                child = new KeyCheckingContext(this, parser, type, line, column);
                _child = child;
            } else {
                child.reset(type, line, column);
            }
            return child;
        }

        @Override
        public void reset(int type, int line, int column) {
            super.reset(type, line, column);
            crowded = null;
            if (count > 0) {
                count = 0;
                if (keys.length > KEPT) {
                    keys = null;
                    hashes = null;
                    stamps = null;
                } else if (++generation == 0) {
                    Arrays.fill(stamps, 0);
                    generation = 1;
                }
            }
        }

        @Override
        public void setCurrentName(String name) throws JsonProcessingException {
            _currentName = name;
            if (!add(name)) {
                // Jackson's own exception and message: located where the parser stands, after the key.
                throw new JsonParseException(parser, "Duplicate field '" + name + "'");
            }
        }

        /** Adds a key of the current object; {@code false} if it has it already. */
        boolean add(String name) {
            if (crowded != null) {
                return crowded.add(name);
            }
            if (keys == null) {
                keys = new String[INITIAL];
                hashes = new int[INITIAL];
                stamps = new int[INITIAL];
            } else if (count * 2 >= keys.length && !grow()) {
                return crowded.add(name);
            }
            int hash = name.hashCode();
            int mask = keys.length - 1;
            int slot = (hash ^ (hash >>> 16)) & mask;
            for (int probes = 0; probes < MAX_PROBES; probes++) {
                if (stamps[slot] != generation) {
                    keys[slot] = name;
                    hashes[slot] = hash;
                    stamps[slot] = generation;
                    count++;
                    return true;
                }
                String key = keys[slot];
                if (hashes[slot] == hash && (key == name || key.equals(name))) {
                    return false;
                }
                slot = (slot + 1) & mask;
            }
            crowd();
            return crowded.add(name);
        }

        /** Doubles the table; {@code false} if its keys crowd the new one too, and moved to a hash set. */
        private boolean grow() {
            int size = keys.length * 2;
            String[] grownKeys = new String[size];
            int[] grownHashes = new int[size];
            int[] grownStamps = new int[size];
            int mask = size - 1;
            for (int i = 0; i < keys.length; i++) {
                if (stamps[i] == generation) {
                    int hash = hashes[i];
                    int slot = (hash ^ (hash >>> 16)) & mask;
                    for (int probes = 0; grownStamps[slot] == generation; probes++) {
                        if (probes == MAX_PROBES) {
                            crowd();
                            return false;
                        }
                        slot = (slot + 1) & mask;
                    }
                    grownKeys[slot] = keys[i];
                    grownHashes[slot] = hash;
                    grownStamps[slot] = generation;
                }
            }
            keys = grownKeys;
            hashes = grownHashes;
            stamps = grownStamps;
            return true;
        }

        /** Moves the current object's keys to a hash set, for keys whose hashes collide. */
        private void crowd() {
            crowded = new HashSet<>();
            for (int i = 0; i < keys.length; i++) {
                if (stamps[i] == generation) {
                    crowded.add(keys[i]);
                }
            }
        }
    }
}
