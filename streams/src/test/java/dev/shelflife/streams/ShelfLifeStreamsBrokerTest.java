package dev.shelflife.streams;

import static dev.shelflife.streams.Reports.finding;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.ImageRef;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.history.jdbc.EvidenceCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application against a real Kafka broker: two instances in child JVMs share the work; one is
 * killed with SIGKILL mid-stream and started again; every verdict change, evidence-driven and
 * forecast-driven, reaches the verdicts topic exactly once, as a {@code read_committed} consumer
 * sees it. The instances are configured as an operator would: nothing says {@code
 * processing.guarantee}, the application's default ({@code exactly_once_v2}) is what is tested.
 */
class ShelfLifeStreamsBrokerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTITIONS = 4;
    private static final int IMAGES = 24;

    @TempDir
    static Path dir;

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        try {
            broker = KafkaBroker.start(Files.createDirectories(dir.resolve("broker")));
        } catch (IOException e) {
            System.err.println(
                    "ShelfLifeStreamsBrokerTest SKIPPED: the Kafka broker could not start here: " + e.getMessage());
            Assumptions.abort("the Kafka broker could not start here: " + e.getMessage());
        }
        try (Admin admin = Admin.create(adminConfig())) {
            ShelfLifeStreams.createTopics(admin, StreamsSettings.defaults(), PARTITIONS, (short) 1);
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void losesNothingAndEmitsNothingTwiceWhenAnInstanceIsKilledMidStream() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // Every image's run-stage scan-age limit (3 days) passes 50 s from now: a forecast change per
        // image that falls due while the test runs, after the kill.
        Instant wake = start.plusSeconds(50);
        Instant scanned = wake.minus(Duration.ofDays(3));
        Process first = instance("a");
        Process second = instance("b");
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            awaitLog("a", "-> RUNNING");
            awaitLog("b", "-> RUNNING");
            for (int i = 0; i < IMAGES / 2; i++) {
                send(producer, image(i, scanned));
            }
            producer.flush();
            Map<String, List<JsonNode>> seen = new HashMap<>();
            awaitChanges(seen, IMAGES / 2 * 3, Duration.ofSeconds(60));

            // The second half, and the instance killed as soon as it is on the broker: its share
            // is read, judged and emitted, or not yet, or half-way through a transaction.
            for (int i = IMAGES / 2; i < IMAGES; i++) {
                send(producer, image(i, scanned));
            }
            producer.flush();
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertThat(first.isAlive()).isFalse();
            for (int i = 0; i < IMAGES; i++) {
                send(producer, image(i, scanned)); // duplicates of every image, while it is down
            }
            producer.flush();
            first = instance("a");

            // Three first verdicts per image, and one forecast change of its run stage, at the instant.
            awaitChanges(seen, IMAGES * 4, Duration.ofSeconds(150));
            Thread.sleep(3000);
            awaitChanges(seen, IMAGES * 4, Duration.ofSeconds(5));

            assertThat(seen).hasSize(IMAGES * 3);
            assertThat(seen.values().stream().mapToInt(List::size).sum())
                    .as("changes on the verdicts topic")
                    .isEqualTo(IMAGES * 4);
            for (Map.Entry<String, List<JsonNode>> key : seen.entrySet()) {
                List<JsonNode> changes = key.getValue();
                assertThat(changes.get(0).path("cause").asText())
                        .as(key.getKey())
                        .isEqualTo("FIRST");
                if (key.getKey().endsWith("#run")) {
                    assertThat(changes).as(key.getKey()).hasSize(2);
                    assertThat(changes.get(1).path("cause").asText()).isEqualTo("FORECAST");
                    assertThat(changes.get(1).path("at").asText()).isEqualTo(wake.toString());
                    assertThat(changes.get(1).path("outcome").asText()).isEqualTo("WARN");
                } else {
                    assertThat(changes).as(key.getKey()).hasSize(1);
                }
            }
        } finally {
            first.destroyForcibly();
            second.destroyForcibly();
        }
    }

    private static ScanReport image(int i, Instant scanned) {
        List<Finding> findings = new ArrayList<>();
        findings.add(finding("CVE-2026-1000", Severity.HIGH, "openssl", "3.0.13", Fix.fixed("3.0.15")));
        findings.add(finding("CVE-2026-" + (2000 + i), Severity.MEDIUM, "libpkg" + i, "1.0", Fix.fixed("1.1")));
        String digest = "sha256:" + HexFormat.of().formatHex(sha(i));
        return Reports.scan("1." + i, digest, scanned.minus(Duration.ofDays(10)), scanned, findings)
                .withImage(Reports.scan("1." + i, digest, scanned, scanned, List.of()).image().toBuilder()
                        .ref(ImageRef.parse("ghcr.io/acme/app-" + i + ":1.0").withDigest(digest))
                        .build());
    }

    private static byte[] sha(int i) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(("image " + i).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, ScanReport report) {
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(StreamsSettings.defaults().evidenceTopic(), null, EvidenceCodec.encode(report));
        record.headers()
                .add(ShelfLifeTopology.ENCODING_HEADER, ShelfLifeTopology.ENCODED.getBytes(StandardCharsets.UTF_8));
        producer.send(record);
    }

    /** Reads the verdicts topic, read_committed, until it holds at least that many changes or time runs out. */
    private static void awaitChanges(Map<String, List<JsonNode>> seen, int expected, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        seen.clear();
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        int count = 0;
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(StreamsSettings.defaults().verdictsTopic(), p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    seen.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(JSON.readTree(record.value()));
                    count++;
                }
                if (count >= expected) {
                    return;
                }
            }
        }
        assertThat(count)
                .as(
                        "changes read within %s; instance a: %s; instance b: %s",
                        timeout, KafkaBroker.tail(log("a")), KafkaBroker.tail(log("b")))
                .isGreaterThanOrEqualTo(expected);
    }

    private static Process instance(String name) throws IOException {
        Path config = dir.resolve("instance-" + name + ".properties");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "application.id=shelflife-broker-test",
                        "bootstrap.servers=" + broker.bootstrap(),
                        "state.dir=" + dir.resolve("state-" + name),
                        "num.stream.threads=1",
                        "commit.interval.ms=100",
                        "consumer.session.timeout.ms=6000",
                        "consumer.heartbeat.interval.ms=1000",
                        "producer.transaction.timeout.ms=10000",
                        "shelflife.partitions=" + PARTITIONS,
                        "shelflife.wakeup.interval.ms=200",
                        ""),
                StandardCharsets.UTF_8);
        return KafkaBroker.java(
                dir,
                log(name),
                List.of("-Xms64m", "-Xmx384m"),
                ShelfLifeStreams.class.getName(),
                "--config",
                config.toString());
    }

    private static Path log(String name) {
        return dir.resolve("instance-" + name + ".log");
    }

    private static void awaitLog(String name, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log(name)) && Files.readString(log(name)).contains(text)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("instance " + name + " never said \"" + text + "\": " + KafkaBroker.tail(log(name)));
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static Properties adminConfig() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        return config;
    }
}
