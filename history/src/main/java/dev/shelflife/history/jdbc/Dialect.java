package dev.shelflife.history.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/**
 * What differs between the databases a history is kept in; everything else — the tables, the SQL,
 * the order of the steps — is {@link JdbcHistoryStore}'s, shared by both. Each kind of database
 * says how to connect, how to begin a transaction that writes, how writers of one lineage wait for
 * each other, where its migrations are, and what its errors mean.
 */
abstract class Dialect {

    /** The table Flyway keeps the schema's history in; its presence marks a ShelfLife store. */
    static final String SCHEMA_HISTORY = "shelflife_schema_history";

    /** What messages call the store: a file's path, or a database's address without credentials. */
    abstract String describe();

    /** The Flyway location of this database's migrations. */
    abstract String migrations();

    /** The schema the store's tables live in, as Flyway names it. */
    abstract String schema();

    /**
     * Opens a connection as the store uses it.
     *
     * @param inspecting {@code true} for the first connection, which must change nothing in a file
     *     or database that may not be a store at all
     */
    abstract Connection connect(boolean inspecting) throws SQLException;

    /** The tables in the store's schema, in lower case. */
    abstract Set<String> tables(Connection connection) throws SQLException;

    /** Prepares a database found empty before the first migration creates the tables. */
    void prepareNew(Connection connection) throws SQLException {}

    /** Settles what every open of an existing store settles once (SQLite's journal mode). */
    void prepareOpen(Connection connection) throws SQLException {}

    /** Begins a transaction; one that writes waits for the writers before it. */
    abstract void begin(Connection connection, boolean write) throws SQLException;

    abstract void commit(Connection connection) throws SQLException;

    abstract void rollback(Connection connection) throws SQLException;

    /**
     * Makes the writers of one lineage (or of one tag) wait for each other until the transaction
     * ends, so that two processes recording into one lineage see each other's facts.
     */
    abstract void lock(Connection connection, String key) throws SQLException;

    /**
     * Takes a lock that others take shared too, and that {@link #lock} takes alone: recorders share
     * the vulnerabilities, which compaction sweeps alone.
     */
    abstract void lockShared(Connection connection, String key) throws SQLException;

    /** What an error means. */
    abstract Failure classify(SQLException e);

    /**
     * Gives space that compaction freed back where the database can (SQLite's {@code VACUUM}),
     * outside any transaction.
     */
    void reclaim(Connection connection) throws SQLException {}

    /**
     * The largest number of parameters one statement binds: many rows go in one multi-row statement
     * (one round trip to PostgreSQL), well under both databases' limits (SQLite 32,766; PostgreSQL 65,535).
     */
    int maxParameters() {
        return 30_000;
    }
}
