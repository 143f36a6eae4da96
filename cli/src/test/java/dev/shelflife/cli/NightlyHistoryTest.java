package dev.shelflife.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thirty nights of the documented nightly job, end to end, against a real SQLite history: each
 * night the example fleet's nightly Trivy report of {@code shop-api} is rescanned (the report
 * with its scan date moved on a day), recorded, judged at the deploy stage with {@code evaluate},
 * and planned at the run stage with {@code plan}. With the history the SLA deadlines arrive on
 * the night computed from the first scan and the policy, not one night before, and the base
 * image's grace period counts from the night the history first saw its tag's new digest; without
 * it the same thirty nights never reach a deadline, every night's scan being the first.
 */
class NightlyHistoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int NIGHTS = 30;
    private static final Path FLEET = MainTest.EXAMPLES.resolve("fleet");
    /** The original nightly scan: the first night's. */
    private static final Instant FIRST_SCAN = Instant.parse("2025-08-31T02:00:07.118250331Z");
    /** The night's job runs at 06:00, after the rescan. */
    private static final Instant FIRST_NIGHT = Instant.parse("2025-08-31T06:00:00Z");

    private static final Duration HIGH_SLA = Duration.ofDays(14);
    private static final Duration MEDIUM_SLA = Duration.ofDays(21);
    private static final Duration BASE_GRACE = Duration.ofDays(7);
    private static final Set<String> HIGH = Set.of("libc6", "libc-bin", "setuptools");
    private static final Set<String> MEDIUM = Set.of("libssl3", "requests", "urllib3");

    /** The example fleet's policy with shorter SLAs, so that two deadlines fall within the thirty nights. */
    private static final String POLICY = """
            stages:
              deploy:
                mode: enforce
                rules:
                  - rule: sla
                    clock: [fix-available, published]
                    when-unknown: fail
                    fix-states: [fixed]
                    within: {critical: 7d, high: 14d, medium: 21d}
                  - {rule: image-age, max: 90d, when-unknown: warn}
                  - {rule: scan-age, max: 2d, when-unknown: fail}
                  - {rule: coverage, no-scan: fail, report-problems: warn, unknown-severity: warn}
              run:
                mode: warn
                rules:
                  - rule: sla
                    clock: [fix-available, published]
                    when-unknown: warn
                    fix-states: [fixed]
                    within: {critical: 7d, high: 14d, medium: 21d}
                  - {rule: base-image-current, grace: 7d, when-unknown: warn}
                  - {rule: image-age, max: 90d, when-unknown: warn}
                  - {rule: scan-age, max: 2d, when-unknown: warn}
            """;

    @TempDir
    static Path temp;

    private static Path history;
    private static Path policy;
    private static String firstRecordedAs;
    private static final List<JsonNode> WITH_HISTORY = new ArrayList<>();
    private static final List<JsonNode> WITHOUT_HISTORY = new ArrayList<>();
    private static final List<JsonNode> PLANS = new ArrayList<>();
    private static final List<JsonNode> PLANS_WITHOUT_HISTORY = new ArrayList<>();
    private static final List<String> RECORDED = new ArrayList<>();

    /** What one run of the command did. */
    record Run(int exitCode, String out, String err) {}

    static Run shelflife(String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                arguments,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Instant night(int n) {
        return FIRST_NIGHT.plus(Duration.ofDays(n));
    }

    /** The first night whose job runs at or after an instant: when a deadline at that instant shows. */
    private static int firstNightAtOrAfter(Instant deadline) {
        return IntStream.range(0, NIGHTS)
                .filter(n -> !night(n).isBefore(deadline))
                .findFirst()
                .orElse(NIGHTS);
    }

    /**
     * The nightly report of a night: the example's, scanned {@code n} days later, of the same image,
     * built the day before the first night.
     */
    private static Path report(int n) throws Exception {
        ObjectNode report = (ObjectNode) JSON.readTree(
                FLEET.resolve("reports/shop-api-1.6.0.nightly.trivy.json").toFile());
        report.put("CreatedAt", FIRST_SCAN.plus(Duration.ofDays(n)).toString());
        String built = FIRST_SCAN.minus(Duration.ofDays(1)).toString();
        ObjectNode config = (ObjectNode) report.at("/Metadata/ImageConfig");
        config.put("created", built);
        ((ObjectNode) config.at("/config/Labels")).put("org.opencontainers.image.created", built);
        Path file = Files.createDirectories(temp.resolve("night-" + n)).resolve("shop-api.trivy.json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), report);
        return file;
    }

    private static Path inventory(int n, Path report) throws Exception {
        return Files.writeString(report.resolveSibling("inventory.yaml"), """
                images:
                  - name: ghcr.io/acme/shop-api:1.6.0
                    stage: run
                    reports: [shop-api.trivy.json]
                    base-image: {name: python:3.12-slim}
                """);
    }

    private static JsonNode json(Run run, int... expectedCodes) throws Exception {
        assertThat(IntStream.of(expectedCodes).boxed().toList()).as(run.err()).contains(run.exitCode());
        return JSON.readTree(run.out());
    }

    @BeforeAll
    static void runThirtyNights() throws Exception {
        history = temp.resolve("history.db");
        policy = Files.writeString(temp.resolve("policy.yaml"), POLICY);
        String bases = FLEET.resolve("bases.txt").toString();
        for (int n = 0; n < NIGHTS; n++) {
            Path report = report(n);
            String at = night(n).toString();
            Run recorded = shelflife(
                    "record", "--history", history.toString(), "--by", "nightly", "--at", at, report.toString());
            assertThat(recorded.exitCode()).as(recorded.err()).isZero();
            RECORDED.add(recorded.out());
            WITH_HISTORY.add(json(
                    shelflife(
                            "evaluate",
                            "--stage",
                            "deploy",
                            "--policy",
                            policy.toString(),
                            "--at",
                            at,
                            "--output",
                            "json",
                            "--history",
                            history.toString(),
                            report.toString()),
                    0,
                    1));
            WITHOUT_HISTORY.add(json(
                    shelflife(
                            "evaluate",
                            "--stage",
                            "deploy",
                            "--policy",
                            policy.toString(),
                            "--at",
                            at,
                            "--output",
                            "json",
                            report.toString()),
                    0,
                    1));
            Path inventory = inventory(n, report);
            PLANS.add(json(
                    shelflife(
                            "plan",
                            inventory.toString(),
                            "--policy",
                            policy.toString(),
                            "--at",
                            at,
                            "--registry-offline",
                            bases,
                            "--output",
                            "json",
                            "--history",
                            history.toString()),
                    0));
            PLANS_WITHOUT_HISTORY.add(json(
                    shelflife(
                            "plan",
                            inventory.toString(),
                            "--policy",
                            policy.toString(),
                            "--at",
                            at,
                            "--registry-offline",
                            bases,
                            "--output",
                            "json"),
                    0));
        }
        Matcher id = Pattern.compile("recorded as (sha256:[0-9a-f]{64})").matcher(RECORDED.get(0));
        assertThat(id.find()).isTrue();
        firstRecordedAs = id.group(1);
    }

    private static Set<String> slaPackages(JsonNode verdict) {
        Set<String> packages = new TreeSet<>();
        for (JsonNode violation : verdict.get("violations")) {
            if (violation.get("ruleId").asText().equals("sla")) {
                packages.add(violation.at("/package/name").asText());
            }
        }
        return packages;
    }

    @Test
    void recordsEachNightsRescanOnceAsANewReport() {
        assertThat(RECORDED).hasSize(NIGHTS).allSatisfy(out -> assertThat(out).contains(": recorded as sha256:"));
        assertThat(RECORDED.stream().map(out -> out.replaceAll(".*recorded as (sha256:\\w+).*\\s*", "$1")))
                .doesNotHaveDuplicates();
    }

    @Test
    void failsTheDeployGateExactlyOnTheNightTheHighSlaEndsCountedFromTheFirstScan() {
        int expected = firstNightAtOrAfter(FIRST_SCAN.plus(HIGH_SLA));

        assertThat(expected).as("the deadline falls within the thirty nights").isBetween(1, NIGHTS - 1);
        for (int n = 0; n < NIGHTS; n++) {
            assertThat(WITH_HISTORY.get(n).get("outcome").asText())
                    .as("night %d (%s)", n, night(n))
                    .isEqualTo(n < expected ? "PASS" : "FAIL");
        }
        assertThat(expected).isEqualTo(14);
    }

    @Test
    void addsTheMediumFindingsOnTheNightTheirLongerSlaEnds() {
        int high = firstNightAtOrAfter(FIRST_SCAN.plus(HIGH_SLA));
        int medium = firstNightAtOrAfter(FIRST_SCAN.plus(MEDIUM_SLA));

        for (int n = 0; n < NIGHTS; n++) {
            Set<String> expected = new TreeSet<>();
            if (n >= high) {
                expected.addAll(HIGH);
            }
            if (n >= medium) {
                expected.addAll(MEDIUM);
            }
            assertThat(slaPackages(WITH_HISTORY.get(n))).as("night %d", n).isEqualTo(expected);
        }
        assertThat(medium).isEqualTo(21);
    }

    @Test
    void namesTheFirstNightsRecordedScanAsTheClocksSource() {
        JsonNode violation = WITH_HISTORY.get(NIGHTS - 1).get("violations").get(0);

        assertThat(violation.get("clock").asText()).isEqualTo("fix-available");
        assertThat(violation.get("clockValue").asText()).isEqualTo(FIRST_SCAN.toString());
        assertThat(violation.at("/clockSource/scan").asText()).isEqualTo(firstRecordedAs);
        assertThat(violation.at("/clockSource/lineage").asText()).isEqualTo("ghcr.io/acme/shop-api");
        assertThat(violation.at("/clockSource/scannedAt").asText()).isEqualTo(FIRST_SCAN.toString());
    }

    @Test
    void neverReachesADeadlineWithoutTheHistory() {
        assertThat(WITHOUT_HISTORY).hasSize(NIGHTS).allSatisfy(verdict -> {
            assertThat(verdict.get("outcome").asText()).isEqualTo("PASS");
            assertThat(slaPackages(verdict)).isEmpty();
        });
    }

    @Test
    void countsTheBaseImagesGracePeriodFromTheNightTheHistoryFirstSawItsNewDigest() {
        int expected = firstNightAtOrAfter(night(0).plus(BASE_GRACE));

        for (int n = 0; n < NIGHTS; n++) {
            JsonNode image = PLANS.get(n).at("/images/0");
            assertThat(image.at("/baseImage/moved").asBoolean()).isTrue();
            assertThat(image.at("/baseImage/currentSince").asText()).isEqualTo(night(0).toString());
            if (n < expected) {
                assertThat(image.get("decision").asText()).as("night %d", n).isEqualTo("REBUILD_BY");
                assertThat(image.get("by").asText())
                        .isEqualTo(night(0).plus(BASE_GRACE).toString());
            } else {
                assertThat(image.get("decision").asText()).as("night %d", n).isEqualTo("REBUILD_NOW");
            }
        }
        assertThat(expected).isEqualTo(7);
        assertThat(PLANS_WITHOUT_HISTORY)
                .allSatisfy(plan -> assertThat(
                                plan.at("/images/0/baseImage/currentSince").isNull())
                        .isTrue());
    }

    @Test
    void keepsEveryNightsVerdictsAndTheTagObservationInTheTimeline() throws Exception {
        JsonNode timeline = json(
                shelflife(
                        "history",
                        "ghcr.io/acme/shop-api",
                        "--history",
                        history.toString(),
                        "--policy",
                        policy.toString(),
                        "--at",
                        night(NIGHTS - 1).toString(),
                        "--output",
                        "json"),
                0);

        assertThat(timeline.get("scans")).hasSize(NIGHTS);
        assertThat(timeline.get("tags")).hasSize(1);
        assertThat(timeline.at("/tags/0/firstSeen").asText()).isEqualTo(night(0).toString());
        assertThat(timeline.at("/tags/0/lastSeen").asText())
                .isEqualTo(night(NIGHTS - 1).toString());
        assertThat(timeline.get("verdicts")).hasSize(2 * NIGHTS);
        JsonNode deploy = timeline.at("/stages/0");
        assertThat(deploy.get("stage").asText()).isEqualTo("deploy");
        List<String> flips = new ArrayList<>();
        String previous = "";
        for (JsonNode band : deploy.get("bands")) {
            if (band.get("source").asText().equals("HISTORY")
                    && !band.get("outcome").asText().equals(previous)) {
                flips.add(band.get("outcome").asText() + "@" + band.get("from").asText());
                previous = band.get("outcome").asText();
            }
        }
        assertThat(flips).containsExactly("PASS@" + night(0), "FAIL@" + night(14));
    }

    @Test
    void drawsTheThirtyNightsInChromiumWithoutAnError() throws Exception {
        Path binary = HeadlessChromium.require();
        String[] history = {
            "history",
            "ghcr.io/acme/shop-api",
            "--history",
            NightlyHistoryTest.history.toString(),
            "--policy",
            policy.toString(),
            "--at",
            night(NIGHTS - 1).toString()
        };
        JsonNode timeline = json(shelflife(concat(history, "--output", "json")), 0);
        Run html = shelflife(concat(history, "--output", "html"));
        assertThat(html.exitCode()).as(html.err()).isZero();
        Path page = Files.writeString(temp.resolve("shop-api.html"), html.out(), StandardCharsets.UTF_8);

        try (HeadlessChromium chromium = HeadlessChromium.start(binary, temp.resolve("profile"))) {
            chromium.open(page, 1280, 900);
            chromium.screenshot(Path.of("target", "history-nightly.png"));

            assertThat(chromium.errors()).isEmpty();
            assertThat(chromium.evaluate("document.querySelectorAll('#chart circle.scan').length")
                            .asInt())
                    .isEqualTo(NIGHTS);
            assertThat(chromium.evaluate("document.querySelectorAll('#chart g.mark.tag').length")
                            .asInt())
                    .isEqualTo(1);
            for (JsonNode stage : timeline.get("stages")) {
                String lane = "#chart g.lane[data-stage=\"" + stage.get("stage").asText() + "\"]";
                assertThat(chromium.evaluate("document.querySelectorAll('" + lane + " rect.band').length")
                                .asInt())
                        .isEqualTo(stage.get("bands").size());
            }
            assertThat(chromium.evaluate(
                                    "document.querySelector('#chart g.lane[data-stage=\"deploy\"] rect.band.history.fail')"
                                            + ".textContent")
                            .asText())
                    .startsWith("deploy FAIL (history) from 2025-09-14 06:00Z");
            assertThat(chromium.evaluate("document.querySelectorAll('#findings tbody tr').length")
                            .asInt())
                    .isEqualTo(timeline.get("findings").size());
            assertThat(chromium.evaluate("document.querySelector('.card[data-stage=\"deploy\"] .chip').textContent")
                            .asText())
                    .isEqualTo("FAIL");
            // The medium SLA's end lapsed the night-20 verdict for four hours: FAIL all the same since night 14.
            assertThat(chromium.evaluate("document.querySelector('.card[data-stage=\"deploy\"] .note').textContent")
                            .asText())
                    .isEqualTo("since 2025-09-14 06:00Z");
        }
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
