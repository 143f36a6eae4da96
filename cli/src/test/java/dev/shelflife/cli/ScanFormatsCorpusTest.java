package dev.shelflife.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelflife.ScannerAdapters;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.testkit.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code shelflife parse --output json} on every Trivy Operator, Harbor and GitLab report of the
 * corpus: each is detected among all installed adapters as its own format, read as a scan, and
 * counts exactly the raw entries MANIFEST.tsv gives it.
 */
class ScanFormatsCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ADAPTER_OF_FOLDER =
            Map.of("trivy-operator", "trivy-operator", "harbor", "harbor", "gitlab", "gitlab");

    @TestFactory
    Stream<DynamicTest> parsesEachAsAScanWithTheManifestsCount() {
        Corpus corpus = Corpus.require();
        ScannerAdapters adapters = ScannerAdapters.load();
        return ADAPTER_OF_FOLDER.keySet().stream()
                .sorted()
                .flatMap(folder -> corpus.files(folder).stream())
                .map(file -> DynamicTest.dynamicTest(file.name(), () -> {
                    String folder = file.name().substring(0, file.name().indexOf('/'));
                    assertThat(adapters.detect(ReportSource.of(file.path()))
                                    .adapter()
                                    .id())
                            .as("the adapter every installed adapter's detection leaves for %s", file)
                            .isEqualTo(ADAPTER_OF_FOLDER.get(folder));

                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    ByteArrayOutputStream err = new ByteArrayOutputStream();
                    int code = Main.run(
                            new String[] {
                                "parse", "--output", "json", file.path().toString()
                            },
                            new PrintStream(out, true, StandardCharsets.UTF_8),
                            new PrintStream(err, true, StandardCharsets.UTF_8));

                    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.SUCCESS.code());
                    JsonNode report = JSON.readTree(out.toByteArray());
                    assertThat(report.path("kind").asText()).isEqualTo("SCAN");
                    assertThat(report.path("counts").path("entries").asInt())
                            .as("%s (%s)", file, file.notes())
                            .isEqualTo(file.rawEntries());
                    assertThat(report.path("counts").path("findings").asInt()).isEqualTo(file.rawEntries());
                }));
    }
}
