package dev.shelflife.historytests;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL database the tests that need one use: {@code SHELFLIFE_POSTGRES_URL} (or the
 * system property {@code shelflife.postgres}), which {@code .ci/run} sets after starting a
 * throwaway cluster on loopback. Each store gets a schema of its own in it. Without it, the tests
 * are skipped, counted as skipped by Maven, with a message that says how to get one.
 */
final class PostgresDatabase {

    static final String VARIABLE = "SHELFLIFE_POSTGRES_URL";

    private static final List<String> SCHEMAS = new ArrayList<>();

    private PostgresDatabase() {}

    /** The database's URL, or the calling test skipped. */
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

    /** A URL of a new, empty store: the database with a schema no other test uses. */
    static synchronized String newStoreUrl() {
        String url = require();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        SCHEMAS.add(schema);
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Drops the schemas the tests made. */
    static synchronized void dropSchemas() throws SQLException {
        if (SCHEMAS.isEmpty()) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(require());
                Statement statement = connection.createStatement()) {
            for (String schema : SCHEMAS) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
        SCHEMAS.clear();
    }
}
