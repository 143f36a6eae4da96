package dev.shelflife.streams;

import static dev.shelflife.streams.Reports.DIGEST_A;
import static dev.shelflife.streams.Reports.DIGEST_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shelflife.ScanReport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retiring images and lineages, until when a passing verdict passes, and the budget of a look at the index. */
class RetirementAndBudgetTest {

    private static final Instant BUILT = Instant.parse("2026-10-01T00:00:00Z");
    private static final Instant SCANNED = Instant.parse("2026-11-01T06:00:00Z");
    private static final Instant START = Instant.parse("2026-11-02T00:00:00Z");
    private static final String IMAGE_A = "ghcr.io/acme/shop-api@" + DIGEST_A;
    private static final String IMAGE_B = "ghcr.io/acme/shop-api@" + DIGEST_B;

    @TempDir
    Path state;

    private static ScanReport scan(String tag, String digest) {
        return Reports.opensslAndLibxml2(tag, digest, BUILT, SCANNED);
    }

    /** The last outcome emitted per key. */
    private static Map<String, String> outcomes(List<Harness.Change> changes) {
        return changes.stream().collect(Collectors.toMap(Harness.Change::key, Harness.Change::outcome, (a, b) -> b));
    }

    @Test
    void retiresAnImageWithALastChangePerStageAndNeverWakesItAgain() {
        try (Harness streams = new Harness(state, START)) {
            streams.send(scan("1.4.2", DIGEST_A));
            streams.send(scan("1.4.1", DIGEST_B));
            Map<String, String> last = outcomes(streams.changes());

            streams.retire(IMAGE_A);

            List<Harness.Change> retired = streams.changes();
            assertThat(retired)
                    .extracting(Harness.Change::key)
                    .containsExactlyInAnyOrder(IMAGE_A + "#build", IMAGE_A + "#deploy", IMAGE_A + "#run");
            assertThat(retired).allSatisfy(change -> {
                assertThat(change.cause()).isEqualTo("RETIRED");
                assertThat(change.json().path("outcome").isNull()).isTrue();
                assertThat(change.verdict().isNull()).isTrue();
                assertThat(change.json().path("decisionChanged").asBoolean()).isTrue();
                assertThat(change.previousOutcome()).isEqualTo(last.get(change.key()));
                assertThat(change.json().path("at").asText()).isEqualTo(START.toString());
                assertThat(change.json().path("reason").asText())
                        .isEqualTo("the image was retired (shelflife.evidence/0@2)");
            });

            // A year of forecasts: the other image of the lineage is still woken, the retired one never.
            streams.advanceTo(START.plus(Duration.ofDays(365)));
            List<Harness.Change> later = streams.changes();
            assertThat(later)
                    .isNotEmpty()
                    .allSatisfy(change -> assertThat(change.key()).startsWith(IMAGE_B));
        }
    }

    @Test
    void judgesARetiredImageAfreshWhenItsEvidenceComesAgain() {
        try (Harness streams = new Harness(state, START)) {
            streams.send(scan("1.4.2", DIGEST_A));
            streams.changes();
            streams.retire(IMAGE_A);
            streams.changes();

            streams.send(scan("1.4.2", DIGEST_A));

            assertThat(streams.changes()).extracting(Harness.Change::cause).containsExactly("FIRST", "FIRST", "FIRST");
        }
    }

    @Test
    void retiresEveryImageOfALineageByItsName() {
        try (Harness streams = new Harness(state, START)) {
            streams.send(scan("1.4.2", DIGEST_A));
            streams.send(scan("1.4.1", DIGEST_B));
            streams.changes();

            streams.retire("ghcr.io/acme/shop-api");

            List<Harness.Change> retired = streams.changes();
            assertThat(retired).hasSize(6).allSatisfy(change -> {
                assertThat(change.cause()).isEqualTo("RETIRED");
                assertThat(change.json().path("reason").asText())
                        .isEqualTo("its lineage ghcr.io/acme/shop-api was retired (shelflife.evidence/0@2)");
            });
            streams.advanceTo(START.plus(Duration.ofDays(365)));
            assertThat(streams.changes()).isEmpty();
            assertThat(streams.rejected()).isEmpty();
        }
    }

    @Test
    void retiringWhatItDoesNotHoldEmitsNothing() {
        try (Harness streams = new Harness(state, START)) {
            streams.retire(IMAGE_A);
            streams.retire("ghcr.io/acme/other");

            assertThat(streams.changes()).isEmpty();
            assertThat(streams.rejected()).isEmpty();
        }
    }

    @Test
    void rejectsATombstoneWhoseKeyNamesNoImageOrHasNoKey() {
        try (Harness streams = new Harness(state, START)) {
            streams.retire("not a reference!");
            streams.retire(null);

            List<JsonNode> rejected = streams.rejected();
            assertThat(rejected).hasSize(2);
            assertThat(rejected.get(0).path("error").asText())
                    .startsWith("shelflife.evidence/0@0: the key of a tombstone names no image or lineage");
            assertThat(rejected.get(1).path("error").asText())
                    .startsWith("shelflife.evidence/0@1: a tombstone without a key");
            assertThat(streams.changes()).isEmpty();
        }
    }

    @Test
    void saysUntilWhenAPassingVerdictPassesAsTheCommandLineDoes() {
        try (Harness streams = new Harness(state, START)) {
            streams.send(scan("1.4.2", DIGEST_A));
            List<Harness.Change> passing = streams.changes().stream()
                    .filter(c -> c.outcome().equals("PASS"))
                    .filter(c -> !c.verdict().path("nextChange").isNull())
                    .toList();
            assertThat(passing).as("a passing verdict with a forecast").isNotEmpty();
            Harness.Change change = passing.get(0);
            JsonNode validUntil = change.verdict().path("validUntil");
            assertThat(validUntil.path("passing").asBoolean()).isTrue();
            assertThat(validUntil.path("reason").asText()).isNotBlank();
            Instant until = Instant.parse(validUntil.path("at").asText());
            assertThat(until).isAfterOrEqualTo(change.nextChange());

            streams.advanceTo(until.minusMillis(1));
            assertThat(streams.changes())
                    .filteredOn(c -> c.stage().equals(change.stage()))
                    .allSatisfy(c -> assertThat(c.outcome()).isEqualTo("PASS"));
            streams.advanceTo(until);
            assertThat(streams.changes())
                    .filteredOn(c -> c.stage().equals(change.stage()))
                    .singleElement()
                    .satisfies(c -> {
                        assertThat(c.evaluatedAt()).isEqualTo(until);
                        assertThat(c.outcome()).isNotEqualTo("PASS");
                        assertThat(c.verdict()
                                        .path("validUntil")
                                        .path("passing")
                                        .asBoolean())
                                .isFalse();
                    });
        }
    }

    @Test
    void spreadsWakeUpsBeyondTheBudgetOverLooksEachStillAtItsOwnInstant() {
        StreamsSettings settings = StreamsSettings.defaults()
                .withWakeUpInterval(Duration.ofMillis(1))
                .withWakeUpBudget(Duration.ZERO);
        try (Harness streams = new Harness(state, START, settings)) {
            streams.send(scan("1.4.2", DIGEST_A));
            streams.send(scan("1.4.1", DIGEST_B));
            Instant due = streams.changes().stream()
                    .filter(c -> c.key().equals(IMAGE_A + "#deploy"))
                    .reduce((a, b) -> b)
                    .orElseThrow()
                    .nextChange();

            // Both images' deploy verdicts change at one instant (their run verdicts earlier); each look
            // judges one wake-up, the earliest first.
            List<Harness.Change> woken = new java.util.ArrayList<>();
            for (int look = 0; look < 16; look++) {
                streams.advanceTo(due.plusMillis(look));
                List<Harness.Change> changes = streams.changes();
                assertThat(changes).as("changes of look %d", look).hasSizeLessThanOrEqualTo(1);
                woken.addAll(changes);
            }

            assertThat(woken).allSatisfy(change -> assertThat(change.cause()).isEqualTo("FORECAST"));
            assertThat(woken)
                    .extracting(Harness.Change::evaluatedAt)
                    .as("one look after another, the earliest first")
                    .isSorted();
            List<Harness.Change> deploy =
                    woken.stream().filter(c -> c.stage().equals("deploy")).toList();
            assertThat(deploy)
                    .extracting(Harness.Change::key)
                    .containsExactlyInAnyOrder(IMAGE_A + "#deploy", IMAGE_B + "#deploy");
            assertThat(deploy)
                    .allSatisfy(change -> assertThat(change.evaluatedAt()).isEqualTo(due));
        }
    }
}
