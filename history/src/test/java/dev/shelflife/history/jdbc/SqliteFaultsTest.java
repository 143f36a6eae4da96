package dev.shelflife.history.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.history.HistoryException;
import dev.shelflife.history.HistoryException.Reason;
import dev.shelflife.history.HistoryStore;
import dev.shelflife.history.HistoryStores;
import dev.shelflife.history.RecordContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An SQLite store meets bad files and failing disks: each ends in a {@link HistoryException} of the
 * right reason with a clear message, and leaves the file as it was.
 */
class SqliteFaultsTest {

    @TempDir
    Path folder;

    @Test
    void refusesAFileThatIsNotAnSqliteDatabaseAndLeavesItAlone() throws IOException {
        Path file = folder.resolve("report.json");
        byte[] bytes = new byte[8192];
        new Random(7).nextBytes(bytes);
        Files.write(file, bytes);

        assertThatThrownBy(() -> HistoryStores.open(file.toString()))
                .isInstanceOfSatisfying(
                        HistoryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_STORE))
                .hasMessage("cannot open " + file + ": it is not a ShelfLife history store: not an SQLite database");
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
        assertThat(folder.resolve("report.json-wal")).doesNotExist();
        assertThat(folder.resolve("report.json-shm")).doesNotExist();
    }

    @Test
    void refusesTheDatabaseOfAnotherApplicationWithoutTouchingIt() throws Exception {
        Path file = folder.resolve("crm.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");
            statement.execute("INSERT INTO customers (name) VALUES ('Ada')");
        }
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> HistoryStores.open("jdbc:sqlite:" + file))
                .isInstanceOfSatisfying(
                        HistoryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_STORE))
                .hasMessage(file + " is not a ShelfLife history store: it holds other tables (customers) and no "
                        + "shelflife_schema_history");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void refusesAStoreWrittenByANewerShelfLifeWithoutRepairingIt() throws Exception {
        Path file = folder.resolve("history.db");
        try (HistoryStore store = HistoryStores.open(file.toString())) {
            store.record(Reports.scan(Reports.T0, 0, 3), RecordContext.of(Reports.T0, "test"));
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO shelflife_schema_history (installed_rank, version, description, type,"
                    + " script, checksum, installed_by, execution_time, success) VALUES (2, '2', 'from the future',"
                    + " 'SQL', 'V2__future.sql', 0, 'shelflife', 1, 1)");
        }
        Map<String, List<String>> before = StoreContent.ofSqlite(file.toString());

        assertThatThrownBy(() -> HistoryStores.open(file.toString()))
                .isInstanceOfSatisfying(
                        HistoryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NEWER_SCHEMA))
                .hasMessage(file + " was written by a newer ShelfLife (schema version 2; this version knows up to 1):"
                        + " upgrade ShelfLife to use it");
        assertThat(StoreContent.ofSqlite(file.toString())).isEqualTo(before);
    }

    @Test
    void saysTheStoreCannotBeReachedWhenItsFolderCannotBeMade() throws IOException {
        Path notAFolder = Files.writeString(folder.resolve("plain-file"), "x");

        assertThatThrownBy(() ->
                        HistoryStores.open(notAFolder.resolve("history.db").toString()))
                .isInstanceOfSatisfying(
                        HistoryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE))
                .hasMessageStartingWith("cannot open " + notAFolder.resolve("history.db") + ": ");
    }

    @Test
    void makesTheFoldersOfANewStore() {
        Path file = folder.resolve("cache/shelflife/history.db");

        try (HistoryStore store = HistoryStores.open(file.toString())) {
            store.record(Reports.scan(Reports.T0, 0, 1), RecordContext.of(Reports.T0, "test"));
        }

        assertThat(file).isRegularFile();
    }

    @Test
    void readsButRefusesToWriteAStoreOpenedReadOnlyAndLeavesItAsItWas() throws Exception {
        Path file = folder.resolve("history.db");
        try (HistoryStore store = HistoryStores.open(file.toString())) {
            store.record(Reports.scan(Reports.T0, 0, 3), RecordContext.of(Reports.T0, "test"));
        }
        Map<String, List<String>> before = StoreContent.ofSqlite(file.toString());

        try (HistoryStore store = HistoryStores.open("jdbc:sqlite:" + file + "?open_mode=1")) {
            assertThat(store.imageRecord(Reports.IMAGE, Reports.T0)).isPresent();
            assertThatThrownBy(() -> store.record(
                            Reports.scan(Reports.T0.plusSeconds(1), 0, 3), RecordContext.of(Reports.T0, "test")))
                    .isInstanceOfSatisfying(
                            HistoryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.READ_ONLY))
                    .hasMessageContaining("in " + file + ": the file can be read but not written");
        }
        assertThat(StoreContent.ofSqlite(file.toString())).isEqualTo(before);
    }

    @Test
    void refusesAReportThatDoesNotFitWhenTheDatabaseIsFullAndKeepsEveryReportRecordedBefore() throws Exception {
        Path file = folder.resolve("history.db");
        String limited = "jdbc:sqlite:" + file + "?max_page_count=120";
        int recorded = 0;
        HistoryException full = null;
        try (HistoryStore store = HistoryStores.open(limited)) {
            for (int i = 0; i < 200 && full == null; i++) {
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

        assertThat(full).isNotNull();
        assertThat(full.reason()).isEqualTo(Reason.FULL);
        assertThat(full).hasMessageContaining("the disk or the database is full");
        assertThat(recorded).isPositive();
        Checks.assertConsistent(file, recorded);
    }
}
