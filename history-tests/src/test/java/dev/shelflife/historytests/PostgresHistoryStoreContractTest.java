package dev.shelflife.historytests;

import dev.shelflife.testkit.HistoryStoreContract;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;

/**
 * The PostgreSQL store passes the history store contract, each check in a schema of its own of the
 * database {@code SHELFLIFE_POSTGRES_URL} names; skipped without it.
 */
class PostgresHistoryStoreContractTest extends HistoryStoreContract {

    @Override
    protected String newStoreUrl() {
        return PostgresDatabase.newStoreUrl();
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        PostgresDatabase.dropSchemas();
    }
}
