package dev.shelflife.historytests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.Image;
import dev.shelflife.ImageRecord;
import dev.shelflife.ImageRef;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerAdapters;
import dev.shelflife.ShelfLifeException;
import dev.shelflife.history.HistoryStore;
import dev.shelflife.history.HistoryStores;
import dev.shelflife.history.RecordContext;
import dev.shelflife.history.Recorded;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.testkit.Corpus;
import dev.shelflife.testkit.Corpus.CorpusFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every corpus report that the adapters read is recorded into a store and rebuilt from it exactly:
 * every finding, component, statement, problem and count, through the record codec, the finding
 * table and the envelope. Each is recorded under an image of its own (the store records a report
 * under the image it is given), so the rebuilt report is the read one with that image reference.
 */
class CorpusRoundTripTest {

    private static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");

    @TempDir
    Path folder;

    @Test
    void rebuildsEveryCorpusReportExactlyFromAnSqliteStore() throws IOException {
        try (HistoryStore store = HistoryStores.open(folder.resolve("corpus.db").toString())) {
            assertRoundTrips(store);
        }
    }

    @Test
    void rebuildsEveryCorpusReportExactlyFromAPostgresStore() throws IOException {
        try (HistoryStore store = HistoryStores.open(PostgresDatabase.newStoreUrl())) {
            assertRoundTrips(store);
        }
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        if (System.getProperty("shelflife.postgres", System.getenv(PostgresDatabase.VARIABLE)) != null) {
            PostgresDatabase.dropSchemas();
        }
    }

    private static void assertRoundTrips(HistoryStore store) throws IOException {
        Corpus corpus = Corpus.require();
        ScannerAdapters adapters = ScannerAdapters.load();
        List<String> checked = new ArrayList<>();
        int number = 0;
        for (CorpusFile file : corpusFiles(corpus)) {
            ScanReport report;
            try {
                report = adapters.read(ReportSource.of(file.path()));
            } catch (ShelfLifeException e) {
                continue; // Not a report the adapters read (a KEV catalog, an ignore file, a broken sample).
            }
            ImageRef image = ImageRef.parse("corpus.example/file-" + number++ + ":1");
            Recorded recorded = store.record(
                    report, RecordContext.of(AT, "CorpusRoundTripTest").withImage(image));
            ImageRecord record = store.imageRecord(image, AT).orElseThrow();

            ScanReport expected = report.withImage(withRef(report.image(), image));
            assertThat(recorded.added()).as(file.name()).isTrue();
            assertThat(record.reports()).as(file.name()).hasSize(1);
            ScanReport rebuilt = record.reports().get(0);
            assertThat(rebuilt.findings())
                    .as(file.name())
                    .hasSize(expected.findings().size());
            assertThat(rebuilt.equals(expected))
                    .as(
                            "%s rebuilt exactly (%d findings, %d components)",
                            file.name(),
                            expected.findings().size(),
                            expected.components().size())
                    .isTrue();
            assertThat(store.record(report, RecordContext.of(AT, "again").withImage(image))
                            .added())
                    .as(file.name())
                    .isFalse();
            checked.add(file.name());
        }
        assertThat(checked).as("corpus reports the adapters read").hasSizeGreaterThan(30);
    }

    private static List<CorpusFile> corpusFiles(Corpus corpus) throws IOException {
        List<CorpusFile> files = new ArrayList<>();
        try (Stream<Path> folders = Files.list(corpus.root())) {
            folders.filter(Files::isDirectory)
                    .map(f -> f.getFileName().toString())
                    .sorted()
                    .forEach(name -> files.addAll(corpus.files(name)));
        }
        return files;
    }

    private static Image withRef(Image image, ImageRef ref) {
        return new Image(
                Optional.of(ref),
                image.manifestDigest(),
                image.configDigest(),
                image.repoDigests(),
                image.createdAt(),
                image.os(),
                image.platform(),
                image.labels(),
                image.baseImage());
    }
}
