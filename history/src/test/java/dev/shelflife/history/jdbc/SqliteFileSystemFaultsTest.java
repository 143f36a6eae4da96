package dev.shelflife.history.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.history.HistoryException;
import dev.shelflife.history.HistoryException.Reason;
import dev.shelflife.history.HistoryStore;
import dev.shelflife.history.HistoryStores;
import dev.shelflife.history.RecordContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An SQLite store on a real file system that fills up, or that is mounted read-only. */
class SqliteFileSystemFaultsTest {

    @TempDir
    Path folder;

    @Test
    void refusesAReportThatDoesNotFitOnAFullDiskAndKeepsEveryReportRecordedBefore() throws Exception {
        Path mountPoint = Files.createDirectory(folder.resolve("disk"));
        Path copy = folder.resolve("copy.db");
        int recorded = 0;
        HistoryException full = null;
        try (TinyDisk disk = TinyDisk.mount(mountPoint, "768k")) {
            Path file = disk.path().resolve("history.db");
            try (HistoryStore store = HistoryStores.open(file.toString())) {
                for (int i = 0; i < 500 && full == null; i++) {
                    try {
                        store.record(
                                Reports.scan(Reports.T0.plus(Duration.ofDays(i)), i * 300, 300),
                                RecordContext.of(Reports.T0, "test"));
                        recorded++;
                    } catch (HistoryException e) {
                        full = e;
                    }
                }
            }
            // A full disk may leave the last transactions in the WAL, which the next open reads: take both.
            Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            Path wal = disk.path().resolve("history.db-wal");
            if (Files.exists(wal)) {
                Files.copy(wal, folder.resolve("copy.db-wal"), StandardCopyOption.REPLACE_EXISTING);
            }
        }

        assertThat(full).isNotNull();
        assertThat(full.reason()).isEqualTo(Reason.FULL);
        assertThat(full).hasMessageContaining("the disk or the database is full");
        assertThat(recorded).isPositive();
        Checks.assertConsistent(copy, recorded);
    }

    @Test
    void readsAStoreOnAReadOnlyFileSystemAndRefusesToWriteIt() throws Exception {
        Path mountPoint = Files.createDirectory(folder.resolve("disk"));
        try (TinyDisk disk = TinyDisk.mount(mountPoint, "4m")) {
            Path file = disk.path().resolve("history.db");
            try (HistoryStore store = HistoryStores.open(file.toString())) {
                store.record(Reports.scan(Reports.T0, 0, 3), RecordContext.of(Reports.T0, "test"));
            }
            Map<String, List<String>> before = StoreContent.ofSqlite(file.toString());
            disk.remountReadOnly();

            try (HistoryStore store = HistoryStores.open(file.toString())) {
                assertThat(store.imageRecord(Reports.IMAGE, Reports.T0)).isPresent();
                assertThatThrownBy(() -> store.record(
                                Reports.scan(Reports.T0.plusSeconds(1), 0, 3), RecordContext.of(Reports.T0, "test")))
                        .isInstanceOfSatisfying(
                                HistoryException.class,
                                e -> assertThat(e.reason()).isEqualTo(Reason.READ_ONLY))
                        .hasMessageContaining("the file can be read but not written");
            }
            assertThat(StoreContent.ofSqlite(file.toString())).isEqualTo(before);
        }
    }
}
