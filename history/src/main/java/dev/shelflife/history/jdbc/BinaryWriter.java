package dev.shelflife.history.jdbc;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The primitives of the record codec, written into a growing byte array: unsigned and zig-zag
 * variable-length integers, strings and optional values. Strings are written as Java's modified
 * UTF-8 without its length limit, one to three bytes per UTF-16 unit, so that every string, a lone
 * surrogate from a JSON escape included, reads back exactly.
 */
final class BinaryWriter {

    private byte[] bytes;
    private int size;

    BinaryWriter(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    int size() {
        return size;
    }

    void reset() {
        size = 0;
    }

    /** The bytes written so far, without copying: valid until the next write. */
    byte[] buffer() {
        return bytes;
    }

    void writeByte(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    void writeBytes(byte[] value, int offset, int length) {
        ensure(length);
        System.arraycopy(value, offset, bytes, size, length);
        size += length;
    }

    void writeBoolean(boolean value) {
        writeByte(value ? 1 : 0);
    }

    /** An unsigned variable-length integer: seven bits a byte, the high bit set on every byte but the last. */
    void writeUnsigned(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
    }

    /** A signed variable-length integer, zig-zag encoded so that small negative numbers stay short. */
    void writeSigned(long value) {
        writeUnsigned((value << 1) ^ (value >> 63));
    }

    void writeDouble(double value) {
        long bits = Double.doubleToRawLongBits(value);
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (bits >>> shift);
        }
    }

    void writeString(String value) {
        int length = value.length();
        writeUnsigned(length);
        ensure(length * 3);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x0001 && c <= 0x007F) {
                bytes[size++] = (byte) c;
            } else if (c <= 0x07FF) {
                bytes[size++] = (byte) (0xC0 | ((c >> 6) & 0x1F));
                bytes[size++] = (byte) (0x80 | (c & 0x3F));
            } else {
                bytes[size++] = (byte) (0xE0 | ((c >> 12) & 0x0F));
                bytes[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                bytes[size++] = (byte) (0x80 | (c & 0x3F));
            }
        }
    }

    void writeOptionalString(Optional<String> value) {
        writeBoolean(value.isPresent());
        value.ifPresent(this::writeString);
    }

    void writeStrings(List<String> values) {
        writeUnsigned(values.size());
        for (String value : values) {
            writeString(value);
        }
    }

    void writeInstant(Instant value) {
        writeSigned(value.getEpochSecond());
        writeUnsigned(value.getNano());
    }

    void writeOptionalInstant(Optional<Instant> value) {
        writeBoolean(value.isPresent());
        value.ifPresent(this::writeInstant);
    }

    void writeOptionalDate(Optional<LocalDate> value) {
        writeBoolean(value.isPresent());
        value.ifPresent(day -> writeSigned(day.toEpochDay()));
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            long wanted = Math.max((long) bytes.length * 2, (long) size + more);
            if (wanted > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("a record cannot be larger than 2 GiB");
            }
            bytes = Arrays.copyOf(bytes, (int) wanted);
        }
    }
}
