package dev.shelflife.historytests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.shelflife.ImageRecord;
import dev.shelflife.ImageRef;
import dev.shelflife.Lineage;
import dev.shelflife.ScanReport;
import dev.shelflife.history.Compaction;
import dev.shelflife.history.HistoryStore;
import dev.shelflife.history.HistoryStores;
import dev.shelflife.history.IssuedVerdict;
import dev.shelflife.history.RecordContext;
import dev.shelflife.history.Recorded;
import dev.shelflife.history.Retention;
import dev.shelflife.history.TagObservation;
import dev.shelflife.history.Timeline;
import dev.shelflife.testkit.HistoryStoreContract;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The contract kit catches stores that break it: each broken store below, an SQLite store with one
 * flaw, fails the checks that name its flaw, run through the JUnit Platform as a build would run
 * them. (The broken kits are nested classes, which the build's own test run leaves alone.)
 */
class HistoryStoreContractSelfTest {

    @Test
    void failsAStoreThatRecordsTheSameReportTwice() {
        assertThat(failedChecks(RecordsTwice.class)).contains("recordsTheSameReportOnceByItsContent");
    }

    @Test
    void failsAStoreThatShowsTheLineageAsItIsNowWhateverTheInstant() {
        assertThat(failedChecks(IgnoresTheInstant.class))
                .contains("computesFirstSightingsAsOfTheInstantEvenWhenAnOlderScanIsRecordedLate");
    }

    @Test
    void failsAStoreWhoseRecordsForgetTheirLineage() {
        assertThat(failedChecks(ForgetsTheLineage.class))
                .contains(
                        "remembersTheFirstScanOfTheLineageThatReportedAFindingAcrossARebuild",
                        "givesThePolicyEngineTheLineagesClockSoARebuildDoesNotRestartAnSla");
    }

    @Test
    void failsAStoreThatCompactsAwayTheClocks() {
        assertThat(failedChecks(CompactsTheClocksAway.class))
                .contains("compactsOldReportsButKeepsTheClocksTheTagsAndTheLatestReportOfEachImage");
    }

    @Test
    void passesTheStoreTheBrokenOnesWrap() {
        assertThat(failedChecks(Unbroken.class)).isEmpty();
    }

    private static List<String> failedChecks(Class<?> kit) {
        List<String> failed = new ArrayList<>();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(
                LauncherDiscoveryRequestBuilder.request()
                        .selectors(selectClass(kit))
                        .build(),
                new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                        if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL
                                && test.getSource().orElse(null) instanceof MethodSource method) {
                            failed.add(method.getMethodName());
                        }
                    }
                });
        return failed;
    }

    /** A kit on an SQLite store, whose store the subclasses break. */
    abstract static class OnSqlite extends HistoryStoreContract {
        @TempDir
        Path folder;

        @Override
        protected String newStoreUrl() {
            return "jdbc:sqlite:" + folder.resolve("history.db");
        }

        @Override
        protected HistoryStore open(String url) {
            return broken(HistoryStores.open(url));
        }

        abstract HistoryStore broken(HistoryStore store);
    }

    static class Unbroken extends OnSqlite {
        @Override
        HistoryStore broken(HistoryStore store) {
            return new Forwarding(store);
        }
    }

    static class RecordsTwice extends OnSqlite {
        @Override
        HistoryStore broken(HistoryStore store) {
            return new Forwarding(store) {
                @Override
                public Recorded record(ScanReport report, RecordContext context) {
                    Recorded recorded = super.record(report, context);
                    return new Recorded(recorded.id(), recorded.lineage(), recorded.image(), true);
                }
            };
        }
    }

    static class IgnoresTheInstant extends OnSqlite {
        @Override
        HistoryStore broken(HistoryStore store) {
            return new Forwarding(store) {
                @Override
                public Lineage lineage(String lineage, Instant at) {
                    return super.lineage(lineage, Instant.parse("2100-01-01T00:00:00Z"));
                }
            };
        }
    }

    static class ForgetsTheLineage extends OnSqlite {
        @Override
        HistoryStore broken(HistoryStore store) {
            return new Forwarding(store) {
                @Override
                public Optional<ImageRecord> imageRecord(ImageRef image, Instant at) {
                    return super.imageRecord(image, at)
                            .map(r -> r.withLineage(new Lineage(lineageOf(image), List.of())));
                }

                @Override
                public Lineage lineage(String lineage, Instant at) {
                    return new Lineage(lineage, List.of());
                }
            };
        }
    }

    static class CompactsTheClocksAway extends OnSqlite {
        @Override
        HistoryStore broken(HistoryStore store) {
            return new Forwarding(store) {
                private boolean compacted;

                @Override
                public Compaction compact(Retention retention, Instant now) {
                    compacted = true;
                    return super.compact(retention, now);
                }

                @Override
                public Lineage lineage(String lineage, Instant at) {
                    return compacted ? new Lineage(lineage, List.of()) : super.lineage(lineage, at);
                }
            };
        }
    }

    /** A store that passes every call on. */
    static class Forwarding implements HistoryStore {
        private final HistoryStore store;

        Forwarding(HistoryStore store) {
            this.store = store;
        }

        @Override
        public Recorded record(ScanReport report, RecordContext context) {
            return store.record(report, context);
        }

        @Override
        public TagObservation observeTag(ImageRef reference, String digest, Instant observedAt, String observedBy) {
            return store.observeTag(reference, digest, observedAt, observedBy);
        }

        @Override
        public void recordVerdict(IssuedVerdict verdict) {
            store.recordVerdict(verdict);
        }

        @Override
        public Optional<ImageRecord> imageRecord(ImageRef image, Instant at) {
            return store.imageRecord(image, at);
        }

        @Override
        public Lineage lineage(String lineage, Instant at) {
            return store.lineage(lineage, at);
        }

        @Override
        public String lineageOf(ImageRef image) {
            return store.lineageOf(image);
        }

        @Override
        public Optional<TagObservation> tag(ImageRef reference) {
            return store.tag(reference);
        }

        @Override
        public Optional<Timeline> timeline(String subject) {
            return store.timeline(subject);
        }

        @Override
        public Compaction compact(Retention retention, Instant now) {
            return store.compact(retention, now);
        }

        @Override
        public List<ImageRef> images(String lineage) {
            return store.images(lineage);
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
