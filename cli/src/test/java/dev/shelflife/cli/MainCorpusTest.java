package dev.shelflife.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelflife.testkit.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs {@code shelflife parse --output json} (in this JVM, for speed) on every report of the
 * real-world corpus: each ends either in a JSON report whose counts add up, or in exit code 3 with
 * a message that names the file, never in a usage error or an internal error.
 */
class MainCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> parsesEveryCorpusReportOrSaysWhereItCannot() {
        Corpus corpus = Corpus.require();
        return Stream.of("trivy", "grype", "snyk", "cyclonedx", "trivy-operator", "harbor", "gitlab")
                .flatMap(folder -> corpus.files(folder).stream())
                .map(file -> DynamicTest.dynamicTest(file.name(), () -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    ByteArrayOutputStream err = new ByteArrayOutputStream();
                    String path = file.path().toString();

                    int code = Main.run(
                            new String[] {"parse", "--output", "json", path},
                            new PrintStream(out, true, StandardCharsets.UTF_8),
                            new PrintStream(err, true, StandardCharsets.UTF_8));

                    String errors = err.toString(StandardCharsets.UTF_8);
                    assertThat(code).as(errors).isIn(ExitCode.SUCCESS.code(), ExitCode.UNREADABLE_INPUT.code());
                    if (code == ExitCode.SUCCESS.code()) {
                        JsonNode counts = JSON.readTree(out.toByteArray()).path("counts");
                        int accounted = List.of("findings", "duplicates", "skipped").stream()
                                .mapToInt(key -> counts.path(key).asInt())
                                .sum();
                        assertThat(counts.path("entries").asInt()).isEqualTo(accounted);
                    } else {
                        assertThat(errors).startsWith(path).doesNotContain("\tat ");
                    }
                }));
    }
}
