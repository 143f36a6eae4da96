package dev.shelflife.history.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The few connections a store keeps open between calls: opening a PostgreSQL connection costs a
 * round trip and an authentication, so a store that records a thousand reports must not open a
 * thousand. Connections are lent one per call and taken back; one that failed in a way that may
 * have broken it is closed instead. There is no upper bound on connections lent at once: a store
 * is used by a handful of threads, and the database's own limit answers the rest.
 */
final class ConnectionPool implements AutoCloseable {

    private static final int KEPT = 4;

    private final Dialect dialect;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    ConnectionPool(Dialect dialect) {
        this.dialect = dialect;
    }

    Connection borrow() throws SQLException {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the history store is closed");
            }
            Connection kept = idle.pollFirst();
            if (kept != null) {
                return kept;
            }
        }
        return dialect.connect(false);
    }

    void release(Connection connection, boolean broken) {
        synchronized (this) {
            if (!broken && !closed && idle.size() < KEPT) {
                idle.addFirst(connection);
                return;
            }
        }
        closeQuietly(connection);
    }

    @Override
    public void close() {
        Deque<Connection> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayDeque<>(idle);
            idle.clear();
        }
        toClose.forEach(ConnectionPool::closeQuietly);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // Nothing is left to do with a connection that cannot even be closed.
        }
    }
}
