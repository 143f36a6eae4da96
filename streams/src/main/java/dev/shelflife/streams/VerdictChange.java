package dev.shelflife.streams;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * A verdict change on its way out: the JSON to write, and the lineage, which chooses the partition,
 * so that one lineage's changes stay in order on one partition of the verdicts topic.
 *
 * @param lineage the image's lineage
 * @param json the change's JSON, as {@code docs/streams.md} documents it
 */
record VerdictChange(String lineage, byte[] json) {

    VerdictChange {
        Objects.requireNonNull(lineage, "lineage");
        Objects.requireNonNull(json, "json");
    }

    /** Writes the JSON. */
    static final class JsonSerializer implements Serializer<VerdictChange> {
        @Override
        public byte[] serialize(String topic, VerdictChange change) {
            return change == null ? null : change.json();
        }
    }

    /** Reads a change back, its lineage from its JSON. */
    static final class JsonDeserializer implements Deserializer<VerdictChange> {
        private static final ObjectMapper JSON = JsonMapper.builder().build();

        @Override
        public VerdictChange deserialize(String topic, byte[] bytes) {
            if (bytes == null) {
                return null;
            }
            try {
                return new VerdictChange(JSON.readTree(bytes).path("lineage").asText(), bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Partitions by lineage, as Kafka's default partitioner partitions a key. */
    static final class ByLineage implements StreamPartitioner<String, VerdictChange> {
        @Override
        public Optional<Set<Integer>> partitions(String topic, String key, VerdictChange value, int partitions) {
            return Optional.of(Set.of(of(value.lineage(), partitions)));
        }

        static int of(String lineage, int partitions) {
            byte[] bytes = lineage.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return Utils.toPositive(Utils.murmur2(bytes)) % partitions;
        }
    }
}
