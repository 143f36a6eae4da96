package dev.shelflife.history.jdbc;

import dev.shelflife.history.HistoryException;
import dev.shelflife.history.HistoryException.Reason;
import dev.shelflife.history.HistoryStore;
import dev.shelflife.history.HistoryStoreProvider;
import dev.shelflife.history.LineageRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Opens history stores kept in one SQLite file: {@code jdbc:sqlite:PATH}, which {@link
 * dev.shelflife.history.HistoryStores#open(String)} also makes of a plain path. The file is created
 * with its schema when it does not exist. Found by {@link java.util.ServiceLoader}; open stores with
 * {@code HistoryStores}, not with this class.
 *
 * @since 0.2
 */
public final class SqliteHistoryStoreProvider implements HistoryStoreProvider {

    /** The constructor {@link java.util.ServiceLoader} calls. */
    public SqliteHistoryStoreProvider() {}

    @Override
    public boolean accepts(String url) {
        return url.startsWith("jdbc:sqlite:");
    }

    @Override
    public HistoryStore open(String url, LineageRule lineages) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(lineages, "lineages");
        SqliteDialect dialect = new SqliteDialect(url);
        String path = dialect.path();
        if (path.isBlank() || path.contains(":memory:") || path.contains("mode=memory")) {
            throw new HistoryException(
                    Reason.NOT_A_STORE,
                    "an SQLite history needs a file: \"" + path + "\" names " + (path.isBlank() ? "none" : "memory")
                            + ", which every connection of the store would see empty");
        }
        makeFolder(dialect);
        Migrations.bringUpToDate(dialect);
        return new JdbcHistoryStore(dialect, lineages);
    }

    /** A new store's folder is made, as a CI cache's would be; one that cannot be made is unreachable. */
    private static void makeFolder(SqliteDialect dialect) {
        try {
            Path parent = Path.of(dialect.describe()).toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                Files.createDirectories(parent);
            }
        } catch (IOException | InvalidPathException e) {
            throw new HistoryException(
                    Reason.UNREACHABLE,
                    "cannot open " + dialect.describe() + ": its folder cannot be made (" + e.getMessage() + ")",
                    e);
        }
    }
}
