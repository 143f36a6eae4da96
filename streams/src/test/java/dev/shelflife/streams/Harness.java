package dev.shelflife.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelflife.ScanReport;
import dev.shelflife.history.jdbc.EvidenceCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The topology in a {@link TopologyTestDriver}, with its topics and a wall clock the test moves. */
final class Harness implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TopologyTestDriver driver;
    private final TestInputTopic<byte[], byte[]> evidence;
    private final TestInputTopic<String, byte[]> tags;
    private final TestInputTopic<String, byte[]> policy;
    private final TestOutputTopic<String, String> verdicts;
    private final TestOutputTopic<String, String> rejected;
    private Instant now;

    Harness(Path stateDir, Instant start) {
        this(stateDir, start, StreamsSettings.defaults().withWakeUpInterval(Duration.ofMillis(1)));
    }

    Harness(Path stateDir, Instant start, StreamsSettings settings) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "shelflife-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        this.driver = new TopologyTestDriver(ShelfLifeTopology.build(settings), config, start);
        this.now = start;
        this.evidence = driver.createInputTopic(
                settings.evidenceTopic(), new ByteArraySerializer(), new ByteArraySerializer(), start, Duration.ZERO);
        this.tags = driver.createInputTopic(
                settings.tagsTopic(), new StringSerializer(), new ByteArraySerializer(), start, Duration.ZERO);
        this.policy = driver.createInputTopic(
                settings.policyTopic(), new StringSerializer(), new ByteArraySerializer(), start, Duration.ZERO);
        this.verdicts =
                driver.createOutputTopic(settings.verdictsTopic(), new StringDeserializer(), new StringDeserializer());
        this.rejected =
                driver.createOutputTopic(settings.rejectedTopic(), new StringDeserializer(), new StringDeserializer());
    }

    /** Sends a report, encoded with the history's codec. */
    void send(ScanReport report) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ShelfLifeTopology.ENCODING_HEADER, ShelfLifeTopology.ENCODED.getBytes(StandardCharsets.UTF_8));
        evidence.pipeInput(new TestRecord<>(null, EvidenceCodec.encode(report), headers, now));
    }

    /** Sends a report as its raw bytes, for the installed adapters to read. */
    void sendRaw(byte[] bytes, String image) {
        RecordHeaders headers = new RecordHeaders();
        if (image != null) {
            headers.add(ShelfLifeTopology.IMAGE_HEADER, image.getBytes(StandardCharsets.UTF_8));
        }
        evidence.pipeInput(new TestRecord<>(null, bytes, headers, now));
    }

    /** Sends a tombstone to the evidence topic, keyed by an image or a lineage (or by nothing): retires it. */
    void retire(String key) {
        evidence.pipeInput(new TestRecord<>(
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), null, new RecordHeaders(), now));
    }

    void sendTag(String tag, String json) {
        tags.pipeInput(tag, json.getBytes(StandardCharsets.UTF_8), now);
    }

    void sendPolicy(String yaml) {
        policy.pipeInput("policy", yaml == null ? null : yaml.getBytes(StandardCharsets.UTF_8), now);
    }

    /** Moves the wall clock to an instant, firing the wake-up punctuation on the way. */
    void advanceTo(Instant instant) {
        driver.advanceWallClockTime(Duration.between(now, instant));
        now = instant;
    }

    Instant now() {
        return now;
    }

    /** The verdict changes emitted since the last call, each as its JSON tree. */
    List<Change> changes() {
        return verdicts.readKeyValuesToList().stream()
                .map(kv -> new Change(kv.key, tree(kv.value)))
                .toList();
    }

    List<JsonNode> rejected() {
        return rejected.readValuesToList().stream().map(Harness::tree).toList();
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One verdict change: its key and its JSON. */
    record Change(String key, JsonNode json) {
        String stage() {
            return json.path("stage").asText();
        }

        String cause() {
            return json.path("cause").asText();
        }

        String outcome() {
            return json.path("outcome").asText();
        }

        String previousOutcome() {
            return json.path("previousOutcome").asText();
        }

        JsonNode verdict() {
            return json.path("verdict");
        }

        Instant nextChange() {
            return Instant.parse(verdict().path("nextChange").path("at").asText());
        }

        Instant evaluatedAt() {
            return Instant.parse(verdict().path("evaluatedAt").asText());
        }
    }

    @Override
    public void close() {
        driver.close();
    }
}
