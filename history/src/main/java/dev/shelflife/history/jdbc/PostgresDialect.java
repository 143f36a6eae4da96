package dev.shelflife.history.jdbc;

import dev.shelflife.history.HistoryException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A history in a PostgreSQL database, shared by a team or a fleet. The tables live in their own
 * schema ({@code shelflife}, or the first schema of the URL's {@code currentSchema}), so a database
 * that other applications use keeps them apart. Writers of one lineage take a transaction-scoped
 * advisory lock on it, so that two processes recording into one lineage upsert its clock facts one
 * after the other; writers of different lineages never wait for each other. Writes run at read
 * committed; reads in a read-only repeatable-read transaction, one snapshot for all their queries.
 * Connections stay out of auto-commit, so the driver sends each {@code BEGIN} with the first
 * statement of its transaction instead of in a round trip of its own.
 */
final class PostgresDialect extends Dialect {

    private static final Pattern CURRENT_SCHEMA = Pattern.compile("[?&]currentSchema=([^&]*)");
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final String url;
    private final String schema;

    PostgresDialect(String url) {
        this.url = url;
        Matcher matcher = CURRENT_SCHEMA.matcher(url);
        this.schema = matcher.find() ? matcher.group(1).split(",")[0].toLowerCase(Locale.ROOT) : "shelflife";
    }

    /** Whether the URL names a schema the store can use; checked before anything connects. */
    boolean hasUsableSchema() {
        return SCHEMA_NAME.matcher(schema).matches();
    }

    @Override
    String describe() {
        return dev.shelflife.history.HistoryStores.redacted(url).substring("jdbc:".length());
    }

    @Override
    String migrations() {
        return "classpath:db/shelflife/postgresql";
    }

    @Override
    String schema() {
        return schema;
    }

    @Override
    Connection connect(boolean inspecting) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", "shelflife");
        // Many rows of one statement go to the server as one multi-row statement.
        properties.setProperty("reWriteBatchedInserts", "true");
        properties.setProperty("connectTimeout", "10");
        if (!CURRENT_SCHEMA.matcher(url).find()) {
            properties.setProperty("currentSchema", schema);
        }
        return DriverManager.getConnection(url, properties);
    }

    @Override
    Set<String> tables(Connection connection) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ?")) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return tables;
    }

    @Override
    void begin(Connection connection, boolean write) throws SQLException {
        // The driver sends BEGIN with the transaction's first statement: no round trip of its own.
        if (connection.getAutoCommit()) {
            connection.setAutoCommit(false);
        }
        if (!write) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
        }
    }

    @Override
    void commit(Connection connection) throws SQLException {
        connection.commit();
    }

    @Override
    void rollback(Connection connection) throws SQLException {
        connection.rollback();
    }

    @Override
    void lock(Connection connection, String key) throws SQLException {
        advisoryLock(connection, "pg_advisory_xact_lock", key);
    }

    @Override
    void lockShared(Connection connection, String key) throws SQLException {
        advisoryLock(connection, "pg_advisory_xact_lock_shared", key);
    }

    private void advisoryLock(Connection connection, String function, String key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(?)")) {
            statement.setLong(1, lockKey(schema + "/" + key));
            try (ResultSet ignored = statement.executeQuery()) {
                // Held until the transaction ends.
            }
        }
    }

    private static long lockKey(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (digest[i] & 0xFF);
            }
            return value;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    Failure classify(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String detail = e.getMessage() == null ? state : e.getMessage();
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
            return Failure.broken(Reason.UNREACHABLE, "the database cannot be reached (" + detail + ")");
        }
        if (state.startsWith("28")) {
            return Failure.broken(Reason.UNREACHABLE, "the database refused the credentials (" + detail + ")");
        }
        if (state.equals("3D000")) {
            return Failure.broken(Reason.UNREACHABLE, "the database does not exist (" + detail + ")");
        }
        if (state.equals("53300")) {
            return Failure.broken(Reason.UNREACHABLE, "the database accepts no more connections (" + detail + ")");
        }
        return switch (state) {
            case "40001", "40P01", "23505", "23503" ->
                Failure.retry("a concurrent writer or compaction got there first (" + detail + ")");
            case "25006", "42501" ->
                Failure.of(Reason.READ_ONLY, "the database can be read but not written by this user (" + detail + ")");
            case "53100" -> Failure.of(Reason.FULL, "the database's disk is full (" + detail + ")");
            case "22021", "22P05" -> Failure.of(Reason.BAD_INPUT, "text the database cannot store (" + detail + ")");
            default -> Failure.of(Reason.FAILED, detail);
        };
    }
}
