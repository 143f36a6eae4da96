package dev.shelflife.history.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.history.HistoryStores;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two databases keep the same history: the same tables with the same columns, at the same version. */
class HistorySchemaTest {

    @TempDir
    Path folder;

    @Test
    void knowsTheNewestMigrationOfBothDatabases() throws IOException {
        for (String dialect : List.of("sqlite", "postgresql")) {
            String next = "/db/shelflife/" + dialect + "/V" + (Migrations.VERSION + 1) + "__";
            try (InputStream current = getClass()
                    .getResourceAsStream("/db/shelflife/" + dialect + "/V" + Migrations.VERSION + "__history.sql")) {
                assertThat(current).as(dialect).isNotNull();
            }
            assertThat(getClass().getResource(next + "history.sql")).as(next).isNull();
        }
    }

    @Test
    void createsTheSameTablesAndColumnsInSqliteAndPostgresql() throws SQLException {
        Path file = folder.resolve("history.db");
        HistoryStores.open(file.toString()).close();
        String schema = Postgres.newSchema();
        try {
            HistoryStores.open(Postgres.url(schema)).close();

            Map<String, List<String>> sqlite = sqliteColumns(file);
            Map<String, List<String>> postgresql = postgresColumns(schema);

            assertThat(sqlite)
                    .containsKeys(
                            "lineages",
                            "images",
                            "findings",
                            "reports",
                            "lineage_findings",
                            "tag_observations",
                            "verdicts",
                            Dialect.SCHEMA_HISTORY);
            assertThat(postgresql).isEqualTo(sqlite);
        } finally {
            Postgres.dropSchema(schema);
        }
    }

    private static Map<String, List<String>> sqliteColumns(Path file) throws SQLException {
        Map<String, List<String>> columns = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            List<String> tables = Checks.strings(
                    connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'");
            for (String table : tables) {
                List<String> names = new ArrayList<>();
                try (Statement statement = connection.createStatement();
                        ResultSet rows = statement.executeQuery("PRAGMA table_info(" + table + ")")) {
                    while (rows.next()) {
                        names.add(rows.getString("name"));
                    }
                }
                columns.put(table, names);
            }
        }
        return columns;
    }

    private static Map<String, List<String>> postgresColumns(String schema) throws SQLException {
        Map<String, List<String>> columns = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(Postgres.require());
                PreparedStatement select = connection.prepareStatement("SELECT table_name, column_name FROM"
                        + " information_schema.columns WHERE table_schema = ? ORDER BY table_name, ordinal_position")) {
            select.setString(1, schema);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    columns.computeIfAbsent(rows.getString(1), t -> new ArrayList<>())
                            .add(rows.getString(2));
                }
            }
        }
        return columns;
    }
}
