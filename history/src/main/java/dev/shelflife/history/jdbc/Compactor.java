package dev.shelflife.history.jdbc;

import dev.shelflife.history.Compaction;
import dev.shelflife.history.Retention;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compaction, one lineage per transaction so that writers of other lineages wait for one lineage
 * at most. Within a lineage: the envelope of every report older than the retention is dropped,
 * except the latest report of each scanner and kind of each image; a report whose row a clock fact
 * names keeps its row (the scan a verdict names) without its envelope, and the others go; findings
 * that no envelope left and no fact names go; verdicts older than their retention go. The clock
 * facts and the tag observations are never touched. Then the vulnerabilities that no finding of
 * any lineage names go, and what was freed is given back to the file system where the database
 * can (SQLite's {@code VACUUM}, which also packs half-empty pages).
 */
final class Compactor {

    private Compactor() {}

    static Compaction compact(JdbcHistoryStore store, Retention retention, Instant now) {
        long reportCutoff = JdbcHistoryStore.nanosClamped(now.minus(retention.keepReportsFor()));
        long verdictCutoff = JdbcHistoryStore.nanosClamped(now.minus(retention.keepVerdictsFor()));
        Map<Long, String> lineages = store.read("list the lineages", Compactor::lineages);
        long reports = 0;
        long findings = 0;
        long verdicts = 0;
        for (Map.Entry<Long, String> lineage : lineages.entrySet()) {
            long[] dropped = store.write(
                    "compact lineage " + lineage.getValue(),
                    connection -> compactLineage(
                            store.dialect(),
                            connection,
                            lineage.getKey(),
                            lineage.getValue(),
                            reportCutoff,
                            verdictCutoff));
            reports += dropped[0];
            findings += dropped[1];
            verdicts += dropped[2];
        }
        if (reports > 0) {
            store.write(
                    "drop the vulnerabilities no report or fact names any more",
                    connection -> sweepVulnerabilities(store.dialect(), connection));
        }
        if (reports > 0 || verdicts > 0) {
            store.outsideTransaction("give the space compaction freed back", connection -> {
                store.dialect().reclaim(connection);
                return null;
            });
        }
        return new Compaction(reports, findings, verdicts);
    }

    private static Map<Long, String> lineages(Connection connection) throws SQLException {
        Map<Long, String> lineages = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, name FROM lineages ORDER BY id");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                lineages.put(rows.getLong(1), rows.getString(2));
            }
        }
        return lineages;
    }

    /**
     * Drops the vulnerabilities that no report's envelope and no clock fact names, holding the lock
     * that every recorder holds shared while it finds or adds vulnerabilities.
     */
    private static Void sweepVulnerabilities(Dialect dialect, Connection connection) throws SQLException {
        dialect.lock(connection, "vulnerabilities");
        Set<Long> named = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement(
                        "SELECT first_vulnerability, last_vulnerability FROM lineage_findings");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                named.add(rows.getLong(1));
                named.add(rows.getLong(2));
            }
        }
        try (PreparedStatement select =
                        connection.prepareStatement("SELECT envelope FROM reports WHERE envelope IS NOT NULL");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                for (long id : ReportCodec.openEnvelope(rows.getBytes(1)).vulnerabilityIds()) {
                    named.add(id);
                }
            }
        }
        List<Long> unused = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM vulnerabilities");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                if (!named.contains(rows.getLong(1))) {
                    unused.add(rows.getLong(1));
                }
            }
        }
        deleteByIds(connection, "vulnerabilities", unused);
        return null;
    }

    private static long[] compactLineage(
            Dialect dialect, Connection connection, long lineageId, String name, long reportCutoff, long verdictCutoff)
            throws SQLException {
        dialect.lock(connection, "lineage/" + name);
        List<Long> old = new ArrayList<>();
        long findings = 0;
        try (PreparedStatement select = connection.prepareStatement("SELECT id, finding_count FROM (SELECT id, made_at,"
                + " finding_count, envelope, ROW_NUMBER() OVER (PARTITION BY image_id, scanner, kind"
                + " ORDER BY made_at DESC, recorded_at DESC, id DESC) AS newest FROM reports WHERE lineage_id = ?) r"
                + " WHERE newest > 1 AND made_at < ? AND envelope IS NOT NULL")) {
            select.setLong(1, lineageId);
            select.setLong(2, reportCutoff);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    old.add(rows.getLong(1));
                    findings += rows.getLong(2);
                }
            }
        }
        long verdicts;
        try (PreparedStatement delete =
                connection.prepareStatement("DELETE FROM verdicts WHERE lineage_id = ? AND at < ?")) {
            delete.setLong(1, lineageId);
            delete.setLong(2, verdictCutoff);
            verdicts = delete.executeUpdate();
        }
        if (old.isEmpty()) {
            return new long[] {0, 0, verdicts};
        }
        Set<Long> named = new HashSet<>();
        Set<Long> keptFindings = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT first_report, fix_report, last_report,"
                + " first_finding, last_finding FROM lineage_findings WHERE lineage_id = ?")) {
            select.setLong(1, lineageId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    named.add(rows.getLong(1));
                    long fix = rows.getLong(2);
                    if (!rows.wasNull()) {
                        named.add(fix);
                    }
                    named.add(rows.getLong(3));
                    keptFindings.add(rows.getLong(4));
                    keptFindings.add(rows.getLong(5));
                }
            }
        }
        try (PreparedStatement strip = connection.prepareStatement("UPDATE reports SET envelope = NULL WHERE id = ?")) {
            for (long id : old) {
                strip.setLong(1, id);
                strip.addBatch();
            }
            strip.executeBatch();
        }
        // Rows without an envelope that no fact names any more (a later scan took over as the last sighting).
        List<Long> unnamed = new ArrayList<>();
        try (PreparedStatement select =
                connection.prepareStatement("SELECT id FROM reports WHERE lineage_id = ? AND envelope IS NULL")) {
            select.setLong(1, lineageId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (!named.contains(rows.getLong(1))) {
                        unnamed.add(rows.getLong(1));
                    }
                }
            }
        }
        deleteByIds(connection, "reports", unnamed);
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT envelope FROM reports WHERE lineage_id = ? AND envelope IS NOT NULL")) {
            select.setLong(1, lineageId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    for (long id : ReportCodec.openEnvelope(rows.getBytes(1)).findingIds()) {
                        keptFindings.add(id);
                    }
                }
            }
        }
        List<Long> unused = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM findings WHERE lineage_id = ?")) {
            select.setLong(1, lineageId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (!keptFindings.contains(rows.getLong(1))) {
                        unused.add(rows.getLong(1));
                    }
                }
            }
        }
        deleteByIds(connection, "findings", unused);
        return new long[] {old.size(), findings, verdicts};
    }

    private static void deleteByIds(Connection connection, String table, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
            for (long id : ids) {
                delete.setLong(1, id);
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }
}
