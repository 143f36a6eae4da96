package dev.shelflife.history.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL database of the tests: {@code SHELFLIFE_POSTGRES_URL} (or {@code
 * -Dshelflife.postgres}), which {@code .ci/run} sets after starting a throwaway cluster. Without
 * it the tests that need it are skipped, each with a message saying how to get one.
 */
final class Postgres {

    static final String VARIABLE = "SHELFLIFE_POSTGRES_URL";

    private Postgres() {}

    static String require() {
        String url = System.getProperty("shelflife.postgres", System.getenv(VARIABLE));
        if (url == null || url.isBlank()) {
            String message = "PostgreSQL tests skipped: " + VARIABLE + " is not set. Run .ci/run, or start PostgreSQL"
                    + " and set " + VARIABLE + "=jdbc:postgresql://127.0.0.1:5432/DB?user=USER&password=PASSWORD"
                    + " (README.md, \"Building and testing\")";
            System.err.println("[shelflife] " + message);
            Assumptions.abort(message);
        }
        return url;
    }

    static String newSchema() {
        return "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    static String url(String schema) {
        String url = require();
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    static void execute(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(require());
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    static void dropSchema(String schema) throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    /** Every row of every table of a schema. */
    static Map<String, List<String>> content(String schema) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(schema))) {
            List<String> tables = new ArrayList<>();
            try (var select = connection.prepareStatement(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name")) {
                select.setString(1, schema);
                try (var rows = select.executeQuery()) {
                    while (rows.next()) {
                        tables.add(rows.getString(1));
                    }
                }
            }
            return StoreContent.rows(connection, tables);
        }
    }
}
