package dev.shelflife.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelflife.cli.MainTest.Run;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the commands read their reports, run as a separate process as in CI: a report two adapters
 * claim ends in exit 3 naming both, {@code --format} says which reads it, a report detected on its
 * structure whatever the length of its first entry, and malformed UTF-8 ending in exit 3 at its
 * place.
 */
class FormatOptionTest {

    private static final Path GRYPE_EXAMPLE = MainTest.EXAMPLES.resolve("grype-shop-api-1.4.2.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    /** The example Grype report with Trivy's SchemaVersion and Metadata put first: both adapters claim it. */
    private Path grypeWithTrivysKeys() throws IOException {
        String grype = Files.readString(GRYPE_EXAMPLE);
        int brace = grype.indexOf('{');
        Path file = temp.resolve("hybrid.json");
        Files.writeString(
                file,
                grype.substring(0, brace + 1)
                        + "\"SchemaVersion\": 2, \"Metadata\": {\"OS\": {\"Family\": \"debian\", \"Name\": \"12.8\"}},"
                        + grype.substring(brace + 1));
        return file;
    }

    @Test
    void exitsWith3NamingBothAdaptersForAReportTwoOfThemClaim() throws Exception {
        Path hybrid = grypeWithTrivysKeys();

        Run evaluate =
                MainTest.shelflife(temp, "evaluate", "--stage", "build", "--at", "2025-02-14", hybrid.toString());
        Run parse = MainTest.shelflife(temp, "parse", hybrid.toString());

        for (Run run : new Run[] {evaluate, parse}) {
            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(run.out()).isEmpty();
            assertThat(run.err())
                    .startsWith(hybrid + " (/): ambiguous report: 2 adapters claim it: ")
                    .contains("trivy (a JSON object with Trivy's SchemaVersion 2 and Metadata)")
                    .contains("grype (a \"matches\" array of vulnerability/artifact matches)")
                    .contains("say which format it is with --format trivy or --format grype");
        }
    }

    @Test
    void readsTheReportTwoAdaptersClaimWithTheAdapterFormatNames() throws Exception {
        Path hybrid = grypeWithTrivysKeys();
        String[] evaluate = {"evaluate", "--stage", "build", "--at", "2025-02-14", "--output", "json"};

        Run asGrype = MainTest.shelflife(temp, concat(evaluate, "--format", "grype", hybrid.toString()));
        Run original = MainTest.shelflife(temp, concat(evaluate, GRYPE_EXAMPLE.toString()));
        Run asTrivy = MainTest.shelflife(temp, concat(evaluate, "--format=trivy", hybrid.toString()));

        assertThat(asGrype.exitCode())
                .as(asGrype.err())
                .isEqualTo(original.exitCode())
                .isEqualTo(1);
        JsonNode grype = JSON.readTree(asGrype.out());
        assertThat(grype.path("outcome").asText()).isEqualTo("FAIL");
        assertThat(grype.path("violations"))
                .extracting(v -> v.path("message").asText())
                .hasSize(3)
                .containsExactlyElementsOf(
                        JSON.readTree(original.out()).path("violations").findValuesAsText("message"));
        // Read as Trivy, Grype's matches are no Trivy entries: not read, and said so, never a clean pass.
        assertThat(asTrivy.exitCode()).as(asTrivy.err()).isZero();
        JsonNode trivy = JSON.readTree(asTrivy.out());
        assertThat(trivy.path("outcome").asText()).isEqualTo("WARN");
        assertThat(trivy.path("violations").get(0).path("message").asText())
                .contains("\"matches\" holds entries that were not read");
    }

    @Test
    void exitsWith2ForAFormatNoAdapterHasOnEveryCommand() throws Exception {
        String report = MainTest.TRIVY_EXAMPLE.toString();

        for (String[] command : new String[][] {
            {"evaluate", "--stage", "build", "--format", "clair", report},
            {"merge", "--format", "clair", report},
            {"diff", "--format", "clair", "--baseline", report, "--", report},
        }) {
            Run run = MainTest.shelflife(temp, command);
            assertThat(run.exitCode()).as(String.join(" ", command)).isEqualTo(2);
            assertThat(run.err()).contains("--format names no installed adapter: \"clair\" (installed: ");
        }
    }

    @Test
    void readsEveryReportOfMergeAndDiffWithTheFormatGiven() throws Exception {
        Path hybrid = grypeWithTrivysKeys();

        Run merge = MainTest.shelflife(temp, "merge", "--format", "grype", hybrid.toString(), GRYPE_EXAMPLE.toString());
        Run diff = MainTest.shelflife(
                temp, "diff", "--format", "grype", "--baseline", GRYPE_EXAMPLE.toString(), "--", hybrid.toString());
        Run undecided = MainTest.shelflife(temp, "merge", hybrid.toString(), GRYPE_EXAMPLE.toString());

        assertThat(merge.exitCode()).as(merge.err()).isZero();
        assertThat(diff.exitCode()).as(diff.err()).isZero();
        assertThat(diff.out()).doesNotContain("INTRODUCED");
        assertThat(undecided.exitCode()).isEqualTo(3);
        assertThat(undecided.err()).contains("ambiguous report");
    }

    @Test
    void readsEveryReportAPlanInventoryListsWithTheFormatGiven() throws Exception {
        Path fleet = MainTest.EXAMPLES.resolve("fleet").toAbsolutePath();
        Path trivyOnly = temp.resolve("trivy-fleet.yaml");
        Files.writeString(trivyOnly, """
                images:
                  - name: ghcr.io/acme/shop-worker:1.6.0
                    stage: run
                    reports: [%s]
                  - name: ghcr.io/acme/reports-api:0.9.3
                    stage: run
                    reports: [%s]
                """.formatted(
                        fleet.resolve("reports/shop-worker-1.6.0.nightly.trivy.json"),
                        fleet.resolve("reports/reports-api-0.9.3.nightly.trivy.json")));
        String[] plan = {"plan", "--at", "2025-09-01T06:00:00Z", "--format", "trivy"};

        Run oneFormat = MainTest.shelflife(temp, concat(plan, trivyOnly.toString()));
        Run mixed = MainTest.shelflife(
                temp, concat(plan, fleet.resolve("inventory.yaml").toString()));

        assertThat(oneFormat.exitCode()).as(oneFormat.err()).isZero();
        assertThat(oneFormat.out()).contains("ghcr.io/acme/reports-api:0.9.3");
        // The fleet's Grype report is no Trivy report: one format for all, so the plan stops, located.
        assertThat(mixed.exitCode()).isEqualTo(3);
        assertThat(mixed.err()).contains("billing-3.2.1.build.grype.json").contains("not a Trivy report");
    }

    @Test
    void detectsASnykReportWhoseFirstEntryIsLongerThanAnyFixedWindow() throws Exception {
        String description = "A heap overflow in the parser. ".repeat(2000);
        Path snyk = temp.resolve("snyk.json");
        Files.writeString(snyk, """
                {"vulnerabilities": [
                   {"id": "SNYK-DEBIAN12-GLIBC-6095577", "title": "Heap-based Buffer Overflow",
                    "description": "%s",
                    "severity": "high", "packageManager": "deb", "packageName": "glibc", "name": "glibc/libc6",
                    "version": "2.36-9+deb12u1", "nearestFixedInVersion": "2.36-9+deb12u4",
                    "identifiers": {"CVE": ["CVE-2023-6246"]}, "from": ["docker-image|app@1.0", "glibc/libc6@2.36-9+deb12u1"]}],
                 "ok": false, "dependencyCount": 91, "packageManager": "deb", "projectName": "docker-image|app",
                 "platform": "linux/amd64", "path": "app:1.0"}
                """.formatted(description));
        assertThat(Files.size(snyk)).isGreaterThan(8 * 1024);

        Run parse = MainTest.shelflife(temp, "parse", "--output", "json", snyk.toString());

        assertThat(parse.exitCode()).as(parse.err()).isZero();
        JsonNode report = JSON.readTree(parse.out());
        assertThat(report.path("format").path("adapter").asText()).isEqualTo("snyk");
        assertThat(report.path("findings")).hasSize(1);
    }

    @Test
    void exitsWith3AtThePlaceOfAnOverlongUtf8Sequence() throws Exception {
        byte[] trivy = Files.readAllBytes(MainTest.TRIVY_EXAMPLE);
        String text = new String(trivy, StandardCharsets.UTF_8);
        int at = text.indexOf("\"PkgName\": \"") + "\"PkgName\": \"".length();
        ByteArrayOutputStream smuggled = new ByteArrayOutputStream();
        smuggled.write(trivy, 0, at);
        // C0 AF is an overlong '/': a lenient decoder reads "..\/..".
        smuggled.writeBytes(new byte[] {'.', '.', (byte) 0xC0, (byte) 0xAF, '.', '.'});
        smuggled.write(trivy, at, trivy.length - at);
        Path file = temp.resolve("overlong.json");
        Files.write(file, smuggled.toByteArray());
        long line = text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;

        Run evaluate = MainTest.shelflife(temp, "evaluate", "--stage", "build", file.toString());

        assertThat(evaluate.exitCode()).isEqualTo(3);
        assertThat(evaluate.err())
                .startsWith(file + ":" + line + ":")
                .contains("/PkgName): malformed JSON: Invalid UTF-8: an overlong encoding (C0 AF) at byte " + (at + 2));
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = new String[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
