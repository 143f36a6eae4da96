package dev.shelflife.streams;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * The continuous evaluation as an application:
 * {@code java -cp … dev.shelflife.streams.ShelfLifeStreams --config app.properties}.
 *
 * <p>The configuration file holds Kafka Streams' settings ({@code application.id},
 * {@code bootstrap.servers}, {@code state.dir}, …), passed on as they are, and ShelfLife's under
 * {@code shelflife.} (see {@link StreamsSettings#from(Properties)}). Processing is exactly once
 * ({@code exactly_once_v2}) unless the file says otherwise. Without {@code shelflife.partitions}
 * the lineages are spread over as many partitions as the evidence topic has; with
 * {@code shelflife.topics.create=true} the application creates the topics it reads and writes
 * that do not exist yet ({@code shelflife.topics.replication.factor}, default 1). Every instance
 * started with the same {@code application.id} shares the work. {@code docs/streams.md} documents
 * every key; the application runs until it is stopped (SIGTERM closes it cleanly).
 *
 * @since 0.2
 */
public final class ShelfLifeStreams {

    private ShelfLifeStreams() {}

    /**
     * Runs the application until the JVM is asked to stop.
     *
     * @param args {@code --config FILE}
     * @throws Exception if it cannot start
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[0].equals("--config")) {
            System.err.println("usage: java -cp … dev.shelflife.streams.ShelfLifeStreams --config app.properties");
            System.exit(2);
            return;
        }
        Properties config = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
            config.load(in);
        }
        run(config, System.out);
    }

    /**
     * Starts the application and blocks until the JVM shuts down or the application fails.
     *
     * @param config Kafka Streams' settings and ShelfLife's
     * @param log where to say what the application does (state changes)
     * @throws Exception if it cannot start
     */
    public static void run(Properties config, PrintStream log) throws Exception {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(log, "log");
        Properties kafka = kafkaProperties(config);
        StreamsSettings settings = StreamsSettings.from(config);
        settings = settings.withPartitions(partitions(config, kafka, settings));
        Topology topology = ShelfLifeTopology.build(settings);
        KafkaStreams streams = new KafkaStreams(topology, kafka);
        CountDownLatch stopped = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            log.println("shelflife streams: " + before + " -> " + now);
            log.flush();
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            streams.close(Duration.ofSeconds(30));
                            stopped.countDown();
                        },
                        "shelflife-streams-shutdown"));
        log.println("shelflife streams: " + settings.partitions() + " partitions, evidence " + settings.evidenceTopic()
                + ", verdicts " + settings.verdictsTopic());
        streams.start();
        stopped.await();
    }

    /** Every key not under {@code shelflife.}, with exactly-once processing unless the file says otherwise. */
    static Properties kafkaProperties(Properties config) {
        Properties kafka = new Properties();
        for (String key : config.stringPropertyNames()) {
            if (!key.startsWith(StreamsSettings.PREFIX)) {
                kafka.put(key, config.getProperty(key));
            }
        }
        kafka.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return kafka;
    }

    private static int partitions(Properties config, Properties kafka, StreamsSettings settings)
            throws InterruptedException, ExecutionException, TimeoutException {
        Optional<Integer> given = Optional.ofNullable(config.getProperty(StreamsSettings.PREFIX + "partitions"))
                .map(String::strip)
                .map(Integer::valueOf);
        boolean create = Boolean.parseBoolean(config.getProperty(StreamsSettings.PREFIX + "topics.create", "false"));
        if (given.isPresent() && !create) {
            return given.get();
        }
        Properties admin = new Properties();
        admin.put(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
        for (String key : kafka.stringPropertyNames()) {
            if (key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                admin.put(key, kafka.getProperty(key));
            }
        }
        try (Admin client = Admin.create(admin)) {
            if (create) {
                int count = given.orElseThrow(() -> new IllegalArgumentException(
                        StreamsSettings.PREFIX + "topics.create needs " + StreamsSettings.PREFIX + "partitions"));
                short replication =
                        Short.parseShort(config.getProperty(StreamsSettings.PREFIX + "topics.replication.factor", "1")
                                .strip());
                createTopics(client, settings, count, replication);
                return count;
            }
            TopicDescription evidence = client.describeTopics(Set.of(settings.evidenceTopic()))
                    .allTopicNames()
                    .get(60, TimeUnit.SECONDS)
                    .get(settings.evidenceTopic());
            return evidence.partitions().size();
        }
    }

    /**
     * Creates the topics the application reads and writes that do not exist yet: the evidence and
     * verdicts with the partitions given, the tags and rejected records with one, and the policy
     * compacted with one.
     *
     * @param client an admin client of the cluster
     * @param settings the topics' names
     * @param partitions the evidence's and verdicts' partitions
     * @param replication the replication factor of every topic
     * @throws InterruptedException if interrupted while waiting
     * @throws ExecutionException if the cluster refuses a topic for another reason than that it exists
     * @throws TimeoutException if the cluster does not answer within a minute
     */
    public static void createTopics(Admin client, StreamsSettings settings, int partitions, short replication)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<NewTopic> topics = new ArrayList<>();
        topics.add(new NewTopic(settings.evidenceTopic(), partitions, replication));
        topics.add(new NewTopic(settings.verdictsTopic(), partitions, replication));
        topics.add(new NewTopic(settings.tagsTopic(), 1, replication));
        topics.add(new NewTopic(settings.rejectedTopic(), 1, replication));
        topics.add(new NewTopic(settings.policyTopic(), 1, replication)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        for (NewTopic topic : topics) {
            try {
                client.createTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }
}
