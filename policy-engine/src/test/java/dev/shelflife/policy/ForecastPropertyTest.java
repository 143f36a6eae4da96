package dev.shelflife.policy;

import static dev.shelflife.policy.Records.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.BaseImage;
import dev.shelflife.Epss;
import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.Image;
import dev.shelflife.ImageRecord;
import dev.shelflife.InstalledPackage;
import dev.shelflife.KnownExploited;
import dev.shelflife.Problem;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import dev.shelflife.VexStatement;
import dev.shelflife.Vulnerability;
import dev.shelflife.policy.rule.AgeLimit;
import dev.shelflife.policy.rule.BaseImageCurrent;
import dev.shelflife.policy.rule.Coverage;
import dev.shelflife.policy.rule.DenyList;
import dev.shelflife.policy.rule.EpssThreshold;
import dev.shelflife.policy.rule.KevDeadline;
import dev.shelflife.policy.rule.RemediationSla;
import dev.shelflife.policy.rule.SeverityGate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The forecast is exact: for many generated records, policies and instants, the verdict one
 * second (and one nanosecond) before the forecast equals the current one, and the verdict at the
 * forecast differs. Each case follows the chain of changes for several steps.
 */
class ForecastPropertyTest {

    private static final int CASES = 400;
    private static final int STEPS = 8;
    private static final String[] IDS = {"CVE-2025-1", "CVE-2025-2", "CVE-2025-3", "GHSA-aaaa", "CVE-2025-5", "DSA-6"};
    private static final String[] PACKAGES = {"openssl", "zlib", "libssl3", "jackson-databind", "curl"};

    @Test
    void verdictsStayEqualUntilTheForecastAndChangeAtIt() {
        Set<String> kindsSeen = new HashSet<>();
        int changes = 0;
        for (int seed = 0; seed < CASES; seed++) {
            Random random = new Random(seed);
            ImageRecord record = record(random);
            PolicyEngine engine = PolicyEngine.of(policy(random));
            EvaluationContext base = context(random);
            Instant at = T0.plus(Duration.ofSeconds(random.nextInt(120 * 86_400) - 60 * 86_400));
            if (random.nextBoolean()) {
                at = at.plusNanos(random.nextInt(1_000_000_000));
            }
            Verdict verdict = evaluate(engine, record, at, base);
            for (int step = 0; step < STEPS; step++) {
                String where = "seed " + seed + ", step " + step + ", at " + at;
                if (verdict.nextChange().isEmpty()) {
                    Verdict muchLater = evaluate(engine, record, at.plus(Duration.ofDays(40_000)), base);
                    assertThat(content(muchLater))
                            .as(where + ": no forecast, yet the verdict changed")
                            .isEqualTo(content(verdict));
                    break;
                }
                Forecast next = verdict.nextChange().get();
                kindsSeen.add(kind(next.reason()));
                changes++;
                Instant oneSecondBefore = next.at().minusSeconds(1);
                if (!oneSecondBefore.isBefore(at)) {
                    assertThat(content(evaluate(engine, record, oneSecondBefore, base)))
                            .as(where + ": one second before " + next)
                            .isEqualTo(content(verdict));
                }
                assertThat(content(evaluate(engine, record, next.at().minusNanos(1), base)))
                        .as(where + ": one nanosecond before " + next)
                        .isEqualTo(content(verdict));
                Verdict changed = evaluate(engine, record, next.at(), base);
                assertThat(content(changed)).as(where + ": at " + next).isNotEqualTo(content(verdict));
                verdict = changed;
                at = next.at();
            }
        }
        assertThat(changes).as("changes followed").isGreaterThan(CASES);
        assertThat(kindsSeen).contains("sla", "age", "waiver", "kev", "base");
    }

    @Test
    void judgingEveryStageInOnePassGivesTheVerdictsOfSeparateEvaluations() {
        List<Stage> stages = List.of(Stage.RUN, Stage.BUILD, Stage.DEPLOY);
        int judged = 0;
        for (int seed = 0; seed < CASES; seed++) {
            Random random = new Random(seed);
            ImageRecord record = record(random);
            PolicyEngine engine = PolicyEngine.of(stagedPolicy(random));
            EvaluationContext base = context(random);
            Instant at = T0.plus(Duration.ofSeconds(random.nextInt(120 * 86_400) - 60 * 86_400));
            for (int step = 0; step < STEPS; step++) {
                Map<Stage, Verdict> together = engine.evaluate(record, stages, at, base);
                assertThat(together.keySet()).as("seed %d", seed).containsExactlyElementsOf(stages);
                Instant next = null;
                for (Stage stage : stages) {
                    Verdict alone = engine.evaluate(record, stage, at, base);
                    assertThat(together.get(stage))
                            .as("seed %d, step %d, %s at %s", seed, step, stage, at)
                            .isEqualTo(alone);
                    judged++;
                    Instant change = alone.nextChange().map(Forecast::at).orElse(null);
                    if (change != null && (next == null || change.isBefore(next))) {
                        next = change;
                    }
                }
                if (next == null) {
                    break;
                }
                at = next;
            }
        }
        assertThat(judged).isGreaterThan(CASES * stages.size());
    }

    /**
     * Three stages, each in any mode with its own rules, and waivers that cover every stage or only
     * some: stages covered by the same waivers share their exemptions in one pass, the others not.
     */
    private static Policy stagedPolicy(Random random) {
        Policy first = policy(random);
        Policy second = policy(random);
        Mode runMode = pick(random, Mode.values());
        Policy.Builder staged = Policy.builder()
                .stage(Stage.BUILD, second.stage(Stage.DEPLOY).orElseThrow())
                .stage(Stage.DEPLOY, first.stage(Stage.DEPLOY).orElseThrow())
                .stage(
                        Stage.RUN,
                        new StagePolicy(
                                runMode,
                                second.stage(Stage.DEPLOY).orElseThrow().rules()));
        for (Waiver waiver : first.waivers()) {
            staged.waiver(waiver);
        }
        for (Waiver waiver : second.waivers()) {
            Waiver.Builder other = Waiver.builder("X" + waiver.id())
                    .owner(waiver.owner())
                    .reason(waiver.reason())
                    .expires(waiver.expires());
            waiver.vulnerability().ifPresent(other::vulnerability);
            waiver.pkg().ifPresent(other::pkg);
            staged.waiver(
                    random.nextBoolean() ? other.stages(Stage.BUILD, Stage.RUN).build() : other.build());
        }
        return staged.build();
    }

    private static Verdict evaluate(PolicyEngine engine, ImageRecord record, Instant at, EvaluationContext base) {
        return engine.evaluate(record, Stage.DEPLOY, at, base);
    }

    /** Everything in a verdict but its evaluation instant. */
    private static List<Object> content(Verdict v) {
        return List.of(
                v.stage(),
                v.mode(),
                v.outcome(),
                v.violations(),
                v.waiversApplied(),
                v.unmatchedWaivers(),
                v.expiredWaivers(),
                v.actions(),
                v.nextChange());
    }

    private static String kind(String reason) {
        return reason.contains("SLA")
                ? "sla"
                : reason.contains("age limit")
                        ? "age"
                        : reason.contains("waiver")
                                ? "waiver"
                                : reason.contains("KEV") ? "kev" : reason.contains("grace period") ? "base" : "other";
    }

    private static Instant around(Random random, int fromDays, int toDays) {
        Instant instant = T0.plus(Duration.ofSeconds(
                (long) fromDays * 86_400 + (long) (random.nextDouble() * (toDays - fromDays) * 86_400)));
        return random.nextInt(4) == 0 ? instant.plusNanos(random.nextInt(1_000_000_000)) : instant;
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static ImageRecord record(Random random) {
        Image.Builder image = Image.builder();
        if (random.nextInt(10) < 7) {
            image.createdAt(around(random, -200, 5));
        }
        if (random.nextBoolean()) {
            image.baseImage(BaseImage.of("debian:12-slim", null));
        }
        List<ScanReport> reports = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            reports.add(report(random));
        }
        List<VexStatement> vex = new ArrayList<>();
        if (random.nextInt(4) == 0) {
            vex.add(new VexStatement(
                    pick(random, IDS),
                    List.of(),
                    List.of(),
                    VexStatement.State.NOT_AFFECTED,
                    Optional.empty(),
                    List.of(),
                    Optional.empty(),
                    Optional.empty()));
        }
        return new ImageRecord(image.build(), reports, vex, Optional.empty());
    }

    private static ScanReport report(Random random) {
        String scanner = random.nextBoolean() ? "Trivy" : "Grype";
        ScanReport.Builder builder = ScanReport.builder(
                EvidenceKind.SCAN, ReportFormat.of(scanner.toLowerCase(), "json", null), ScannerTool.of(scanner, null));
        Instant scanned = around(random, -100, 10);
        if (random.nextInt(5) > 0) {
            builder.scannedAt(scanned);
        }
        if (random.nextBoolean()) {
            builder.databaseBuiltAt(scanned.minus(Duration.ofHours(random.nextInt(15 * 24))));
        }
        if (random.nextInt(6) == 0) {
            builder.skipped("broken entry", ReportLocation.of("report.json"));
        }
        int findings = random.nextInt(7);
        for (int i = 0; i < findings; i++) {
            builder.finding(finding(random));
        }
        if (random.nextInt(8) == 0) {
            builder.problem(new Problem(Problem.Kind.IGNORED_BY_SCANNER, "ignored", ReportLocation.of("report.json")));
        }
        return builder.build();
    }

    private static Finding finding(Random random) {
        Vulnerability.Builder vulnerability =
                Vulnerability.builder(pick(random, IDS)).severity(pick(random, Severity.values()));
        if (random.nextInt(3) == 0) {
            vulnerability.alias(pick(random, IDS));
        }
        if (random.nextInt(10) < 6) {
            vulnerability.published(around(random, -400, 0));
        }
        if (random.nextInt(5) == 0) {
            LocalDate added = LocalDate.of(2025, 10, 1).plusDays(random.nextInt(120));
            vulnerability.knownExploited(new KnownExploited(
                    "cisa-kev",
                    Optional.of(added),
                    random.nextInt(4) > 0 ? Optional.of(added.plusDays(random.nextInt(60))) : Optional.empty(),
                    Optional.empty()));
        }
        if (random.nextInt(4) == 0) {
            vulnerability.epss(new Epss(random.nextDouble(), random.nextDouble(), Optional.empty()));
        }
        String name = pick(random, PACKAGES);
        String installed = "1." + random.nextInt(3);
        Fix fix = random.nextBoolean()
                ? Fix.fixed("1." + (3 + random.nextInt(3)), "2.0")
                : Fix.of(pick(random, FixState.values()));
        return new Finding(
                vulnerability.build(),
                InstalledPackage.builder(name)
                        .version(installed)
                        .purl("pkg:generic/" + name + "@" + installed)
                        .build(),
                fix,
                "");
    }

    private static Policy policy(Random random) {
        List<Rule> rules = new ArrayList<>();
        if (random.nextInt(10) < 8) {
            rules.add(sla(random, "sla"));
        }
        if (random.nextBoolean()) {
            rules.add(sla(random, "sla-2"));
        }
        for (AgeLimit.Subject subject : AgeLimit.Subject.values()) {
            if (random.nextBoolean()) {
                rules.add(AgeLimit.of(subject, duration(random))
                        .whenUnknown(pick(random, Treatment.values()))
                        .withEffect(pick(random, Effect.values())));
            }
        }
        if (random.nextInt(3) == 0) {
            rules.add(SeverityGate.atLeast(Severity.HIGH).fixableOnly());
        }
        if (random.nextInt(4) == 0) {
            rules.add(DenyList.of(List.of(pick(random, IDS)), List.of()));
        }
        if (random.nextInt(3) == 0) {
            rules.add(Coverage.failClosed().reportProblems(pick(random, Treatment.values())));
        }
        if (random.nextInt(3) == 0) {
            KevDeadline kev = random.nextBoolean() ? KevDeadline.dueDate() : KevDeadline.afterAdded(duration(random));
            rules.add(kev.whenUnknown(pick(random, Treatment.values())).withEffect(pick(random, Effect.values())));
        }
        if (random.nextInt(5) == 0) {
            rules.add(EpssThreshold.score(0.01 + random.nextDouble() * 0.99));
        }
        if (random.nextInt(3) == 0) {
            rules.add(BaseImageCurrent.within(duration(random)).whenUnknown(pick(random, Treatment.values())));
        }
        Mode mode = random.nextInt(10) < 6 ? Mode.ENFORCE : random.nextInt(4) > 0 ? Mode.WARN : Mode.OFF;
        Policy.Builder policy = Policy.builder()
                .stage(Stage.DEPLOY, new StagePolicy(mode, rules))
                .stage(Stage.RUN, Mode.OFF);
        int waivers = random.nextInt(4);
        for (int i = 0; i < waivers; i++) {
            Waiver.Builder waiver =
                    Waiver.builder("W" + i).owner("me").reason("test").expires(around(random, -20, 90));
            if (random.nextBoolean()) {
                waiver.vulnerability(pick(random, IDS));
            } else {
                waiver.pkg(pick(random, PACKAGES));
            }
            if (random.nextInt(4) == 0) {
                waiver.stages(Stage.RUN);
            }
            policy.waiver(waiver.build());
        }
        return policy.build();
    }

    private static RemediationSla sla(Random random, String id) {
        Map<Severity, Duration> within = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            if (random.nextBoolean()) {
                within.put(severity, duration(random));
            }
        }
        if (within.isEmpty()) {
            within.put(Severity.HIGH, Duration.ofDays(30));
        }
        List<DeadlineClock> clocks = new ArrayList<>(List.of(DeadlineClock.values()));
        Collections.shuffle(clocks, random);
        Set<FixState> states = random.nextBoolean() ? EnumSet.allOf(FixState.class) : EnumSet.of(FixState.FIXED);
        return RemediationSla.of(within)
                .withId(id)
                .from(clocks.subList(0, 1 + random.nextInt(2)))
                .whenUnknown(pick(random, Treatment.values()))
                .fixStates(states)
                .withEffect(random.nextInt(4) == 0 ? Effect.WARN : Effect.BLOCK);
    }

    /** No base image status, or one of the states a resolver reports. */
    private static EvaluationContext context(Random random) {
        BaseImage base = BaseImage.of("debian:12-slim", random.nextInt(6) > 0 ? "sha256:" + "a".repeat(64) : null);
        EvaluationContext none = EvaluationContext.none();
        return switch (random.nextInt(5)) {
            case 0 -> none;
            case 1 -> none.withBaseImage(BaseImageStatus.unresolved(base));
            case 2 -> none.withBaseImage(BaseImageStatus.of(base, "sha256:" + "a".repeat(64), around(random, -30, 30)));
            case 3 ->
                none.withBaseImage(new BaseImageStatus(
                        base.name(), base.digest(), Optional.of("sha256:" + "b".repeat(64)), Optional.empty()));
            default ->
                none.withBaseImage(BaseImageStatus.of(base, "sha256:" + "b".repeat(64), around(random, -30, 30)));
        };
    }

    private static Duration duration(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> Duration.ofDays(1 + random.nextInt(120));
            case 1 -> Duration.ofHours(1 + random.nextInt(2000));
            default -> Duration.ofSeconds(1 + random.nextInt(5_000_000));
        };
    }
}
