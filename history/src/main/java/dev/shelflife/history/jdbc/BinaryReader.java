package dev.shelflife.history.jdbc;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads what {@link BinaryWriter} wrote, checking every length against the bytes that are left, so
 * that damaged bytes end in a {@link CorruptRecordException} rather than in a huge allocation or an
 * index out of bounds.
 */
final class BinaryReader {

    private final byte[] bytes;
    private int position;
    private final int end;

    BinaryReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    BinaryReader(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.position = offset;
        this.end = offset + length;
    }

    boolean atEnd() {
        return position == end;
    }

    int position() {
        return position;
    }

    int readByte() {
        if (position >= end) {
            throw new CorruptRecordException("ends too early");
        }
        return bytes[position++] & 0xFF;
    }

    boolean readBoolean() {
        int value = readByte();
        if (value > 1) {
            throw new CorruptRecordException("a flag of " + value);
        }
        return value == 1;
    }

    long readUnsigned() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new CorruptRecordException("a number longer than 64 bits");
    }

    long readSigned() {
        long raw = readUnsigned();
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** A count of items that each take at least one byte, so it cannot exceed the bytes left. */
    int readCount() {
        long count = readUnsigned();
        if (count > end - position) {
            throw new CorruptRecordException("a count of " + count + " with " + (end - position) + " bytes left");
        }
        return (int) count;
    }

    int readInt() {
        long value = readUnsigned();
        if (value > Integer.MAX_VALUE) {
            throw new CorruptRecordException("a number out of range: " + value);
        }
        return (int) value;
    }

    double readDouble() {
        if (end - position < 8) {
            throw new CorruptRecordException("ends too early");
        }
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (bytes[position++] & 0xFF);
        }
        return Double.longBitsToDouble(bits);
    }

    String readString() {
        int length = readCount();
        // ASCII, nearly every string of a report: one byte a character, copied as it is.
        int stop = position + length;
        int ascii = position;
        while (ascii < stop && bytes[ascii] >= 0) {
            ascii++;
        }
        if (ascii == stop) {
            String text = new String(bytes, position, length, StandardCharsets.ISO_8859_1);
            position = stop;
            return text;
        }
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            int a = readByte();
            if (a < 0x80) {
                chars[i] = (char) a;
            } else if ((a & 0xE0) == 0xC0) {
                chars[i] = (char) (((a & 0x1F) << 6) | continuation());
            } else if ((a & 0xF0) == 0xE0) {
                int b = continuation();
                chars[i] = (char) (((a & 0x0F) << 12) | (b << 6) | continuation());
            } else {
                throw new CorruptRecordException("a malformed string");
            }
        }
        return new String(chars);
    }

    private int continuation() {
        int b = readByte();
        if ((b & 0xC0) != 0x80) {
            throw new CorruptRecordException("a malformed string");
        }
        return b & 0x3F;
    }

    Optional<String> readOptionalString() {
        return readBoolean() ? Optional.of(readString()) : Optional.empty();
    }

    List<String> readStrings() {
        int count = readCount();
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(readString());
        }
        return values;
    }

    Instant readInstant() {
        long seconds = readSigned();
        long nanos = readUnsigned();
        try {
            return Instant.ofEpochSecond(seconds, nanos);
        } catch (DateTimeException | ArithmeticException e) {
            throw new CorruptRecordException("an instant out of range");
        }
    }

    Optional<Instant> readOptionalInstant() {
        return readBoolean() ? Optional.of(readInstant()) : Optional.empty();
    }

    Optional<LocalDate> readOptionalDate() {
        if (!readBoolean()) {
            return Optional.empty();
        }
        long day = readSigned();
        try {
            return Optional.of(LocalDate.ofEpochDay(day));
        } catch (DateTimeException e) {
            throw new CorruptRecordException("a date out of range");
        }
    }
}
