package dev.shelflife.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.BaseImage;
import dev.shelflife.Finding;
import dev.shelflife.ImageRecord;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerAdapters;
import dev.shelflife.Stage;
import dev.shelflife.policy.BaseImageStatus;
import dev.shelflife.policy.EvaluationContext;
import dev.shelflife.policy.Mode;
import dev.shelflife.policy.Policies;
import dev.shelflife.policy.Policy;
import dev.shelflife.policy.PolicyEngine;
import dev.shelflife.policy.StagePolicy;
import dev.shelflife.policy.Verdict;
import dev.shelflife.policy.Waiver;
import dev.shelflife.policy.merge.Baseline;
import dev.shelflife.policy.rule.BaseImageCurrent;
import dev.shelflife.policy.rule.NoNewFindings;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.testkit.Corpus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Judging every stage of a record in one pass ({@code PolicyEngine.evaluate(record, stages, at,
 * context)}) gives, stage by stage, verdicts equal to those of separate evaluations, on image
 * records read from real corpus reports: the shapes the verdict goldens pin (an Alpine-and-npm
 * application, a mix of Debian packages in every fix state, two large reports), and an image with
 * a CycloneDX VEX document and a Trivy ignore file among its evidence. Each is judged by the
 * default policy and by one whose waivers, written from the record's own vulnerabilities, cover
 * different stages (so that the stages do not share their exemptions), with a stage in warn mode,
 * one that is off, and one that reads a baseline and the base image's status, at instants where
 * most findings violate and where deadlines still lie ahead.
 */
class StagesInOnePassCorpusTest {

    private record Shape(String name, List<String> reports, List<Instant> instants) {}

    private static final List<Shape> SHAPES = List.of(
            new Shape(
                    "alpine-npm",
                    List.of(
                            "snyk/snyk-cli-container-app-vulns-nongrouped.json",
                            "snyk/dd-single_project_upgrade_libs-large.json",
                            "trivy/dd-scheme_2_many_vulns.json",
                            "trivy-operator/dd-vulnerabilityreport_many-trivy-0.38.2.json"),
                    List.of(Instant.parse("2023-03-24T00:00:00Z"), Instant.parse("2026-06-01T00:00:00Z"))),
            new Shape(
                    "mixed",
                    List.of(
                            "trivy/dd-all_statuses.json",
                            "grype/dd-many_vulns_with_epss_values-grype-0.94.0.json",
                            "cyclonedx/dd-dd_1_15_0-grype-0.11.0-cdx1.2-vulnext.xml",
                            "trivy/dd-legacy_many_vulns.json"),
                    List.of(Instant.parse("2025-06-20T00:00:00Z"), Instant.parse("2026-06-01T00:00:00Z"))),
            new Shape(
                    "large",
                    List.of(
                            "trivy/trivy-v0.20-schema2-centos-7-large.json",
                            "grype/dd-many_vulns-grype-0.7.0-python3.6-large.json"),
                    List.of(Instant.parse("2021-01-13T00:00:00Z"), Instant.parse("2026-06-01T00:00:00Z"))),
            new Shape(
                    "vex-and-ignore-file",
                    List.of(
                            "trivy/trivy-head-schema2-ubuntu-1804-affected.json",
                            "cyclonedx/bom-examples-cisa-case3-vex-mixed-states.json",
                            "trivyignore/trivy-head-result-testdata.trivyignore.yaml"),
                    List.of(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2026-06-01T00:00:00Z"))));

    private static final Stage PR = Stage.of("pr");
    private static final Stage AUDIT = Stage.of("audit");

    @TestFactory
    Stream<DynamicTest> everyStageJudgedInOnePassEqualsItsSeparateVerdict() {
        Corpus corpus = Corpus.require();
        ScannerAdapters adapters = ScannerAdapters.load();
        List<DynamicTest> tests = new ArrayList<>();
        for (Shape shape : SHAPES) {
            tests.add(DynamicTest.dynamicTest(shape.name(), () -> {
                List<ScanReport> reports = new ArrayList<>();
                for (String report : shape.reports()) {
                    reports.add(adapters.read(ReportSource.of(corpus.root().resolve(report))));
                }
                ImageRecord record =
                        ImageRecord.builder().reports(reports).sameImage().build();
                Policy staged = staged(record);
                EvaluationContext context = EvaluationContext.none()
                        .withBaseline(Baseline.of(reports.subList(0, 1)))
                        .withBaseImage(BaseImageStatus.of(
                                record.image().baseImage().orElse(BaseImage.of("alpine:3.18", null)),
                                "sha256:" + "b".repeat(64),
                                shape.instants().get(0)));
                int differing = 0;
                for (Instant at : shape.instants()) {
                    differing += assertOnePassEqualsSeparate(
                            PolicyEngine.of(Policies.defaults()),
                            record,
                            List.of(Stage.BUILD, Stage.DEPLOY, Stage.RUN),
                            at,
                            EvaluationContext.none());
                    differing += assertOnePassEqualsSeparate(
                            PolicyEngine.of(staged),
                            record,
                            List.of(Stage.RUN, PR, Stage.BUILD, AUDIT, Stage.DEPLOY),
                            at,
                            context);
                }
                assertThat(differing)
                        .as("stages whose verdicts differ from the first stage's: the stages must not all say the same")
                        .isPositive();
            }));
        }
        return tests.stream();
    }

    /**
     * Asserts that one pass equals separate evaluations, stage by stage, in the order given.
     *
     * @return how many stages' verdicts differ (beyond their stage and mode) from the first one's
     */
    private static int assertOnePassEqualsSeparate(
            PolicyEngine engine, ImageRecord record, List<Stage> stages, Instant at, EvaluationContext context) {
        Map<Stage, Verdict> together = engine.evaluate(record, stages, at, context);
        assertThat(together.keySet()).containsExactlyElementsOf(stages);
        int differing = 0;
        Verdict first = together.get(stages.get(0));
        for (Stage stage : stages) {
            Verdict alone = engine.evaluate(record, stage, at, context);
            assertThat(together.get(stage)).as("%s at %s", stage, at).isEqualTo(alone);
            if (!alone.violations().equals(first.violations())
                    || !alone.waiversApplied().equals(first.waiversApplied())) {
                differing++;
            }
        }
        return differing;
    }

    /**
     * The default policy's stages, a {@code pr} stage that reads the baseline and the base image,
     * an {@code audit} stage that is off, and waivers for the record's own vulnerabilities: some for
     * every stage, some for deploy only, some for build and run, one expired.
     */
    private static Policy staged(ImageRecord record) {
        Policy defaults = Policies.defaults();
        Policy.Builder policy = Policy.builder();
        defaults.stages().forEach(policy::stage);
        policy.stage(
                PR,
                new StagePolicy(
                        Mode.ENFORCE, List.of(NoNewFindings.of(), BaseImageCurrent.within(Duration.ofDays(14)))));
        policy.stage(AUDIT, Mode.OFF);
        Set<String> ids = new LinkedHashSet<>();
        for (ScanReport report : record.reports()) {
            for (Finding finding : report.findings()) {
                ids.add(finding.vulnerability().id());
            }
        }
        int i = 0;
        for (String id : ids) {
            Waiver.Builder waiver = Waiver.builder("W-" + i)
                    .vulnerability(id)
                    .owner("team")
                    .reason("judged in one pass")
                    .expires(
                            i % 7 == 6 ? Instant.parse("2020-01-01T00:00:00Z") : Instant.parse("2030-01-01T00:00:00Z"));
            switch (i % 3) {
                case 0 -> waiver.stages(Stage.DEPLOY);
                case 1 -> waiver.stages(Stage.BUILD, Stage.RUN);
                default -> waiver.everyStage();
            }
            policy.waiver(waiver.build());
            if (++i == 30) {
                break;
            }
        }
        return policy.build();
    }
}
