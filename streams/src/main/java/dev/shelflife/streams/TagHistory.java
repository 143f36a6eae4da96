package dev.shelflife.streams;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where one tag pointed, and since when, as the history store keeps tag observations: a tag seen on
 * a new digest starts an observation whose first sighting is when it moved as far as anyone knows;
 * seen again on the same digest, the observation's last sighting moves on. Observations that come
 * out of order fall into place. The latest {@value #KEPT} observations are kept.
 */
final class TagHistory {

    private static final int FORMAT = 1;
    static final int KEPT = 64;

    /** A tag seen on one digest, from its first sighting to its last. */
    record Observation(String digest, Instant firstSeen, Instant lastSeen, String observedBy) {}

    private final List<Observation> observations;

    private TagHistory(List<Observation> observations) {
        this.observations = observations;
    }

    static TagHistory empty() {
        return new TagHistory(new ArrayList<>());
    }

    /**
     * Records an observation.
     *
     * @return whether where the tag points changed at some instant (a new or moved observation),
     *     rather than only a later last sighting
     */
    boolean observe(String digest, Instant at, String by) {
        Optional<Observation> current = at(at);
        if (current.isPresent() && current.get().digest().equals(digest)) {
            Observation known = current.get();
            if (at.isAfter(known.lastSeen())) {
                observations.set(
                        observations.indexOf(known),
                        new Observation(digest, known.firstSeen(), at, known.observedBy()));
            }
            return false;
        }
        Optional<Observation> next = observations.stream()
                .filter(o -> o.firstSeen().isAfter(at))
                .min(Comparator.comparing(Observation::firstSeen));
        if (next.isPresent() && next.get().digest().equals(digest)) {
            Observation moved = next.get();
            observations.set(observations.indexOf(moved), new Observation(digest, at, moved.lastSeen(), by));
        } else {
            observations.add(new Observation(digest, at, at, by));
        }
        observations.sort(Comparator.comparing(Observation::firstSeen));
        while (observations.size() > KEPT) {
            observations.remove(0);
        }
        return true;
    }

    /** The observation in force at an instant: the latest first seen by then. */
    Optional<Observation> at(Instant at) {
        Observation found = null;
        for (Observation observation : observations) {
            if (!observation.firstSeen().isAfter(at)) {
                found = observation;
            }
        }
        return Optional.ofNullable(found);
    }

    byte[] encode() {
        Encoding.Writer out = new Encoding.Writer(FORMAT).writeInt(observations.size());
        for (Observation o : observations) {
            out.writeString(o.digest())
                    .writeInstant(o.firstSeen())
                    .writeInstant(o.lastSeen())
                    .writeString(o.observedBy());
        }
        return out.toByteArray();
    }

    static TagHistory decode(byte[] bytes) {
        Encoding.Reader in = new Encoding.Reader(bytes, FORMAT, "the history of a tag");
        int count = in.readInt();
        List<Observation> observations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            observations.add(new Observation(in.readString(), in.readInstant(), in.readInstant(), in.readString()));
        }
        return new TagHistory(observations);
    }
}
