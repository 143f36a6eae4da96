package dev.shelflife.streams;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.utils.Bytes;

/**
 * The keys of the index of wake-ups: the instant first, so that the store's byte order is the order
 * of time, then the stage's key. The instant is its epoch second with the sign bit flipped (so that
 * unsigned byte order is numeric order, before 1970 too) and its nanoseconds, both big-endian.
 */
final class WakeUps {

    private static final int INSTANT_BYTES = 12;

    private WakeUps() {}

    static Bytes key(Instant at, String stageKey) {
        byte[] suffix = stageKey.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(INSTANT_BYTES + suffix.length);
        buffer.putLong(at.getEpochSecond() ^ Long.MIN_VALUE);
        buffer.putInt(at.getNano());
        buffer.put(suffix);
        return Bytes.wrap(buffer.array());
    }

    static Instant instant(Bytes key) {
        ByteBuffer buffer = ByteBuffer.wrap(key.get());
        long seconds = buffer.getLong() ^ Long.MIN_VALUE;
        return Instant.ofEpochSecond(seconds, buffer.getInt());
    }

    static String stageKey(Bytes key) {
        byte[] bytes = key.get();
        return new String(bytes, INSTANT_BYTES, bytes.length - INSTANT_BYTES, StandardCharsets.UTF_8);
    }
}
