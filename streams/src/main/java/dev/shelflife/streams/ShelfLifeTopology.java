package dev.shelflife.streams;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The Kafka Streams topology of continuous evaluation: evidence, tag observations and the policy
 * in; every change of an image's verdict at a stage out, exactly once.
 *
 * <pre>
 * evidence ──read, key by lineage──► evidence-by-lineage ─┐
 * tags ─────read──────────────────► tags-to-every-task ───┼─► evaluator ──► verdicts (key image#stage)
 * policy ───read──────────────────► policy-to-every-task ─┘      │
 *                                              state per task: images, lineage facts, last verdict
 *                                              per stage, the index of wake-ups, images by base tag,
 *                                              tags, the policy (each changelogged)
 * </pre>
 *
 * <p>Evidence is repartitioned by lineage, so that every image of a lineage, and the clock facts
 * they share, live in one task; instances scale out up to the number of partitions. Tag observations
 * and the policy reach every task (each partition of their internal topics gets every record), since
 * any task may hold an image built on a tag, and every task judges under the policy. Input that
 * cannot be read goes to the rejected topic, with the reason.
 *
 * <p>Time-driven changes come from the verdicts' forecasts: each task keeps an index of the instants
 * at which its images' verdicts change on their own, and a wall-clock punctuation, every
 * {@link StreamsSettings#wakeUpInterval()}, takes the entries that fell due from the head of the
 * index and judges each image at exactly its instant. Nothing is re-evaluated on a timer.
 * {@code docs/streams.md} describes the topics, the records and what counts as a change.
 *
 * @since 0.2
 */
public final class ShelfLifeTopology {

    /** The header that says an evidence record is already encoded with the history's codec. */
    public static final String ENCODING_HEADER = "shelflife.encoding";

    /** The value of {@link #ENCODING_HEADER} for a report encoded with {@code EvidenceCodec}. */
    public static final String ENCODED = "shelflife-report-v1";

    /** The header that names the image a report is about, when the report does not. */
    public static final String IMAGE_HEADER = "shelflife.image";

    /** The version of a verdict change's JSON; raised only when a key is removed or changes meaning. */
    public static final int CHANGE_VERSION = 1;

    static final String IMAGES = "shelflife-images";
    static final String LINEAGES = "shelflife-lineages";
    static final String STAGES = "shelflife-stages";
    static final String WAKE_UPS = "shelflife-wake-ups";
    static final String BASES = "shelflife-bases";
    static final String TAGS = "shelflife-tags";
    static final String POLICY = "shelflife-policy";

    private ShelfLifeTopology() {}

    /**
     * Builds the topology.
     *
     * @param settings its topics, partitions, wake-up interval, lineage rule and stages
     * @return the topology, for a {@code KafkaStreams} configured with {@code exactly_once_v2}
     */
    public static Topology build(StreamsSettings settings) {
        Objects.requireNonNull(settings, "settings");
        StreamsBuilder builder = new StreamsBuilder();
        int partitions = settings.partitions();

        KStream<String, Input> evidence = builder.stream(
                        settings.evidenceTopic(),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("evidence"))
                .process(reader(() -> new EvidenceReader(settings.lineageRule())), Named.as("read-evidence"));
        KStream<String, Input> tags = builder.stream(
                        settings.tagsTopic(),
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("tags"))
                .process(reader(TagReader::new), Named.as("read-tags"));
        KStream<String, Input> policy = builder.stream(
                        settings.policyTopic(),
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("policy"))
                .process(reader(() -> new PolicyReader(settings.policyKey())), Named.as("read-policy"));

        Map<String, KStream<String, Input>> read = evidence.merge(tags, Named.as("read-inputs"))
                .merge(policy, Named.as("all-inputs"))
                .split(Named.as("input-"))
                .branch((key, value) -> value instanceof Input.Rejected, Branched.as("rejected"))
                .branch(
                        (key, value) -> value instanceof Input.Evidence || value instanceof Input.Retire,
                        Branched.as("evidence"))
                .defaultBranch(Branched.as("broadcast"));
        read.get("input-rejected")
                .mapValues(value -> ((Input.Rejected) value).json(), Named.as("rejected-json"))
                .to(
                        settings.rejectedTopic(),
                        Produced.with(Serdes.String(), Serdes.ByteArray()).withName("rejected"));

        KStream<String, Input> byLineage = read.get("input-evidence")
                .repartition(Repartitioned.with(Serdes.String(), Input.serde())
                        .withName("evidence-by-lineage")
                        .withNumberOfPartitions(partitions));
        KStream<String, Input> everywhere = read.get("input-broadcast")
                .repartition(Repartitioned.with(Serdes.String(), Input.serde())
                        .withName("to-every-task")
                        .withNumberOfPartitions(partitions)
                        .withStreamPartitioner(new EveryPartition()));

        byLineage
                .merge(everywhere, Named.as("evaluator-inputs"))
                .process(evaluator(settings), Named.as("evaluator"))
                .to(
                        settings.verdictsTopic(),
                        Produced.with(
                                        Serdes.String(),
                                        Serdes.serdeFrom(
                                                new VerdictChange.JsonSerializer(),
                                                new VerdictChange.JsonDeserializer()))
                                .withStreamPartitioner(new VerdictChange.ByLineage())
                                .withName("verdicts"));
        return builder.build();
    }

    private static <K, V> ProcessorSupplier<K, V, String, Input> reader(
            java.util.function.Supplier<org.apache.kafka.streams.processor.api.Processor<K, V, String, Input>> make) {
        return make::get;
    }

    private static ProcessorSupplier<String, Input, String, VerdictChange> evaluator(StreamsSettings settings) {
        return new ProcessorSupplier<>() {
            @Override
            public org.apache.kafka.streams.processor.api.Processor<String, Input, String, VerdictChange> get() {
                return new Evaluator(settings);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(
                        store(IMAGES),
                        store(LINEAGES),
                        store(STAGES),
                        Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(WAKE_UPS), Serdes.Bytes(), Serdes.ByteArray()),
                        store(BASES),
                        store(TAGS),
                        store(POLICY));
            }
        };
    }

    private static StoreBuilder<KeyValueStore<String, byte[]>> store(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray());
    }

    /** Where an input record was read: {@code topic/partition@offset}, or {@code topic} alone when unknown. */
    static String source(ProcessorContext<?, ?> context) {
        return context.recordMetadata()
                .map(m -> m.topic() + "/" + m.partition() + "@" + m.offset())
                .orElse("an input record");
    }

    /** Sends a record to every partition: tag observations and the policy concern every task. */
    static final class EveryPartition implements StreamPartitioner<String, Input> {
        @Override
        public Optional<Set<Integer>> partitions(String topic, String key, Input value, int numPartitions) {
            return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toSet()));
        }
    }
}
