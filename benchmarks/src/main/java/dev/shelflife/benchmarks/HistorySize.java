package dev.shelflife.benchmarks;

import dev.shelflife.history.Compaction;
import dev.shelflife.history.HistoryStore;
import dev.shelflife.history.HistoryStores;
import dev.shelflife.history.RecordContext;
import dev.shelflife.history.Retention;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The size of an SQLite store on disk: {@code lineages} lineages scanned every day for {@code days}
 * days ({@link DailyScans}, 300 findings a scan), before and after compaction with the default
 * retention (reports for 90 days, verdicts for 400), and that size extrapolated to 10,000 lineages.
 * Prints a Markdown table.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.shelflife.benchmarks.HistorySize 100 365 300
 * </pre>
 */
public final class HistorySize {

    private HistorySize() {}

    /**
     * Runs the measurement.
     *
     * @param args lineages, days, findings per scan
     * @throws SQLException if the store's tables cannot be counted
     */
    public static void main(String[] args) throws SQLException {
        int lineages = Integer.parseInt(args[0]);
        int days = Integer.parseInt(args[1]);
        int findings = Integer.parseInt(args[2]);
        Path folder = HistoryStoreFiles.newFolder();
        Path file = folder.resolve("history.db");
        DailyScans scans = DailyScans.load();
        Instant now = DailyScans.DAY_0.plus(Duration.ofDays(days));
        long started = System.nanoTime();
        try (HistoryStore store = HistoryStores.open(file.toString())) {
            for (int day = 0; day < days; day++) {
                for (int lineage = 0; lineage < lineages; lineage++) {
                    store.record(scans.scan(lineage, day, findings), RecordContext.of(now, "HistorySize"));
                }
            }
        }
        double recordSeconds = (System.nanoTime() - started) / 1e9;
        checkpoint(file);
        long before = HistoryStoreFiles.bytesOnDisk(file);
        long sharedBefore = shared(file);
        String rowsBefore = rows(file);
        started = System.nanoTime();
        Compaction compaction;
        try (HistoryStore store = HistoryStores.open(file.toString())) {
            compaction = store.compact(Retention.defaults(), now);
        }
        double compactSeconds = (System.nanoTime() - started) / 1e9;
        checkpoint(file);
        long after = HistoryStoreFiles.bytesOnDisk(file);
        String rowsAfter = rows(file);
        int reports = lineages * days;
        System.out.printf(
                Locale.ROOT,
                "%d lineages x %d daily scans of %d findings = %,d reports, recorded in %.0f s"
                        + " (%.1f ms a report); compacted in %.0f s: %s%n%n",
                lineages,
                days,
                findings,
                reports,
                recordSeconds,
                recordSeconds * 1000 / reports,
                compactSeconds,
                compaction);
        System.out.println("| | on disk | vulnerabilities (shared) | per lineage, the rest | 10,000 lineages"
                + " (extrapolated) | rows |");
        System.out.println("|---|---:|---:|---:|---:|---|");
        row("before compaction", before, sharedBefore, lineages, rowsBefore);
        row("after compaction (reports kept 90 days, VACUUM)", after, shared(file), lineages, rowsAfter);
        HistoryStoreFiles.deleteFolderContents(folder);
    }

    /**
     * One size: the vulnerabilities' table is shared by every lineage (one record per vulnerability
     * and revision, bounded by the scanner's database), so the extrapolation counts it once and the
     * rest once per lineage.
     */
    private static void row(String name, long bytes, long shared, int lineages, String rows) {
        double perLineage = (double) (bytes - shared) / lineages;
        System.out.printf(
                Locale.ROOT,
                "| %s | %.1f MiB | %.1f MiB | %.0f KiB | %.2f GiB | %s |%n",
                name,
                bytes / 1048576.0,
                shared / 1048576.0,
                perLineage / 1024,
                (shared + perLineage * 10_000) / (1 << 30),
                rows);
    }

    /** The bytes of the vulnerabilities' table and its index. */
    private static long shared(Path file) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet size = statement.executeQuery("SELECT sum(pgsize) FROM dbstat WHERE name IN"
                        + " ('vulnerabilities', 'sqlite_autoindex_vulnerabilities_1')")) {
            return size.next() ? size.getLong(1) : 0;
        }
    }

    /** Folds the WAL into the database file, so that the file's size is the store's. */
    private static void checkpoint(Path file) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }

    private static String rows(Path file) throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            for (String table : new String[] {"reports", "findings", "lineage_findings"}) {
                try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + table)) {
                    count.next();
                    text.append(text.length() == 0 ? "" : ", ")
                            .append(table)
                            .append(' ')
                            .append(String.format(Locale.ROOT, "%,d", count.getLong(1)));
                }
            }
            try (ResultSet kept = statement.executeQuery("SELECT count(*) FROM reports WHERE envelope IS NOT NULL")) {
                kept.next();
                text.append(" (")
                        .append(String.format(Locale.ROOT, "%,d", kept.getLong(1)))
                        .append(" whole)");
            }
            for (String pragma : new String[] {"page_count", "freelist_count"}) {
                try (ResultSet value = statement.executeQuery("PRAGMA " + pragma)) {
                    value.next();
                    text.append(", ")
                            .append(pragma.replace('_', ' '))
                            .append(' ')
                            .append(value.getLong(1));
                }
            }
        }
        return text.toString();
    }
}
