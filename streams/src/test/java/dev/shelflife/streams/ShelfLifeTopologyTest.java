package dev.shelflife.streams;

import static dev.shelflife.streams.Reports.DIGEST_A;
import static dev.shelflife.streams.Reports.DIGEST_B;
import static dev.shelflife.streams.Reports.finding;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shelflife.Fix;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.history.jdbc.EvidenceCodec;
import dev.shelflife.policy.Policies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShelfLifeTopologyTest {

    private static final Instant BUILT = Instant.parse("2026-10-01T00:00:00Z");
    private static final Instant SCANNED = Instant.parse("2026-11-01T06:00:00Z");
    private static final Instant START = Instant.parse("2026-11-02T00:00:00Z");

    @TempDir
    Path state;

    private static ScanReport shopApi(Instant scanned) {
        return Reports.opensslAndLibxml2("1.4.2", DIGEST_A, BUILT, scanned);
    }

    @Test
    void judgesANewImageAtEveryStageOnce() {
        try (Harness streams = new Harness(state, START)) {
            streams.send(shopApi(SCANNED));

            List<Harness.Change> changes = streams.changes();

            assertThat(changes).extracting(Harness.Change::stage).containsExactlyInAnyOrder("build", "deploy", "run");
            assertThat(changes).allSatisfy(change -> {
                assertThat(change.key()).isEqualTo("ghcr.io/acme/shop-api@" + DIGEST_A + "#" + change.stage());
                assertThat(change.cause()).isEqualTo("FIRST");
                assertThat(change.json().path("lineage").asText()).isEqualTo("ghcr.io/acme/shop-api");
                assertThat(change.evaluatedAt()).isEqualTo(START);
                assertThat(change.verdict().path("outputVersion").asInt()).isEqualTo(2);
                assertThat(change.verdict().path("reports").get(0).path("file").asText())
                        .isEqualTo(EvidenceCodec.contentHash(shopApi(SCANNED)));
            });
        }
    }

    @Test
    void emitsEachForecastChangeAtItsInstantExactlyOnceAndNotAMillisecondBefore() {
        try (Harness streams = new Harness(state, START)) {
            streams.send(shopApi(SCANNED));
            Map<String, Instant> forecasts = new HashMap<>();
            streams.changes().stream()
                    .filter(c -> !c.verdict().path("nextChange").isNull())
                    .forEach(c -> forecasts.put(c.stage(), c.nextChange()));
            int woken = 0;
            while (!forecasts.isEmpty() && woken < 8) {
                Instant next =
                        forecasts.values().stream().min(Instant::compareTo).orElseThrow();
                List<String> due = forecasts.entrySet().stream()
                        .filter(e -> e.getValue().equals(next))
                        .map(Map.Entry::getKey)
                        .toList();

                streams.advanceTo(next.minusMillis(1));
                assertThat(streams.changes()).as("changes 1 ms before %s", next).isEmpty();

                streams.advanceTo(next);
                List<Harness.Change> changes = streams.changes();
                assertThat(changes)
                        .as("changes at %s", next)
                        .extracting(Harness.Change::stage)
                        .containsExactlyInAnyOrderElementsOf(due);
                for (Harness.Change change : changes) {
                    assertThat(change.cause()).isEqualTo("FORECAST");
                    assertThat(change.evaluatedAt()).isEqualTo(next);
                    assertThat(change.json().path("at").asText()).isEqualTo(next.toString());
                    assertThat(change.json().path("reason").asText()).isNotBlank();
                    forecasts.remove(change.stage());
                    if (!change.verdict().path("nextChange").isNull()) {
                        forecasts.put(change.stage(), change.nextChange());
                    }
                }
                streams.advanceTo(next.plus(Duration.ofMinutes(1)));
                assertThat(streams.changes()).as("changes after %s", next).isEmpty();
                woken += changes.size();
            }
            assertThat(woken).as("forecast changes seen").isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void catchesUpEveryForecastThatFellDueWhileItWasNotLookingEachAtItsOwnInstant() {
        try (Harness streams =
                new Harness(state, START, StreamsSettings.defaults().withWakeUpInterval(Duration.ofDays(365)))) {
            streams.send(shopApi(SCANNED));
            Instant deployForecast = streams.changes().stream()
                    .filter(c -> c.stage().equals("deploy"))
                    .findFirst()
                    .orElseThrow()
                    .nextChange();
            streams.advanceTo(deployForecast.plus(Duration.ofDays(1)));

            streams.send(shopApi(deployForecast.plus(Duration.ofHours(12))));

            List<Harness.Change> deploy = streams.changes().stream()
                    .filter(c -> c.stage().equals("deploy"))
                    .toList();
            assertThat(deploy).first().satisfies(first -> {
                assertThat(first.cause()).isEqualTo("FORECAST");
                assertThat(first.evaluatedAt()).isEqualTo(deployForecast);
            });
            assertThat(deploy).last().satisfies(last -> {
                assertThat(last.cause()).isEqualTo("EVIDENCE");
                assertThat(last.evaluatedAt()).isEqualTo(streams.now());
            });
        }
    }

    @Test
    void ignoresEvidenceItHasAlreadySeen() {
        try (Harness streams = new Harness(state, START)) {
            streams.send(shopApi(SCANNED));
            streams.changes();

            streams.send(shopApi(SCANNED));
            streams.send(shopApi(SCANNED));

            assertThat(streams.changes()).isEmpty();
        }
    }

    @Test
    void keepsTheNewerScanAsLatestWhenAnOlderOneComesLate() {
        ScanReport newer = shopApi(SCANNED);
        ScanReport older = Reports.scan(
                "1.4.2",
                DIGEST_A,
                BUILT,
                SCANNED.minus(Duration.ofDays(28)),
                List.of(
                        finding("CVE-2026-1000", Severity.HIGH, "openssl", "3.0.13", Fix.fixed("3.0.15")),
                        finding("CVE-2026-0001", Severity.CRITICAL, "bash", "5.2", Fix.fixed("5.2.1"))));
        try (Harness streams = new Harness(state, START)) {
            streams.send(newer);
            streams.changes();

            streams.send(older);

            List<Harness.Change> changes = streams.changes();
            // The older scan saw the openssl fix 28 days earlier: the lineage's fix-available clock moves
            // back, and the deploy SLA's deadline with it, now the next change; the newer scan stays the
            // one judged.
            assertThat(changes).extracting(Harness.Change::stage).contains("deploy");
            assertThat(changes.stream()
                            .filter(c -> c.stage().equals("deploy"))
                            .findFirst()
                            .orElseThrow()
                            .nextChange())
                    .isEqualTo(SCANNED.minus(Duration.ofDays(28)).plus(Duration.ofDays(30)));
            for (Harness.Change change : changes) {
                assertThat(change.cause()).isEqualTo("EVIDENCE");
                assertThat(vulnerabilities(change.verdict())).doesNotContain("CVE-2026-0001");
                assertThat(change.verdict().path("reports"))
                        .extracting(r -> r.path("file").asText())
                        .containsExactly(EvidenceCodec.contentHash(newer));
            }
        }
    }

    @Test
    void endsInTheSameVerdictsWhateverOrderTheEvidenceCameIn() throws Exception {
        ScanReport first = shopApi(SCANNED.minus(Duration.ofDays(3)));
        ScanReport second = shopApi(SCANNED);
        ScanReport grype = Reports.scan(
                "Grype",
                "1.4.2",
                DIGEST_A,
                BUILT,
                SCANNED.minus(Duration.ofDays(1)),
                List.of(finding("CVE-2026-1002", Severity.HIGH, "zlib1g", "1.2.13", Fix.fixed("1.2.14"))));
        Map<String, JsonNode> inOrder = lastVerdicts(Files.createDirectory(state.resolve("a")), first, second, grype);
        Map<String, JsonNode> reversed =
                lastVerdicts(Files.createDirectory(state.resolve("b")), grype, second, first, second);

        assertThat(reversed).isEqualTo(inOrder);
    }

    private static Map<String, JsonNode> lastVerdicts(Path dir, ScanReport... reports) {
        Map<String, JsonNode> last = new HashMap<>();
        try (Harness streams = new Harness(dir, START)) {
            for (ScanReport report : reports) {
                streams.send(report);
            }
            streams.changes().forEach(c -> last.put(c.key(), c.verdict()));
        }
        return last;
    }

    @Test
    void judgesTwoImagesOfOneLineageWithTheClocksTheyShare() {
        ScanReport old = Reports.scan(
                "1.4.1",
                DIGEST_B,
                BUILT,
                SCANNED.minus(Duration.ofDays(28)),
                List.of(finding("CVE-2026-1000", Severity.HIGH, "openssl", "3.0.13", Fix.fixed("3.0.15"))));
        try (Harness streams = new Harness(state, START)) {
            streams.send(old);
            streams.send(shopApi(SCANNED));

            List<Harness.Change> changes = streams.changes();

            assertThat(changes)
                    .extracting(Harness.Change::key)
                    .contains(
                            "ghcr.io/acme/shop-api@" + DIGEST_A + "#deploy",
                            "ghcr.io/acme/shop-api@" + DIGEST_B + "#deploy");
            JsonNode deployOfNew = changes.stream()
                    .filter(c -> c.key().equals("ghcr.io/acme/shop-api@" + DIGEST_A + "#deploy"))
                    .reduce((a, b) -> b)
                    .orElseThrow()
                    .verdict();
            // The rebuild still carries the openssl finding: its 30-day SLA counts from when the lineage
            // first saw the fix, in the older image's scan, not from the rebuild's.
            assertThat(deployOfNew.path("nextChange").path("at").asText())
                    .isEqualTo(SCANNED.minus(Duration.ofDays(28))
                            .plus(Duration.ofDays(30))
                            .toString());
        }
    }

    @Test
    void neverTakesAnSbomForAScan() {
        try (Harness streams = new Harness(state, START)) {
            streams.send(Reports.sbom("1.4.2", DIGEST_A, SCANNED));

            List<Harness.Change> changes = streams.changes();

            Harness.Change deploy = changes.stream()
                    .filter(c -> c.stage().equals("deploy"))
                    .findFirst()
                    .orElseThrow();
            assertThat(deploy.outcome()).isEqualTo("FAIL");
            assertThat(deploy.verdict().path("reports").get(0).path("kind").asText())
                    .isEqualTo("INVENTORY");
            assertThat(StreamSupport.stream(deploy.verdict().path("violations").spliterator(), false)
                            .map(v -> v.path("ruleId").asText()))
                    .contains("coverage");
        }
    }

    @Test
    void judgesEveryImageAgainWhenThePolicyChangesAndOnlyWhatChanged() {
        String deployWarns = replaceSecond(Policies.defaultPolicyYaml(), "mode: enforce", "mode: warn");
        try (Harness streams = new Harness(state, START)) {
            streams.send(shopApi(SCANNED));
            streams.send(Reports.scan(
                    "1.4.1",
                    DIGEST_B,
                    BUILT,
                    SCANNED,
                    List.of(finding("CVE-2026-0001", Severity.CRITICAL, "bash", "5.2", Fix.fixed("5.2.1")))));
            streams.changes();
            streams.advanceTo(Instant.parse("2026-11-20T00:00:00Z"));
            streams.changes();

            streams.sendPolicy(deployWarns);

            List<Harness.Change> changes = streams.changes();
            // Every verdict now names the new policy; only the deploy verdicts decide anything new.
            assertThat(changes).hasSize(6).allSatisfy(c -> {
                assertThat(c.cause()).isEqualTo("POLICY");
                assertThat(c.verdict().path("policy").asText()).startsWith("sha256:");
            });
            List<Harness.Change> decided = changes.stream()
                    .filter(c -> c.json().path("decisionChanged").asBoolean())
                    .toList();
            assertThat(decided)
                    .extracting(Harness.Change::key)
                    .containsExactlyInAnyOrder(
                            "ghcr.io/acme/shop-api@" + DIGEST_A + "#deploy",
                            "ghcr.io/acme/shop-api@" + DIGEST_B + "#deploy");
            assertThat(decided).allSatisfy(c -> {
                assertThat(c.previousOutcome()).isEqualTo("FAIL");
                assertThat(c.outcome()).isEqualTo("WARN");
                assertThat(c.verdict().path("mode").asText()).isEqualTo("WARN");
            });

            streams.sendPolicy(null);

            assertThat(streams.changes())
                    .filteredOn(c -> c.stage().equals("deploy"))
                    .extracting(Harness.Change::outcome)
                    .containsExactly("FAIL", "FAIL");
        }
    }

    @Test
    void rejectsAPolicyThatDoesNotParseAndKeepsTheOneInForce() {
        try (Harness streams = new Harness(state, START)) {
            streams.send(shopApi(SCANNED));
            streams.changes();

            streams.sendPolicy("stages:\n  deploy:\n    mode: sometimes\n");

            assertThat(streams.changes()).isEmpty();
            assertThat(streams.rejected()).singleElement().satisfies(r -> {
                assertThat(r.path("source").asText()).startsWith("shelflife.policy/0@");
                assertThat(r.path("error").asText()).contains("sometimes").contains(":3:");
            });
        }
    }

    @Test
    void readsRawReportsWithTheInstalledAdaptersAndRejectsWhatItCannotRead() throws Exception {
        byte[] trivy = Files.readAllBytes(Path.of("..", "examples", "trivy-shop-api-1.4.2.json"));
        try (Harness streams = new Harness(state, Instant.parse("2025-02-14T00:00:00Z"))) {
            streams.sendRaw(trivy, null);
            streams.sendRaw(
                    "{\"SchemaVersion\": 2, \"Results\": [".getBytes(java.nio.charset.StandardCharsets.UTF_8), null);

            List<Harness.Change> changes = streams.changes();
            assertThat(changes).extracting(Harness.Change::stage).containsExactlyInAnyOrder("build", "deploy", "run");
            assertThat(changes).allSatisfy(c -> assertThat(c.key()).startsWith("ghcr.io/acme/shop-api"));
            assertThat(streams.rejected()).singleElement().satisfies(r -> {
                assertThat(r.path("source").asText()).isEqualTo("shelflife.evidence/0@1");
                assertThat(r.path("error").asText()).startsWith("shelflife.evidence/0@1:");
            });
        }
    }

    @Test
    void judgesTheImagesOfABaseImageTagAgainWhenTheTagMoves() {
        String policy = """
                stages:
                  run:
                    mode: enforce
                    rules:
                      - rule: base-image-current
                        grace: 7d
                        when-unknown: ignore
                """;
        try (Harness streams = new Harness(state, START)) {
            streams.sendPolicy(policy);
            streams.send(shopApi(SCANNED));
            assertThat(streams.changes())
                    .singleElement()
                    .extracting(Harness.Change::outcome)
                    .isEqualTo("PASS");

            streams.sendTag(
                    "python:3.12-slim",
                    "{\"digest\": \"" + Reports.BASE_NEW + "\", \"observedAt\": \"2026-11-01T12:00:00Z\"}");

            Harness.Change moved = streams.changes().get(0);
            assertThat(moved.cause()).isEqualTo("TAG");
            assertThat(moved.outcome()).isEqualTo("PASS");
            assertThat(moved.nextChange()).isEqualTo(Instant.parse("2026-11-08T12:00:00Z"));
            streams.advanceTo(Instant.parse("2026-11-08T12:00:00Z"));
            assertThat(streams.changes()).singleElement().satisfies(c -> {
                assertThat(c.cause()).isEqualTo("FORECAST");
                assertThat(c.outcome()).isEqualTo("FAIL");
            });
        }
    }

    private static List<String> vulnerabilities(JsonNode verdict) {
        List<String> ids = new ArrayList<>();
        verdict.path("violations").forEach(v -> ids.add(v.path("vulnerability").asText()));
        return ids;
    }

    private static String replaceSecond(String text, String target, String replacement) {
        int first = text.indexOf(target);
        int second = text.indexOf(target, first + target.length());
        return text.substring(0, second) + replacement + text.substring(second + target.length());
    }
}
