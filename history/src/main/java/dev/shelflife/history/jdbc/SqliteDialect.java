package dev.shelflife.history.jdbc;

import dev.shelflife.history.HistoryException.Reason;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * A history in one SQLite file: WAL journal (readers never wait for the writer), a busy timeout
 * (a writer waits for another process's write instead of failing), foreign keys on, and full
 * synchronisation, so that a report whose record returned survives a crash of the machine.
 *
 * <p>Transactions are begun and ended with SQL ({@code BEGIN IMMEDIATE} for a write, which takes
 * the file's write lock at once so that a writer never fails half-way on another's lock), not with
 * the driver's auto-commit switch, which begins the next transaction as soon as one commits and
 * would hold the write lock while the connection waits in the pool.
 */
final class SqliteDialect extends Dialect {

    /** How long a writer waits for another process's write before it gives up (and the store retries). */
    static final int BUSY_TIMEOUT_MILLIS = 30_000;

    private final String url;
    private final String path;

    SqliteDialect(String url) {
        this.url = url;
        String rest = url.substring("jdbc:sqlite:".length());
        int query = rest.indexOf('?');
        this.path = query >= 0 ? rest.substring(0, query) : rest;
    }

    /** The file's path as the URL gives it, for messages. */
    String path() {
        return path;
    }

    @Override
    String describe() {
        return Path.of(path.startsWith("file:") ? path.substring("file:".length()) : path)
                .toString();
    }

    @Override
    String migrations() {
        return "classpath:db/shelflife/sqlite";
    }

    @Override
    String schema() {
        return "main";
    }

    @Override
    Connection connect(boolean inspecting) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        if (!inspecting) {
            config.enforceForeignKeys(true);
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        }
        Properties properties = config.toProperties();
        // What the URL says wins over these defaults: open_mode=1 (read only), synchronous=FULL.
        for (SQLiteConfig.Pragma pragma : List.of(SQLiteConfig.Pragma.OPEN_MODE, SQLiteConfig.Pragma.SYNCHRONOUS)) {
            if (url.contains(pragma.pragmaName + "=")) {
                properties.remove(pragma.pragmaName);
            }
        }
        return DriverManager.getConnection(url, properties);
    }

    @Override
    Set<String> tables(Connection connection) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")) {
            while (rows.next()) {
                tables.add(rows.getString(1).toLowerCase(Locale.ROOT));
            }
        }
        return tables;
    }

    @Override
    void prepareNew(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // Before the first table: compaction can then give pages back without rewriting the file.
            statement.execute("PRAGMA auto_vacuum = INCREMENTAL");
        }
        prepareOpen(connection);
    }

    @Override
    void prepareOpen(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet mode = statement.executeQuery("PRAGMA journal_mode = WAL")) {
            mode.next();
        } catch (SQLException e) {
            // A store that cannot be written keeps the journal it has, and can still be read.
            if (classify(e).reason() != Reason.READ_ONLY) {
                throw e;
            }
        }
    }

    @Override
    void begin(Connection connection, boolean write) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
        }
    }

    @Override
    void commit(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("COMMIT");
        }
    }

    @Override
    void rollback(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ROLLBACK");
        }
    }

    @Override
    void lock(Connection connection, String key) {
        // BEGIN IMMEDIATE already holds the one write lock of the file.
    }

    @Override
    void lockShared(Connection connection, String key) {
        // BEGIN IMMEDIATE already holds the one write lock of the file.
    }

    /**
     * Packs the file: {@code VACUUM} rewrites it without the pages compaction emptied and with the
     * half-empty ones filled. It needs as much free disk as the file takes, and every other
     * connection idle; when it cannot run (a busy or full disk), the incremental vacuum still gives
     * the free pages back.
     */
    @Override
    void reclaim(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("VACUUM");
            return;
        } catch (SQLException e) {
            Failure failure = classify(e);
            if (!failure.transientFailure() && failure.reason() != Reason.FULL) {
                throw e;
            }
        }
        // The driver steps the pragma once, and each step gives back one page: step until none is left.
        try (Statement statement = connection.createStatement()) {
            long free = freePages(statement);
            while (free > 0) {
                statement.execute("PRAGMA incremental_vacuum");
                long left = freePages(statement);
                if (left >= free) {
                    return;
                }
                free = left;
            }
        }
    }

    private static long freePages(Statement statement) throws SQLException {
        try (ResultSet count = statement.executeQuery("PRAGMA freelist_count")) {
            return count.next() ? count.getLong(1) : 0;
        }
    }

    @Override
    Failure classify(SQLException e) {
        SQLiteErrorCode code = e instanceof SQLiteException sqlite ? sqlite.getResultCode() : null;
        int primary = code != null ? code.code & 0xFF : e.getErrorCode() & 0xFF;
        String detail = message(e);
        return switch (primary) {
            case 5, 6 -> Failure.retry("another writer holds the file (" + detail + ")");
            case 13 -> Failure.of(Reason.FULL, "the disk or the database is full (" + detail + ")");
            case 8, 3 -> Failure.of(Reason.READ_ONLY, "the file can be read but not written (" + detail + ")");
            case 26 ->
                Failure.broken(Reason.NOT_A_STORE, "it is not a ShelfLife history store: not an SQLite database");
            case 11 -> Failure.broken(Reason.NOT_A_STORE, "the file is damaged (" + detail + ")");
            case 14 -> Failure.broken(Reason.UNREACHABLE, "the file cannot be opened (" + detail + ")");
            case 10 -> Failure.broken(Reason.FAILED, "an I/O error (" + detail + ")");
            default -> Failure.of(Reason.FAILED, detail);
        };
    }

    /** The driver's message without its repetition of the code: "[SQLITE_FULL] ... (database or disk is full)". */
    private static String message(SQLException e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int open = text.lastIndexOf('(');
        return open >= 0 && text.endsWith(")") ? text.substring(open + 1, text.length() - 1) : text;
    }
}
