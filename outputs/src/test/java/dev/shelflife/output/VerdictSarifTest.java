package dev.shelflife.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.Image;
import dev.shelflife.ImageRecord;
import dev.shelflife.ImageRef;
import dev.shelflife.InstalledPackage;
import dev.shelflife.ReportFormat;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import dev.shelflife.Vulnerability;
import dev.shelflife.policy.Forecast;
import dev.shelflife.policy.Mode;
import dev.shelflife.policy.Outcome;
import dev.shelflife.policy.Policies;
import dev.shelflife.policy.Policy;
import dev.shelflife.policy.PolicyEngine;
import dev.shelflife.policy.Rule;
import dev.shelflife.policy.RuleContext;
import dev.shelflife.policy.RuleResult;
import dev.shelflife.policy.RuleTypes;
import dev.shelflife.policy.Verdict;
import dev.shelflife.policy.Violation;
import dev.shelflife.policy.Waiver;
import dev.shelflife.policy.rule.KevDeadline;
import dev.shelflife.policy.rule.NoNewFindings;
import dev.shelflife.policy.rule.RemediationSla;
import dev.shelflife.policy.rule.SeverityGate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The SARIF log of a verdict on one scan of {@code ghcr.io/acme/shop-api:1.4.2}, built
 * {@link #BUILT} and scanned {@link #SCANNED}: a fixable CRITICAL in libxml2, past its 7-day SLA at
 * {@link #AT}, and a fixable HIGH in openssl, whose 30-day SLA ends {@link #HIGH_DEADLINE}.
 */
class VerdictSarifTest {

    private static final Instant BUILT = Instant.parse("2026-11-01T07:00:00Z");
    private static final Instant SCANNED = Instant.parse("2026-11-15T08:00:00Z");
    private static final Instant AT = Instant.parse("2026-11-22T09:00:00Z");
    private static final Instant HIGH_DEADLINE = Instant.parse("2026-12-15T08:00:00Z");
    private static final String REPORT = "reports/trivy shop-api.json";
    private static final String VERSION = "9.9.9-test";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A fixable finding whose vulnerability has a title and an advisory address, in a package with a purl. */
    private static Finding finding(String id, Severity severity, String name, String version, String fixedIn) {
        String advisory = "https://avd.aquasec.com/nvd/" + id.toLowerCase(Locale.ROOT);
        Vulnerability vulnerability = Vulnerability.builder(id)
                .severity(severity)
                .title(name + " is vulnerable")
                .primaryUrl(advisory)
                .build();
        InstalledPackage pkg = InstalledPackage.builder(name)
                .version(version)
                .purl("pkg:generic/" + name + "@" + version)
                .build();
        return new Finding(vulnerability, pkg, Fix.fixed(fixedIn), "shop-api (debian 12.8)");
    }

    private static final Image IMAGE = Image.builder()
            .ref(ImageRef.parse("ghcr.io/acme/shop-api:1.4.2"))
            .createdAt(BUILT)
            .build();

    private static final ImageRecord SHOP_API = ImageRecord.of(List.of(ScanReport.builder(
                    EvidenceKind.SCAN, ReportFormat.of("trivy", "trivy-json", "2"), ScannerTool.of("Trivy", "0.58.1"))
            .image(IMAGE)
            .scannedAt(SCANNED)
            .finding(finding("CVE-2026-1001", Severity.CRITICAL, "libxml2", "2.9.14", "2.9.14+dfsg-1.4"))
            .finding(finding("CVE-2026-1000", Severity.HIGH, "openssl", "3.0.13", "3.0.15"))
            .build()));

    private static final EvaluatedEvidence EVIDENCE =
            new EvaluatedEvidence(SHOP_API, List.of(REPORT), Optional.empty());

    private static Verdict evaluate(Policy policy, Stage stage) {
        return PolicyEngine.of(policy).evaluate(SHOP_API, stage, AT);
    }

    private static Verdict shopApiAtDeploy() {
        return evaluate(Policies.defaults(), Stage.DEPLOY);
    }

    private static String sarif(Verdict verdict, Policy policy) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        VerdictSarif.write(
                verdict,
                EVIDENCE,
                policy,
                VERSION,
                RuleTypes.load(),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static List<String> schemaProblems(String sarif) throws IOException {
        return SarifSchema.problems(sarif);
    }

    private static JsonNode firstRule(String sarif) throws IOException {
        return JSON.readTree(sarif)
                .path("runs")
                .get(0)
                .path("tool")
                .path("driver")
                .path("rules")
                .get(0);
    }

    @Test
    void writesAValidLogWithOneResultPerViolation() throws Exception {
        Verdict verdict = shopApiAtDeploy();

        String sarif = sarif(verdict, Policies.defaults());

        assertThat(schemaProblems(sarif)).isEmpty();
        JsonNode run = JSON.readTree(sarif).path("runs").get(0);
        assertThat(run.path("results")).hasSize(verdict.violations().size());
        assertThat(run.path("tool").path("driver").path("name").asText()).isEqualTo("ShelfLife");
        assertThat(run.path("tool").path("driver").path("version").asText()).isEqualTo(VERSION);
        assertThat(run.path("results"))
                .extracting(r -> r.path("ruleId").asText())
                .containsExactly("sla/CVE-2026-1001", "scan-age");
        assertThat(run.path("results"))
                .extracting(r -> r.path("level").asText())
                .containsOnly("error");
        assertThat(run.path("properties").path("outcome").asText()).isEqualTo("FAIL");
        assertThat(run.path("properties").path("nextChangeAt").asText()).isEqualTo(HIGH_DEADLINE.toString());
    }

    @Test
    void describesEachRuleOnceAndPointsResultsAtIt() throws Exception {
        JsonNode run = JSON.readTree(sarif(shopApiAtDeploy(), Policies.defaults()))
                .path("runs")
                .get(0);

        JsonNode rules = run.path("tool").path("driver").path("rules");
        assertThat(rules).extracting(r -> r.path("id").asText()).containsExactly("sla/CVE-2026-1001", "scan-age");
        assertThat(rules.get(0).path("shortDescription").path("text").asText())
                .isEqualTo("CVE-2026-1001: libxml2 is vulnerable");
        assertThat(rules.get(0).path("fullDescription").path("text").asText())
                .isEqualTo(
                        "Policy rule sla at stage deploy: findings must be remediated within the time their severity allows,"
                                + " counted from a clock.");
        assertThat(rules.get(0).path("helpUri").asText()).isEqualTo("https://avd.aquasec.com/nvd/cve-2026-1001");
        assertThat(rules.get(1).path("shortDescription").path("text").asText())
                .startsWith("scan-age: the image, its latest scan");
        for (JsonNode result : run.path("results")) {
            assertThat(rules.get(result.path("ruleIndex").asInt()).path("id").asText())
                    .isEqualTo(result.path("ruleId").asText());
        }
    }

    @Test
    void locatesFindingsInTheirReportAndPackageAndImageViolationsInTheImage() throws Exception {
        JsonNode results = JSON.readTree(sarif(shopApiAtDeploy(), Policies.defaults()))
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
        JsonNode scanAge = results.get(1);
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
        Verdict run = evaluate(Policies.defaults(), Stage.RUN);

        String sarif = sarif(run, Policies.defaults());

        assertThat(schemaProblems(sarif)).isEmpty();
        assertThat(JSON.readTree(sarif).path("runs").get(0).path("results"))
                .extracting(r -> r.path("level").asText())
                .isNotEmpty()
                .containsOnly("warning");
    }

    @Test
    void writesAValidLogWithoutResultsWhenNothingIsWrong() throws Exception {
        Policy off = Policy.builder().stage(Stage.DEPLOY, Mode.OFF).build();
        Verdict verdict = evaluate(off, Stage.DEPLOY);

        String sarif = sarif(verdict, off);

        assertThat(schemaProblems(sarif)).isEmpty();
        JsonNode run = JSON.readTree(sarif).path("runs").get(0);
        assertThat(run.path("results")).isEmpty();
        assertThat(run.path("tool").path("driver").path("rules")).isEmpty();
    }

    @Test
    void describesEveryRuleByItsTypeNotOnlyTheFirstFive() throws Exception {
        Policy policy = Policy.builder()
                .stage(Stage.DEPLOY, Mode.ENFORCE, NoNewFindings.of(), KevDeadline.dueDate())
                .build();

        String sarif = sarif(evaluate(policy, Stage.DEPLOY), policy);

        assertThat(schemaProblems(sarif)).isEmpty();
        JsonNode rule = firstRule(sarif);
        assertThat(rule.path("id").asText()).isEqualTo("no-new-findings");
        assertThat(rule.path("fullDescription").path("text").asText())
                .isEqualTo(
                        "Policy rule no-new-findings at stage deploy: " + new NoNewFindings.Type().description() + ".");
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
        Verdict verdict = evaluate(policy, Stage.DEPLOY);

        String sarif = sarif(verdict, policy);

        assertThat(schemaProblems(sarif)).isEmpty();
        JsonNode rule = firstRule(sarif);
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

    @Test
    void saysUntilWhenAPassingVerdictPassesAndWhichWaiversAreStale() throws Exception {
        Policy sla = Policy.builder()
                .stage(Stage.RUN, Mode.ENFORCE, RemediationSla.of(Map.of(Severity.HIGH, Duration.ofDays(30))))
                .build();
        Verdict passing = PolicyEngine.of(sla).evaluate(SHOP_API, Stage.RUN, SCANNED);
        Optional<Forecast> until = PolicyEngine.of(sla).validUntil(passing, SHOP_API);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        VerdictSarif.write(
                passing,
                EVIDENCE,
                until,
                sla,
                VERSION,
                RuleTypes.load(),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String withAnswer = bytes.toString(StandardCharsets.UTF_8);
        String failing = sarif(shopApiAtDeploy(), Policies.defaults());

        assertThat(passing.outcome()).isEqualTo(Outcome.PASS);
        assertThat(until).isPresent();
        assertThat(schemaProblems(withAnswer)).isEmpty();
        JsonNode valid =
                JSON.readTree(withAnswer).path("runs").get(0).path("properties").path("validUntil");
        assertThat(valid.path("passing").asBoolean()).isTrue();
        assertThat(valid.path("at").asText()).isEqualTo(until.get().at().toString());
        assertThat(valid.path("reason").asText()).isEqualTo(until.get().reason());
        JsonNode failingRun = JSON.readTree(failing).path("runs").get(0).path("properties");
        assertThat(failingRun.path("validUntil").path("passing").asBoolean()).isFalse();
        assertThat(failingRun.path("validUntil").path("at").isNull()).isTrue();
        assertThat(failingRun.path("staleWaivers")).isEmpty();
    }

    @Test
    void namesTheWaiversWhoseFindingsNowHaveAFix() throws Exception {
        Policy waived = Policy.builder()
                .stage(Stage.DEPLOY, Mode.ENFORCE, SeverityGate.atLeast(Severity.HIGH))
                .waiver(Waiver.builder("SEC-7")
                        .vulnerability("CVE-2026-1000")
                        .owner("team")
                        .reason("accepted")
                        .expires(AT.plus(Duration.ofDays(30)))
                        .everyStage()
                        .build())
                .build();

        JsonNode properties = JSON.readTree(sarif(evaluate(waived, Stage.DEPLOY), waived))
                .path("runs")
                .get(0)
                .path("properties");

        assertThat(properties.path("staleWaivers")).hasSize(1);
        assertThat(properties.path("staleWaivers").get(0).asText()).isEqualTo("SEC-7");
    }
}
