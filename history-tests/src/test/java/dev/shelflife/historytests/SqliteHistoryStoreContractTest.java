package dev.shelflife.historytests;

import dev.shelflife.testkit.HistoryStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite store passes the history store contract, opened from a {@code jdbc:sqlite:} URL. */
class SqliteHistoryStoreContractTest extends HistoryStoreContract {

    @TempDir
    Path folder;

    @Override
    protected String newStoreUrl() {
        return "jdbc:sqlite:" + folder.resolve("history.db");
    }
}
