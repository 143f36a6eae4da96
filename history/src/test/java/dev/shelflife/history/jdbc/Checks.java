package dev.shelflife.history.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.history.HistoryStore;
import dev.shelflife.history.HistoryStores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What a store that failed or was killed in the middle of a record must still be. */
final class Checks {

    private Checks() {}

    /**
     * The SQLite file is sound, holds exactly the reports recorded whole, no fact names a report or
     * finding it does not hold, and every report it holds can be read back.
     */
    static void assertConsistent(Path file, int reports) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(strings(connection, "PRAGMA integrity_check")).containsExactly("ok");
            assertThat(strings(connection, "PRAGMA foreign_key_check")).isEmpty();
            assertThat(strings(connection, "SELECT count(*) FROM reports")).containsExactly(Integer.toString(reports));
            for (String column : List.of("first_report", "fix_report", "last_report")) {
                assertThat(strings(
                                connection,
                                "SELECT count(*) FROM lineage_findings f WHERE f." + column
                                        + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.id = f."
                                        + column + ")"))
                        .as("facts naming a missing report in %s", column)
                        .containsExactly("0");
            }
            for (String column : List.of("first_finding", "last_finding")) {
                assertThat(strings(
                                connection,
                                "SELECT count(*) FROM lineage_findings f WHERE NOT EXISTS"
                                        + " (SELECT 1 FROM findings b WHERE b.id = f." + column + ")"))
                        .as("facts naming a missing finding in %s", column)
                        .containsExactly("0");
            }
        }
        try (HistoryStore store = HistoryStores.open(file.toString())) {
            assertThat(store.timeline(Reports.IMAGE.name()).orElseThrow().scans())
                    .hasSize(reports);
            assertThat(store.imageRecord(Reports.IMAGE, Instant.parse("2100-01-01T00:00:00Z")))
                    .hasValueSatisfying(record -> assertThat(record.reports()).hasSize(1));
        }
    }

    static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
