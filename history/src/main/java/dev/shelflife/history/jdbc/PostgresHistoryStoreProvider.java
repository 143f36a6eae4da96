package dev.shelflife.history.jdbc;

import dev.shelflife.history.HistoryException;
import dev.shelflife.history.HistoryException.Reason;
import dev.shelflife.history.HistoryStore;
import dev.shelflife.history.HistoryStoreProvider;
import dev.shelflife.history.LineageRule;
import java.util.Objects;

/**
 * Opens history stores kept in a PostgreSQL database: {@code
 * jdbc:postgresql://HOST:PORT/DATABASE?user=…&password=…}, with the driver's other parameters. The
 * tables live in the schema {@code shelflife} (or the first of the URL's {@code currentSchema}),
 * created with the tables when it does not exist. Found by {@link java.util.ServiceLoader}; open
 * stores with {@link dev.shelflife.history.HistoryStores}, not with this class.
 *
 * @since 0.2
 */
public final class PostgresHistoryStoreProvider implements HistoryStoreProvider {

    /** The constructor {@link java.util.ServiceLoader} calls. */
    public PostgresHistoryStoreProvider() {}

    @Override
    public boolean accepts(String url) {
        return url.startsWith("jdbc:postgresql:");
    }

    @Override
    public HistoryStore open(String url, LineageRule lineages) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(lineages, "lineages");
        PostgresDialect dialect = new PostgresDialect(url);
        if (!dialect.hasUsableSchema()) {
            throw new HistoryException(
                    Reason.BAD_INPUT,
                    "cannot open " + dialect.describe() + ": currentSchema must name one schema of lower-case"
                            + " letters, digits and _");
        }
        Migrations.bringUpToDate(dialect);
        return new JdbcHistoryStore(dialect, lineages);
    }
}
