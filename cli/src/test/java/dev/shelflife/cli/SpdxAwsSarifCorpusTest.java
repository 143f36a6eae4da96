package dev.shelflife.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelflife.ScannerAdapters;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.testkit.Corpus;
import dev.shelflife.testkit.Corpus.CorpusFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs {@code shelflife parse FILE --output json} (in this JVM, for speed) on every SPDX, AWS and
 * SARIF report of the real-world corpus: each is found by its adapter alone among all installed
 * adapters, and parsed with its evidence kind and the counts of the manifest (raw entries for the
 * scans; no entries, and the manifest's packages as components, for the inventories).
 */
class SpdxAwsSarifCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The adapter and the evidence kind of each file. */
    private static final Map<String, List<String>> EXPECTED = Map.ofEntries(
            Map.entry("spdx/trivy-conda-spdx2.3.json", List.of("spdx", "INVENTORY")),
            Map.entry("spdx/trivy-centos-7-spdx2.2-tagvalue.spdx", List.of("spdx", "INVENTORY")),
            Map.entry("spdx/syft-spdxjson-image-encoder-golden.json", List.of("spdx", "INVENTORY")),
            Map.entry("spdx/syft-spdx2.2-required-properties-golden.json", List.of("spdx", "INVENTORY")),
            Map.entry("spdx/spdx-examples-example11-spdx3.0.1-jsonld.json", List.of("spdx", "INVENTORY")),
            Map.entry("aws/dd-aws_inspector2_many_vul-ecr-and-ec2.json", List.of("aws-inspector2", "SCAN")),
            Map.entry("aws/dd-aws_inspector2_one_vul-ecr.json", List.of("aws-inspector2", "SCAN")),
            Map.entry("aws/dd-awssecurityhub-inspector_ecr-asff.json", List.of("aws-securityhub", "SCAN")),
            Map.entry("sarif/trivy-head-alpine-310.sarif.json", List.of("sarif", "SCAN")),
            Map.entry("sarif/grype-head-presenter-image.sarif.json", List.of("sarif", "SCAN")),
            Map.entry("sarif/vexctl-nginx-trivy-0.42.1.sarif.json", List.of("sarif", "SCAN")),
            Map.entry("sarif/vexctl-nginx-grype-0.63.0.sarif.json", List.of("sarif", "SCAN")));

    @TestFactory
    Stream<DynamicTest> parsesEveryFileWithItsKindAndTheCountsOfTheManifest() {
        Corpus corpus = Corpus.require();
        List<CorpusFile> files = Stream.of("spdx", "aws", "sarif")
                .flatMap(folder -> corpus.files(folder).stream())
                .toList();
        assertThat(files).extracting(CorpusFile::name).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
        ScannerAdapters adapters = ScannerAdapters.load();
        return files.stream()
                .map(file -> DynamicTest.dynamicTest(file.name(), () -> {
                    String adapter = EXPECTED.get(file.name()).get(0);
                    String kind = EXPECTED.get(file.name()).get(1);
                    List<String> claims = adapters.all().stream()
                            .filter(a -> {
                                Detection detection = a.detect(ReportSource.of(file.path()));
                                return detection.isMatch();
                            })
                            .map(a -> a.id())
                            .toList();
                    assertThat(claims).as("the adapters that claim %s", file).containsExactly(adapter);

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
                    assertThat(report.path("kind").asText()).isEqualTo(kind);
                    assertThat(report.path("format").path("adapter").asText()).isEqualTo(adapter);
                    JsonNode counts = report.path("counts");
                    if (kind.equals("INVENTORY")) {
                        assertThat(counts.path("entries").asInt()).isZero();
                        assertThat(report.path("components").size()).isEqualTo(file.rawEntries());
                    } else {
                        assertThat(counts.path("entries").asInt()).isEqualTo(file.rawEntries());
                        int accounted = Stream.of("findings", "duplicates", "skipped")
                                .mapToInt(key -> counts.path(key).asInt())
                                .sum();
                        assertThat(accounted).isEqualTo(file.rawEntries());
                    }
                }));
    }
}
