package dev.shelflife.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.testkit.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Pins, byte for byte, what {@code shelflife evaluate} prints in every output (text, JSON,
 * Markdown, SARIF) at the three stages of the default policy, for image records read from real
 * corpus reports, at an instant where most findings violate and at one nearer the scans, where
 * deadlines still lie ahead and the verdicts carry forecasts. It guards the optimisations of the
 * engine's violating path (issue 19): a faster engine must say exactly the same.
 *
 * <p>The records, each read with {@code --same-image}:
 * <ul>
 * <li>{@code alpine-npm}: Alpine packages and npm packages, the shape of a Node.js application on
 *     Alpine (Snyk Container with its npm application, Snyk Open Source's npm project, Trivy's
 *     Alpine-and-jar image, Trivy Operator's nginx:alpine), most fixable and long past their SLAs;</li>
 * <li>{@code mixed}: Debian packages in every fix state (Trivy), Grype 0.94's busybox with EPSS,
 *     Grype 0.11's CycloneDX 1.2 XML and a legacy Trivy array, where few findings violate;</li>
 * <li>{@code large}: Trivy's centos-7 report and Grype 0.7.0's python:3.6 (2,220 findings). Its
 *     outputs are pinned by their SHA-256 and length, in {@code large.sha256}, to keep megabytes
 *     out of the source tree; the other records' outputs are kept whole, so a change shows as a
 *     diff.</li>
 * </ul>
 * The corpus's location is written {@code <corpus>} in the pinned outputs.
 *
 * <p>To regenerate after an intended change of output: {@code mvn -o -q -pl cli -am test
 * -Dtest=VerdictGoldenCorpusTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dshelflife.fixtures=../shared/fixtures -Dshelflife.regenerate=true}, then review the diff.
 */
class VerdictGoldenCorpusTest {

    private static final Path GOLDEN = Path.of("src/test/resources/dev/shelflife/cli/golden");

    private static final List<String> STAGES = List.of("build", "deploy", "run");

    /** The output formats and the extensions of their golden files. */
    private static final Map<String, String> OUTPUTS =
            Map.of("text", "txt", "json", "json", "markdown", "md", "sarif", "sarif.json");

    private static final List<String> OUTPUT_ORDER = List.of("text", "json", "markdown", "sarif");

    /** A record of corpus reports, the instants it is evaluated at, and whether its outputs are kept whole. */
    private record Shape(String name, List<String> reports, List<String> instants, boolean whole) {}

    private static final List<Shape> SHAPES = List.of(
            new Shape(
                    "alpine-npm",
                    List.of(
                            "snyk/snyk-cli-container-app-vulns-nongrouped.json",
                            "snyk/dd-single_project_upgrade_libs-large.json",
                            "trivy/dd-scheme_2_many_vulns.json",
                            "trivy-operator/dd-vulnerabilityreport_many-trivy-0.38.2.json"),
                    List.of("2023-03-24", "2026-06-01"),
                    true),
            new Shape(
                    "mixed",
                    List.of(
                            "trivy/dd-all_statuses.json",
                            "grype/dd-many_vulns_with_epss_values-grype-0.94.0.json",
                            "cyclonedx/dd-dd_1_15_0-grype-0.11.0-cdx1.2-vulnext.xml",
                            "trivy/dd-legacy_many_vulns.json"),
                    List.of("2025-06-20", "2026-06-01"),
                    true),
            new Shape(
                    "large",
                    List.of(
                            "trivy/trivy-v0.20-schema2-centos-7-large.json",
                            "grype/dd-many_vulns-grype-0.7.0-python3.6-large.json"),
                    List.of("2021-01-13", "2026-06-01"),
                    false));

    @TestFactory
    Stream<DynamicTest> everyOutputOfEveryStageStaysByteForByteWhatItWas() {
        Corpus corpus = Corpus.require();
        List<DynamicTest> tests = new ArrayList<>();
        for (Shape shape : SHAPES) {
            if (shape.whole()) {
                for (String at : shape.instants()) {
                    for (String stage : STAGES) {
                        for (String output : OUTPUT_ORDER) {
                            String file = shape.name() + "/" + at + "-" + stage + "." + OUTPUTS.get(output);
                            tests.add(DynamicTest.dynamicTest(
                                    file,
                                    () -> Golden.assertMatches(
                                            GOLDEN.resolve(file), evaluate(corpus, shape, stage, at, output))));
                        }
                    }
                }
            } else {
                tests.add(DynamicTest.dynamicTest(shape.name() + ".sha256", () -> {
                    StringBuilder digests = new StringBuilder();
                    for (String at : shape.instants()) {
                        for (String stage : STAGES) {
                            for (String output : OUTPUT_ORDER) {
                                byte[] bytes = evaluate(corpus, shape, stage, at, output)
                                        .getBytes(StandardCharsets.UTF_8);
                                digests.append(sha256(bytes))
                                        .append("  ")
                                        .append(bytes.length)
                                        .append("  ")
                                        .append(at)
                                        .append('-')
                                        .append(stage)
                                        .append('.')
                                        .append(OUTPUTS.get(output))
                                        .append('\n');
                            }
                        }
                    }
                    Golden.assertMatches(GOLDEN.resolve(shape.name() + ".sha256"), digests.toString());
                }));
            }
        }
        return tests.stream();
    }

    /** Runs {@code shelflife evaluate} in this JVM and returns what it printed, the corpus's root replaced. */
    private static String evaluate(Corpus corpus, Shape shape, String stage, String at, String output)
            throws IOException {
        List<String> arguments =
                new ArrayList<>(List.of("evaluate", "--same-image", "--stage", stage, "--at", at, "--output", output));
        Path root = corpus.root().toAbsolutePath().normalize();
        for (String report : shape.reports()) {
            arguments.add(root.resolve(report).toString());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                arguments.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code)
                .as("%s at %s, %s: %s", shape.name(), at, stage, err.toString(StandardCharsets.UTF_8))
                .isIn(0, 1);
        String uri = root.toUri().toString();
        String text = out.toString(StandardCharsets.UTF_8);
        return text.replace(uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri, "file://<corpus>")
                .replace(root.toString(), "<corpus>");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
