package dev.shelflife.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shelflife.history.HistoryException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands with a real SQLite history: what they record, where the URL comes from, and what
 * they exit with when the store is wrong or cannot be used.
 */
class HistoryOptionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FLEET = MainTest.EXAMPLES.resolve("fleet");
    private static final String BUILD =
            FLEET.resolve("reports/shop-api-1.6.0.build.trivy.json").toString();
    private static final String NIGHTLY =
            FLEET.resolve("reports/shop-api-1.6.0.nightly.trivy.json").toString();
    private static final String POLICY = FLEET.resolve("policy.yaml").toString();
    private static final String AT = "2025-09-01T06:00:00Z";
    private static final Instant NOW = Instant.parse("2025-09-02T00:00:00Z");

    @TempDir
    Path temp;

    record Run(int exitCode, String out, String err) {}

    private Run shelflife(Map<String, String> environment, String... arguments) {
        InstantSource clock = InstantSource.fixed(NOW);
        List<Command> commands = List.of(
                new ParseCommand(),
                new EvaluateCommand(clock, environment),
                new MergeCommand(clock, environment),
                new DiffCommand(clock, environment),
                new PlanCommand(clock, environment),
                new RecordCommand(clock, environment),
                new HistoryCommand(clock, environment));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                commands,
                arguments,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run shelflife(String... arguments) {
        return shelflife(Map.of(), arguments);
    }

    private String store() {
        return temp.resolve("history.db").toString();
    }

    private JsonNode timeline(String subject) throws Exception {
        Run run = shelflife("history", subject, "--history", store(), "--at", AT, "--output", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    @Test
    void recordsEachReportOnceAndSaysWhereAndUnderWhichId() {
        Run first = shelflife("record", "--history", store(), BUILD, NIGHTLY);
        Run again = shelflife("record", "--history", store(), NIGHTLY);

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out().lines())
                .hasSize(2)
                .allSatisfy(
                        line -> assertThat(line)
                                .containsPattern(
                                        ": recorded as sha256:[0-9a-f]{64} \\(Trivy 0\\.65\\.0, scanned .*\\), image"
                                                + " ghcr\\.io/acme/shop-api:1\\.6\\.0@sha256:c0be44f42ca9.*, lineage ghcr\\.io/acme/shop-api$"));
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).startsWith(NIGHTLY + ": already recorded as sha256:");
        assertThat(again.out())
                .contains(first.out().lines().toList().get(1).replaceAll(".*recorded as (\\S+).*", "$1"));
    }

    @Test
    void readsEveryReportBeforeRecordingAnySoThatAnUnreadableOneRecordsNothing() throws Exception {
        Path cut = Files.writeString(temp.resolve("cut.json"), "{\"SchemaVersion\": 2, \"Results\": [");

        Run run = shelflife("record", "--history", store(), BUILD, cut.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(shelflife("history", "ghcr.io/acme/shop-api", "--history", store())
                        .exitCode())
                .as("nothing was recorded")
                .isEqualTo(3);
    }

    @Test
    void takesTheStoreFromTheEnvironmentWhenTheOptionIsNotGiven() throws Exception {
        Run recorded = shelflife(Map.of(HistoryOption.VARIABLE, store()), "record", BUILD);
        Run blank = shelflife(Map.of(HistoryOption.VARIABLE, " "), "record", BUILD);

        assertThat(recorded.exitCode()).as(recorded.err()).isZero();
        assertThat(timeline("ghcr.io/acme/shop-api").get("scans")).hasSize(1);
        assertThat(blank.exitCode()).isEqualTo(2);
        assertThat(blank.err()).contains("missing --history URL (or the variable SHELFLIFE_HISTORY)");
    }

    @Test
    void countsTheClocksFromTheLineagesPastAndRecordsTheVerdict() throws Exception {
        shelflife("record", "--history", store(), BUILD);

        Run without =
                shelflife("evaluate", "--stage", "run", "--policy", POLICY, "--at", AT, "--output", "json", NIGHTLY);
        Run with = shelflife(
                "evaluate",
                "--stage",
                "run",
                "--policy",
                POLICY,
                "--at",
                AT,
                "--output",
                "json",
                "--history",
                store(),
                NIGHTLY);

        JsonNode before = JSON.readTree(without.out());
        JsonNode after = JSON.readTree(with.out());
        assertThat(before.findValues("ruleId")).extracting(JsonNode::asText).doesNotContain("sla");
        assertThat(after.findValues("ruleId"))
                .extracting(JsonNode::asText)
                .filteredOn("sla"::equals)
                .hasSize(4);
        assertThat(after.at("/violations/0/clockSource/scannedAt").asText())
                .isEqualTo("2025-06-02T09:20:11.402917722Z");
        JsonNode timeline = timeline("ghcr.io/acme/shop-api");
        assertThat(timeline.get("verdicts")).hasSize(1);
        assertThat(timeline.at("/verdicts/0/stage").asText()).isEqualTo("run");
        assertThat(timeline.at("/verdicts/0/outcome").asText()).isEqualTo("WARN");
        assertThat(timeline.at("/verdicts/0/at").asText()).isEqualTo(AT);
        assertThat(timeline.get("scans")).hasSize(2);
    }

    @Test
    void showsTheTimelineAsTextForPeople() {
        shelflife("record", "--history", store(), BUILD);
        shelflife("evaluate", "--stage", "run", "--policy", POLICY, "--at", AT, "--history", store(), NIGHTLY);

        Run text = shelflife("history", "ghcr.io/acme/shop-api", "--history", store(), "--policy", POLICY, "--at", AT);
        Run later = shelflife("history", "ghcr.io/acme/shop-api", "--history", store(), "--at", "2025-07-01T00:00:00Z");
        Run unknown = shelflife("history", "ghcr.io/acme/nothing", "--history", store());

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out())
                .startsWith("history of ghcr.io/acme/shop-api (lineage ghcr.io/acme/shop-api), as of " + AT + "\n")
                .contains("\nforecast  of ghcr.io/acme/shop-api:1.6.0@sha256:c0be44f42ca9")
                .contains("\n  deploy (enforce): now FAIL; next change ")
                .contains("\n  run (warn): now WARN; next change ")
                .contains("\n2 scans\n", "\n7 findings\n", "\n0 tag observations\n", "\n1 verdict\n")
                .contains("  CVE-2025-4802   HIGH      libc6 ");
        assertThat(later.out())
                .contains("\nleft out  1 scan, 2 findings, 1 verdict made after 2025-07-01T00:00:00Z\n")
                .contains("\n1 scan\n");
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.err())
                .isEqualTo("shelflife history: the history holds nothing about ghcr.io/acme/nothing: no image and no"
                        + " lineage of that name" + System.lineSeparator());
    }

    @Test
    void evaluatesAnImageFromTheHistoryAloneAsTheReportsWouldHaveIt() throws Exception {
        shelflife("record", "--history", store(), BUILD, NIGHTLY);

        Run fromReports = shelflife(
                "evaluate",
                "--stage",
                "run",
                "--policy",
                POLICY,
                "--at",
                AT,
                "--output",
                "json",
                "--history",
                store(),
                NIGHTLY);
        Run fromHistory = shelflife(
                "evaluate",
                "--stage",
                "run",
                "--policy",
                POLICY,
                "--at",
                AT,
                "--output",
                "json",
                "--history",
                store(),
                "--image",
                "ghcr.io/acme/shop-api:1.6.0");
        Run unknown =
                shelflife("evaluate", "--stage", "run", "--history", store(), "--image", "ghcr.io/acme/nothing:1");

        assertThat(fromHistory.exitCode()).as(fromHistory.err()).isZero();
        JsonNode a = JSON.readTree(fromReports.out());
        JsonNode b = JSON.readTree(fromHistory.out());
        // The same verdict, but traced to the history instead of the file.
        a.get("violations").forEach(v -> ((ObjectNode) v).remove("reports"));
        assertThat(b.findValues("reports").subList(0, 4))
                .allSatisfy(files -> assertThat(files.toString()).isEqualTo("[\"(history)\"]"));
        b.get("violations").forEach(v -> ((ObjectNode) v).remove("reports"));
        assertThat(b.get("violations")).isEqualTo(a.get("violations"));
        assertThat(b.get("nextChange")).isEqualTo(a.get("nextChange"));
        assertThat(b.at("/reports/0/file").asText()).isEqualTo("(history)");
        assertThat(b.at("/reports/0/scannedAt").asText()).isEqualTo("2025-08-31T02:00:07.118250331Z");
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.err())
                .isEqualTo("shelflife evaluate: the history holds no report of ghcr.io/acme/nothing:1 made at or before"
                        + " 2025-09-02T00:00:00Z" + System.lineSeparator());
    }

    @Test
    void refusesAnImageWithoutAHistoryAndAnEvaluationWithNeitherReportsNorImage() {
        Run image = shelflife("evaluate", "--stage", "run", "--image", "ghcr.io/acme/shop-api:1.6.0", NIGHTLY);
        Run nothing = shelflife("evaluate", "--stage", "run", "--history", store());

        assertThat(image.exitCode()).isEqualTo(2);
        assertThat(image.err()).contains("--image names an image of the history: give --history URL");
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("missing the REPORT files, or --image REF");
    }

    @Test
    void recordsWhatMergeAndDiffAreGivenWithoutChangingTheirOutput() throws Exception {
        Run merged = shelflife("merge", "--output", "json", NIGHTLY);
        Run mergedWithHistory = shelflife("merge", "--output", "json", "--history", store(), NIGHTLY);
        Run diff = shelflife("diff", "--history", store(), "--baseline", BUILD, "--", NIGHTLY);

        assertThat(mergedWithHistory.exitCode()).as(mergedWithHistory.err()).isZero();
        assertThat(mergedWithHistory.out()).isEqualTo(merged.out());
        assertThat(diff.exitCode()).as(diff.err()).isZero();
        assertThat(timeline("ghcr.io/acme/shop-api").get("scans"))
                .extracting(scan -> scan.get("scannedAt").asText())
                .containsExactly("2025-06-02T09:20:11.402917722Z", "2025-08-31T02:00:07.118250331Z");
    }

    @Test
    void countsTheClocksFromAPostgresHistoryAsFromAnSqliteOne() throws Exception {
        String database = System.getenv("SHELFLIFE_POSTGRES_URL");
        if (database == null || database.isBlank()) {
            System.err.println("SKIPPED: SHELFLIFE_POSTGRES_URL is not set; .ci/run starts a PostgreSQL and sets it");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(
                database != null && !database.isBlank(), "needs PostgreSQL: SHELFLIFE_POSTGRES_URL");
        String schema = "cli_" + Long.toHexString(System.nanoTime());
        String url = database + (database.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        try {
            shelflife("record", "--history", url, BUILD);
            Run with = shelflife(
                    "evaluate",
                    "--stage",
                    "run",
                    "--policy",
                    POLICY,
                    "--at",
                    AT,
                    "--output",
                    "json",
                    "--history",
                    url,
                    NIGHTLY);

            assertThat(with.exitCode()).as(with.err()).isZero();
            assertThat(JSON.readTree(with.out()).findValues("ruleId"))
                    .extracting(JsonNode::asText)
                    .filteredOn("sla"::equals)
                    .hasSize(4);
            Run history =
                    shelflife("history", "ghcr.io/acme/shop-api", "--history", url, "--at", AT, "--output", "json");
            assertThat(JSON.readTree(history.out()).get("verdicts")).hasSize(1);
        } finally {
            try (java.sql.Connection connection = java.sql.DriverManager.getConnection(database);
                    java.sql.Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Test
    void exitsWith2AndPrintsNothingForAFileThatIsNotAStore() throws Exception {
        Path notAStore = Files.writeString(temp.resolve("notes.txt"), "shopping list\n".repeat(400));

        Run run = shelflife("evaluate", "--stage", "run", "--history", notAStore.toString(), NIGHTLY);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("shelflife evaluate: history: ");
        assertThat(Files.readString(notAStore)).isEqualTo("shopping list\n".repeat(400));
    }

    @Test
    void exitsWith2ForAUrlNoStoreOpens() {
        Run run = shelflife("record", "--history", "jdbc:nosuchdb://x/y?password=secret", NIGHTLY);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no history store opens").doesNotContain("secret");
    }

    @Test
    void exitsWith75AndPrintsNothingWhenTheStoreCannotBeReached() {
        Run run = shelflife(
                "evaluate",
                "--stage",
                "run",
                "--history",
                "jdbc:postgresql://127.0.0.1:1/shelflife?user=shelflife&password=secret&connectTimeout=2",
                NIGHTLY);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(75);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("shelflife evaluate: history: ").doesNotContain("secret");
    }

    @Test
    void exitsWith2ForWhatIsWrongWithTheCommandAnd75ForAStoreThatCannotBeUsedNow() {
        for (HistoryException.Reason reason : HistoryException.Reason.values()) {
            int expected = switch (reason) {
                case NOT_A_STORE, NEWER_SCHEMA, BAD_INPUT -> 2;
                case UNREACHABLE, READ_ONLY, FULL, FAILED -> 75;
            };
            assertThat(HistoryOption.exitCode(reason).code()).as(reason.name()).isEqualTo(expected);
        }
    }

    @Test
    void refusesAReportThatNamesNoImageWithoutImageAndRecordsItWithOne() throws Exception {
        JsonNode report = JSON.readTree(Path.of(NIGHTLY).toFile());
        ((ObjectNode) report).remove("ArtifactName");
        ObjectNode metadata = (ObjectNode) report.get("Metadata");
        metadata.remove("RepoTags");
        metadata.remove("RepoDigests");
        Path anonymous = temp.resolve("anonymous.json");
        JSON.writeValue(anonymous.toFile(), report);

        Run refused = shelflife("record", "--history", store(), anonymous.toString());
        Run named = shelflife(
                "record", "--history", store(), "--image", "ghcr.io/acme/shop-api:1.6.0", anonymous.toString());

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains(anonymous + " (").contains("give --image REF");
        assertThat(named.exitCode()).as(named.err()).isZero();
        assertThat(named.out()).contains("image ghcr.io/acme/shop-api:1.6.0, lineage ghcr.io/acme/shop-api");
    }

    @Test
    void recordsAVexDocumentThatNamesTheImageByItsDigestUnderAScanGivenWithItInAnyOrder() throws Exception {
        String trivy = MainTest.TRIVY_EXAMPLE.toString();
        String vex =
                MainTest.EXAMPLES.resolve("cyclonedx-vex-shop-api-1.4.2.json").toString();

        Run vexFirst = shelflife("record", "--history", store(), vex, trivy);
        Run together = shelflife("record", "--history", store(), trivy, vex);

        assertThat(vexFirst.exitCode())
                .as("the VEX document comes first, before the scan that names its image")
                .isZero();
        assertThat(together.exitCode()).as(together.err()).isZero();
        assertThat(together.out())
                .contains(vex + ": already recorded")
                .contains(
                        "image ghcr.io/acme/shop-api:1.4.2@sha256:71be5517f81dec198514ecafddb5910ddb206b51944e29ffac764d28df8a6526");
        Run vexOnly = shelflife("record", "--history", temp.resolve("other.db").toString(), vex);
        assertThat(vexOnly.exitCode()).isEqualTo(2);
        assertThat(vexOnly.err())
                .contains(vex + " (")
                .contains("names no image")
                .contains("nothing was recorded");
    }

    @Test
    void evaluatesAnImageFromTheHistoryWithTheIgnoreFileRecordedUnderItsTag() throws Exception {
        Path ignore = Files.writeString(temp.resolve(".trivyignore"), "CVE-2024-2961 exp:2025-06-01\n");
        String trivy = MainTest.TRIVY_EXAMPLE.toString();
        String image = "ghcr.io/acme/shop-api:1.4.2";
        // An ignore file has no date: it counts from when it was recorded, before the evaluation instant.
        Run recorded = shelflife(
                "record", "--history", store(), "--at", "2025-02-01", "--image", image, trivy, ignore.toString());

        Run fromReports = shelflife(
                "evaluate", "--stage", "deploy", "--at", "2025-02-14", "--output", "json", trivy, ignore.toString());
        Run fromHistory = shelflife(
                "evaluate",
                "--stage",
                "deploy",
                "--at",
                "2025-02-14",
                "--output",
                "json",
                "--history",
                store(),
                "--image",
                image);

        assertThat(recorded.exitCode()).as(recorded.err()).isZero();
        assertThat(fromHistory.exitCode()).as(fromHistory.err()).isEqualTo(fromReports.exitCode());
        JsonNode a = JSON.readTree(fromReports.out());
        JsonNode b = JSON.readTree(fromHistory.out());
        assertThat(b.path("reports")).hasSize(2);
        assertThat(b.path("waivers").path("applied"))
                .isNotEmpty()
                .hasSize(a.path("waivers").path("applied").size());
        // The same violations; from the history, their clocks are traced to the recorded scan.
        assertThat(b.get("violations").findValuesAsText("vulnerability"))
                .isEqualTo(a.get("violations").findValuesAsText("vulnerability"))
                .doesNotContain("CVE-2024-2961");
        assertThat(b.get("violations").findValuesAsText("ruleId"))
                .isEqualTo(a.get("violations").findValuesAsText("ruleId"));
    }
}
