package dev.shelflife.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerAdapters;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.testkit.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Pins what {@code docs/default-policy-examples.md} says the default policy decides about the
 * Trivy reports of the corpus: its table of every report at the three stages (the page is the
 * golden file: {@code -Dshelflife.regenerate=true} rewrites the table's rows), and its worked
 * example for each stage. Every verdict comes from {@code shelflife evaluate --output json}, run
 * in this JVM for speed.
 */
class EvaluateCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PAGE = MainTest.EXAMPLES.resolveSibling("docs").resolve("default-policy-examples.md");
    /** The instant of reports that do not record when they were made. */
    private static final Instant NO_SCAN_TIME = Instant.parse("2026-11-27T00:00:00Z");

    private static final List<String> STAGES = List.of("build", "deploy", "run");

    private static Path trivy(String name) {
        Corpus corpus = Corpus.require();
        return corpus.files("trivy").stream()
                .filter(f -> f.name().equals("trivy/" + name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the corpus has no trivy/" + name))
                .path();
    }

    /** Runs {@code shelflife evaluate --output json} and returns the verdict. */
    private static JsonNode evaluate(Path report, String stage, String at) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                new String[] {"evaluate", "--stage", stage, "--at", at, "--output", "json", report.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        JsonNode verdict = JSON.readTree(out.toByteArray());
        assertThat(code)
                .as("%s at %s: %s", report.getFileName(), stage, err.toString(StandardCharsets.UTF_8))
                .isEqualTo(verdict.path("outcome").asText().equals("FAIL") ? 1 : 0);
        return verdict;
    }

    private static List<String> ruleIds(JsonNode verdict) {
        List<String> ids = new ArrayList<>();
        verdict.path("violations").forEach(v -> ids.add(v.path("ruleId").asText()));
        return ids;
    }

    /** A verdict as the page's table shows it: {@code **FAIL** blocks: sla ×2, scan-age; warns: image-age}. */
    private static String cell(JsonNode verdict) {
        List<String> parts = new ArrayList<>();
        for (String effect : List.of("BLOCK", "WARN")) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            verdict.path("violations").forEach(v -> {
                if (v.path("effect").asText().equals(effect)) {
                    counts.merge(v.path("ruleId").asText(), 1, Integer::sum);
                }
            });
            if (!counts.isEmpty()) {
                parts.add((effect.equals("BLOCK") ? "blocks: " : "warns: ")
                        + counts.entrySet().stream()
                                .map(e -> e.getKey() + (e.getValue() > 1 ? " ×" + e.getValue() : ""))
                                .collect(Collectors.joining(", ")));
            }
        }
        return "**" + verdict.path("outcome").asText() + "**" + (parts.isEmpty() ? "" : " " + String.join("; ", parts));
    }

    @Test
    void givesEveryTrivyReportTheVerdictsThePageTabulates() throws Exception {
        ScannerAdapters adapters = ScannerAdapters.load();
        List<String> rows = new ArrayList<>();
        List<Corpus.CorpusFile> files = new ArrayList<>(Corpus.require().files("trivy"));
        files.sort(Comparator.comparing(Corpus.CorpusFile::name));
        for (Corpus.CorpusFile file : files) {
            ScanReport report = adapters.read(ReportSource.of(file.path()));
            String at = report.scannedAt().orElse(NO_SCAN_TIME).toString();
            StringBuilder row = new StringBuilder(
                    "| `" + file.path().getFileName() + "` | " + report.counts().findings() + " | "
                            + (report.scannedAt().isPresent() ? "scan time" : "2026-11-27 (no scan time)") + " |");
            for (String stage : STAGES) {
                row.append(' ').append(cell(evaluate(file.path(), stage, at))).append(" |");
            }
            rows.add(row.toString());
        }

        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        List<String> lines = page.lines().toList();
        int first = lines.indexOf(
                lines.stream().filter(l -> l.startsWith("| `")).findFirst().orElseThrow());
        int end = first;
        while (end < lines.size() && lines.get(end).startsWith("| `")) {
            end++;
        }
        List<String> expected = new ArrayList<>(lines.subList(0, first));
        expected.addAll(rows);
        expected.addAll(lines.subList(end, lines.size()));
        Golden.assertMatches(PAGE, String.join("\n", expected) + "\n");
    }

    @Test
    void blocksTheSeventeenFixableHighsOfCentos7AtBuild() throws Exception {
        Path centos = trivy("trivy-v0.20-schema2-centos-7-large.json");

        JsonNode build = evaluate(centos, "build", NO_SCAN_TIME.toString());

        assertThat(build.path("outcome").asText()).isEqualTo("FAIL");
        assertThat(ruleIds(build)).hasSize(17).containsOnly("severity-gate");
        assertThat(build.path("violations").get(0).path("message").asText())
                .isEqualTo(
                        "CVE-2018-5743 HIGH in bind-license 32:9.9.4-73.el7_6 is at least HIGH; fixed in 32:9.9.4-74.el7_6.1");
        JsonNode actions = build.path("actions");
        assertThat(actions.get(0).path("kind").asText()).isEqualTo("REBUILD");
        assertThat(actions.get(0).path("reasons")).hasSize(17);
        List<JsonNode> bumps = actions.findParents("kind").stream()
                .filter(a -> a.path("kind").asText().equals("BUMP"))
                .toList();
        assertThat(bumps).hasSize(12).hasSize(actions.size() - 1);
        JsonNode python = bumps.stream()
                .filter(b -> b.path("subject").asText().equals("python"))
                .findFirst()
                .orElseThrow();
        assertThat(python.path("from").asText()).isEqualTo("2.7.5-76.el7");
        assertThat(python.path("to").asText()).isEqualTo("2.7.5-80.el7_6");
        assertThat(build.path("nextChange").isNull()).isTrue();

        JsonNode deploy = evaluate(centos, "deploy", NO_SCAN_TIME.toString());

        assertThat(ruleIds(deploy)).filteredOn("sla"::equals).hasSize(61);
        assertThat(ruleIds(deploy)).endsWith("image-age", "scan-age");
        assertThat(deploy.path("violations"))
                .extracting(v -> v.path("message").asText())
                .contains(
                        "CVE-2018-5743 HIGH in bind-license 32:9.9.4-73.el7_6 passed its 30d SLA on 2019-11-08T16:15:00Z"
                                + " (counted from published 2019-10-09T16:15:00Z); fixed in 32:9.9.4-74.el7_6.1")
                .contains(
                        "the last-scan instant is unknown, so the 7d age limit cannot be checked (when-unknown: fail)");
    }

    @Test
    void blocksTheCleanScanOfAThreeYearOldImageAtDeployUntilItsScanAges() throws Exception {
        JsonNode deploy =
                evaluate(trivy("scb-juice-shop-v12.10.2-empty-results.json"), "deploy", "2024-10-28T16:00:00Z");

        assertThat(deploy.path("outcome").asText()).isEqualTo("FAIL");
        assertThat(ruleIds(deploy)).containsExactly("image-age");
        assertThat(deploy.path("violations").get(0).path("message").asText())
                .isEqualTo(
                        "the image built"
                                + " 2021-10-12T21:23:22.113753293Z, reached the 90d age limit on 2022-01-10T21:23:22.113753293Z");
        assertThat(deploy.path("actions"))
                .extracting(a -> a.path("kind").asText())
                .containsExactly("REBUILD");
        assertThat(deploy.path("nextChange").path("at").asText()).isEqualTo("2024-11-04T15:33:51.265546208Z");
        assertThat(deploy.path("nextChange").path("reason").asText())
                .isEqualTo("the latest scan, made"
                        + " 2024-10-28T15:33:51.265546208Z, reaches the 7d age limit (scan-age)");
    }

    @Test
    void followsADebianImageThroughItsRunStageForecastByForecast() throws Exception {
        Path debian = trivy("dd-all_statuses.json");
        record Step(String outcome, List<String> rules, String next) {}
        List<Step> chain = List.of(
                new Step("PASS", List.of(), "2024-01-18T08:58:29.827537440Z"),
                new Step("WARN", List.of("scan-age"), "2024-04-14T08:56:27.807609822Z"),
                new Step("WARN", List.of("image-age", "scan-age"), "2024-07-13T08:58:29.827537440Z"),
                new Step("WARN", List.of("sla", "image-age", "scan-age"), null));

        String at = "2024-01-15T09:00:00Z";
        JsonNode previous = null;
        for (Step step : chain) {
            if (previous != null) {
                // Exact: one second before the forecast instant, nothing has changed yet.
                JsonNode justBefore = evaluate(
                        debian, "run", Instant.parse(at).minusSeconds(1).toString());
                assertThat(ruleIds(justBefore)).isEqualTo(ruleIds(previous));
            }
            JsonNode verdict = evaluate(debian, "run", at);
            assertThat(verdict.path("outcome").asText()).as(at).isEqualTo(step.outcome());
            assertThat(ruleIds(verdict)).as(at).isEqualTo(step.rules());
            if (step.next() == null) {
                assertThat(verdict.path("nextChange").isNull()).as(at).isTrue();
            } else {
                assertThat(verdict.path("nextChange").path("at").asText())
                        .as(at)
                        .isEqualTo(step.next());
                at = step.next();
            }
            previous = verdict;
        }
        JsonNode binutils = previous.path("actions").findParents("kind").stream()
                .filter(a -> a.path("kind").asText().equals("BUMP"))
                .findFirst()
                .orElseThrow();
        assertThat(binutils.path("subject").asText()).isEqualTo("binutils");
        assertThat(binutils.path("to").isNull()).isTrue();
    }
}
