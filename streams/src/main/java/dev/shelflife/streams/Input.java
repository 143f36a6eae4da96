package dev.shelflife.streams;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What reaches the evaluator, read and checked: a piece of evidence about an image, the retirement
 * of an image or a lineage, a tag observation, a policy, or what could not be read. One type for the
 * three internal topics that feed the evaluator, so that one serde writes them all.
 */
sealed interface Input {

    /**
     * A report about an image, normalised: encoded with the history's codec.
     *
     * @param image the image it is about, by digest where known ({@code ghcr.io/acme/shop-api@sha256:…})
     * @param contentHash the report's id, as a history store records it
     * @param madeAt when it was made: scanned, or else when it reached the topic
     * @param encoded the report, encoded
     * @param source where it was read ({@code topic/partition@offset})
     */
    record Evidence(String image, String contentHash, Instant madeAt, byte[] encoded, String source) implements Input {
        public Evidence {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(contentHash, "contentHash");
            Objects.requireNonNull(madeAt, "madeAt");
            Objects.requireNonNull(encoded, "encoded");
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * The end of an image, or of every image of a lineage: a tombstone on the evidence topic, keyed by
     * the image (or the lineage) deleted from the registry.
     *
     * @param image the image retired, as the state keys it ({@code ghcr.io/acme/shop-api@sha256:…}), or
     *     empty for every image of the lineage
     * @param source where it was read ({@code topic/partition@offset})
     */
    record Retire(Optional<String> image, String source) implements Input {
        public Retire {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * A tag seen pointing at a digest.
     *
     * @param reference the tag, normalised ({@code docker.io/library/python:3.12-slim})
     * @param digest the digest it pointed at
     * @param observedAt when
     * @param observedBy who looked
     */
    record Tag(String reference, String digest, Instant observedAt, String observedBy) implements Input {
        public Tag {
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(observedAt, "observedAt");
            Objects.requireNonNull(observedBy, "observedBy");
        }
    }

    /**
     * The policy to evaluate from now on.
     *
     * @param document the policy's YAML or JSON, checked; empty to go back to the built-in default
     */
    record PolicyDocument(Optional<byte[]> document) implements Input {
        public PolicyDocument {
            Objects.requireNonNull(document, "document");
        }
    }

    /**
     * An input record that could not be read, with where it was and why.
     *
     * @param source where it was read ({@code topic/partition@offset})
     * @param error what is wrong with it, located where the reader could
     */
    record Rejected(String source, String error) implements Input {
        public Rejected {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(error, "error");
        }

        /** The record of the rejected topic: a small JSON object. */
        byte[] json() {
            return ("{\"source\":" + Json.quote(source) + ",\"error\":" + Json.quote(error) + "}")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The serde of the internal topics. */
    static Serde<Input> serde() {
        return Serdes.serdeFrom(new InputSerializer(), new InputDeserializer());
    }

    /** Writes an input behind a byte that says which it is. */
    final class InputSerializer implements Serializer<Input> {
        @Override
        public byte[] serialize(String topic, Input input) {
            if (input == null) {
                return null;
            }
            Encoding.Writer out = new Encoding.Writer(1);
            if (input instanceof Evidence evidence) {
                out.writeByte('E')
                        .writeString(evidence.image())
                        .writeString(evidence.contentHash())
                        .writeInstant(evidence.madeAt())
                        .writeString(evidence.source())
                        .writeBytes(evidence.encoded());
            } else if (input instanceof Tag tag) {
                out.writeByte('T')
                        .writeString(tag.reference())
                        .writeString(tag.digest())
                        .writeInstant(tag.observedAt())
                        .writeString(tag.observedBy());
            } else if (input instanceof PolicyDocument policy) {
                out.writeByte('P');
                out.writeByte(policy.document().isPresent() ? 1 : 0);
                policy.document().ifPresent(out::writeBytes);
            } else if (input instanceof Retire retire) {
                out.writeByte('X').writeOptional(retire.image()).writeString(retire.source());
            } else if (input instanceof Rejected rejected) {
                out.writeByte('R').writeString(rejected.source()).writeString(rejected.error());
            }
            return out.toByteArray();
        }
    }

    /** Reads what {@link InputSerializer} wrote. */
    final class InputDeserializer implements Deserializer<Input> {
        @Override
        public Input deserialize(String topic, byte[] bytes) {
            if (bytes == null) {
                return null;
            }
            Encoding.Reader in = new Encoding.Reader(bytes, 1, "an input record of " + topic);
            int kind = in.readByte();
            return switch (kind) {
                case 'E' -> {
                    String image = in.readString();
                    String hash = in.readString();
                    Instant madeAt = in.readInstant();
                    String source = in.readString();
                    yield new Evidence(image, hash, madeAt, in.readBytes(), source);
                }
                case 'T' -> new Tag(in.readString(), in.readString(), in.readInstant(), in.readString());
                case 'P' -> new PolicyDocument(in.readByte() == 1 ? Optional.of(in.readBytes()) : Optional.empty());
                case 'R' -> new Rejected(in.readString(), in.readString());
                case 'X' -> new Retire(in.readOptional(), in.readString());
                default -> throw new IllegalStateException("an input record of " + topic + " of unknown kind " + kind);
            };
        }
    }
}
