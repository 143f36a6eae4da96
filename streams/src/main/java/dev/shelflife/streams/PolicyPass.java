package dev.shelflife.streams;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A change of policy that has not yet judged every image of a task: the images are brought under
 * the new policy one after another, in the order of their keys, a budget at a time, so that no
 * transaction holds more than a budget of work. Until the pass reaches an image, the image stays
 * under the policy it was last judged under.
 *
 * <p>A policy that comes while a pass is under way starts a new layer, whose pass starts from the
 * first image again: an image is under the policy of the newest layer that has reached it (its key
 * at or before the layer's cursor, or brought ahead of the cursor by an event), else under the
 * policy in force before the first layer (the base).
 *
 * @param base the document in force before the first layer ({@code empty} for the built-in default)
 * @param layers the changes of policy since, oldest first; the last is the one whose pass goes on
 */
record PolicyPass(Optional<byte[]> base, List<Layer> layers) {

    private static final int FORMAT = 1;

    PolicyPass {
        Objects.requireNonNull(base, "base");
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a pass has at least one layer");
        }
    }

    /**
     * One change of policy.
     *
     * @param generation its number, unique within the pass (its marks are filed under it)
     * @param document the policy document ({@code empty} for the built-in default)
     * @param cursor the key of the last image its pass reached ({@code ""} for none); the newest
     *     layer's moves on, and is kept apart ({@link #CURSOR_KEY}), the older layers' are frozen
     */
    record Layer(long generation, Optional<byte[]> document, String cursor) {
        Layer {
            Objects.requireNonNull(document, "document");
            Objects.requireNonNull(cursor, "cursor");
        }

        /** Whether the layer's pass has reached an image: its key is at or before the cursor. */
        boolean reached(String imageKey) {
            return !cursor.isEmpty() && compare(imageKey, cursor) <= 0;
        }
    }

    /** The key of the policy store that holds the pass. */
    static final String KEY = "pass";

    /** The key of the policy store that holds the newest layer's cursor, written at every step. */
    static final String CURSOR_KEY = "pass-cursor";

    /** The prefix of the keys that mark an image brought under a layer ahead of its cursor. */
    static final String MARK_PREFIX = "pass-ahead\u0000";

    static String mark(long generation, String imageKey) {
        return MARK_PREFIX + generation + "\u0000" + imageKey;
    }

    Layer newest() {
        return layers.get(layers.size() - 1);
    }

    /** The pass with one more layer, the current one's cursor frozen where it is. */
    PolicyPass with(Optional<byte[]> document, String currentCursor) {
        List<Layer> all = new ArrayList<>(layers);
        Layer last = all.remove(all.size() - 1);
        all.add(new Layer(last.generation(), last.document(), currentCursor));
        all.add(new Layer(last.generation() + 1, document, ""));
        return new PolicyPass(base, all);
    }

    /** Orders image keys as the store does: by their UTF-8 bytes, unsigned. */
    static int compare(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    byte[] encode() {
        Encoding.Writer out = new Encoding.Writer(FORMAT);
        optionalBytes(out, base);
        out.writeInt(layers.size());
        for (Layer layer : layers) {
            out.writeLong(layer.generation());
            optionalBytes(out, layer.document());
            out.writeString(layer.cursor());
        }
        return out.toByteArray();
    }

    static PolicyPass decode(byte[] bytes) {
        Encoding.Reader in = new Encoding.Reader(bytes, FORMAT, "a pass of a new policy");
        Optional<byte[]> base = optionalBytes(in);
        int count = in.readInt();
        if (count <= 0 || count > 1 << 16) {
            throw new IllegalStateException("a pass of a new policy is damaged: " + count + " layers");
        }
        List<Layer> layers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long generation = in.readLong();
            Optional<byte[]> document = optionalBytes(in);
            layers.add(new Layer(generation, document, in.readString()));
        }
        return new PolicyPass(base, layers);
    }

    private static void optionalBytes(Encoding.Writer out, Optional<byte[]> value) {
        out.writeByte(value.isPresent() ? 1 : 0);
        value.ifPresent(out::writeBytes);
    }

    private static Optional<byte[]> optionalBytes(Encoding.Reader in) {
        return in.readByte() == 1 ? Optional.of(in.readBytes()) : Optional.empty();
    }
}
