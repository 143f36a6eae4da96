package dev.shelflife.streams;

import static dev.shelflife.streams.Reports.DIGEST_A;
import static dev.shelflife.streams.Reports.DIGEST_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelflife.ScanReport;
import dev.shelflife.history.jdbc.EvidenceCodec;
import dev.shelflife.policy.Policies;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new policy brought to every image in budgeted steps, with events and forecasts coming meanwhile. */
class PolicyPassTest {

    private static final Instant BUILT = Instant.parse("2026-10-01T00:00:00Z");
    private static final Instant SCANNED = Instant.parse("2026-11-01T06:00:00Z");
    private static final Instant START = Instant.parse("2026-11-02T00:00:00Z");
    private static final String LINEAGE = "ghcr.io/acme/shop-api";
    private static final String DEPLOY_WARNS =
            replaceSecond(Policies.defaultPolicyYaml(), "mode: enforce", "mode: warn");
    private static final int IMAGES = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path state;

    /** A budget of zero: each step of the pass brings one image under the new policy. */
    private static StreamsSettings oneAtATime() {
        return StreamsSettings.defaults()
                .withWakeUpInterval(Duration.ofMillis(1))
                .withWakeUpBudget(Duration.ZERO);
    }

    private static String digest(int i) {
        return String.format("sha256:%064x", i);
    }

    private static String image(int i) {
        return LINEAGE + "@" + digest(i);
    }

    private static ScanReport scan(int i, Instant scanned) {
        return Reports.opensslAndLibxml2("1." + i, digest(i), BUILT, scanned);
    }

    private static void sendImages(Harness streams) {
        for (int i = 1; i <= IMAGES; i++) {
            streams.send(scan(i, SCANNED));
        }
        assertThat(streams.changes()).hasSize(IMAGES * 3);
    }

    /** Looks at the index once a millisecond, {@code looks} times; the changes of each look. */
    private static List<List<Harness.Change>> looks(Harness streams, int looks) {
        List<List<Harness.Change>> all = new ArrayList<>();
        for (int look = 0; look < looks; look++) {
            streams.advanceTo(streams.now().plusMillis(1));
            all.add(streams.changes());
        }
        return all;
    }

    private static String policyName(String yaml) throws Exception {
        return "sha256:"
                + HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private static Optional<String> policyOf(Harness.Change change) {
        return change.verdict().path("policy").isNull()
                ? Optional.empty()
                : Optional.of(change.verdict().path("policy").asText());
    }

    @Test
    void bringsEveryImageUnderANewPolicyAStepAtATimeEachOnce() throws Exception {
        try (Harness streams = new Harness(state, START, oneAtATime())) {
            sendImages(streams);

            streams.sendPolicy(DEPLOY_WARNS);

            // The first step comes with the policy record: the first image, at every stage.
            List<Harness.Change> first = streams.changes();
            assertThat(first)
                    .extracting(Harness.Change::key)
                    .containsExactlyInAnyOrder(image(1) + "#build", image(1) + "#deploy", image(1) + "#run");
            List<List<Harness.Change>> steps = looks(streams, IMAGES + 4);
            for (int look = 0; look < IMAGES - 1; look++) {
                assertThat(steps.get(look))
                        .as("look %d judges the next image in key order", look)
                        .extracting(c -> c.key().substring(0, c.key().indexOf('#')))
                        .containsOnly(image(look + 2))
                        .hasSize(3);
            }
            assertThat(steps.subList(IMAGES - 1, steps.size()))
                    .as("the pass is over")
                    .allSatisfy(changes -> assertThat(changes).isEmpty());

            List<Harness.Change> all = new ArrayList<>(first);
            steps.forEach(all::addAll);
            assertThat(all).hasSize(IMAGES * 3).allSatisfy(change -> {
                assertThat(change.cause()).isEqualTo("POLICY");
                assertThat(policyOf(change)).contains(policyName(DEPLOY_WARNS));
            });
            assertThat(all.stream().map(Harness.Change::key).distinct()).hasSize(IMAGES * 3);
        }
    }

    @Test
    void bringsAnImageAnEventIsAboutUnderTheNewPolicyFirstAndThePassLeavesItOut() throws Exception {
        try (Harness streams = new Harness(state, START, oneAtATime())) {
            sendImages(streams);
            streams.sendPolicy(DEPLOY_WARNS);
            List<Harness.Change> all = new ArrayList<>(streams.changes());

            // A rescan of the last image, which the pass has not reached: its POLICY changes come
            // first, then those of the rescan, all under the new policy.
            streams.send(scan(IMAGES, SCANNED.plus(Duration.ofHours(12))));
            List<Harness.Change> rescan = streams.changes();
            assertThat(rescan)
                    .extracting(Harness.Change::cause)
                    .containsExactly("POLICY", "POLICY", "POLICY", "EVIDENCE", "EVIDENCE", "EVIDENCE");
            assertThat(rescan).allSatisfy(change -> {
                assertThat(change.key()).startsWith(image(IMAGES) + "#");
                assertThat(policyOf(change)).contains(policyName(DEPLOY_WARNS));
            });
            // A rescan of the first image, which the pass has reached: the rescan's changes only.
            streams.send(scan(1, SCANNED.plus(Duration.ofHours(12))));
            assertThat(streams.changes())
                    .extracting(Harness.Change::cause)
                    .containsExactly("EVIDENCE", "EVIDENCE", "EVIDENCE");
            // A new image while the pass goes on: judged under the new policy, and not again by the pass.
            streams.send(scan(IMAGES + 1, SCANNED));
            List<Harness.Change> fresh = streams.changes();
            assertThat(fresh)
                    .extracting(Harness.Change::cause)
                    .containsOnly("FIRST")
                    .hasSize(3);
            assertThat(fresh).allSatisfy(change -> assertThat(policyOf(change)).contains(policyName(DEPLOY_WARNS)));
            all.addAll(rescan);

            looks(streams, IMAGES + 4).forEach(all::addAll);

            Map<String, Long> policyChanges = all.stream()
                    .filter(c -> c.cause().equals("POLICY"))
                    .collect(Collectors.groupingBy(Harness.Change::key, Collectors.counting()));
            assertThat(policyChanges)
                    .hasSize(IMAGES * 3)
                    .allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
            assertThat(all).noneMatch(c -> c.key().startsWith(image(IMAGES + 1)));
        }
    }

    @Test
    void aPolicyThatComesDuringAPassBringsEveryImageUnderTheNewestAndEmitsOnlyWhatChanged() throws Exception {
        try (Harness streams = new Harness(state, START, oneAtATime())) {
            sendImages(streams);
            streams.sendPolicy(DEPLOY_WARNS);
            List<Harness.Change> all = new ArrayList<>(streams.changes());
            looks(streams, 2).forEach(all::addAll);
            // Three images are under the new policy, five still under the default.
            assertThat(all).hasSize(9);

            streams.sendPolicy(null);
            List<Harness.Change> back = new ArrayList<>(streams.changes());
            looks(streams, IMAGES + 4).forEach(back::addAll);

            // The three images go back to the default; the five the first pass never reached are
            // judged under the default again, and their verdicts are as they were: nothing emitted.
            assertThat(back)
                    .extracting(c -> c.key().substring(0, c.key().indexOf('#')))
                    .containsOnly(image(1), image(2), image(3))
                    .hasSize(9);
            assertThat(back).allSatisfy(change -> {
                assertThat(change.cause()).isEqualTo("POLICY");
                assertThat(policyOf(change)).isEmpty();
            });
            assertThat(back)
                    .filteredOn(c -> c.stage().equals("deploy"))
                    .extracting(c -> c.verdict().path("mode").asText())
                    .containsOnly("ENFORCE");
            assertThat(looks(streams, 4))
                    .allSatisfy(changes -> assertThat(changes).isEmpty());
        }
    }

    @Test
    void wakesAnImageThePassHasNotReachedUnderThePolicyBeforeIt() throws Exception {
        try (Harness streams = new Harness(state, START, oneAtATime())) {
            streams.send(Reports.opensslAndLibxml2("1.4.2", DIGEST_A, BUILT, SCANNED));
            streams.send(Reports.opensslAndLibxml2("1.4.1", DIGEST_B, BUILT, SCANNED));
            Instant due = streams.changes().stream()
                    .filter(c -> c.key().endsWith("#deploy"))
                    .reduce((a, b) -> b)
                    .orElseThrow()
                    .nextChange();
            streams.advanceTo(due.minusMillis(1));
            streams.changes();

            // The first step brings image A under the new policy; B's deploy forecast falls due
            // before the pass reaches it, and is judged under the default.
            streams.sendPolicy(DEPLOY_WARNS);
            List<Harness.Change> all = new ArrayList<>(streams.changes());
            streams.advanceTo(due);
            all.addAll(streams.changes());
            looks(streams, 6).forEach(all::addAll);

            Map<String, List<Harness.Change>> deploy = all.stream()
                    .filter(c -> c.stage().equals("deploy"))
                    .collect(Collectors.groupingBy(Harness.Change::key));
            List<Harness.Change> a = deploy.get("ghcr.io/acme/shop-api@" + DIGEST_A + "#deploy");
            List<Harness.Change> b = deploy.get("ghcr.io/acme/shop-api@" + DIGEST_B + "#deploy");
            assertThat(a).extracting(Harness.Change::cause).containsExactly("POLICY", "FORECAST");
            assertThat(a).allSatisfy(c -> assertThat(policyOf(c)).contains(policyName(DEPLOY_WARNS)));
            assertThat(b).extracting(Harness.Change::cause).containsExactly("FORECAST", "POLICY");
            assertThat(policyOf(b.get(0))).isEmpty();
            assertThat(b.get(0).evaluatedAt()).isEqualTo(due);
            assertThat(b.get(0).outcome()).isEqualTo("FAIL");
            assertThat(policyOf(b.get(1))).contains(policyName(DEPLOY_WARNS));
            assertThat(b.get(1).outcome()).isEqualTo("WARN");
            Map<String, Long> policyChanges = all.stream()
                    .filter(c -> c.cause().equals("POLICY"))
                    .collect(Collectors.groupingBy(Harness.Change::key, Collectors.counting()));
            assertThat(policyChanges).as("each stage of both images once").hasSize(6);
            assertThat(policyChanges.values()).containsOnly(1L);
        }
    }

    @Test
    void goesOnAfterARestartFromTheLastStepCommitted() throws Exception {
        // The stores outlive the processor, as a task's stores outlive an instance (restored from
        // their changelogs); nothing of the pass is kept anywhere else.
        List<StateStore> stores = List.of(
                memoryStore(ShelfLifeTopology.IMAGES),
                memoryStore(ShelfLifeTopology.LINEAGES),
                memoryStore(ShelfLifeTopology.STAGES),
                Stores.keyValueStoreBuilder(
                                Stores.inMemoryKeyValueStore(ShelfLifeTopology.WAKE_UPS),
                                Serdes.Bytes(),
                                Serdes.ByteArray())
                        .withLoggingDisabled()
                        .build(),
                memoryStore(ShelfLifeTopology.BASES),
                memoryStore(ShelfLifeTopology.TAGS),
                memoryStore(ShelfLifeTopology.POLICY));
        MockProcessorContext<String, VerdictChange> before = context(stores, true);
        Evaluator first = new Evaluator(oneAtATime());
        first.init(before);
        for (int i = 1; i <= IMAGES; i++) {
            ScanReport report = scan(i, SCANNED);
            first.process(new Record<>(
                    LINEAGE,
                    new Input.Evidence(
                            image(i),
                            EvidenceCodec.contentHash(report),
                            SCANNED,
                            EvidenceCodec.encode(report),
                            "shelflife.evidence/0@" + i),
                    START.toEpochMilli()));
        }
        before.resetForwards();
        first.process(new Record<>(
                "policy",
                new Input.PolicyDocument(Optional.of(DEPLOY_WARNS.getBytes(StandardCharsets.UTF_8))),
                START.toEpochMilli()));
        before.setCurrentSystemTimeMs(START.toEpochMilli() + 1);
        before.scheduledPunctuators().get(0).getPunctuator().punctuate(START.toEpochMilli() + 1);
        assertThat(images(before)).containsExactly(image(1), image(2));

        MockProcessorContext<String, VerdictChange> after = context(stores, false);
        Evaluator second = new Evaluator(oneAtATime());
        second.init(after);
        for (int look = 2; look < IMAGES + 4; look++) {
            after.setCurrentSystemTimeMs(START.toEpochMilli() + look);
            after.scheduledPunctuators().get(0).getPunctuator().punctuate(START.toEpochMilli() + look);
        }

        List<String> rest = new ArrayList<>();
        for (int i = 3; i <= IMAGES; i++) {
            rest.add(image(i));
        }
        assertThat(images(after))
                .as("the images the pass had not reached, once each")
                .isEqualTo(rest);
        assertThat(after.forwarded()).hasSize(rest.size() * 3);
    }

    private static StateStore memoryStore(String name) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled()
                .build();
    }

    private MockProcessorContext<String, VerdictChange> context(List<StateStore> stores, boolean initialise) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "shelflife-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        config.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        MockProcessorContext<String, VerdictChange> context = new MockProcessorContext<>(config);
        context.setCurrentSystemTimeMs(START.toEpochMilli());
        for (StateStore store : stores) {
            if (initialise) {
                store.init(context.getStateStoreContext(), store);
            }
            context.addStateStore(store);
        }
        return context;
    }

    /** The images of the POLICY changes forwarded, each once, in the order they came. */
    private static List<String> images(MockProcessorContext<String, VerdictChange> context) throws Exception {
        List<String> images = new ArrayList<>();
        for (MockProcessorContext.CapturedForward<? extends String, ? extends VerdictChange> forward :
                context.forwarded()) {
            JsonNode change = JSON.readTree(forward.record().value().json());
            assertThat(change.path("cause").asText()).isEqualTo("POLICY");
            String image = change.path("image").asText();
            if (!images.contains(image)) {
                images.add(image);
            }
        }
        return images;
    }

    @Test
    void keepsAPassItsLayersAndCursorsAcrossEncoding() {
        PolicyPass pass = new PolicyPass(
                        Optional.empty(),
                        List.of(new PolicyPass.Layer(0, Optional.of("a: 1".getBytes(StandardCharsets.UTF_8)), "")))
                .with(Optional.empty(), "lineage\u0000image");

        PolicyPass decoded = PolicyPass.decode(pass.encode());

        assertThat(decoded.base()).isEmpty();
        assertThat(decoded.layers()).hasSize(2);
        assertThat(decoded.layers().get(0).generation()).isZero();
        assertThat(decoded.layers().get(0).document())
                .hasValueSatisfying(d -> assertThat(d).isEqualTo("a: 1".getBytes(StandardCharsets.UTF_8)));
        assertThat(decoded.layers().get(0).cursor()).isEqualTo("lineage\u0000image");
        assertThat(decoded.layers().get(0).reached("lineage\u0000image")).isTrue();
        assertThat(decoded.layers().get(0).reached("lineage\u0000imagf")).isFalse();
        assertThat(decoded.newest().generation()).isEqualTo(1);
        assertThat(decoded.newest().document()).isEmpty();
        assertThat(decoded.newest().reached("a")).isFalse();
    }

    private static String replaceSecond(String text, String target, String replacement) {
        int first = text.indexOf(target);
        int second = text.indexOf(target, first + target.length());
        return text.substring(0, second) + replacement + text.substring(second + target.length());
    }
}
