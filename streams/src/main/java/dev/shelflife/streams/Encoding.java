package dev.shelflife.streams;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * The binary plumbing of the state's values: length-prefixed UTF-8 strings, optional values behind a
 * presence byte, instants as seconds and nanoseconds. Every value starts with a format byte of its
 * own, so that a later version can read what this one wrote, and refuses a format it does not know.
 */
final class Encoding {

    private Encoding() {}

    /** Writes a value. */
    static final class Writer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        private final DataOutputStream out = new DataOutputStream(bytes);

        Writer(int format) {
            writeByte(format);
        }

        Writer writeByte(int value) {
            try {
                out.writeByte(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Writer writeInt(int value) {
            try {
                out.writeInt(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Writer writeLong(long value) {
            try {
                out.writeLong(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Writer writeBytes(byte[] value) {
            writeInt(value.length);
            try {
                out.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Writer writeString(String value) {
            return writeBytes(value.getBytes(StandardCharsets.UTF_8));
        }

        Writer writeOptional(Optional<String> value) {
            writeByte(value.isPresent() ? 1 : 0);
            value.ifPresent(this::writeString);
            return this;
        }

        Writer writeInstant(Instant value) {
            writeLong(value.getEpochSecond());
            return writeInt(value.getNano());
        }

        Writer writeOptionalInstant(Optional<Instant> value) {
            writeByte(value.isPresent() ? 1 : 0);
            value.ifPresent(this::writeInstant);
            return this;
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }

    /**
     * Reads a value; damaged bytes end in an {@link IllegalStateException} naming what was read.
     * Reads the array in place: a string is made straight from its bytes, with no copy between.
     */
    static final class Reader {
        private final byte[] bytes;
        private final String what;
        private int position;

        Reader(byte[] bytes, int format, String what) {
            this(bytes, what);
            int found = bytes.length == 0 ? -1 : bytes[0] & 0xff;
            if (found != format) {
                throw new IllegalStateException(what + " in format " + found + ", and this ShelfLife reads format "
                        + format + ": was it written by a newer version?");
            }
            position = 1;
        }

        private Reader(byte[] bytes, String what) {
            this.bytes = bytes;
            this.what = what;
        }

        private void need(int count) {
            if (count < 0 || count > bytes.length - position) {
                throw new IllegalStateException(
                        what + " is damaged: " + count + " bytes wanted at " + position + " of " + bytes.length);
            }
        }

        int readByte() {
            need(1);
            return bytes[position++] & 0xff;
        }

        int readInt() {
            need(4);
            int value = ((bytes[position] & 0xff) << 24)
                    | ((bytes[position + 1] & 0xff) << 16)
                    | ((bytes[position + 2] & 0xff) << 8)
                    | (bytes[position + 3] & 0xff);
            position += 4;
            return value;
        }

        long readLong() {
            long high = readInt() & 0xffffffffL;
            return (high << 32) | (readInt() & 0xffffffffL);
        }

        private int length() {
            int length = readInt();
            if (length < 0 || length > bytes.length - position) {
                throw new IllegalStateException(what + " is damaged: a length of " + length);
            }
            return length;
        }

        byte[] readBytes() {
            int length = length();
            byte[] value = java.util.Arrays.copyOfRange(bytes, position, position + length);
            position += length;
            return value;
        }

        String readString() {
            int length = length();
            String value = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return value;
        }

        Optional<String> readOptional() {
            return readByte() == 1 ? Optional.of(readString()) : Optional.empty();
        }

        Instant readInstant() {
            long seconds = readLong();
            return Instant.ofEpochSecond(seconds, readInt());
        }

        Optional<Instant> readOptionalInstant() {
            return readByte() == 1 ? Optional.of(readInstant()) : Optional.empty();
        }
    }
}
