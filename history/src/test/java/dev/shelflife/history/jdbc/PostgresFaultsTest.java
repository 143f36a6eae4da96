package dev.shelflife.history.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.RecordedScan;
import dev.shelflife.history.HistoryException;
import dev.shelflife.history.HistoryException.Reason;
import dev.shelflife.history.HistoryStore;
import dev.shelflife.history.HistoryStores;
import dev.shelflife.history.RecordContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL store meets a closed port, wrong credentials, a schema of another application, a
 * newer schema, a read-only user, two processes at once and one killed mid-record. All but the
 * closed port need {@code SHELFLIFE_POSTGRES_URL}, and are skipped without it.
 */
class PostgresFaultsTest {

    @TempDir
    Path folder;

    private final List<String> schemas = new ArrayList<>();
    private final List<String> roles = new ArrayList<>();

    @AfterEach
    void dropWhatTheTestMade() throws Exception {
        for (String schema : schemas) {
            Postgres.dropSchema(schema);
        }
        for (String role : roles) {
            Postgres.execute("DROP ROLE IF EXISTS " + role);
        }
    }

    private String newStore() {
        String schema = Postgres.newSchema();
        schemas.add(schema);
        return schema;
    }

    @Test
    void saysADatabaseOnAClosedPortCannotBeReachedAndNeverShowsThePassword() {
        String url = "jdbc:postgresql://127.0.0.1:1/history?user=ci&password=s3cret&connectTimeout=5";

        assertThatThrownBy(() -> HistoryStores.open(url))
                .isInstanceOfSatisfying(
                        HistoryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE))
                .hasMessageStartingWith("cannot open postgresql://127.0.0.1:1/history: the database cannot be reached")
                .hasMessageNotContaining("s3cret")
                .hasMessageNotContaining("password");
    }

    @Test
    void saysTheDatabaseRefusedTheCredentialsAndNeverShowsThePassword() {
        String url = Postgres.require().replaceAll("password=[^&]*", "password=not-the-password");

        assertThatThrownBy(() -> HistoryStores.open(url))
                .isInstanceOfSatisfying(
                        HistoryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE))
                .hasMessageContaining("the database refused the credentials")
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void refusesTheSchemaOfAnotherApplicationWithoutTouchingIt() throws Exception {
        String schema = newStore();
        Postgres.execute(
                "CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".customers (id integer PRIMARY KEY, name text)",
                "INSERT INTO " + schema + ".customers VALUES (1, 'Ada')");
        Map<String, List<String>> before = Postgres.content(schema);

        assertThatThrownBy(() -> HistoryStores.open(Postgres.url(schema)))
                .isInstanceOfSatisfying(
                        HistoryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_STORE))
                .hasMessageEndingWith(
                        "is not a ShelfLife history store: it holds other tables (customers) and no shelflife_schema_history");
        assertThat(Postgres.content(schema)).isEqualTo(before);
    }

    @Test
    void refusesAStoreWrittenByANewerShelfLifeWithoutRepairingIt() throws Exception {
        String schema = newStore();
        try (HistoryStore store = HistoryStores.open(Postgres.url(schema))) {
            store.record(Reports.scan(Reports.T0, 0, 3), RecordContext.of(Reports.T0, "test"));
        }
        Postgres.execute("INSERT INTO " + schema + ".shelflife_schema_history (installed_rank, version, description,"
                + " type, script, checksum, installed_by, execution_time, success) VALUES (2, '2', 'from the future',"
                + " 'SQL', 'V2__future.sql', 0, 'shelflife', 1, true)");
        Map<String, List<String>> before = Postgres.content(schema);

        assertThatThrownBy(() -> HistoryStores.open(Postgres.url(schema)))
                .isInstanceOfSatisfying(
                        HistoryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NEWER_SCHEMA))
                .hasMessageContaining(
                        "was written by a newer ShelfLife (schema version 2; this version knows up to 1)");
        assertThat(Postgres.content(schema)).isEqualTo(before);
    }

    @Test
    void readsButRefusesToWriteForAUserThatMayOnlyReadAndLeavesTheStoreAsItWas() throws Exception {
        String schema = newStore();
        try (HistoryStore store = HistoryStores.open(Postgres.url(schema))) {
            store.record(Reports.scan(Reports.T0, 0, 3), RecordContext.of(Reports.T0, "test"));
        }
        String reader = "r_" + schema;
        roles.add(reader);
        Postgres.execute(
                "CREATE ROLE " + reader + " LOGIN PASSWORD 'reader'",
                "GRANT USAGE ON SCHEMA " + schema + " TO " + reader,
                "GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO " + reader);
        schemas.add(0, schema); // dropped before the role that has grants on it
        Map<String, List<String>> before = Postgres.content(schema);
        String asReader = Postgres.url(schema)
                .replaceAll("user=[^&]*", "user=" + reader)
                .replaceAll("password=[^&]*", "password=reader");

        try (HistoryStore store = HistoryStores.open(asReader)) {
            assertThat(store.imageRecord(Reports.IMAGE, Reports.T0)).isPresent();
            assertThatThrownBy(() -> store.record(
                            Reports.scan(Reports.T0.plusSeconds(1), 0, 3), RecordContext.of(Reports.T0, "test")))
                    .isInstanceOfSatisfying(
                            HistoryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.READ_ONLY))
                    .hasMessageContaining("can be read but not written by this user");
        }
        assertThat(Postgres.content(schema)).isEqualTo(before);
    }

    @Test
    void letsTwoProcessesCreateAndWriteOneStoreAtOnceAndLosesNothing() throws Exception {
        String url = Postgres.url(newStore());
        List<String> recorded = new ArrayList<>();
        try (ChildProcess first = ChildProcess.start(url, "first", 25, folder.resolve("first.log"));
                ChildProcess second = ChildProcess.start(url, "second", 25, folder.resolve("second.log"))) {
            assertThat(first.awaitExit(300)).isZero();
            assertThat(second.awaitExit(300)).isZero();
            recorded.addAll(first.recorded());
            recorded.addAll(second.recorded());
        }

        try (HistoryStore store = HistoryStores.open(url)) {
            assertThat(store.timeline(Reports.IMAGE.name()).orElseThrow().scans())
                    .extracting(scan -> scan.scan().id())
                    .hasSize(50)
                    .containsExactlyInAnyOrderElementsOf(recorded);
        }
    }

    @Test
    void keepsEveryReportAProcessKilledMidRecordSaidItRecordedAndNoHalfOfAnother() throws Exception {
        String schema = newStore();
        String url = Postgres.url(schema);
        List<String> recorded;
        try (ChildProcess child = ChildProcess.start(url, "doomed", -1, folder.resolve("doomed.log"))) {
            assertThat(child.awaitRecorded(15, 300)).isTrue();
            child.kill();
            recorded = child.recorded();
        }

        List<String> held;
        try (HistoryStore store = HistoryStores.open(url)) {
            held = store.timeline(Reports.IMAGE.name()).orElseThrow().scans().stream()
                    .map(scan -> scan.scan())
                    .map(RecordedScan::id)
                    .toList();
            assertThat(held).containsAll(recorded);
            assertThat(held.size()).isBetween(recorded.size(), recorded.size() + 1);
            assertThat(store.imageRecord(Reports.IMAGE, java.time.Instant.parse("2100-01-01T00:00:00Z")))
                    .isPresent();
        }
        assertThat(Postgres.content(schema).get("reports")).hasSameSizeAs(held);
    }
}
