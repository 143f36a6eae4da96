package dev.shelflife.policy;

import static dev.shelflife.policy.Records.T0;
import static dev.shelflife.policy.Records.days;
import static dev.shelflife.policy.Records.fixable;
import static dev.shelflife.policy.Records.ofType;
import static dev.shelflife.policy.Records.record;
import static dev.shelflife.policy.Records.report;
import static dev.shelflife.policy.Records.unfixed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.shelflife.BaseImage;
import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.ImageRecord;
import dev.shelflife.InstalledPackage;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import dev.shelflife.VexStatement;
import dev.shelflife.Vulnerability;
import dev.shelflife.policy.merge.Baseline;
import dev.shelflife.policy.rule.AgeLimit;
import dev.shelflife.policy.rule.BaseImageCurrent;
import dev.shelflife.policy.rule.NoNewFindings;
import dev.shelflife.policy.rule.RemediationSla;
import dev.shelflife.policy.rule.SeverityGate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {

    private static final Finding OPENSSL = fixable("CVE-2025-1", Severity.HIGH, "openssl", "3.0.1", "3.0.2");
    private static final Finding ZLIB = fixable("CVE-2025-2", Severity.CRITICAL, "zlib", "1.2.11", "1.2.12");
    private static final SeverityGate GATE = SeverityGate.atLeast(Severity.HIGH);

    private static Verdict evaluate(Policy policy, ImageRecord record, Stage stage, Instant at) {
        return PolicyEngine.of(policy).evaluate(record, stage, at);
    }

    private static Policy gateIn(Mode mode, Waiver... waivers) {
        Policy.Builder builder = Policy.builder().stage(Stage.BUILD, mode, GATE);
        List.of(waivers).forEach(builder::waiver);
        return builder.build();
    }

    private static Waiver.Builder waiver(String id) {
        return Waiver.builder(id)
                .owner("team-payments")
                .reason("not reachable from the network")
                .expires(days(30));
    }

    @Test
    void capsTheOutcomeAtWarnInWarnModeAndEvaluatesNothingWhenOff() {
        ImageRecord record = record(report("Trivy", T0, OPENSSL));

        Verdict enforced = evaluate(gateIn(Mode.ENFORCE), record, Stage.BUILD, T0);
        Verdict warned = evaluate(gateIn(Mode.WARN), record, Stage.BUILD, T0);
        Verdict off = evaluate(gateIn(Mode.OFF), record, Stage.BUILD, T0);

        assertThat(enforced.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(warned.outcome()).isEqualTo(Outcome.WARN);
        assertThat(warned.mode()).isEqualTo(Mode.WARN);
        assertThat(warned.violations())
                .singleElement()
                .satisfies(v -> assertThat(v.effect()).isEqualTo(Effect.WARN));
        assertThat(warned.actions()).isEqualTo(enforced.actions());
        assertThat(off).isEqualTo(Verdict.builder(Stage.BUILD, Mode.OFF, T0).build());
    }

    @Test
    void refusesAStageThePolicyDoesNotDefine() {
        assertThatThrownBy(() -> evaluate(gateIn(Mode.ENFORCE), record(), Stage.of("pr"), T0))
                .isInstanceOf(PolicyException.class)
                .hasMessage("the policy defines no stage \"pr\"; it defines: build");
    }

    @Test
    void judgesSeveralStagesInOnePassInTheOrderGivenAsSeparateEvaluationsDo() {
        Policy policy = Policy.builder()
                .stage(Stage.BUILD, Mode.ENFORCE, GATE)
                .stage(Stage.DEPLOY, Mode.WARN, GATE)
                .stage(Stage.RUN, Mode.OFF)
                .waiver(waiver("W-1")
                        .vulnerability("CVE-2025-1")
                        .stages(Stage.DEPLOY)
                        .build())
                .waiver(waiver("W-2").vulnerability("CVE-2025-9").build())
                .build();
        PolicyEngine engine = PolicyEngine.of(policy);
        ImageRecord record = record(report("Trivy", T0, OPENSSL, ZLIB));
        List<Stage> stages = List.of(Stage.RUN, Stage.DEPLOY, Stage.BUILD, Stage.DEPLOY);

        Map<Stage, Verdict> verdicts = engine.evaluate(record, stages, days(1));

        assertThat(verdicts.keySet()).containsExactly(Stage.RUN, Stage.DEPLOY, Stage.BUILD);
        for (Stage stage : verdicts.keySet()) {
            assertThat(verdicts.get(stage)).as("%s", stage).isEqualTo(engine.evaluate(record, stage, days(1)));
        }
        assertThat(verdicts.get(Stage.BUILD).outcome()).isEqualTo(Outcome.FAIL);
        assertThat(verdicts.get(Stage.BUILD).waiversApplied()).isEmpty();
        assertThat(verdicts.get(Stage.DEPLOY).outcome()).isEqualTo(Outcome.WARN);
        assertThat(verdicts.get(Stage.DEPLOY).waiversApplied())
                .extracting(AppliedWaiver::id)
                .containsExactly("W-1");
        assertThat(verdicts.get(Stage.RUN).mode()).isEqualTo(Mode.OFF);
        assertThatThrownBy(() -> verdicts.put(Stage.of("pr"), verdicts.get(Stage.RUN)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesSeveralStagesWhenThePolicyDoesNotDefineOneOfThem() {
        PolicyEngine engine = PolicyEngine.of(gateIn(Mode.ENFORCE));

        assertThatThrownBy(() -> engine.evaluate(record(), List.of(Stage.BUILD, Stage.of("pr")), T0))
                .isInstanceOf(PolicyException.class)
                .hasMessage("the policy defines no stage \"pr\"; it defines: build");
        assertThat(engine.evaluate(record(), List.<Stage>of(), T0)).isEmpty();
    }

    @Test
    void judgesTheLatestReportOfEachScanner() {
        ImageRecord record =
                record(report("Trivy", days(1), OPENSSL), report("trivy", days(2)), report("Grype", days(-5), ZLIB));

        Verdict verdict = evaluate(gateIn(Mode.ENFORCE), record, Stage.BUILD, days(3));

        assertThat(verdict.violations())
                .extracting(v -> v.vulnerabilityId().orElseThrow())
                .containsExactly("CVE-2025-2");
    }

    @Test
    void neverTakesAnSbomOrAVexDocumentForTheLatestScanOfItsTool() {
        ScanReport failingScan = report("Trivy", T0, ZLIB);
        ScanReport sbomMinuteLater = Records.ofKind(EvidenceKind.INVENTORY, "Trivy", T0.plusSeconds(47));
        ScanReport vexMinuteLater = Records.ofKind(EvidenceKind.ASSESSMENT, "Trivy", T0.plusSeconds(60));

        Verdict verdict = evaluate(
                gateIn(Mode.ENFORCE), record(failingScan, sbomMinuteLater, vexMinuteLater), Stage.BUILD, days(1));

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(verdict.violations())
                .extracting(v -> v.vulnerabilityId().orElseThrow())
                .containsExactly("CVE-2025-2");
        assertThat(PolicyEngine.latestPerScanner(List.of(failingScan, sbomMinuteLater, vexMinuteLater)))
                .containsExactly(failingScan);
    }

    @Test
    void leavesOutEvidenceMadeAfterTheEvaluationInstantAndForecastsWhenItCounts() {
        ScanReport clean = report("Trivy", days(-30));
        ScanReport failing = report("Trivy", days(10), ZLIB);
        ImageRecord record = record(clean, failing);
        PolicyEngine engine = PolicyEngine.of(gateIn(Mode.ENFORCE));

        Verdict before = engine.evaluate(record, Stage.BUILD, T0);
        Verdict withinSkew = engine.evaluate(record, Stage.BUILD, days(10).minus(Duration.ofMinutes(5)));

        assertThat(before.outcome()).isEqualTo(Outcome.PASS);
        assertThat(before.ignoredEvidence()).singleElement().satisfies(e -> {
            assertThat(e.report()).containsSame(failing);
            assertThat(e.madeAt()).isEqualTo(days(10));
            assertThat(e.reason()).isEqualTo("made at " + days(10) + ", after the evaluation instant " + T0);
        });
        assertThat(before.nextChange())
                .contains(new Forecast(
                        days(10).minus(Duration.ofMinutes(5)),
                        "evidence made after the evaluation instant starts to count"));
        assertThat(withinSkew.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(withinSkew.ignoredEvidence()).isEmpty();
        assertThat(engine.withClockSkew(Duration.ZERO)
                        .evaluate(record, Stage.BUILD, days(10).minusNanos(1))
                        .outcome())
                .isEqualTo(Outcome.PASS);
    }

    @Test
    void treatsAnImageBuiltAfterTheEvaluationInstantAsOfUnknownAge() {
        ImageRecord record = Records.builtAt(days(3), report("Trivy", days(-1)));
        Policy policy = Policy.builder()
                .stage(Stage.BUILD, Mode.ENFORCE, AgeLimit.image(Duration.ofDays(90)))
                .build();

        Verdict verdict = evaluate(policy, record, Stage.BUILD, T0);

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(verdict.violations())
                .singleElement()
                .satisfies(v -> assertThat(v.message()).startsWith("the image-built instant is unknown"));
        assertThat(verdict.ignoredEvidence())
                .extracting(IgnoredEvidence::subject)
                .containsExactly("the image's build instant");
    }

    @Test
    void leavesOutAVexStatementMadeAfterTheEvaluationInstant() {
        VexStatement later = new VexStatement(
                "CVE-2025-2",
                List.of(),
                List.of(),
                VexStatement.State.NOT_AFFECTED,
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.of(days(2)));
        ImageRecord record = new ImageRecord(
                record(report("Trivy", T0, ZLIB)).image(),
                List.of(report("Trivy", T0, ZLIB)),
                List.of(later),
                Optional.empty());

        Verdict before = evaluate(gateIn(Mode.ENFORCE), record, Stage.BUILD, days(1));
        Verdict after = evaluate(gateIn(Mode.ENFORCE), record, Stage.BUILD, days(3));

        assertThat(before.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(before.ignoredEvidence())
                .extracting(IgnoredEvidence::subject)
                .containsExactly("VEX statement not_affected on CVE-2025-2");
        assertThat(after.outcome()).isEqualTo(Outcome.PASS);
        assertThat(after.waiversApplied()).hasSize(1);
    }

    @Test
    void appliesWaiversByVulnerabilityAndPackageUntilTheyExpire() {
        Waiver byVulnerability =
                waiver("SEC-1").vulnerability("cve-2025-1").stages(Stage.BUILD).build();
        Waiver byPackage = waiver("SEC-2").pkg("zlib").expires(days(10)).build();
        Policy policy = gateIn(Mode.ENFORCE, byVulnerability, byPackage);
        ImageRecord record = record(report("Trivy", T0, OPENSSL, ZLIB));

        Verdict waived = evaluate(policy, record, Stage.BUILD, T0);
        Verdict lastSecond = evaluate(policy, record, Stage.BUILD, days(10).minusSeconds(1));
        Verdict oneExpired = evaluate(policy, record, Stage.BUILD, days(10));

        assertThat(waived.outcome()).isEqualTo(Outcome.PASS);
        assertThat(waived.waiversApplied())
                .extracting(AppliedWaiver::id, w -> w.findings())
                .containsExactly(tuple("SEC-1", List.of(OPENSSL)), tuple("SEC-2", List.of(ZLIB)));
        assertThat(waived.waiversApplied().get(0)).satisfies(w -> {
            assertThat(w.origin()).isEqualTo(AppliedWaiver.Origin.POLICY);
            assertThat(w.owner()).contains("team-payments");
            assertThat(w.expires()).contains(days(30));
        });
        assertThat(waived.nextChange()).contains(new Forecast(days(10), "waiver SEC-2 expires"));
        assertThat(lastSecond)
                .usingRecursiveComparison()
                .ignoringFields("evaluatedAt")
                .isEqualTo(waived);
        assertThat(oneExpired.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(oneExpired.expiredWaivers()).containsExactly(byPackage);
        assertThat(oneExpired.violations())
                .extracting(v -> v.vulnerabilityId().orElseThrow())
                .containsExactly("CVE-2025-2");
        assertThat(oneExpired.nextChange()).contains(new Forecast(days(30), "waiver SEC-1 expires"));
    }

    @Test
    void matchesWaiversByPackageUrlWithOrWithoutVersion() {
        Finding withPurl = new Finding(
                Vulnerability.builder("CVE-9").severity(Severity.HIGH).build(),
                InstalledPackage.builder("@angular/core")
                        .version("1.0.0")
                        .purl("pkg:npm/%40angular/core@1.0.0?x=1#sub")
                        .build(),
                Fix.fixed("1.0.1"),
                "package-lock.json");
        ImageRecord record = record(report("Trivy", T0, withPurl));

        assertThat(evaluate(
                                gateIn(
                                        Mode.ENFORCE,
                                        waiver("A").pkg("pkg:npm/@angular/core").build()),
                                record,
                                Stage.BUILD,
                                T0)
                        .outcome())
                .isEqualTo(Outcome.PASS);
        assertThat(evaluate(
                                gateIn(
                                        Mode.ENFORCE,
                                        waiver("B")
                                                .pkg("pkg:npm/%40angular/core@1.0.0")
                                                .build()),
                                record,
                                Stage.BUILD,
                                T0)
                        .outcome())
                .isEqualTo(Outcome.PASS);
        assertThat(evaluate(
                                gateIn(
                                        Mode.ENFORCE,
                                        waiver("C")
                                                .pkg("pkg:npm/@angular/core@1.0.1")
                                                .build()),
                                record,
                                Stage.BUILD,
                                T0)
                        .outcome())
                .isEqualTo(Outcome.FAIL);
    }

    @Test
    void reportsWaiversThatMatchNothingAndIgnoresThoseForOtherStages() {
        Waiver stale = waiver("SEC-3").vulnerability("CVE-1999-1").build();
        Waiver otherStage =
                waiver("SEC-4").vulnerability("CVE-2025-1").stages(Stage.RUN).build();

        Policy policy = Policy.builder()
                .stage(Stage.BUILD, Mode.ENFORCE, GATE)
                .stage(Stage.RUN, Mode.WARN)
                .waiver(stale)
                .waiver(otherStage)
                .build();

        Verdict verdict = evaluate(policy, record(report("Trivy", T0, OPENSSL)), Stage.BUILD, T0);

        assertThat(verdict.unmatchedWaivers()).containsExactly(stale);
        assertThat(verdict.waiversApplied()).isEmpty();
        assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(verdict.nextChange()).contains(new Forecast(days(30), "waiver SEC-3 expires"));
    }

    @Test
    void flagsAWaiverAsStaleWhenAFindingItTookOutNowHasAFix() {
        Finding unfixedZlib = unfixed("CVE-2025-3", Severity.HIGH, "zlib", "1.2.11");
        Waiver fixedNow = waiver("SEC-5").vulnerability("CVE-2025-1").build();
        Waiver stillNeeded = waiver("SEC-6").vulnerability("CVE-2025-3").build();
        Policy policy = Policy.builder()
                .stage(Stage.BUILD, Mode.ENFORCE, GATE)
                .waiver(fixedNow)
                .waiver(stillNeeded)
                .build();

        Verdict verdict = evaluate(policy, record(report("Trivy", T0, OPENSSL, unfixedZlib)), Stage.BUILD, T0);

        assertThat(verdict.waiversApplied()).extracting(AppliedWaiver::id).containsExactly("SEC-5", "SEC-6");
        assertThat(verdict.staleWaivers()).singleElement().satisfies(stale -> {
            assertThat(stale.id()).isEqualTo("SEC-5");
            assertThat(stale.origin()).isEqualTo(AppliedWaiver.Origin.POLICY);
            assertThat(stale.findings()).extracting(f -> f.fix().versions()).containsExactly(List.of("3.0.2"));
        });
        assertThat(verdict.unmatchedWaivers()).isEmpty();
    }

    @Test
    void honoursSuppressingVexStatementsAsWaivers() {
        VexStatement notAffected = new VexStatement(
                "CVE-2025-1",
                List.of(),
                List.of("pkg:generic/openssl@3.0.1", "pkg:deb/debian/openssl@3.0.1?arch=arm64"),
                VexStatement.State.NOT_AFFECTED,
                Optional.of("code_not_present"),
                List.of(),
                Optional.of("the TLS code is not linked"),
                Optional.empty());
        VexStatement inTriage = new VexStatement(
                "CVE-2025-2",
                List.of(),
                List.of(),
                VexStatement.State.IN_TRIAGE,
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.empty());
        Finding debOpenssl = new Finding(
                OPENSSL.vulnerability(),
                InstalledPackage.builder("openssl")
                        .version("3.0.1")
                        .purl("pkg:deb/debian/openssl@3.0.1?arch=amd64")
                        .build(),
                OPENSSL.fix(),
                "");
        ImageRecord record = new ImageRecord(
                record().image(),
                List.of(report("Trivy", T0, debOpenssl, ZLIB)),
                List.of(notAffected, inTriage),
                Optional.empty());

        Verdict verdict = evaluate(gateIn(Mode.ENFORCE), record, Stage.BUILD, T0);

        assertThat(verdict.waiversApplied()).singleElement().satisfies(w -> {
            assertThat(w.id()).isEqualTo("vex:CVE-2025-1");
            assertThat(w.origin()).isEqualTo(AppliedWaiver.Origin.VEX);
            assertThat(w.reason()).isEqualTo("VEX not_affected: code_not_present (the TLS code is not linked)");
            assertThat(w.owner()).isEmpty();
            assertThat(w.expires()).isEmpty();
            assertThat(w.findings()).containsExactly(debOpenssl);
        });
        assertThat(verdict.violations())
                .extracting(v -> v.vulnerabilityId().orElseThrow())
                .containsExactly("CVE-2025-2");
    }

    @Test
    void doesNotApplyVexStatementsToOtherVersionsOfAPackage() {
        VexStatement resolved = new VexStatement(
                "CVE-2025-1",
                List.of(),
                List.of("pkg:generic/openssl@3.0.0"),
                VexStatement.State.RESOLVED,
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.empty());
        Finding generic = new Finding(
                OPENSSL.vulnerability(),
                InstalledPackage.builder("openssl")
                        .version("3.0.1")
                        .purl("pkg:generic/openssl@3.0.1")
                        .build(),
                OPENSSL.fix(),
                "");
        ImageRecord record = new ImageRecord(
                record().image(), List.of(report("Trivy", T0, generic)), List.of(resolved), Optional.empty());

        assertThat(evaluate(gateIn(Mode.ENFORCE), record, Stage.BUILD, T0).outcome())
                .isEqualTo(Outcome.FAIL);
    }

    @Test
    void saysUntilWhenAPassingVerdictPassesFollowingChangesThatKeepItPassing() {
        ImageRecord record = record(report("Trivy", T0, OPENSSL));
        Waiver unmatched =
                waiver("SEC-1").vulnerability("CVE-1999-1").expires(days(10)).build();
        Waiver openssl =
                waiver("SEC-2").vulnerability("CVE-2025-1").expires(days(30)).build();
        PolicyEngine engine = PolicyEngine.of(gateIn(Mode.ENFORCE, unmatched, openssl));

        Verdict verdict = engine.evaluate(record, Stage.BUILD, T0);

        assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
        assertThat(verdict.nextChange()).contains(new Forecast(days(10), "waiver SEC-1 expires"));
        assertThat(engine.validUntil(verdict, record)).contains(new Forecast(days(30), "waiver SEC-2 expires"));
        assertThat(engine.evaluate(record, Stage.BUILD, days(30).minusNanos(1)).outcome())
                .isEqualTo(Outcome.PASS);
        assertThat(engine.evaluate(record, Stage.BUILD, days(30)).outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void saysAVerdictWithoutChangesPassesForGoodAndRefusesOneThatDoesNotPass() {
        ImageRecord clean = record(report("Trivy", T0));
        ImageRecord vulnerable = record(report("Trivy", T0, OPENSSL));
        PolicyEngine engine = PolicyEngine.of(gateIn(Mode.ENFORCE));

        assertThat(engine.validUntil(engine.evaluate(clean, Stage.BUILD, T0), clean))
                .isEmpty();
        assertThatThrownBy(() -> engine.validUntil(engine.evaluate(vulnerable, Stage.BUILD, T0), vulnerable))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not pass (FAIL)");
    }

    @Test
    void givesUpOnARuleThatForecastsChangesWithoutEnd() {
        Rule restless = new Rule() {
            @Override
            public String id() {
                return "restless";
            }

            @Override
            public RuleResult evaluate(RuleContext context) {
                return context.result()
                        .changeAt(context.at().plusSeconds(1), "tick")
                        .build();
            }
        };
        PolicyEngine engine = PolicyEngine.of(
                Policy.builder().stage(Stage.RUN, Mode.ENFORCE, restless).build());
        ImageRecord record = record();

        assertThatThrownBy(() -> engine.validUntil(engine.evaluate(record, Stage.RUN, T0), record))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("without end");
    }

    @Test
    void runsRulesWrittenInJava() {
        Rule noRoot = new Rule() {
            @Override
            public String id() {
                return "no-root";
            }

            @Override
            public RuleResult evaluate(RuleContext context) {
                RuleResult.Builder result = context.result();
                if ("0".equals(context.record().image().labels().get("user"))) {
                    result.violation(Violation.builder(id(), "the image runs as root")
                            .effect(Effect.WARN)
                            .build());
                }
                return result.changeAt(context.at().minusSeconds(1), "ignored: not after at")
                        .changeAt(days(3), "b")
                        .changeAt(days(3), "a")
                        .changeAt(days(4), "later")
                        .build();
            }
        };
        ImageRecord root = record().withImage(
                        record().image().toBuilder().label("user", "0").build());

        Verdict verdict =
                evaluate(Policy.builder().stage(Stage.RUN, Mode.ENFORCE, noRoot).build(), root, Stage.RUN, T0);

        assertThat(verdict.outcome()).isEqualTo(Outcome.WARN);
        assertThat(verdict.violationsOf("no-root")).hasSize(1);
        assertThat(verdict.nextChange()).contains(new Forecast(days(3), List.of("a", "b")));
        assertThat(verdict.nextChange().orElseThrow().reason()).isEqualTo("a; b");
    }

    @Test
    void mergesActionsIntoOnePerPackageAndVersion() {
        ImageRecord record = record(
                report(
                        "Trivy",
                        T0,
                        ofType("npm", OPENSSL),
                        ofType("npm", fixable("CVE-2025-3", Severity.CRITICAL, "openssl", "3.0.1", "3.0.9")),
                        ofType("npm", ZLIB)),
                report("Grype", T0, ofType("npm", fixable("GHSA-1", Severity.HIGH, "openssl", "3.0.1", "3.0.2"))));

        Verdict verdict = evaluate(gateIn(Mode.ENFORCE), record, Stage.BUILD, T0);

        assertThat(verdict.actions())
                .extracting(Action::toString)
                .containsExactly(
                        "BUMP openssl 3.0.1 -> 3.0.9 (PATCH): severity-gate: CVE-2025-1 HIGH in openssl 3.0.1;"
                                + " severity-gate: CVE-2025-3 CRITICAL in openssl 3.0.1; severity-gate: GHSA-1 HIGH in openssl 3.0.1",
                        "BUMP zlib 1.2.11 -> 1.2.12 (PATCH): severity-gate: CVE-2025-2 CRITICAL in zlib 1.2.11");
    }

    @Test
    void givesTheRulesBothTheBaselineAndTheBaseImageStatusOfOneContext() {
        Stage pr = Stage.of("pr");
        PolicyEngine engine = PolicyEngine.of(Policy.builder()
                .stage(pr, Mode.ENFORCE, NoNewFindings.of(), BaseImageCurrent.within(Duration.ofDays(7)))
                .build());
        Baseline main = Baseline.of(List.of(report("Trivy", T0, OPENSSL)));
        BaseImageStatus moved = BaseImageStatus.of(
                BaseImage.of("debian:12-slim", "sha256:" + "1".repeat(64)), "sha256:" + "2".repeat(64), days(1));
        ImageRecord pullRequest = record(report("Trivy", days(2), OPENSSL, ZLIB));
        EvaluationContext both = EvaluationContext.none().withBaseline(main).withBaseImage(moved);

        Verdict knowing = engine.evaluate(pullRequest, pr, days(10), both);
        Verdict blind = engine.evaluate(pullRequest, pr, days(10));

        assertThat(knowing.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(knowing.violations())
                .extracting(Violation::ruleId, Violation::message)
                .containsExactly(
                        tuple(
                                "no-new-findings",
                                "CVE-2025-2 CRITICAL in zlib 1.2.11 is introduced by this change (the"
                                        + " baseline's reports do not name zlib); fixed in 1.2.12"),
                        tuple(
                                "base-image-current",
                                "the base image debian:12-slim moved from sha256:111111111111 to"
                                        + " sha256:222222222222 (first seen 2026-01-02T00:00:00Z), passed its 7d grace period on"
                                        + " 2026-01-09T00:00:00Z"));
        assertThat(blind.violations())
                .extracting(Violation::message)
                .containsExactly(
                        "no baseline to compare with, so introduced findings cannot be told from existing ones"
                                + " (when-no-baseline: warn)",
                        "the base image's current digest was not given, so its 7d grace period cannot be checked"
                                + " (when-unknown: fail)");
    }

    @Test
    void refusesANullContextAndPointsToNone() {
        PolicyEngine engine = PolicyEngine.of(gateIn(Mode.ENFORCE));

        assertThatThrownBy(() -> engine.evaluate(record(), Stage.BUILD, T0, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("context: pass EvaluationContext.none() when there is nothing to add");
    }

    @Test
    void givesTheSameVerdictFromManyThreads() throws Exception {
        Policy policy = Policy.builder()
                .stage(
                        Stage.DEPLOY,
                        Mode.ENFORCE,
                        RemediationSla.of(
                                Map.of(Severity.HIGH, Duration.ofDays(3), Severity.CRITICAL, Duration.ofDays(1))),
                        AgeLimit.scan(Duration.ofDays(7)))
                .build();
        PolicyEngine engine = PolicyEngine.of(policy);
        ImageRecord record = record(report("Trivy", T0, OPENSSL, ZLIB), report("Trivy", days(2), OPENSSL, ZLIB));
        Verdict expected = engine.evaluate(record, Stage.DEPLOY, days(2));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Verdict>> verdicts = IntStream.range(0, 200)
                    .mapToObj(i -> pool.submit(() -> engine.evaluate(record, Stage.DEPLOY, days(2))))
                    .toList();
            for (Future<Verdict> verdict : verdicts) {
                assertThat(verdict.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(expected.violations())
                .extracting(v -> v.vulnerabilityId().orElseThrow())
                .containsExactly("CVE-2025-2");
        assertThat(expected.nextChange()).map(Forecast::at).contains(days(3));
    }
}
