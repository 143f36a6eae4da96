package dev.shelflife.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.Component;
import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.Image;
import dev.shelflife.ImageRecord;
import dev.shelflife.ImageRef;
import dev.shelflife.InstalledPackage;
import dev.shelflife.Lineage;
import dev.shelflife.RecordedScan;
import dev.shelflife.ReportFormat;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import dev.shelflife.VexStatement;
import dev.shelflife.Vulnerability;
import dev.shelflife.history.Compaction;
import dev.shelflife.history.HistoryException;
import dev.shelflife.history.HistoryStore;
import dev.shelflife.history.HistoryStores;
import dev.shelflife.history.IssuedVerdict;
import dev.shelflife.history.RecordContext;
import dev.shelflife.history.Recorded;
import dev.shelflife.history.Retention;
import dev.shelflife.history.TagObservation;
import dev.shelflife.history.Timeline;
import dev.shelflife.policy.DeadlineClock;
import dev.shelflife.policy.Mode;
import dev.shelflife.policy.Policy;
import dev.shelflife.policy.PolicyEngine;
import dev.shelflife.policy.Verdict;
import dev.shelflife.policy.rule.RemediationSla;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The checks every history store must pass. Extend it in the store's tests and say where a new,
 * empty store is; the same checks ShelfLife's SQLite and PostgreSQL stores pass then run against
 * yours: recording once by content and whole, rebuilding reports exactly, the latest evidence per
 * scanner and kind, views of an instant that hold nothing made after it, clocks that count per
 * lineage across rebuilds (and that the policy engine counts from), tag moves, verdicts, timelines,
 * compaction that keeps what the clocks need, writers on several threads, and bad input refused
 * with the store left as it was.
 *
 * <pre>{@code
 * class AcmeHistoryStoreTest extends HistoryStoreContract {
 *     @TempDir Path folder;
 *     protected String newStoreUrl() { return "jdbc:acme:" + folder.resolve("history"); }
 * }
 * }</pre>
 *
 * <p>The store is opened with {@link HistoryStores#open(String)}, so the store's provider must be
 * installed ({@code META-INF/services/dev.shelflife.history.HistoryStoreProvider}); override
 * {@link #open(String)} to open it otherwise.
 *
 * @since 0.2
 */
public abstract class HistoryStoreContract {

    /** The instant the checks count from. */
    protected static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");

    private static final String LINEAGE = "ghcr.io/acme/shop-api";
    private static final ImageRef V1 = ImageRef.parse(LINEAGE + ":1.0");
    private static final ImageRef V2 = ImageRef.parse(LINEAGE + ":1.1");
    private static final String DIGEST_1 = "sha256:" + "1".repeat(64);
    private static final String DIGEST_2 = "sha256:" + "2".repeat(64);
    private static final ReportFormat TRIVY = ReportFormat.of("trivy", "Trivy JSON", "2");
    private static final ReportFormat GRYPE = ReportFormat.of("grype", "Grype JSON", "16.0.0");
    private static final ReportFormat CYCLONEDX = ReportFormat.of("cyclonedx", "CycloneDX JSON", "1.6");

    private final List<HistoryStore> opened = new ArrayList<>();
    private String url;
    private HistoryStore store;

    /**
     * Where a new, empty store is: a URL no other test uses. Called once per check.
     *
     * @return the store's URL, such as {@code jdbc:sqlite:/tmp/x/history.db}
     */
    protected abstract String newStoreUrl();

    /**
     * Opens the store at a URL; by default with {@link HistoryStores#open(String)}.
     *
     * @param storeUrl a URL {@link #newStoreUrl()} gave
     * @return the store
     */
    protected HistoryStore open(String storeUrl) {
        return HistoryStores.open(storeUrl);
    }

    /** Opens a new store for the check. */
    @BeforeEach
    void openStore() {
        url = newStoreUrl();
        store = reopen();
    }

    /** Closes every store the check opened. */
    @AfterEach
    void closeStores() {
        opened.forEach(HistoryStore::close);
    }

    private HistoryStore reopen() {
        HistoryStore fresh = open(url);
        opened.add(fresh);
        return fresh;
    }

    // ---- recording ----

    @Test
    void recordsTheSameReportOnceByItsContent() {
        ScanReport report = scan(V1, DIGEST_1, T0, TRIVY, openssl(true));

        Recorded first = store.record(report, context(T0));
        Recorded again = store.record(report, context(T0.plusSeconds(60)));

        assertThat(first.added()).isTrue();
        assertThat(again.added()).isFalse();
        assertThat(again.id()).isEqualTo(first.id()).matches("sha256:[0-9a-f]{64}");
        assertThat(first.lineage()).isEqualTo(LINEAGE);
        assertThat(first.image().digest()).contains(DIGEST_1);
        assertThat(timeline(LINEAGE).scans()).hasSize(1);
    }

    @Test
    void rebuildsTheRecordedReportExactly() {
        ScanReport report = scan(V1, DIGEST_1, T0, TRIVY, openssl(true), zlib(), curl());

        store.record(report, context(T0));

        ImageRecord record = store.imageRecord(V1, T0.plusSeconds(1)).orElseThrow();
        assertThat(record.reports()).containsExactly(report);
        assertThat(record.image()).isEqualTo(report.image());
    }

    @Test
    void keepsWhatWasRecordedAfterTheStoreIsClosedAndOpenedAgain() {
        ScanReport report = scan(V1, DIGEST_1, T0, TRIVY, openssl(false));
        store.record(report, context(T0));
        store.close();

        HistoryStore again = reopen();

        assertThat(again.imageRecord(V1, T0).orElseThrow().reports()).containsExactly(report);
        assertThat(again.record(report, context(T0)).added()).isFalse();
    }

    @Test
    void recordsAReportThatNamesNoImageUnderTheImageItIsGiven() {
        ScanReport fileSystemScan = ScanReport.builder(EvidenceKind.SCAN, TRIVY, ScannerTool.of("Trivy", "0.58.1"))
                .scannedAt(T0)
                .finding(openssl(false))
                .build();

        Recorded recorded = store.record(fileSystemScan, context(T0).withImage(V1));

        assertThat(recorded.image()).isEqualTo(V1);
        ImageRecord record = store.imageRecord(V1, T0).orElseThrow();
        assertThat(record.image().ref()).contains(V1);
        assertThat(record.scans())
                .singleElement()
                .satisfies(r -> assertThat(r.findings()).isEqualTo(fileSystemScan.findings()));
    }

    @Test
    void refusesAReportThatNamesNoImageWhenNoneIsGivenAndChangesNothing() {
        ScanReport anonymous = ScanReport.builder(EvidenceKind.SCAN, TRIVY, ScannerTool.of("Trivy", "0.58.1"))
                .scannedAt(T0)
                .finding(openssl(false))
                .build();

        assertThatThrownBy(() -> store.record(anonymous, context(T0)))
                .isInstanceOfSatisfying(
                        HistoryException.class,
                        e -> assertThat(e.reason()).isEqualTo(HistoryException.Reason.BAD_INPUT))
                .hasMessageContaining("names no image");
        assertThat(store.timeline(LINEAGE)).isEmpty();
    }

    // ---- the record of an image ----

    @Test
    void givesTheLatestReportOfEachScannerAndKind() {
        ScanReport oldTrivy = scan(V1, DIGEST_1, T0, TRIVY, openssl(false));
        ScanReport newTrivy = scan(V1, DIGEST_1, T0.plus(days(2)), TRIVY, openssl(true));
        ScanReport grype = scan(V1, DIGEST_1, T0.plus(days(1)), GRYPE, openssl(true));
        ScanReport sbom = inventory(V1, DIGEST_1, T0);
        for (ScanReport report : List.of(newTrivy, oldTrivy, grype, sbom)) {
            store.record(report, context(T0.plus(days(3))));
        }

        ImageRecord record = store.imageRecord(V1, T0.plus(days(3))).orElseThrow();

        assertThat(record.scans()).containsExactlyInAnyOrder(newTrivy, grype);
        assertThat(record.inventories()).containsExactly(sbom);
    }

    @Test
    void showsNothingMadeAfterTheInstantOfTheView() {
        ScanReport first = scan(V1, DIGEST_1, T0, TRIVY, openssl(false));
        ScanReport second = scan(V1, DIGEST_1, T0.plus(days(5)), TRIVY, openssl(true));
        store.record(second, context(T0.plus(days(5))));
        store.record(first, context(T0.plus(days(6))));

        assertThat(store.imageRecord(V1, T0.minusSeconds(1))).isEmpty();
        assertThat(store.imageRecord(V1, T0.plus(days(1))).orElseThrow().reports())
                .containsExactly(first);
        assertThat(store.imageRecord(V1, T0.plus(days(5))).orElseThrow().reports())
                .containsExactly(second);
        assertThat(store.imageRecord(V1, T0.plus(days(1)))
                        .orElseThrow()
                        .lineage()
                        .orElseThrow()
                        .findings())
                .singleElement()
                .satisfies(f -> assertThat(f.fixAvailableSince()).isEmpty());
    }

    @Test
    void findsAnImageByItsDigestAndByTheTagOfItsLatestReport() {
        ScanReport report = scan(V1, DIGEST_1, T0, TRIVY, openssl(false));
        store.record(report, context(T0));
        ScanReport moved = scan(V1, DIGEST_2, T0.plus(days(1)), TRIVY, zlib());
        store.record(moved, context(T0.plus(days(1))));

        assertThat(store.imageRecord(V1.withDigest(DIGEST_1), T0.plus(days(2)))
                        .orElseThrow()
                        .reports())
                .containsExactly(report);
        assertThat(store.imageRecord(V1, T0.plus(days(2))).orElseThrow().reports())
                .containsExactly(moved);
        assertThat(store.imageRecord(V1, T0.plus(days(0))).orElseThrow().reports())
                .containsExactly(report);
        assertThat(store.imageRecord(ImageRef.parse("ghcr.io/acme/other:1.0"), T0.plus(days(2))))
                .isEmpty();
    }

    @Test
    void joinsWhatWasRecordedUnderTheTagAloneToTheImageTheTagPointsAt() {
        ScanReport report = scan(V1, DIGEST_1, T0, TRIVY, openssl(true));
        store.record(report, context(T0));
        ScanReport assessment = ScanReport.builder(
                        EvidenceKind.ASSESSMENT, CYCLONEDX, ScannerTool.of("vexctl", "0.3.0"))
                .image(Image.builder().ref(V1).build())
                .scannedAt(T0.plus(days(1)))
                .statement(VexStatement.builder("CVE-2023-5678", VexStatement.State.NOT_AFFECTED)
                        .justification("vulnerable_code_not_present")
                        .timestamp(T0.plus(days(1)))
                        .build())
                .build();
        store.record(assessment, context(T0.plus(days(1))));

        assertThat(store.imageRecord(V1, T0.plus(days(2))).orElseThrow().reports())
                .containsExactly(report, assessment);
        assertThat(store.imageRecord(V1.withDigest(DIGEST_1), T0.plus(days(2)))
                        .orElseThrow()
                        .reports())
                .containsExactly(report);
    }

    // ---- lineages and clocks ----

    @Test
    void remembersTheFirstScanOfTheLineageThatReportedAFindingAcrossARebuild() {
        store.record(scan(V1, DIGEST_1, T0, TRIVY, openssl(false)), context(T0));
        store.record(scan(V1, DIGEST_1, T0.plus(days(3)), TRIVY, openssl(true)), context(T0.plus(days(3))));
        ScanReport rebuilt = scan(V2, DIGEST_2, T0.plus(days(10)), TRIVY, openssl(true));
        Recorded recorded = store.record(rebuilt, context(T0.plus(days(10))));

        Lineage lineage = store.lineage(LINEAGE, T0.plus(days(10)));

        assertThat(recorded.lineage()).isEqualTo(LINEAGE);
        assertThat(lineage.name()).isEqualTo(LINEAGE);
        assertThat(lineage.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.vulnerabilityId()).isEqualTo("CVE-2026-1001");
            assertThat(finding.pkg().name()).isEqualTo("openssl");
            assertThat(finding.firstSeen()).isEqualTo(T0);
            assertThat(finding.firstSeenIn().image())
                    .isEqualTo(V1.withDigest(DIGEST_1).toString());
            assertThat(finding.firstSeenIn().lineage()).isEqualTo(LINEAGE);
            assertThat(finding.firstSeenIn().scanner()).isEqualTo(ScannerTool.of("Trivy", "0.58.1"));
            assertThat(finding.fixAvailableSince()).contains(T0.plus(days(3)));
            assertThat(finding.fixAvailableIn().map(RecordedScan::scannedAt)).contains(T0.plus(days(3)));
        });
        assertThat(store.imageRecord(V2, T0.plus(days(10))).orElseThrow().lineage())
                .contains(lineage);
    }

    @Test
    void givesThePolicyEngineTheLineagesClockSoARebuildDoesNotRestartAnSla() {
        store.record(scan(V1, DIGEST_1, T0, TRIVY, openssl(true)), context(T0));
        store.record(scan(V2, DIGEST_2, T0.plus(days(40)), TRIVY, openssl(true)), context(T0.plus(days(40))));
        Instant at = T0.plus(days(40)).plusSeconds(60);
        RemediationSla sla =
                RemediationSla.of(Map.of(Severity.HIGH, Duration.ofDays(30))).from(DeadlineClock.FIRST_SEEN);
        PolicyEngine engine = PolicyEngine.of(
                Policy.builder().stage(Stage.RUN, Mode.ENFORCE, sla).build());

        Verdict verdict = engine.evaluate(store.imageRecord(V2, at).orElseThrow(), Stage.RUN, at);

        assertThat(verdict.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.clockValue()).contains(T0);
            assertThat(violation.deadline()).contains(T0.plus(days(30)));
            assertThat(violation.clockSource().map(RecordedScan::image))
                    .contains(V1.withDigest(DIGEST_1).toString());
        });
    }

    @Test
    void computesFirstSightingsAsOfTheInstantEvenWhenAnOlderScanIsRecordedLate() {
        store.record(scan(V2, DIGEST_2, T0.plus(days(10)), TRIVY, openssl(true)), context(T0.plus(days(10))));
        store.record(scan(V1, DIGEST_1, T0, TRIVY, openssl(false)), context(T0.plus(days(11))));

        assertThat(store.lineage(LINEAGE, T0.minusSeconds(1)).findings()).isEmpty();
        assertThat(store.lineage(LINEAGE, T0.plus(days(1))).findings())
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.firstSeen()).isEqualTo(T0);
                    assertThat(f.fixAvailableSince()).isEmpty();
                });
        assertThat(store.lineage(LINEAGE, T0.plus(days(10))).findings())
                .singleElement()
                .satisfies(f -> assertThat(f.fixAvailableSince()).contains(T0.plus(days(10))));
    }

    @Test
    void keepsOneClockPerVulnerabilityAndPackageAndNoneFromEvidenceThatIsNotAScan() {
        Finding inLibssl = finding("CVE-2026-1001", "libssl3", "3.0.11", Fix.fixed("3.0.13"));
        store.record(scan(V1, DIGEST_1, T0, TRIVY, openssl(false), inLibssl, zlib()), context(T0));
        store.record(scan(V1, DIGEST_1, T0.plus(days(1)), GRYPE, openssl(false)), context(T0));
        store.record(inventory(V1, DIGEST_1, T0.minus(days(9))), context(T0));

        Lineage lineage = store.lineage(LINEAGE, T0.plus(days(2)));

        assertThat(lineage.findings())
                .extracting(f -> f.vulnerabilityId() + " " + f.pkg().name())
                .containsExactlyInAnyOrder("CVE-2026-1001 openssl", "CVE-2026-1001 libssl3", "CVE-2023-45853 zlib1g");
        assertThat(lineage.findings()).allSatisfy(f -> assertThat(f.firstSeen()).isEqualTo(T0));
    }

    @Test
    void namesTheLineageOfAnImageByItsRule() {
        assertThat(store.lineageOf(V1.withDigest(DIGEST_1))).isEqualTo(LINEAGE);
        assertThat(store.lineage("ghcr.io/acme/nothing-recorded", T0).findings())
                .isEmpty();
    }

    @Test
    void listsTheImagesOfALineageNewestFirst() {
        store.record(scan(V1, DIGEST_1, T0, TRIVY, openssl(false)), context(T0));
        store.record(scan(V2, DIGEST_2, T0.plus(days(1)), TRIVY, openssl(false)), context(T0));

        assertThat(store.images(LINEAGE)).containsExactly(V2.withDigest(DIGEST_2), V1.withDigest(DIGEST_1));
        assertThat(store.images("ghcr.io/acme/nothing-recorded")).isEmpty();
    }

    // ---- tags and verdicts ----

    @Test
    void recordsWhereATagPointsAndWhenItMoved() {
        ImageRef python = ImageRef.parse("python:3.12-slim");
        store.observeTag(python, DIGEST_1, T0, "shelflife plan");
        TagObservation same = store.observeTag(python, DIGEST_1, T0.plus(days(1)), "shelflife plan");
        TagObservation moved = store.observeTag(python, DIGEST_2, T0.plus(days(2)), "registry webhook");

        assertThat(same.firstSeen()).isEqualTo(T0);
        assertThat(same.lastSeen()).isEqualTo(T0.plus(days(1)));
        assertThat(moved.firstSeen()).isEqualTo(T0.plus(days(2)));
        assertThat(store.tag(python)).contains(moved);
        assertThat(store.tag(python).orElseThrow().reference()).isEqualTo(python);
        assertThat(store.tag(ImageRef.parse("python:3.13-slim"))).isEmpty();
        assertThat(moved.observedBy()).isEqualTo("registry webhook");
    }

    @Test
    void recordsIssuedVerdictsOnceAndShowsThemInTheTimeline() {
        store.record(scan(V1, DIGEST_1, T0, TRIVY, openssl(true)), context(T0));
        IssuedVerdict verdict = new IssuedVerdict(
                V1.withDigest(DIGEST_1),
                Stage.DEPLOY,
                "FAIL",
                T0.plus(days(1)),
                Optional.of(T0.plus(days(31))),
                Optional.of("CVE-2026-1001 HIGH reaches its 30-day SLA"));

        store.recordVerdict(verdict);
        store.recordVerdict(verdict);
        store.recordVerdict(new IssuedVerdict(
                V1.withDigest(DIGEST_1), Stage.RUN, "PASS", T0.plus(days(2)), Optional.empty(), Optional.empty()));

        assertThat(timeline(LINEAGE).verdicts()).hasSize(2).first().isEqualTo(verdict);
        assertThat(timeline(V1.toString()).verdicts()).hasSize(2);
    }

    // ---- timelines ----

    @Test
    void showsALineagesScansFindingSpansTagsAndImagesOldestFirst() {
        ScanReport first = scan(V1, DIGEST_1, T0, TRIVY, openssl(false), zlib());
        ScanReport fixOffered = scan(V1, DIGEST_1, T0.plus(days(1)), TRIVY, openssl(true), zlib());
        ScanReport rebuilt = scan(V2, DIGEST_2, T0.plus(days(2)), TRIVY, zlib());
        for (ScanReport report : List.of(first, fixOffered, rebuilt)) {
            store.record(report, context(T0.plus(days(3))));
        }
        store.observeTag(V2, DIGEST_2, T0.plus(days(2)), "ci");

        Timeline timeline = timeline(LINEAGE);

        assertThat(timeline.subject()).isEqualTo(LINEAGE);
        assertThat(timeline.lineage()).isEqualTo(LINEAGE);
        assertThat(timeline.images()).containsExactly(V1.withDigest(DIGEST_1), V2.withDigest(DIGEST_2));
        assertThat(timeline.scans())
                .extracting(s -> s.scan().scannedAt())
                .containsExactly(T0, T0.plus(days(1)), T0.plus(days(2)));
        assertThat(timeline.scans()).allSatisfy(s -> assertThat(s.kind()).isEqualTo(EvidenceKind.SCAN));
        assertThat(timeline.scans().get(0).findings()).isEqualTo(2);
        assertThat(timeline.findings()).anySatisfy(span -> {
            assertThat(span.vulnerabilityId()).isEqualTo("CVE-2026-1001");
            assertThat(span.firstSeen()).isEqualTo(T0);
            assertThat(span.fixAvailableSince()).contains(T0.plus(days(1)));
            assertThat(span.lastSeen()).isEqualTo(T0.plus(days(1)));
            assertThat(span.goneSince()).contains(T0.plus(days(2)));
            assertThat(span.severity()).isEqualTo(Severity.HIGH);
        });
        assertThat(timeline.findings()).anySatisfy(span -> {
            assertThat(span.vulnerabilityId()).isEqualTo("CVE-2023-45853");
            assertThat(span.lastSeen()).isEqualTo(T0.plus(days(2)));
            assertThat(span.goneSince()).isEmpty();
        });
        assertThat(timeline.tags())
                .singleElement()
                .satisfies(tag -> assertThat(tag.digest()).isEqualTo(DIGEST_2));
    }

    @Test
    void showsOneImagesTimelineByItsReference() {
        store.record(scan(V1, DIGEST_1, T0, TRIVY, openssl(false)), context(T0));
        store.record(scan(V2, DIGEST_2, T0.plus(days(2)), TRIVY, zlib()), context(T0));

        Timeline timeline = timeline(V1.toString());

        assertThat(timeline.subject()).isEqualTo(V1.toString());
        assertThat(timeline.lineage()).isEqualTo(LINEAGE);
        assertThat(timeline.images()).containsExactly(V1.withDigest(DIGEST_1));
        assertThat(timeline.scans()).hasSize(1);
        assertThat(timeline.findings())
                .singleElement()
                .satisfies(span -> assertThat(span.vulnerabilityId()).isEqualTo("CVE-2026-1001"));
        assertThat(store.timeline("ghcr.io/acme/nothing-recorded:1.0")).isEmpty();
        assertThat(store.timeline("not a reference at all")).isEmpty();
    }

    // ---- compaction ----

    @Test
    void compactsOldReportsButKeepsTheClocksTheTagsAndTheLatestReportOfEachImage() {
        Instant now = T0.plus(days(200));
        for (int day = 0; day < 10; day++) {
            store.record(scan(V1, DIGEST_1, T0.plus(days(day)), TRIVY, openssl(day >= 3)), context(T0.plus(days(day))));
        }
        ScanReport latest = scan(V1, DIGEST_1, T0.plus(days(10)), TRIVY, openssl(true), zlib());
        store.record(latest, context(T0.plus(days(10))));
        ScanReport recent = scan(V2, DIGEST_2, now.minus(days(1)), TRIVY, openssl(true));
        store.record(recent, context(now.minus(days(1))));
        store.observeTag(V1, DIGEST_1, T0, "ci");
        store.recordVerdict(
                new IssuedVerdict(V1.withDigest(DIGEST_1), Stage.RUN, "PASS", T0, Optional.empty(), Optional.empty()));
        Lineage before = store.lineage(LINEAGE, now);

        Compaction compaction = store.compact(new Retention(Duration.ofDays(90), Duration.ofDays(90)), now);

        assertThat(compaction.reports()).isEqualTo(10);
        assertThat(compaction.findings()).isEqualTo(10);
        assertThat(compaction.verdicts()).isEqualTo(1);
        assertThat(store.lineage(LINEAGE, now)).isEqualTo(before);
        assertThat(store.lineage(LINEAGE, T0.plus(days(2))).findings())
                .singleElement()
                .satisfies(f -> assertThat(f.fixAvailableSince()).isEmpty());
        assertThat(store.imageRecord(V1, now).orElseThrow().reports()).containsExactly(latest);
        assertThat(store.imageRecord(V2, now).orElseThrow().reports()).containsExactly(recent);
        assertThat(store.tag(V1)).isPresent();
        assertThat(store.compact(new Retention(Duration.ofDays(90), Duration.ofDays(90)), now))
                .isEqualTo(new Compaction(0, 0, 0));
        assertThat(store.record(latest, context(now)).added()).isFalse();
    }

    // ---- concurrency ----

    @Test
    void losesNothingWhenSeveralThreadsRecordIntoOneLineageAtOnce() throws Exception {
        int threads = 4;
        int perThread = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        Instant made = T0.plus(days(1)).plusSeconds(thread * 1000L + i);
                        store.record(
                                scan(V1, DIGEST_1, made, TRIVY, openssl(i % 2 == 0), numbered(thread, i)),
                                context(made));
                        // The same report from every thread: recorded once.
                        store.record(scan(V1, DIGEST_1, T0, TRIVY, openssl(false)), context(made));
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        Timeline timeline = timeline(LINEAGE);
        assertThat(timeline.scans()).hasSize(threads * perThread + 1);
        Lineage lineage = store.lineage(LINEAGE, T0.plus(days(2)));
        assertThat(lineage.findings()).hasSize(threads * perThread + 1);
        assertThat(lineage.findings())
                .filteredOn(f -> f.vulnerabilityId().equals("CVE-2026-1001"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.firstSeen()).isEqualTo(T0);
                    assertThat(f.fixAvailableSince()).contains(T0.plus(days(1)));
                });
    }

    // ---- building blocks ----

    private Timeline timeline(String subject) {
        return store.timeline(subject).orElseThrow(() -> new AssertionError("no timeline of " + subject));
    }

    private static Duration days(int days) {
        return Duration.ofDays(days);
    }

    private static RecordContext context(Instant at) {
        return RecordContext.of(at, "HistoryStoreContract");
    }

    private static Image image(ImageRef ref, String digest) {
        return Image.builder()
                .ref(ref)
                .manifestDigest(digest)
                .createdAt(T0.minus(days(1)))
                .os("debian 12.5")
                .label("org.opencontainers.image.base.name", "docker.io/library/python:3.12-slim")
                .build();
    }

    private static ScanReport scan(ImageRef ref, String digest, Instant at, ReportFormat format, Finding... findings) {
        String name = format == TRIVY ? "Trivy" : "Grype";
        ScanReport.Builder report = ScanReport.builder(EvidenceKind.SCAN, format, ScannerTool.of(name, "0.58.1"))
                .image(image(ref, digest))
                .scannedAt(at)
                .databaseBuiltAt(at.minus(Duration.ofHours(6)));
        for (Finding finding : findings) {
            report.finding(finding);
        }
        return report.build();
    }

    private static ScanReport inventory(ImageRef ref, String digest, Instant at) {
        return ScanReport.builder(EvidenceKind.INVENTORY, CYCLONEDX, ScannerTool.of("syft", "1.18.1"))
                .image(image(ref, digest))
                .scannedAt(at)
                .component(new Component(
                        "openssl",
                        Optional.of("3.0.11"),
                        Optional.of("pkg:deb/debian/openssl@3.0.11"),
                        Optional.of("library"),
                        Optional.empty()))
                .build();
    }

    private static Finding openssl(boolean fixAvailable) {
        return finding(
                "CVE-2026-1001", "openssl", "3.0.11", fixAvailable ? Fix.fixed("3.0.13") : Fix.of(FixState.NOT_FIXED));
    }

    private static Finding zlib() {
        return finding("CVE-2023-45853", "zlib1g", "1:1.2.13.dfsg-1", Fix.of(FixState.WONT_FIX));
    }

    private static Finding curl() {
        return finding("CVE-2025-0167", "curl", "7.88.1-10+deb12u8", Fix.fixed("7.88.1-10+deb12u9"));
    }

    private static Finding numbered(int thread, int i) {
        return finding("CVE-2026-" + (2000 + thread * 100 + i), "libexpat1", "2.5.0-1", Fix.of(FixState.NOT_FIXED));
    }

    private static Finding finding(String id, String pkg, String version, Fix fix) {
        return new Finding(
                Vulnerability.builder(id)
                        .severity(Severity.HIGH)
                        .severitySource("nvd")
                        .title(pkg + " is vulnerable")
                        .alias(id.startsWith("CVE-") ? "GHSA-" + id.substring(4).replace('-', 'x') : null)
                        .build(),
                InstalledPackage.builder(pkg)
                        .version(version)
                        .type("debian")
                        .purl("pkg:deb/debian/" + pkg + "@" + version + "?arch=amd64")
                        .build(),
                fix,
                "ghcr.io/acme/shop-api (debian 12.5)");
    }
}
