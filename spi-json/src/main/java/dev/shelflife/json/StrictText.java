package dev.shelflife.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Locale;

/**
 * The bytes of a JSON document, checked to be well-formed Unicode before Jackson decodes them.
 *
 * <p>Jackson's UTF-8 decoder accepts overlong forms ({@code C0 AF} is read as {@code /},
 * {@code C0 80} as NUL) and code points above U+10FFFF ({@code F4 90 80 80}, lead bytes
 * {@code F5}..{@code F7}), so a package name could smuggle a quote or a NUL past every check of
 * the text. The encoding is settled here the way Jackson settles it (a byte-order mark, else the
 * pattern of zero bytes in the first four, else UTF-8), and then:
 *
 * <ul>
 *   <li>UTF-8 is validated byte by byte against the well-formed sequences of the Unicode
 *       standard (table 3-7), eight ASCII bytes at a time, and handed to Jackson's fast byte
 *       parser. The lead byte of the first ill-formed sequence is replaced with {@code FF}, which
 *       no UTF-8 has and Jackson refuses where it stands: so the error carries Jackson's line,
 *       column and JSON pointer, and {@link #describe} says what the bytes really were.</li>
 *   <li>UTF-16 and UTF-32 are decoded here, strictly, into characters for Jackson's character
 *       parser: an unpaired surrogate, a code point above U+10FFFF or a cut code unit becomes a
 *       NUL character, which JSON refuses unescaped where it stands, with the same effect.</li>
 * </ul>
 *
 * One instance per read; not thread-safe.
 */
final class StrictText {

    /** The byte that marks an ill-formed UTF-8 sequence for Jackson: no UTF-8 has it. */
    private static final byte NOT_UTF8 = (byte) 0xFF;
    /** The character that marks an ill-formed UTF-16 or UTF-32 unit for Jackson: JSON refuses it unescaped. */
    private static final char NOT_TEXT = '\u0000';

    private static final int BUFFER = 64 * 1024;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** The encodings a JSON document may come in. */
    enum Encoding {
        UTF_8("UTF-8", 1),
        UTF_16BE("UTF-16", 2),
        UTF_16LE("UTF-16", 2),
        UTF_32BE("UTF-32", 4),
        UTF_32LE("UTF-32", 4),
        /** UTF-32 in byte order 2143 or 3412, which Jackson names and no one writes: refused as its first character. */
        UTF_32_UNUSUAL("UTF-32", 4);

        private final String family;
        private final int unit;

        Encoding(String family, int unit) {
            this.family = family;
            this.unit = unit;
        }

        boolean bigEndian() {
            return this == UTF_16BE || this == UTF_32BE;
        }
    }

    private final Encoding encoding;
    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER];
    /** The document offset of {@code buffer[0]}: in bytes for UTF-8, in characters handed out otherwise. */
    private long bufferOffset;

    private int start;
    private int ready;
    private int end;
    private boolean endOfInput;

    /** The first ill-formed sequence: where (a byte offset, or a character offset), and what. */
    private long invalidAt = -1;

    private String invalid;

    private StrictText(Encoding encoding, InputStream in, byte[] first, int firstLength) {
        this.encoding = encoding;
        this.in = in;
        System.arraycopy(first, 0, buffer, 0, firstLength);
        end = firstLength;
    }

    /**
     * Reads the first bytes of a document to settle its encoding.
     *
     * @param in the document from its first byte; the result reads it, and closing it closes {@code in}
     * @return the checked document
     * @throws IOException if the stream fails
     */
    static StrictText of(InputStream in) throws IOException {
        byte[] first = new byte[4];
        int length = 0;
        while (length < first.length) {
            int n = in.read(first, length, first.length - length);
            if (n < 0) {
                break;
            }
            length += n;
        }
        Encoding encoding = encoding(first, length);
        StrictText text = new StrictText(encoding, in, first, length);
        if (encoding == Encoding.UTF_32_UNUSUAL) {
            text.invalid(0, "a byte order no one writes (" + hex(first, 0, length) + ")");
        }
        text.skipByteOrderMark();
        return text;
    }

    /** The encoding Jackson would pick for the same bytes (its {@code ByteSourceJsonBootstrapper}). */
    private static Encoding encoding(byte[] b, int length) {
        if (length >= 4) {
            int quad = (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
            if (quad == 0x0000FEFF || quad != 0 && quad >>> 8 == 0) {
                return Encoding.UTF_32BE;
            }
            if (quad == 0xFFFE0000 || quad != 0 && (quad & 0x00FFFFFF) == 0) {
                return Encoding.UTF_32LE;
            }
            if (quad == 0x0000FFFE
                    || quad == 0xFEFF0000
                    || quad != 0 && ((quad & ~0x00FF0000) == 0 || (quad & ~0x0000FF00) == 0)) {
                return Encoding.UTF_32_UNUSUAL;
            }
        }
        if (length >= 2) {
            int pair = (b[0] & 0xFF) << 8 | (b[1] & 0xFF);
            if (pair == 0xFEFF || pair != 0 && (pair & 0xFF00) == 0) {
                return Encoding.UTF_16BE;
            }
            if (pair == 0xFFFE || pair != 0 && (pair & 0x00FF) == 0) {
                return Encoding.UTF_16LE;
            }
        }
        return Encoding.UTF_8;
    }

    /** A UTF-16 or UTF-32 byte-order mark is not text; Jackson skips UTF-8's itself. */
    private void skipByteOrderMark() {
        int mark = encoding.unit;
        if (encoding == Encoding.UTF_8 || encoding == Encoding.UTF_32_UNUSUAL || end < mark) {
            return;
        }
        long unit = unit(0);
        if (unit == 0xFEFF) {
            start = mark;
        }
    }

    /**
     * Whether Jackson reads the document as bytes ({@link #bytes()}) or as characters ({@link #characters()}).
     *
     * @return {@code true} for UTF-8
     */
    boolean isUtf8() {
        return encoding == Encoding.UTF_8;
    }

    /**
     * The document as validated UTF-8 bytes.
     *
     * @return the stream; closing it closes the source's
     */
    InputStream bytes() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] target, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                while (start == ready) {
                    if (!fillUtf8()) {
                        return -1;
                    }
                }
                int n = Math.min(length, ready - start);
                System.arraycopy(buffer, start, target, offset, n);
                start += n;
                return n;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    /**
     * The document as characters, decoded strictly from UTF-16 or UTF-32.
     *
     * @return the reader; closing it closes the source's stream
     */
    Reader characters() {
        return new Reader() {
            private int pendingLow = -1;

            @Override
            public int read(char[] target, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                if (encoding == Encoding.UTF_32_UNUSUAL) {
                    if (start == end) {
                        return -1;
                    }
                    start = end;
                    target[offset] = NOT_TEXT;
                    return 1;
                }
                int n = 0;
                if (pendingLow >= 0) {
                    target[offset + n++] = (char) pendingLow;
                    pendingLow = -1;
                }
                while (n < length) {
                    if (end - start < encoding.unit && !fillUnits()) {
                        break;
                    }
                    if (end - start < encoding.unit) {
                        // A document cut inside its last code unit.
                        invalid(
                                bufferOffset + n,
                                "an incomplete code unit at the end (" + hex(buffer, start, end - start) + ")");
                        start = end;
                        target[offset + n++] = NOT_TEXT;
                        break;
                    }
                    int c = decode(n);
                    if (c >= Character.MIN_SUPPLEMENTARY_CODE_POINT) {
                        target[offset + n++] = Character.highSurrogate(c);
                        if (n == length) {
                            pendingLow = Character.lowSurrogate(c);
                            break;
                        }
                        target[offset + n++] = Character.lowSurrogate(c);
                    } else {
                        target[offset + n++] = (char) c;
                    }
                }
                bufferOffset += n;
                return n == 0 ? -1 : n;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    /**
     * What the first ill-formed sequence was, for a reader that cannot say where the decoder met it
     * (YAML's, whose decoder reads ahead of the parser).
     *
     * @return {@code Invalid UTF-8: …} or {@code Invalid UTF-16: …}, or {@code null} when the text is well formed so far
     */
    String firstInvalid() {
        return invalid == null ? null : "Invalid " + encoding.family + ": " + invalid;
    }

    /**
     * Says what an ill-formed sequence was, if Jackson's error is about the first one: Jackson
     * cannot fail on the text before it, which is well formed, so an error about the encoding at
     * or after it is about it, as is any error right on it.
     *
     * @param message Jackson's message
     * @param byteOffset the byte offset Jackson reports for UTF-8, or -1
     * @param charOffset the character offset Jackson reports for UTF-16 and UTF-32, or -1
     * @return {@code Invalid UTF-8: …} or {@code Invalid UTF-16: …}, or {@code null} when the
     *     error is not about the first ill-formed sequence
     */
    String describe(String message, long byteOffset, long charOffset) {
        if (invalid == null) {
            return null;
        }
        long at = isUtf8() ? byteOffset : charOffset;
        boolean aboutEncoding =
                message != null && (message.startsWith("Invalid UTF-8") || message.contains("(CTRL-CHAR, code 0)"));
        // Jackson reports where it stood after reading the marker: a few units on, or at the end of a key.
        if (at < invalidAt || !aboutEncoding && at > invalidAt + 4) {
            return null;
        }
        return "Invalid " + encoding.family + ": " + invalid;
    }

    // ---- UTF-8

    /** Reads more bytes and validates them; an incomplete sequence at the end waits for the next read. */
    private boolean fillUtf8() throws IOException {
        if (endOfInput) {
            return false;
        }
        int tail = end - ready;
        System.arraycopy(buffer, ready, buffer, 0, tail);
        bufferOffset += ready;
        start = 0;
        ready = 0;
        end = tail;
        int n = end < buffer.length ? in.read(buffer, end, buffer.length - end) : 0;
        if (n < 0) {
            endOfInput = true;
        } else {
            end += n;
        }
        ready = validateUtf8(start, end, endOfInput);
        return ready > start || !endOfInput;
    }

    /**
     * Validates {@code buffer[from, to)}, marking each ill-formed sequence's first byte.
     *
     * @return where an incomplete sequence at the end starts (it waits for more bytes), else {@code to}
     */
    private int validateUtf8(int from, int to, boolean last) {
        int i = from;
        while (i < to) {
            while (i + 8 <= to && ((long) LONGS.get(buffer, i) & HIGH_BITS) == 0) {
                i += 8;
            }
            if (i == to) {
                break;
            }
            int lead = buffer[i] & 0xFF;
            if (lead < 0x80) {
                i++;
                continue;
            }
            int length = sequenceLength(lead);
            if (length == 0) {
                mark(
                        i,
                        shownLength(i, to),
                        lead < 0xC0 ? "a continuation byte without a lead byte" : describeLead(lead));
                i++;
                continue;
            }
            int available = Math.min(length, to - i);
            int bad = firstBadContinuation(lead, i, available);
            if (bad < available) {
                boolean continuation = (buffer[i + bad] & 0xC0) == 0x80;
                mark(i, continuation ? shownLength(i, to) : bad + 1, describeSequence(lead, i, bad));
                i++;
                continue;
            }
            if (available < length) {
                if (!last) {
                    return i;
                }
                mark(i, available, "an incomplete sequence at the end of the document");
                i += available;
                continue;
            }
            i += length;
        }
        return to;
    }

    /**
     * How many bytes to show of an ill-formed sequence: its first byte and the continuation bytes
     * that follow it, as many as its first byte's high bits announce.
     */
    private int shownLength(int at, int to) {
        int first = buffer[at] & 0xFF;
        int announced =
                first >= 0xFC ? 6 : first >= 0xF8 ? 5 : first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1;
        int length = 1;
        while (length < announced && at + length < to && (buffer[at + length] & 0xC0) == 0x80) {
            length++;
        }
        return length;
    }

    /** The length of the sequence a lead byte starts, or 0 for a byte that starts none. */
    private static int sequenceLength(int lead) {
        if (lead >= 0xC2 && lead <= 0xDF) {
            return 2;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            return 3;
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            return 4;
        }
        return 0;
    }

    /**
     * The index, within the sequence, of the first byte that is not the continuation it must be;
     * {@code available} if all present are.
     */
    private int firstBadContinuation(int lead, int at, int available) {
        for (int k = 1; k < available; k++) {
            int b = buffer[at + k] & 0xFF;
            int min = 0x80;
            int max = 0xBF;
            if (k == 1) {
                // The second byte narrows the range: no overlong forms, no surrogates, nothing above U+10FFFF.
                switch (lead) {
                    case 0xE0 -> min = 0xA0;
                    case 0xED -> max = 0x9F;
                    case 0xF0 -> min = 0x90;
                    case 0xF4 -> max = 0x8F;
                    default -> {}
                }
            }
            if (b < min || b > max) {
                return k;
            }
        }
        return available;
    }

    private String describeSequence(int lead, int at, int bad) {
        int second = buffer[at + 1] & 0xFF;
        if (bad == 1 && (second & 0xC0) == 0x80) {
            if (lead == 0xE0 || lead == 0xF0) {
                return "an overlong encoding";
            }
            if (lead == 0xED) {
                return "a UTF-16 surrogate encoded in UTF-8";
            }
            return "a code point above U+10FFFF";
        }
        return "an incomplete sequence";
    }

    private static String describeLead(int lead) {
        if (lead == 0xC0 || lead == 0xC1) {
            return "an overlong encoding";
        }
        if (lead <= 0xF7) {
            return "a code point above U+10FFFF";
        }
        return "a byte that no UTF-8 has";
    }

    private void mark(int at, int length, String what) {
        if (invalid == null) {
            invalidAt = bufferOffset + at;
            invalid = what + " (" + hex(buffer, at, length) + ") at byte " + invalidAt;
        }
        buffer[at] = NOT_UTF8;
    }

    // ---- UTF-16 and UTF-32

    /** Makes at least one code unit available, or reports the end of input. */
    private boolean fillUnits() throws IOException {
        if (endOfInput) {
            return end > start;
        }
        int tail = end - start;
        System.arraycopy(buffer, start, buffer, 0, tail);
        start = 0;
        end = tail;
        while (end - start < 2 * encoding.unit && !endOfInput) {
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                endOfInput = true;
            } else {
                end += n;
            }
        }
        return end > start;
    }

    /** Decodes one code point, or marks what stands there and gives a NUL instead. */
    private int decode(int produced) throws IOException {
        long unit = unit(start);
        start += encoding.unit;
        long at = bufferOffset + produced;
        if (encoding.unit == 4) {
            if (unit > Character.MAX_CODE_POINT || Character.isSurrogate((char) unit) && unit <= 0xFFFF) {
                invalid(
                        at,
                        unit > Character.MAX_CODE_POINT
                                ? "a code point above U+10FFFF (" + String.format(Locale.ROOT, "%08X", unit) + ")"
                                : "a surrogate code point (" + String.format(Locale.ROOT, "%04X", unit) + ")");
                return NOT_TEXT;
            }
            return (int) unit;
        }
        char c = (char) unit;
        if (Character.isLowSurrogate(c)) {
            invalid(at, "an unpaired low surrogate (" + String.format(Locale.ROOT, "%04X", unit) + ")");
            return NOT_TEXT;
        }
        if (!Character.isHighSurrogate(c)) {
            return c;
        }
        if (end - start < 2 && !fillUnits() || end - start < 2) {
            invalid(at, "an unpaired high surrogate (" + String.format(Locale.ROOT, "%04X", unit) + ") at the end");
            return NOT_TEXT;
        }
        char low = (char) unit(start);
        if (!Character.isLowSurrogate(low)) {
            invalid(at, "an unpaired high surrogate (" + String.format(Locale.ROOT, "%04X", unit) + ")");
            return NOT_TEXT;
        }
        start += 2;
        return Character.toCodePoint(c, low);
    }

    private long unit(int at) {
        long value = 0;
        for (int k = 0; k < encoding.unit; k++) {
            int b = buffer[at + (encoding.bigEndian() ? k : encoding.unit - 1 - k)] & 0xFF;
            value = value << 8 | b;
        }
        return value;
    }

    private void invalid(long at, String what) {
        if (invalid == null) {
            invalidAt = at;
            invalid = what + " at character " + at;
        }
    }

    private static String hex(byte[] bytes, int from, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < from + length; i++) {
            if (i > from) {
                text.append(' ');
            }
            text.append(String.format(Locale.ROOT, "%02X", bytes[i] & 0xFF));
        }
        return text.toString();
    }
}
