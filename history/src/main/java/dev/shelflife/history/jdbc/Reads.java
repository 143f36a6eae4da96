package dev.shelflife.history.jdbc;

import dev.shelflife.Finding;
import dev.shelflife.ImageRef;
import dev.shelflife.Lineage;
import dev.shelflife.LineageFinding;
import dev.shelflife.RecordedScan;
import dev.shelflife.ScanReport;
import dev.shelflife.Vulnerability;
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
        // The tag's image is the digest of the latest report recorded under the tag with one; what was
        // recorded under the tag alone (an assessment or an ignore file that names no digest) is about
        // whatever the tag points at, so it joins that image's evidence.
        String latest = "SELECT i.digest FROM reports r JOIN images i ON i.id = r.image_id"
                + " WHERE i.name = ?" + (image.tag().isPresent() ? " AND i.tag = ?" : "")
                + " AND i.digest <> '' AND r.made_at <= ? ORDER BY r.made_at DESC, r.id DESC LIMIT 1";
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(latest)) {
            int index = 1;
            select.setString(index++, image.name());
            if (image.tag().isPresent()) {
                select.setString(index++, image.tag().get());
            }
            select.setLong(index, until);
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    ids.addAll(byDigest(connection, image.name(), row.getString(1)));
                }
            }
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id FROM images WHERE name = ? AND tag = ? AND digest = '' ORDER BY id")) {
            select.setString(1, image.name());
            select.setString(2, image.tag().orElse(""));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        return ids;
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

    /** A finding as the store keeps it: the rest of it (package, fix, target), and its vulnerability. */
    record Pair(long finding, long vulnerability) {}

    /** Reports from their envelopes, each finding read once however many reports hold it. */
    static List<ScanReport> reports(Connection connection, Dialect dialect, List<byte[]> envelopes)
            throws SQLException {
        List<ReportCodec.Envelope> opened = new ArrayList<>(envelopes.size());
        Set<Pair> wanted = new LinkedHashSet<>();
        for (byte[] envelope : envelopes) {
            ReportCodec.Envelope parts = ReportCodec.openEnvelope(envelope);
            opened.add(parts);
            for (int i = 0; i < parts.findingIds().length; i++) {
                wanted.add(new Pair(parts.findingIds()[i], parts.vulnerabilityIds()[i]));
            }
        }
        Map<Pair, Finding> findings = findings(connection, dialect, wanted);
        List<ScanReport> reports = new ArrayList<>(opened.size());
        for (ReportCodec.Envelope parts : opened) {
            List<Finding> list = new ArrayList<>(parts.findingIds().length);
            for (int i = 0; i < parts.findingIds().length; i++) {
                list.add(findings.get(new Pair(parts.findingIds()[i], parts.vulnerabilityIds()[i])));
            }
            reports.add(ReportCodec.assemble(parts.header(), list));
        }
        return reports;
    }

    /** Findings from the rest of each and its vulnerability, each part read once however many share it. */
    static Map<Pair, Finding> findings(Connection connection, Dialect dialect, Set<Pair> pairs) throws SQLException {
        Set<Long> restIds = new LinkedHashSet<>();
        Set<Long> vulnerabilityIds = new LinkedHashSet<>();
        for (Pair pair : pairs) {
            restIds.add(pair.finding());
            vulnerabilityIds.add(pair.vulnerability());
        }
        Map<Long, byte[]> rests = new HashMap<>();
        List<Long> all = List.copyOf(restIds);
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
                        rests.put(rows.getLong(1), rows.getBytes(2));
                    }
                }
            }
        }
        Map<Long, Vulnerability> vulnerabilities = vulnerabilities(connection, dialect, vulnerabilityIds);
        Map<Pair, Finding> findings = new HashMap<>();
        for (Pair pair : pairs) {
            byte[] rest = rests.get(pair.finding());
            Vulnerability vulnerability = vulnerabilities.get(pair.vulnerability());
            if (rest == null || vulnerability == null) {
                throw new CorruptRecordException("a report or fact names finding " + pair.finding()
                        + " of vulnerability " + pair.vulnerability() + ", which the store does not hold");
            }
            findings.put(pair, ReportCodec.decodeFinding(vulnerability, rest));
        }
        return findings;
    }

    static Map<Long, Vulnerability> vulnerabilities(Connection connection, Dialect dialect, Set<Long> ids)
            throws SQLException {
        Map<Long, Vulnerability> vulnerabilities = new HashMap<>();
        List<Long> all = List.copyOf(ids);
        int chunk = dialect.maxParameters();
        for (int from = 0; from < all.size(); from += chunk) {
            List<Long> part = all.subList(from, Math.min(all.size(), from + chunk));
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, body FROM vulnerabilities WHERE id IN (" + JdbcHistoryStore.marks(part.size()) + ")")) {
                for (int i = 0; i < part.size(); i++) {
                    select.setLong(i + 1, part.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        vulnerabilities.put(rows.getLong(1), ReportCodec.decodeVulnerability(rows.getBytes(2)));
                    }
                }
            }
        }
        return vulnerabilities;
    }

    /** What a lineage's scans made by the instant remember for the clocks. */
    static Lineage lineage(Connection connection, Dialect dialect, String name, long until) throws SQLException {
        String sql = "SELECT f.first_seen, f.first_finding, f.first_vulnerability, r1.content_hash,"
                + " i1.name, i1.tag, i1.digest, r1.scanner, r1.scanner_version,"
                + " f.fix_seen, r2.content_hash, i2.name, i2.tag, i2.digest, r2.scanner, r2.scanner_version"
                + " FROM lineage_findings f JOIN lineages l ON l.id = f.lineage_id"
                + " JOIN reports r1 ON r1.id = f.first_report JOIN images i1 ON i1.id = r1.image_id"
                + " LEFT JOIN reports r2 ON r2.id = f.fix_report LEFT JOIN images i2 ON i2.id = r2.image_id"
                + " WHERE l.name = ? AND f.first_seen <= ? ORDER BY f.first_seen, f.vulnerability, f.package";
        record Row(Pair firstFinding, RecordedScan first, Optional<RecordedScan> fix) {}
        List<Row> rows = new ArrayList<>();
        Set<Pair> pairs = new LinkedHashSet<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, JdbcHistoryStore.text(name));
            select.setLong(2, until);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    long firstSeen = result.getLong(1);
                    Pair firstFinding = new Pair(result.getLong(2), result.getLong(3));
                    RecordedScan firstScan = JdbcHistoryStore.recordedScan(
                            JdbcHistoryStore.hashText(result.getBytes(4)),
                            name,
                            ref(result.getString(5), result.getString(6), result.getString(7))
                                    .toString(),
                            result.getString(8),
                            result.getString(9),
                            firstSeen);
                    long fixSeen = result.getLong(10);
                    boolean fixKnown = !result.wasNull() && fixSeen <= until;
                    Optional<RecordedScan> fixScan = fixKnown
                            ? Optional.of(JdbcHistoryStore.recordedScan(
                                    JdbcHistoryStore.hashText(result.getBytes(11)),
                                    name,
                                    ref(result.getString(12), result.getString(13), result.getString(14))
                                            .toString(),
                                    result.getString(15),
                                    result.getString(16),
                                    fixSeen))
                            : Optional.empty();
                    rows.add(new Row(firstFinding, firstScan, fixScan));
                    pairs.add(firstFinding);
                }
            }
        }
        Map<Pair, Finding> firsts = findings(connection, dialect, pairs);
        List<LineageFinding> findings = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Finding first = firsts.get(row.firstFinding());
            findings.add(new LineageFinding(
                    first.vulnerability().id(),
                    first.vulnerability().aliases(),
                    first.pkg(),
                    row.first().scannedAt(),
                    row.first(),
                    row.fix().map(RecordedScan::scannedAt),
                    row.fix()));
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
