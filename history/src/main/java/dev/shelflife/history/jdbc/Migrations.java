package dev.shelflife.history.jdbc;

import dev.shelflife.history.HistoryException;
import dev.shelflife.history.HistoryException.Reason;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.logging.LogFactory;

/**
 * Brings a store's schema to the version this ShelfLife knows, with Flyway, after checking that
 * the file or database is a ShelfLife store at all: an empty one becomes a store; one with
 * Flyway's history table of ShelfLife is migrated if it is older and left alone if it is current;
 * one that holds other tables, or a schema newer than this version knows, is refused without a
 * byte changed — Flyway is never asked to "repair" or to baseline what is not ours.
 */
final class Migrations {

    /** The newest schema version this ShelfLife knows: the highest {@code V<n>__} migration. */
    static final int VERSION = 1;

    /** How often opening tries again when another process is creating or migrating the same store. */
    private static final int ATTEMPTS = 5;

    private Migrations() {}

    static void bringUpToDate(Dialect dialect) {
        for (int attempt = 1; ; attempt++) {
            try {
                if (inspectAndMigrate(dialect)) {
                    return;
                }
            } catch (FlywayException e) {
                // Another process may be creating the same store: look again, it may now be current.
                if (attempt >= ATTEMPTS) {
                    throw new HistoryException(
                            Reason.FAILED,
                            "cannot create or migrate the schema of " + dialect.describe() + ": " + rootMessage(e),
                            e);
                }
                pause(attempt);
            }
        }
    }

    /** @return {@code true} when the store is current after this call */
    private static boolean inspectAndMigrate(Dialect dialect) {
        try (Connection connection = dialect.connect(true)) {
            Set<String> tables = dialect.tables(connection);
            if (!tables.contains(Dialect.SCHEMA_HISTORY)) {
                if (!tables.isEmpty()) {
                    throw new HistoryException(
                            Reason.NOT_A_STORE,
                            dialect.describe() + " is not a ShelfLife history store: it holds other tables ("
                                    + String.join(", ", tables.stream().limit(5).toList())
                                    + (tables.size() > 5 ? ", …" : "") + ") and no " + Dialect.SCHEMA_HISTORY);
                }
                dialect.prepareNew(connection);
            } else {
                Optional<MigrationVersion> installed = installedVersion(connection);
                MigrationVersion known = MigrationVersion.fromVersion(Integer.toString(VERSION));
                if (installed.isPresent() && installed.get().compareTo(known) > 0) {
                    throw new HistoryException(
                            Reason.NEWER_SCHEMA,
                            dialect.describe() + " was written by a newer ShelfLife (schema version "
                                    + installed.get() + "; this version knows up to " + VERSION
                                    + "): upgrade ShelfLife to use it");
                }
                dialect.prepareOpen(connection);
                if (installed.isPresent() && installed.get().equals(known)) {
                    return true;
                }
            }
        } catch (SQLException e) {
            Failure failure = dialect.classify(e);
            if (failure.transientFailure()) {
                return false;
            }
            throw new HistoryException(
                    failure.reason(), "cannot open " + dialect.describe() + ": " + failure.problem(), e);
        }
        migrate(dialect);
        return true;
    }

    private static Optional<MigrationVersion> installedVersion(Connection connection) throws SQLException {
        MigrationVersion newest = null;
        try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT version FROM " + Dialect.SCHEMA_HISTORY + " WHERE success AND version IS NOT NULL");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                MigrationVersion version = MigrationVersion.fromVersion(rows.getString(1));
                if (newest == null || version.compareTo(newest) > 0) {
                    newest = version;
                }
            }
        }
        return Optional.ofNullable(newest);
    }

    private static void migrate(Dialect dialect) {
        // Flyway's classes take their loggers when they load, before any configuration says which:
        // without this, an SLF4J API on the class path without a binding prints its warning. Each
        // Flyway an application loads later sets its own loggers again.
        LogFactory.setLogCreator(new QuietFlywayLog());
        try {
            Flyway.configure(Migrations.class.getClassLoader())
                    .dataSource(new Connections(dialect))
                    .locations(dialect.migrations())
                    .schemas(dialect.schema())
                    .defaultSchema(dialect.schema())
                    .createSchemas(true)
                    .table(Dialect.SCHEMA_HISTORY)
                    .loggers(QuietFlywayLog.class.getName())
                    .cleanDisabled(true)
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            Throwable cause = e;
            while (cause != null && !(cause instanceof SQLException)) {
                cause = cause.getCause();
            }
            if (cause instanceof SQLException sql) {
                Failure failure = dialect.classify(sql);
                if (!failure.transientFailure() && failure.reason() != Reason.FAILED) {
                    throw new HistoryException(
                            failure.reason(),
                            "cannot create or migrate the schema of " + dialect.describe() + ": " + failure.problem(),
                            e);
                }
            }
            throw e;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(50L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HistoryException(Reason.FAILED, "interrupted while opening the history store", e);
        }
    }

    /** The dialect's connections as the data source Flyway asks for. */
    private static final class Connections implements DataSource {
        private final Dialect dialect;

        Connections(Dialect dialect) {
            this.dialect = dialect;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return dialect.connect(false);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException("no parent logger");
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
