package dev.shelflife.benchmarks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelflife.Finding;
import dev.shelflife.Image;
import dev.shelflife.ImageRef;
import dev.shelflife.ScanReport;
import dev.shelflife.history.jdbc.EvidenceCodec;
import dev.shelflife.policy.Policies;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.streams.KafkaBroker;
import dev.shelflife.streams.ShelfLifeStreams;
import dev.shelflife.streams.ShelfLifeTopology;
import dev.shelflife.streams.StreamsSettings;
import dev.shelflife.testkit.Corpus;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Continuous evaluation through a real single-node Kafka broker (KRaft, the streams tests'
 * {@code KafkaBroker}, a child JVM of this jar): {@code java -Xmx4g -cp benchmarks.jar
 * dev.shelflife.benchmarks.StreamsFigures [IMAGES [FINDINGS [PARTITIONS [THREADS]]]]} (defaults 10000
 * 300 4 2).
 *
 * <p><b>Evidence</b>: one scan per image, a window of {@code FINDINGS} findings of a real corpus
 * report as its adapter reads it, findings, fix states, severities and packages as they are: the
 * Trivy centos-7 golden (711 entries) for even lineages, Grype 0.7.0's python 3.6 scan (1,509
 * matches) for odd ones, windows starting at {@code 97 × image}. Two images (tags) per repository,
 * so lineages share clocks. Every image was built 90 days before an instant {@code W} a couple of
 * minutes ahead. Half the lineages are <b>old</b>: first scanned 100 days ago, so their fixed
 * critical, high and medium findings are past their deploy and run SLAs and fail; the other half
 * are <b>new</b>: first scanned an hour ago, so they pass deploy and run until {@code W}. At
 * {@code W} the image-age limit passes, and every image's deploy and run verdicts change on their
 * own. The reports are encoded (as a producer that reads reports itself sends them) before the
 * clock starts, and produced as fast as the producer goes.
 *
 * <p><b>Phase 1</b>: from the first record produced until a {@code read_committed} consumer has
 * read every image's three first verdicts (build, deploy, run). <b>Phase 2</b>: from {@code W}
 * until it has read every image's two forecast changes. <b>Phase 3</b>: from a new policy sent (the
 * default with deploy in warn mode) until it has read every image's three {@code POLICY} changes.
 * The application runs in this JVM with {@code exactly_once_v2}.
 */
public final class StreamsFigures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamsFigures() {}

    public static void main(String[] args) throws Exception {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int findings = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Path dir = Files.createTempDirectory("shelflife-streams-figures");
        System.out.println("load before: " + loadAverage());
        try (KafkaBroker broker = KafkaBroker.start(Files.createDirectories(dir.resolve("broker")))) {
            run(broker.bootstrap(), dir, images, findings, partitions, threads);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private static void run(String bootstrap, Path dir, int images, int findings, int partitions, int threads)
            throws Exception {
        StreamsSettings settings =
                StreamsSettings.defaults().withPartitions(partitions).withWakeUpInterval(Duration.ofMillis(100));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            ShelfLifeStreams.createTopics(admin, settings, partitions, (short) 1);
        }

        Corpus corpus = Corpus.find()
                .orElseThrow(() -> new IllegalStateException(
                        "no corpus: set -D" + Corpus.PROPERTY + "=DIR or SHELFLIFE_FIXTURES (it holds MANIFEST.tsv)"));
        List<ScanReport> sources = List.of(read(corpus, Format.TRIVY), read(corpus, Format.GRYPE));
        Instant now = Instant.now();
        // Long enough for phase 1 (its target is 60 s) to end before the wake-ups begin.
        Instant wake = now.plusSeconds(Long.getLong("shelflife.wake.after.seconds", 150));
        List<byte[]> evidence = new ArrayList<>(images);
        long bytes = 0;
        for (int i = 0; i < images; i++) {
            byte[] encoded = EvidenceCodec.encode(scan(sources, i, findings, now, wake));
            evidence.add(encoded);
            bytes += encoded.length;
        }
        System.out.printf(
                "evidence: %,d images x %d findings, %,d encoded bytes (%,d per report)%n",
                images, findings, bytes, bytes / images);

        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "shelflife-figures");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        // A transaction (and a flush of the state stores) per second rather than per 100 ms.
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.getLong("shelflife.commit.ms", 1000));
        config.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        config.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "5");
        config.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), "16777216");
        try (KafkaStreams streams = new KafkaStreams(ShelfLifeTopology.build(settings), config)) {
            streams.start();
            long waitStart = System.nanoTime();
            while (streams.state() != KafkaStreams.State.RUNNING) {
                if (System.nanoTime() - waitStart > TimeUnit.SECONDS.toNanos(120)) {
                    throw new IllegalStateException("the application did not start: " + streams.state());
                }
                Thread.sleep(100);
            }
            streams.metadataForLocalThreads()
                    .forEach(thread -> System.out.println(thread.threadName().replaceAll(".*-StreamThread", "thread")
                            + ": tasks "
                            + new TreeSet<>(thread.activeTasks().stream()
                                    .map(task -> task.taskId().toString())
                                    .toList())));
            measure(bootstrap, dir, settings, evidence, images, partitions, wake);
        }
    }

    private static void measure(
            String bootstrap,
            Path dir,
            StreamsSettings settings,
            List<byte[]> evidence,
            int images,
            int partitions,
            Instant wake)
            throws Exception {
        long cpuBefore = processCpuNanos();
        long streamCpuBefore = streamThreadCpuNanos();
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            for (byte[] encoded : evidence) {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(settings.evidenceTopic(), null, encoded);
                record.headers()
                        .add(
                                ShelfLifeTopology.ENCODING_HEADER,
                                ShelfLifeTopology.ENCODED.getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
        }
        long produced = System.nanoTime();
        Map<String, Integer> causes = new HashMap<>();
        try (Verdicts verdicts = new Verdicts(bootstrap, settings.verdictsTopic(), partitions)) {
            verdicts.readUntil(causes, "FIRST", images * 3L, Duration.ofMinutes(10));
            long judged = System.nanoTime();
            long cpuJudged = processCpuNanos();
            long streamCpuJudged = streamThreadCpuNanos();
            System.out.printf(
                    "phase 1: %,d images produced in %.1f s; every first verdict (%,d) read after %.1f s"
                            + " (%.1f s of CPU in this JVM, 2 cores: %.0f %%; %.1f s of it the stream threads'); load %s%n",
                    images,
                    seconds(produced - start),
                    images * 3L,
                    seconds(judged - start),
                    seconds(cpuJudged - cpuBefore),
                    100.0 * (cpuJudged - cpuBefore) / (judged - start) / 2,
                    seconds(streamCpuJudged - streamCpuBefore),
                    loadAverage());
            System.out.println("outcomes: " + new TreeMap<>(verdicts.outcomes));
            System.out.printf(
                    "verdict changes: %,d records, %,d bytes of JSON (%,d per change)%n",
                    verdicts.records, verdicts.bytes, verdicts.bytes / Math.max(1, verdicts.records));
            Map<String, Long> changelogs = changelogs(dir.resolve("broker").resolve("data"));
            long state = changelogs.values().stream().mapToLong(Long::longValue).sum();
            System.out.printf(
                    "state: changelogs on the broker (lz4, not yet compacted) %,d bytes, %,d per image: %s%n",
                    state, state / images, changelogs);

            long untilWake = Duration.between(Instant.now(), wake).toMillis();
            if (untilWake <= 0) {
                System.out.println(
                        "phase 2: the wake-ups began before phase 1 ended; raise -Dshelflife.wake.after.seconds");
            } else {
                Thread.sleep(untilWake);
            }
            String loadAtWake = loadAverage();
            long wakeStart = System.nanoTime();
            long cpuWake = processCpuNanos();
            long streamCpuWake = streamThreadCpuNanos();
            verdicts.readUntil(causes, "FORECAST", images * 2L, Duration.ofMinutes(10));
            long woken = System.nanoTime();
            long cpuWoken = processCpuNanos();
            long streamCpuWoken = streamThreadCpuNanos();
            System.out.printf(
                    "phase 2: %,d images woken at %s, %,d forecast changes (deploy, run) read %.1f s after it"
                            + " (%.1f s of CPU in this JVM, %.1f s of it the stream threads': %.2f ms per image);"
                            + " latest lag of a change behind its instant %d ms; load %s at W, %s after%n",
                    images,
                    wake,
                    images * 2L,
                    seconds(woken - wakeStart),
                    seconds(cpuWoken - cpuWake),
                    seconds(streamCpuWoken - streamCpuWake),
                    (streamCpuWoken - streamCpuWake) / 1e6 / images,
                    verdicts.maxLagMillis,
                    loadAtWake,
                    loadAverage());
            System.out.println("outcomes after W: " + new TreeMap<>(verdicts.outcomesAfterWake));

            // Phase 3: a new policy (the default with deploy in warn mode) brought to every image.
            String loadAtPolicy = loadAverage();
            long policyStart = System.nanoTime();
            long cpuPolicy = processCpuNanos();
            long streamCpuPolicy = streamThreadCpuNanos();
            try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
                producer.send(new ProducerRecord<>(
                        settings.policyTopic(),
                        "policy".getBytes(StandardCharsets.UTF_8),
                        deployWarns().getBytes(StandardCharsets.UTF_8)));
            }
            verdicts.readUntil(causes, "POLICY", images * 3L, Duration.ofMinutes(10));
            long policyDone = System.nanoTime();
            System.out.printf(
                    "phase 3: a new policy, %,d POLICY changes read %.1f s after it was sent (%.1f s of CPU in this"
                            + " JVM, %.1f s of it the stream threads': %.2f ms per image); load %s before, %s after%n",
                    images * 3L,
                    seconds(policyDone - policyStart),
                    seconds(processCpuNanos() - cpuPolicy),
                    seconds(streamThreadCpuNanos() - streamCpuPolicy),
                    (streamThreadCpuNanos() - streamCpuPolicy) / 1e6 / images,
                    loadAtPolicy,
                    loadAverage());
            System.out.println("changes by cause: " + new TreeMap<>(causes));
            Map<String, Long> live = liveState(bootstrap);
            long liveBytes = live.values().stream().mapToLong(Long::longValue).sum();
            System.out.printf(
                    "live state (the last value of every key of every changelog, uncompressed: what compaction"
                            + " keeps) %,d bytes, %,d per image: %s%n",
                    liveBytes, liveBytes / images, live);
        }
    }

    private static ScanReport read(Corpus corpus, Format format) {
        return format.adapter().read(ReportSource.of(corpus.root().resolve(format.corpusName())));
    }

    /** One image's scan: a window of its lineage's corpus report, its lineage old or new. */
    private static ScanReport scan(List<ScanReport> sources, int i, int findings, Instant now, Instant wake) {
        int lineage = i / 2;
        ScanReport source = sources.get(lineage % sources.size());
        boolean old = lineage % 4 < 2;
        String repository = "registry.example/team-" + (lineage % 50) + "/app-" + lineage;
        String digest = "sha256:" + String.format("%064x", (long) i * 2_654_435_761L + 1);
        ImageRef ref = ImageRef.parse(repository + ":1." + (i % 2)).withDigest(digest);
        Instant scanned = (old ? now.minus(Duration.ofDays(100)) : now.minus(Duration.ofHours(1))).plusSeconds(i % 2);
        ScanReport.Builder report = ScanReport.builder(source.kind(), source.format(), source.scanner())
                .image(Image.builder()
                        .ref(ref)
                        .manifestDigest(digest)
                        .createdAt(wake.minus(Duration.ofDays(90)))
                        .build())
                .scannedAt(scanned)
                .databaseBuiltAt(scanned.minus(Duration.ofHours(6)));
        List<Finding> all = source.findings();
        for (int j = 0; j < findings; j++) {
            report.finding(all.get((i * 97 + j) % all.size()));
        }
        return report.build();
    }

    /** The default policy with deploy in warn mode: every verdict changes (it names its policy). */
    private static String deployWarns() {
        String text = Policies.defaultPolicyYaml();
        String target = "mode: enforce";
        int first = text.indexOf(target);
        int second = text.indexOf(target, first + target.length());
        if (second < 0) {
            throw new IllegalStateException("the default policy no longer has two stages in enforce mode");
        }
        return text.substring(0, second) + "mode: warn" + text.substring(second + target.length());
    }

    /** Reads the verdicts topic, read_committed, counting changes by cause. */
    private static final class Verdicts implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final Map<String, Integer> outcomes = new HashMap<>();
        private final Map<String, Integer> outcomesAfterWake = new HashMap<>();
        private long maxLagMillis;
        private long bytes;
        private long records;

        Verdicts(String bootstrap, String topic, int partitions) {
            Properties config = new Properties();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "16777216");
            this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> all = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                all.add(new TopicPartition(topic, p));
            }
            consumer.assign(all);
            consumer.seekToBeginning(all);
        }

        void readUntil(Map<String, Integer> causes, String cause, long expected, Duration timeout) throws IOException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (causes.getOrDefault(cause, 0) < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + causes + " within " + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Map<String, String> change = head(record.value());
                    bytes += record.value().length;
                    records++;
                    String c = change.get("cause");
                    causes.merge(c, 1, Integer::sum);
                    if (c.equals("FIRST")) {
                        outcomes.merge(change.get("stage") + " " + change.get("outcome"), 1, Integer::sum);
                    } else if (c.equals("FORECAST")) {
                        outcomesAfterWake.merge(
                                change.get("stage") + " " + change.get("previousOutcome") + " -> "
                                        + change.get("outcome"),
                                1,
                                Integer::sum);
                        long lag = System.currentTimeMillis()
                                - Instant.parse(change.get("at")).toEpochMilli();
                        maxLagMillis = Math.max(maxLagMillis, lag);
                    }
                }
            }
        }

        /** The change's own keys, which come before its verdict: the verdict itself is not parsed. */
        private static Map<String, String> head(byte[] json) throws IOException {
            Map<String, String> keys = new HashMap<>();
            try (JsonParser parser = JSON.getFactory().createParser(json)) {
                parser.nextToken();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    if (name.equals("verdict")) {
                        break;
                    }
                    parser.nextToken();
                    keys.put(name, parser.getValueAsString());
                }
            }
            return keys;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "16777216");
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * The CPU time of the application's stream threads (what judges and emits), without the
     * harness's producer and consumer, the clients' network threads, the compiler and the collector.
     */
    private static long streamThreadCpuNanos() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null
                    && info.getThreadName().startsWith("shelflife-figures-")
                    && info.getThreadName().matches(".*-StreamThread-\\d+")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    /** The bytes of the last record of every key of each store's changelog, keys included, by store. */
    private static Map<String, Long> liveState(String bootstrap) throws Exception {
        Map<String, Long> sizes = new TreeMap<>();
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "16777216");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                KafkaConsumer<byte[], byte[]> consumer =
                        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Pattern changelog = Pattern.compile(".*-shelflife-(.+)-changelog");
            for (String topic : new TreeSet<>(admin.listTopics().names().get())) {
                Matcher store = changelog.matcher(topic);
                if (!store.matches()) {
                    continue;
                }
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                Map<Bytes, Integer> last = new HashMap<>();
                while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        if (record.value() == null) {
                            last.remove(Bytes.wrap(record.key()));
                        } else {
                            last.put(Bytes.wrap(record.key()), record.key().length + record.value().length);
                        }
                    }
                }
                sizes.put(
                        store.group(1),
                        last.values().stream().mapToLong(Integer::longValue).sum());
            }
        }
        return sizes;
    }

    /** The bytes of each store's changelog segments on the broker, by store. */
    private static Map<String, Long> changelogs(Path data) throws IOException {
        Pattern changelog = Pattern.compile(".*-shelflife-(.+)-changelog-\\d+");
        Map<String, Long> sizes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path segment : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                Matcher store =
                        changelog.matcher(segment.getParent().getFileName().toString());
                if (store.matches()) {
                    sizes.merge(store.group(1), Files.size(segment), Long::sum);
                }
            }
        }
        return sizes;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
