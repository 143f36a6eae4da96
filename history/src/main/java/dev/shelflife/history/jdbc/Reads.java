package dev.shelflife.history.jdbc;

import dev.shelflife.Finding;
import dev.shelflife.ImageRef;
import dev.shelflife.Lineage;
import dev.shelflife.LineageFinding;
import dev.shelflife.RecordedScan;
import dev.shelflife.ScanReport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The queries that read a store, shared by the store's reading methods and its timelines. */
final class Reads {

    private Reads() {}

    /**
     * The ids of the image rows that are one image: with a digest, every row of that digest in the
     * repository; with a tag, the image the tag named in the latest report recorded under it (by
     * digest if that report knew one); with neither, the image of the repository's latest report.
     */
    static List<Long> imageIds(Connection connection, ImageRef image, long until) throws SQLException {
        if (image.digest().isPresent()) {
            return byDigest(connection, image.name(), image.digest().get());
        }
        String latest = "SELECT i.id, i.digest FROM reports r JOIN images i ON i.id = r.image_id"
                + " WHERE i.name = ?" + (image.tag().isPresent() ? " AND i.tag = ?" : "")
                + " AND r.made_at <= ? ORDER BY r.made_at DESC, r.id DESC LIMIT 1";
        try (PreparedStatement select = connection.prepareStatement(latest)) {
            int index = 1;
            select.setString(index++, image.name());
            if (image.tag().isPresent()) {
                select.setString(index++, image.tag().get());
            }
            select.setLong(index, until);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return List.of();
                }
                long id = row.getLong(1);
                String digest = row.getString(2);
                return digest.isEmpty() ? List.of(id) : byDigest(connection, image.name(), digest);
            }
        }
    }

    private static List<Long> byDigest(Connection connection, String name, String digest) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement select =
                connection.prepareStatement("SELECT id FROM images WHERE name = ? AND digest = ? ORDER BY id")) {
            select.setString(1, name);
            select.setString(2, digest);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        return ids;
    }

    /** The latest report of each scanner and kind about the image rows, made by the instant, oldest first. */
    static List<ScanReport> latestReports(Connection connection, Dialect dialect, List<Long> imageIds, long until)
            throws SQLException {
        List<byte[]> envelopes = new ArrayList<>();
        String sql = "SELECT envelope FROM (SELECT r.envelope, r.made_at, r.id, ROW_NUMBER() OVER (PARTITION BY"
                + " r.scanner, r.kind ORDER BY r.made_at DESC, r.recorded_at DESC, r.id DESC) AS newest"
                + " FROM reports r WHERE r.image_id IN (" + JdbcHistoryStore.marks(imageIds.size()) + ")"
                + " AND r.made_at <= ? AND r.envelope IS NOT NULL) latest WHERE newest = 1 ORDER BY made_at, id";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            int index = 1;
            for (long id : imageIds) {
                select.setLong(index++, id);
            }
            select.setLong(index, until);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    envelopes.add(rows.getBytes(1));
                }
            }
        }
        return reports(connection, dialect, envelopes);
    }

    /** Reports from their envelopes, each finding read once however many reports hold it. */
    static List<ScanReport> reports(Connection connection, Dialect dialect, List<byte[]> envelopes)
            throws SQLException {
        List<ReportCodec.Envelope> opened = new ArrayList<>(envelopes.size());
        Set<Long> wanted = new LinkedHashSet<>();
        for (byte[] envelope : envelopes) {
            ReportCodec.Envelope parts = ReportCodec.openEnvelope(envelope);
            opened.add(parts);
            for (long id : parts.findingIds()) {
                wanted.add(id);
            }
        }
        Map<Long, Finding> findings = findings(connection, dialect, wanted);
        List<ScanReport> reports = new ArrayList<>(opened.size());
        for (ReportCodec.Envelope parts : opened) {
            List<Finding> list = new ArrayList<>(parts.findingIds().length);
            for (long id : parts.findingIds()) {
                Finding finding = findings.get(id);
                if (finding == null) {
                    throw new CorruptRecordException(
                            "a report names finding " + id + ", which the store does not hold");
                }
                list.add(finding);
            }
            reports.add(ReportCodec.assemble(parts.header(), list));
        }
        return reports;
    }

    static Map<Long, Finding> findings(Connection connection, Dialect dialect, Set<Long> ids) throws SQLException {
        Map<Long, Finding> findings = new HashMap<>();
        List<Long> all = List.copyOf(ids);
        int chunk = dialect.maxParameters();
        for (int from = 0; from < all.size(); from += chunk) {
            List<Long> part = all.subList(from, Math.min(all.size(), from + chunk));
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, body FROM findings WHERE id IN (" + JdbcHistoryStore.marks(part.size()) + ")")) {
                for (int i = 0; i < part.size(); i++) {
                    select.setLong(i + 1, part.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        findings.put(rows.getLong(1), ReportCodec.decodeFinding(rows.getBytes(2)));
                    }
                }
            }
        }
        return findings;
    }

    /** What a lineage's scans made by the instant remember for the clocks. */
    static Lineage lineage(Connection connection, String name, long until) throws SQLException {
        String sql = "SELECT f.first_seen, fb.body, r1.content_hash, r1.image_ref, r1.scanner, r1.scanner_version,"
                + " f.fix_seen, r2.content_hash, r2.image_ref, r2.scanner, r2.scanner_version"
                + " FROM lineage_findings f JOIN lineages l ON l.id = f.lineage_id"
                + " JOIN findings fb ON fb.id = f.first_finding JOIN reports r1 ON r1.id = f.first_report"
                + " LEFT JOIN reports r2 ON r2.id = f.fix_report"
                + " WHERE l.name = ? AND f.first_seen <= ? ORDER BY f.first_seen, f.vulnerability, f.package";
        List<LineageFinding> findings = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, JdbcHistoryStore.text(name));
            select.setLong(2, until);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long firstSeen = rows.getLong(1);
                    byte[] body = rows.getBytes(2);
                    Finding first = ReportCodec.decodeFinding(body);
                    RecordedScan firstScan = JdbcHistoryStore.recordedScan(
                            rows.getString(3),
                            name,
                            rows.getString(4),
                            rows.getString(5),
                            rows.getString(6),
                            firstSeen);
                    long fixSeen = rows.getLong(7);
                    boolean fixKnown = !rows.wasNull() && fixSeen <= until;
                    Optional<RecordedScan> fixScan = fixKnown
                            ? Optional.of(JdbcHistoryStore.recordedScan(
                                    rows.getString(8),
                                    name,
                                    rows.getString(9),
                                    rows.getString(10),
                                    rows.getString(11),
                                    fixSeen))
                            : Optional.empty();
                    findings.add(new LineageFinding(
                            first.vulnerability().id(),
                            first.vulnerability().aliases(),
                            first.pkg(),
                            firstScan.scannedAt(),
                            firstScan,
                            fixScan.map(RecordedScan::scannedAt),
                            fixScan));
                }
            }
        }
        return new Lineage(name, findings);
    }

    /** The images of a lineage, newest first, one per digest (the tag it was last recorded under). */
    static List<ImageRef> images(Connection connection, String lineage) throws SQLException {
        Map<String, ImageRef> images = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT i.name, i.tag, i.digest FROM images i"
                + " JOIN lineages l ON l.id = i.lineage_id WHERE l.name = ? ORDER BY i.last_made DESC, i.id DESC")) {
            select.setString(1, JdbcHistoryStore.text(lineage));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ImageRef ref = ref(rows.getString(1), rows.getString(2), rows.getString(3));
                    String key = ref.digest().map(d -> "@" + d).orElse(ref.toString());
                    images.putIfAbsent(key, ref);
                }
            }
        }
        return List.copyOf(images.values());
    }

    static ImageRef ref(String name, String tag, String digest) {
        ImageRef parsed = ImageRef.parse(name);
        return new ImageRef(
                parsed.registry(),
                parsed.repository(),
                tag.isEmpty() ? Optional.empty() : Optional.of(tag),
                digest.isEmpty() ? Optional.empty() : Optional.of(digest));
    }
}
