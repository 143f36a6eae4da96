package dev.shelflife.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end tests: each runs the real {@code shelflife} command as a separate Java process, on
 * the bundled example reports, and checks its exit code, standard output and standard error.
 */
class MainTest {

    static final Path EXAMPLES = Path.of(System.getProperty("shelflife.examples", "../examples"))
            .toAbsolutePath()
            .normalize();
    static final Path TRIVY_EXAMPLE = EXAMPLES.resolve("trivy-shop-api-1.4.2.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    /** What one run of the command did. */
    record Run(int exitCode, String out, String err) {}

    private Run shelflife(String... arguments) throws IOException, InterruptedException {
        return shelflife(temp, arguments);
    }

    /**
     * Runs {@code shelflife} as a separate Java process on this test class path.
     *
     * @param temp a folder for the process's standard output and error
     * @param arguments the command line
     * @return what the run did
     */
    static Run shelflife(Path temp, String... arguments) throws IOException, InterruptedException {
        return shelflife(temp, List.of(), Main.class, temp.resolve("stdout"), arguments);
    }

    /**
     * Runs a main class as a separate Java process on this test class path, with options for the
     * Java virtual machine.
     *
     * @param temp a folder for the process's standard output and error
     * @param javaOptions options before the class name, such as {@code -Xmx24m}
     * @param main the class to run: {@link Main}, or a test's own
     * @param arguments the command line
     * @return what the run did
     */
    static Run shelflife(Path temp, List<String> javaOptions, Class<?> main, String... arguments)
            throws IOException, InterruptedException {
        return shelflife(temp, javaOptions, main, temp.resolve("stdout"), arguments);
    }

    /**
     * Runs {@code shelflife} as a separate Java process with its standard output sent to a file
     * of one's choice, or to a pipe that is closed at once.
     *
     * @param temp a folder for the process's standard error
     * @param stdout where standard output goes, such as {@code /dev/full}; {@code null} for a
     *     closed pipe
     * @param arguments the command line
     * @return what the run did; its output is empty unless {@code stdout} is in {@code temp}
     */
    static Run shelflife(Path temp, Path stdout, String... arguments) throws IOException, InterruptedException {
        return shelflife(temp, List.of(), Main.class, stdout, arguments);
    }

    private static Run shelflife(Path temp, List<String> javaOptions, Class<?> main, Path out, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(arguments));
        Path err = temp.resolve("stderr");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
        if (out != null) {
            builder.redirectOutput(out.toFile());
        }
        Process process = builder.start();
        if (out == null) {
            process.getInputStream().close();
        }
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("shelflife " + String.join(" ", arguments) + " did not finish in 2 minutes");
        }
        return new Run(
                process.exitValue(),
                out != null && out.startsWith(temp) ? Files.readString(out, StandardCharsets.UTF_8) : "",
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void printsTheTrivyExampleAsASummaryAndATable() throws Exception {
        Run run = shelflife("parse", TRIVY_EXAMPLE.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains("format      trivy-json (schema 2), read by trivy")
                .contains("scanner     Trivy 0.58.1")
                .contains("entries     14: 14 findings, 0 duplicates, 0 skipped")
                .containsPattern("CRITICAL +CVE-2023-45853 +zlib1g +1:1.2.13.dfsg-1 +WONT_FIX")
                .containsPattern("MEDIUM +CVE-2024-37891 +urllib3 +2.0.7 +FIXED 1.26.19, 2.2.2 +Python")
                .contains("14 findings: 1 critical, 5 high, 3 medium, 5 low");
    }

    @Test
    void printsOneJsonObjectOfTheDocumentedShape() throws Exception {
        Run run = shelflife("parse", TRIVY_EXAMPLE.toString(), "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.path("format").path("adapter").asText()).isEqualTo("trivy");
        assertThat(report.path("format").path("name").asText()).isEqualTo("trivy-json");
        assertThat(report.path("format").path("schemaVersion").asText()).isEqualTo("2");
        assertThat(report.path("scanner").path("name").asText()).isEqualTo("Trivy");
        assertThat(report.path("scanner").path("version").asText()).isEqualTo("0.58.1");
        assertThat(report.path("artifact").path("name").asText()).isEqualTo("ghcr.io/acme/shop-api:1.4.2");
        assertThat(report.path("artifact").path("type").asText()).isEqualTo("CONTAINER_IMAGE");
        assertThat(report.path("image").path("baseImage").path("name").asText())
                .isEqualTo("docker.io/library/python:3.12-slim");
        assertThat(report.path("scannedAt").asText()).isEqualTo("2025-01-14T09:12:44.518203771Z");
        assertThat(report.path("databaseBuiltAt").isNull()).isTrue();
        assertThat(report.path("problems").isArray()).isTrue();
        JsonNode counts = report.path("counts");
        assertThat(counts.path("entries").asInt()).isEqualTo(14);
        assertThat(counts.path("findings").asInt()).isEqualTo(14);
        assertThat(counts.path("duplicates").asInt()).isZero();
        assertThat(counts.path("skipped").asInt()).isZero();

        JsonNode findings = report.path("findings");
        assertThat(findings).hasSize(14);
        for (JsonNode finding : findings) {
            assertThat(finding.path("vulnerability").path("id").isTextual())
                    .as("%s", finding)
                    .isTrue();
            assertThat(finding.path("vulnerability").path("aliases").isArray()).isTrue();
            assertThat(finding.path("severity").asText())
                    .isIn("CRITICAL", "HIGH", "MEDIUM", "LOW", "NEGLIGIBLE", "UNKNOWN");
            assertThat(finding.path("package").path("name").isTextual()).isTrue();
            assertThat(finding.path("package").path("version").isTextual()).isTrue();
            assertThat(finding.path("package").path("purl").asText()).startsWith("pkg:");
            assertThat(finding.path("fix").path("state").isTextual()).isTrue();
            assertThat(finding.path("fix").path("versions").isArray()).isTrue();
            assertThat(finding.path("target").isTextual()).isTrue();
        }
        JsonNode glibc = findings.get(1);
        assertThat(glibc.path("vulnerability").path("id").asText()).isEqualTo("CVE-2024-2961");
        assertThat(glibc.path("vulnerability").path("aliases"))
                .extracting(JsonNode::asText)
                .containsExactly("DSA-5673-1");
        assertThat(glibc.path("package").path("purl").asText())
                .isEqualTo("pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12.8");
        assertThat(glibc.path("fix").path("state").asText()).isEqualTo("FIXED");
        assertThat(glibc.path("fix").path("versions"))
                .extracting(JsonNode::asText)
                .containsExactly("2.36-9+deb12u7");
    }

    @Test
    void readsEveryBundledExample() throws Exception {
        Map<String, String> adapters = Map.of(
                "trivy-shop-api-1.4.2.json", "trivy",
                "grype-shop-api-1.4.2.json", "grype",
                "cyclonedx-vex-shop-api-1.4.2.json", "cyclonedx");
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            assertThat(files.filter(f -> f.toString().endsWith(".json"))
                            .map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(adapters.keySet());
        }
        for (Map.Entry<String, String> example : adapters.entrySet()) {
            Run run = shelflife(
                    "parse", "--output=json", EXAMPLES.resolve(example.getKey()).toString());

            assertThat(run.exitCode()).as("%s: %s", example.getKey(), run.err()).isZero();
            JsonNode report = JSON.readTree(run.out());
            assertThat(report.path("format").path("adapter").asText())
                    .as(example.getKey())
                    .isEqualTo(example.getValue());
            JsonNode counts = report.path("counts");
            assertThat(counts.path("entries").asInt())
                    .isEqualTo(counts.path("findings").asInt()
                            + counts.path("duplicates").asInt()
                            + counts.path("skipped").asInt());
        }
    }

    @Test
    void readsWithTheAdapterNamedByFormat() throws Exception {
        Run run = shelflife("parse", "--format", "trivy", "--output", "json", TRIVY_EXAMPLE.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(JSON.readTree(run.out()).path("format").path("adapter").asText())
                .isEqualTo("trivy");
    }

    @Test
    void endsATruncatedReportWithTheLocatedMessageAndNoStackTrace() throws Exception {
        Path cut = truncatedExample();

        Run run = shelflife("parse", cut.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList()).hasSize(1);
        assertThat(run.err()).matches("\\Q" + cut + "\\E:\\d+:\\d+ \\(/Results/0/Vulnerabilities/\\d+[^)]*\\): .+\\R");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void printsTheStackTraceOnlyWithDebug() throws Exception {
        Path cut = truncatedExample();

        Run run = shelflife("parse", cut.toString(), "--debug");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err())
                .startsWith(cut + ":")
                .contains("dev.shelflife.ReportParseException")
                .contains("\tat ");
    }

    @Test
    void exitsWith3ForAMissingFile() throws Exception {
        Path missing = temp.resolve("missing.json");

        Run run = shelflife("parse", missing.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).isEqualTo(missing + " (/): no such file" + System.lineSeparator());
    }

    @Test
    void exitsWith3ForAReportNoAdapterUnderstands() throws Exception {
        Path other =
                Files.writeString(temp.resolve("package.json"), "{\"name\": \"shop-api\", \"version\": \"1.4.2\"}");

        Run run = shelflife("parse", other.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith(other + " (/): not a report any installed adapter understands (closest: ");
    }

    @Test
    void exitsWith2AndTheUsageForAnUnknownOption() throws Exception {
        Run run = shelflife("parse", TRIVY_EXAMPLE.toString(), "--colour");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .contains("shelflife parse: unknown option --colour")
                .contains("usage: shelflife parse FILE [--output text|json] [--format ADAPTER-ID]");
    }

    @Test
    void exitsWith2WithoutAFile() throws Exception {
        Run run = shelflife("parse", "--output", "json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("shelflife parse: missing the report FILE")
                .contains("usage: shelflife parse");
    }

    @Test
    void exitsWith2ForAnUnknownOutputOrAdapter() throws Exception {
        Run output = shelflife("parse", TRIVY_EXAMPLE.toString(), "--output", "xml");
        Run format = shelflife("parse", TRIVY_EXAMPLE.toString(), "--format", "clair");

        assertThat(output.exitCode()).isEqualTo(2);
        assertThat(output.err()).contains("--output must be one of text, json, not \"xml\"");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err())
                .contains("--format names no installed adapter: \"clair\" (installed: ")
                .contains("trivy");
    }

    @Test
    void exitsWith2AndTheUsageWithoutACommandOrForAnUnknownOne() throws Exception {
        Run none = shelflife();
        Run unknown = shelflife("scan", TRIVY_EXAMPLE.toString());

        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).startsWith("usage: shelflife [--debug] COMMAND [ARGUMENTS]");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("shelflife: unknown command scan").contains("commands:");
    }

    @Test
    void printsHelpAndVersion() throws Exception {
        Run help = shelflife("--help");
        Run parseHelp = shelflife("parse", "--help");
        Run version = shelflife("--version");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("commands:").containsPattern("parse +read a scanner report");
        assertThat(parseHelp.exitCode()).isZero();
        assertThat(parseHelp.out()).startsWith("usage: shelflife parse FILE").contains("--output text|json");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out())
                .containsPattern("^shelflife \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R")
                .containsPattern("adapters: .*trivy");
    }

    /** The Trivy example cut off in the middle of its third vulnerability. */
    private Path truncatedExample() throws IOException {
        String text = Files.readString(TRIVY_EXAMPLE);
        int third = text.indexOf(
                "\"VulnerabilityID\"",
                text.indexOf("\"VulnerabilityID\"", text.indexOf("\"VulnerabilityID\"") + 1) + 1);
        return Files.writeString(temp.resolve("cut.json"), text.substring(0, third + 40));
    }
}
