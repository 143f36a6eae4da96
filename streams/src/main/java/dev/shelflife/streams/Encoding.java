package dev.shelflife.streams;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
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

    /** Reads a value; damaged bytes end in an {@link IllegalStateException} naming what was read. */
    static final class Reader {
        private final DataInputStream in;
        private final String what;

        Reader(byte[] bytes, int format, String what) {
            this.in = new DataInputStream(new ByteArrayInputStream(bytes));
            this.what = what;
            int found = readByte();
            if (found != format) {
                throw new IllegalStateException(what + " in format " + found + ", and this ShelfLife reads format "
                        + format + ": was it written by a newer version?");
            }
        }

        int readByte() {
            try {
                return in.readUnsignedByte();
            } catch (IOException e) {
                throw damaged(e);
            }
        }

        int readInt() {
            try {
                return in.readInt();
            } catch (IOException e) {
                throw damaged(e);
            }
        }

        long readLong() {
            try {
                return in.readLong();
            } catch (IOException e) {
                throw damaged(e);
            }
        }

        byte[] readBytes() {
            int length = readInt();
            try {
                if (length < 0 || length > in.available()) {
                    throw new IllegalStateException(what + " is damaged: a length of " + length);
                }
                return in.readNBytes(length);
            } catch (IOException e) {
                throw damaged(e);
            }
        }

        String readString() {
            return new String(readBytes(), StandardCharsets.UTF_8);
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

        private IllegalStateException damaged(IOException e) {
            return new IllegalStateException(what + " is damaged: " + e, e);
        }
    }
}
