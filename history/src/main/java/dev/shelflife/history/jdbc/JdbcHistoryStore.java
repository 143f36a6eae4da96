package dev.shelflife.history.jdbc;

import dev.shelflife.Finding;
import dev.shelflife.ImageRecord;
import dev.shelflife.ImageRef;
import dev.shelflife.Lineage;
import dev.shelflife.RecordedScan;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.history.Compaction;
import dev.shelflife.history.HistoryException;
import dev.shelflife.history.HistoryException.Reason;
import dev.shelflife.history.HistoryStore;
import dev.shelflife.history.IssuedVerdict;
import dev.shelflife.history.LineageRule;
import dev.shelflife.history.RecordContext;
import dev.shelflife.history.Recorded;
import dev.shelflife.history.RecordedImage;
import dev.shelflife.history.Retention;
import dev.shelflife.history.TagObservation;
import dev.shelflife.history.Timeline;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The history store of both databases: one set of tables, one SQL, one order of steps; what
 * differs between SQLite and PostgreSQL is its {@link Dialect}'s.
 *
 * <p><b>Recording</b> a report is one transaction: the lineage (created on first use, then locked
 * against the lineage's other writers), the content hash (a report already recorded ends the
 * transaction with nothing written), the image, the report's findings (each kept once per lineage,
 * by the hash of its encoding), the report's row with its envelope, and — for a scan — the
 * lineage's clock facts, upserted keeping the earliest first sighting and first fix and the latest
 * last sighting. A transaction that fails on a lock held by another writer or on a lost race is
 * tried again whole; any other failure rolls back and leaves the store as it was.
 *
 * <p><b>Views of an instant</b> count a report as made when it was scanned, or when it was
 * recorded if it does not say. The clock facts are minima over the sightings, so the first
 * sighting as of any instant is the fact when it is not later than the instant, and there was none
 * when it is: the view of the past needs no other rows, and survives compaction.
 */
final class JdbcHistoryStore implements HistoryStore {

    private static final int ATTEMPTS = 20;

    private final Dialect dialect;
    private final LineageRule lineages;
    private final ConnectionPool pool;

    JdbcHistoryStore(Dialect dialect, LineageRule lineages) {
        this.dialect = dialect;
        this.lineages = lineages;
        this.pool = new ConnectionPool(dialect);
    }

    // ---- recording ----

    @Override
    public Recorded record(ScanReport report, RecordContext context) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(context, "context");
        RecordedImage image = RecordedImage.of(report, context.image())
                .orElseThrow(() -> new HistoryException(
                        Reason.BAD_INPUT,
                        "cannot record " + report.describe() + " in " + dialect.describe()
                                + ": it names no image; give the image it is about"));
        ScanReport stored = image.report();
        ImageRef identified = image.identified();
        String lineage = lineageName(identified);
        long made = nanos(report.scannedAt().orElse(context.recordedAt()), "the instant it was made");
        long recordedAt = nanos(context.recordedAt(), "the instant it is recorded");
        ReportCodec.Parts parts = ReportCodec.split(stored);
        String doing = "record " + report.describe();
        return write(doing, connection -> {
            long lineageId = lineageId(connection, lineage);
            dialect.lock(connection, "lineage/" + lineage);
            Optional<Recorded> existing = recorded(connection, parts.contentHash());
            if (existing.isPresent()) {
                return existing.get();
            }
            long imageId = imageId(connection, lineageId, identified, made);
            // Vulnerabilities are shared by every lineage: compaction drops those no report names
            // under an exclusive lock, so that none is dropped between being found here and named.
            dialect.lockShared(connection, "vulnerabilities");
            long[] vulnerabilityIds = vulnerabilityIds(connection, parts.vulnerabilities());
            long[] findingIds = findingIds(connection, lineageId, parts.findings());
            long reportId = insertReport(
                    connection,
                    parts,
                    lineageId,
                    imageId,
                    identified,
                    report,
                    made,
                    recordedAt,
                    context.recordedBy(),
                    ReportCodec.envelope(parts.header(), findingIds, vulnerabilityIds));
            if (report.isScan()) {
                upsertFacts(
                        connection,
                        dialect.maxParameters(),
                        lineageId,
                        reportId,
                        made,
                        report.findings(),
                        findingIds,
                        vulnerabilityIds);
            }
            return new Recorded(parts.contentHash(), lineage, identified, true);
        });
    }

    private String lineageName(ImageRef image) {
        String name = lineages.lineageOf(image);
        if (name == null || name.isBlank()) {
            throw new HistoryException(
                    Reason.BAD_INPUT, "the lineage rule gives no lineage for " + image + ": a lineage needs a name");
        }
        return name;
    }

    private long lineageId(Connection connection, String name) throws SQLException {
        Optional<Long> id = findLineage(connection, name);
        if (id.isPresent()) {
            return id.get();
        }
        try (PreparedStatement insert =
                connection.prepareStatement("INSERT INTO lineages (name) VALUES (?) ON CONFLICT (name) DO NOTHING")) {
            insert.setString(1, text(name));
            insert.executeUpdate();
        }
        return findLineage(connection, name).orElseThrow(() -> new SQLException("lineage " + name + " vanished"));
    }

    private static Optional<Long> findLineage(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM lineages WHERE name = ?")) {
            select.setString(1, text(name));
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        }
    }

    private Optional<Recorded> recorded(Connection connection, String contentHash) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT l.name, i.name, i.tag, i.digest"
                + " FROM reports r JOIN lineages l ON l.id = r.lineage_id JOIN images i ON i.id = r.image_id"
                + " WHERE r.content_hash = ?")) {
            select.setBytes(1, hashBytes(contentHash));
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Recorded(
                        contentHash,
                        row.getString(1),
                        Reads.ref(row.getString(2), row.getString(3), row.getString(4)),
                        false));
            }
        }
    }

    private static long imageId(Connection connection, long lineageId, ImageRef image, long made) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO images (lineage_id, name, tag, digest, first_made, last_made) VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (lineage_id, name, tag, digest) DO UPDATE SET"
                        + " first_made = CASE WHEN excluded.first_made < images.first_made"
                        + " THEN excluded.first_made ELSE images.first_made END,"
                        + " last_made = CASE WHEN excluded.last_made > images.last_made"
                        + " THEN excluded.last_made ELSE images.last_made END"
                        + " RETURNING id")) {
            upsert.setLong(1, lineageId);
            upsert.setString(2, image.name());
            upsert.setString(3, image.tag().orElse(""));
            upsert.setString(4, image.digest().orElse(""));
            upsert.setLong(5, made);
            upsert.setLong(6, made);
            try (ResultSet row = upsert.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** The ids of the findings' vulnerabilities, in report order: those the store holds, and the others added. */
    private long[] vulnerabilityIds(Connection connection, List<byte[]> encodings) throws SQLException {
        List<String> keys = new ArrayList<>(encodings.size());
        Map<String, byte[]> hashes = new TreeMap<>();
        Map<String, byte[]> bodies = new HashMap<>();
        for (byte[] encoding : encodings) {
            byte[] hash = ReportCodec.hash(encoding);
            String key = HexFormat.of().formatHex(hash);
            keys.add(key);
            hashes.putIfAbsent(key, hash);
            bodies.putIfAbsent(key, encoding);
        }
        String select = "SELECT id, hash FROM vulnerabilities WHERE hash IN (%s)";
        Map<String, Long> ids = idsByHash(connection, select, List.of(), hashes.values());
        List<String> missing =
                hashes.keySet().stream().filter(k -> !ids.containsKey(k)).toList();
        // Vulnerabilities are shared by every lineage, so a writer of another lineage may be adding
        // the same one: do nothing on a conflict, and read the ids of those it added.
        insertRows(
                connection,
                "INSERT INTO vulnerabilities (hash, body) VALUES %s ON CONFLICT (hash) DO NOTHING"
                        + " RETURNING id, hash",
                2,
                missing,
                (insert, index, key) -> {
                    insert.setBytes(index, hashes.get(key));
                    insert.setBytes(index + 1, bodies.get(key));
                },
                ids);
        List<String> raced = missing.stream().filter(k -> !ids.containsKey(k)).toList();
        if (!raced.isEmpty()) {
            ids.putAll(idsByHash(
                    connection,
                    select,
                    List.of(),
                    raced.stream().map(hashes::get).toList()));
        }
        return inOrder(keys, ids, "vulnerability");
    }

    /** The ids of the rest of the findings, in report order: those the lineage already holds, and the others added. */
    private long[] findingIds(Connection connection, long lineageId, List<byte[]> rests) throws SQLException {
        List<String> keys = new ArrayList<>(rests.size());
        Map<String, byte[]> hashes = new LinkedHashMap<>();
        Map<String, byte[]> bodies = new HashMap<>();
        for (byte[] rest : rests) {
            byte[] hash = ReportCodec.hash(rest);
            String key = HexFormat.of().formatHex(hash);
            keys.add(key);
            hashes.putIfAbsent(key, hash);
            bodies.putIfAbsent(key, rest);
        }
        Map<String, Long> ids = idsByHash(
                connection,
                "SELECT id, hash FROM findings WHERE lineage_id = ? AND hash IN (%s)",
                List.of(lineageId),
                hashes.values());
        List<String> missing =
                hashes.keySet().stream().filter(k -> !ids.containsKey(k)).toList();
        // The store holds the lineage's lock: no other writer adds findings of this lineage.
        insertRows(
                connection,
                "INSERT INTO findings (lineage_id, hash, body) VALUES %s RETURNING id, hash",
                3,
                missing,
                (insert, index, key) -> {
                    insert.setLong(index, lineageId);
                    insert.setBytes(index + 1, hashes.get(key));
                    insert.setBytes(index + 2, bodies.get(key));
                },
                ids);
        return inOrder(keys, ids, "finding");
    }

    /** Binds one row's parameters from the given index on. */
    @FunctionalInterface
    private interface RowBinder {
        void bind(PreparedStatement statement, int index, String key) throws SQLException;
    }

    /** Inserts rows many to a statement, and notes the ids the statement returns by hash. */
    private void insertRows(
            Connection connection, String sql, int columns, List<String> keys, RowBinder binder, Map<String, Long> ids)
            throws SQLException {
        int rows = dialect.maxParameters() / columns;
        for (int from = 0; from < keys.size(); from += rows) {
            List<String> part = keys.subList(from, Math.min(keys.size(), from + rows));
            try (PreparedStatement insert =
                    connection.prepareStatement(String.format(sql, rows(part.size(), columns)))) {
                int index = 1;
                for (String key : part) {
                    binder.bind(insert, index, key);
                    index += columns;
                }
                try (ResultSet added = insert.executeQuery()) {
                    while (added.next()) {
                        ids.put(HexFormat.of().formatHex(added.getBytes(2)), added.getLong(1));
                    }
                }
            }
        }
    }

    private Map<String, Long> idsByHash(Connection connection, String sql, List<Long> before, Collection<byte[]> hashes)
            throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        List<byte[]> all = List.copyOf(hashes);
        int chunk = dialect.maxParameters() - before.size();
        for (int from = 0; from < all.size(); from += chunk) {
            List<byte[]> part = all.subList(from, Math.min(all.size(), from + chunk));
            try (PreparedStatement select = connection.prepareStatement(String.format(sql, marks(part.size())))) {
                int index = 1;
                for (long value : before) {
                    select.setLong(index++, value);
                }
                for (byte[] hash : part) {
                    select.setBytes(index++, hash);
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.put(HexFormat.of().formatHex(rows.getBytes(2)), rows.getLong(1));
                    }
                }
            }
        }
        return ids;
    }

    private static long[] inOrder(List<String> keys, Map<String, Long> ids, String what) throws SQLException {
        long[] result = new long[keys.size()];
        for (int i = 0; i < result.length; i++) {
            Long id = ids.get(keys.get(i));
            if (id == null) {
                throw new SQLException("a " + what + " just added cannot be found again");
            }
            result[i] = id;
        }
        return result;
    }

    private static long insertReport(
            Connection connection,
            ReportCodec.Parts parts,
            long lineageId,
            long imageId,
            ImageRef image,
            ScanReport report,
            long made,
            long recordedAt,
            String recordedBy,
            byte[] envelope)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO reports (content_hash, lineage_id,"
                + " image_id, kind, scanner, scanner_version, made_at, scanned_at, database_built_at,"
                + " base_image, recorded_at, recorded_by, finding_count, envelope)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            insert.setBytes(1, hashBytes(parts.contentHash()));
            insert.setLong(2, lineageId);
            insert.setLong(3, imageId);
            insert.setString(4, report.kind().key());
            insert.setString(5, text(report.scanner().name()));
            setText(insert, 6, report.scanner().version());
            insert.setLong(7, made);
            setInstant(insert, 8, report.scannedAt());
            setInstant(insert, 9, report.databaseBuiltAt());
            setText(
                    insert,
                    10,
                    report.image()
                            .baseImage()
                            .map(b -> b.name() + b.digest().map(d -> "@" + d).orElse("")));
            insert.setLong(11, recordedAt);
            insert.setString(12, text(recordedBy));
            insert.setLong(13, report.findings().size());
            insert.setBytes(14, envelope);
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** One vulnerability in one package, as the clock facts are keyed. */
    private record FactKey(String vulnerability, String pkg) implements Comparable<FactKey> {
        private static final Comparator<FactKey> ORDER =
                Comparator.comparing(FactKey::vulnerability).thenComparing(FactKey::pkg);

        @Override
        public int compareTo(FactKey other) {
            return ORDER.compare(this, other);
        }
    }

    /** The first finding of a report under a key, and whether any of them offered a fix. */
    private static final class Sighting {
        final long findingId;
        final long vulnerabilityId;
        boolean fixable;

        Sighting(long findingId, long vulnerabilityId) {
            this.findingId = findingId;
            this.vulnerabilityId = vulnerabilityId;
        }
    }

    private static void upsertFacts(
            Connection connection,
            int maxParameters,
            long lineageId,
            long reportId,
            long made,
            List<Finding> findings,
            long[] ids,
            long[] vulnerabilityIds)
            throws SQLException {
        // Sorted, so that two writers of one lineage on a database that does not serialise them
        // would take the rows' locks in one order.
        Map<FactKey, Sighting> sightings = new TreeMap<>();
        for (int i = 0; i < findings.size(); i++) {
            Finding finding = findings.get(i);
            FactKey key = new FactKey(
                    text(PackageKey.vulnerability(finding.vulnerability().id())), text(PackageKey.of(finding.pkg())));
            long findingId = ids[i];
            long vulnerabilityId = vulnerabilityIds[i];
            Sighting sighting = sightings.computeIfAbsent(key, k -> new Sighting(findingId, vulnerabilityId));
            sighting.fixable |= finding.fix().isAvailable();
        }
        List<Map.Entry<FactKey, Sighting>> all = new ArrayList<>(sightings.entrySet());
        int rows = maxParameters / 13;
        for (int from = 0; from < all.size(); from += rows) {
            List<Map.Entry<FactKey, Sighting>> part = all.subList(from, Math.min(all.size(), from + rows));
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO lineage_findings (lineage_id,"
                    + " vulnerability, package, first_seen, first_report, first_finding, first_vulnerability,"
                    + " fix_seen, fix_report, last_seen, last_report, last_finding, last_vulnerability) VALUES "
                    + rows(part.size(), 13)
                    + " ON CONFLICT (lineage_id, vulnerability, package) DO UPDATE SET"
                    + earlier("first_seen", "first_seen") + ","
                    + earlier("first_seen", "first_report") + ","
                    + earlier("first_seen", "first_finding") + ","
                    + earlier("first_seen", "first_vulnerability") + ","
                    + " fix_seen = CASE WHEN " + earlierFix()
                    + " THEN excluded.fix_seen ELSE lineage_findings.fix_seen END,"
                    + " fix_report = CASE WHEN " + earlierFix()
                    + " THEN excluded.fix_report ELSE lineage_findings.fix_report END,"
                    + later("last_seen") + ","
                    + later("last_report") + ","
                    + later("last_finding") + ","
                    + later("last_vulnerability"))) {
                int index = 1;
                for (Map.Entry<FactKey, Sighting> entry : part) {
                    Sighting sighting = entry.getValue();
                    upsert.setLong(index++, lineageId);
                    upsert.setString(index++, entry.getKey().vulnerability());
                    upsert.setString(index++, entry.getKey().pkg());
                    upsert.setLong(index++, made);
                    upsert.setLong(index++, reportId);
                    upsert.setLong(index++, sighting.findingId);
                    upsert.setLong(index++, sighting.vulnerabilityId);
                    if (sighting.fixable) {
                        upsert.setLong(index++, made);
                        upsert.setLong(index++, reportId);
                    } else {
                        upsert.setNull(index++, Types.BIGINT);
                        upsert.setNull(index++, Types.BIGINT);
                    }
                    upsert.setLong(index++, made);
                    upsert.setLong(index++, reportId);
                    upsert.setLong(index++, sighting.findingId);
                    upsert.setLong(index++, sighting.vulnerabilityId);
                }
                upsert.executeUpdate();
            }
        }
    }

    /** {@code (?, ?), (?, ?)}: the placeholders of a multi-row VALUES. */
    static String rows(int rows, int columns) {
        String row = "(" + marks(columns) + ")";
        return String.join(", ", java.util.Collections.nCopies(rows, row));
    }

    private static String earlier(String instant, String column) {
        return " " + column + " = CASE WHEN excluded." + instant + " < lineage_findings." + instant + " THEN excluded."
                + column + " ELSE lineage_findings." + column + " END";
    }

    private static String earlierFix() {
        return "excluded.fix_seen IS NOT NULL AND (lineage_findings.fix_seen IS NULL"
                + " OR excluded.fix_seen < lineage_findings.fix_seen)";
    }

    private static String later(String column) {
        return " " + column + " = CASE WHEN excluded.last_seen >= lineage_findings.last_seen THEN excluded." + column
                + " ELSE lineage_findings." + column + " END";
    }

    // ---- tags and verdicts ----

    @Override
    public TagObservation observeTag(ImageRef reference, String digest, Instant observedAt, String observedBy) {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(observedAt, "observedAt");
        Objects.requireNonNull(observedBy, "observedBy");
        ImageRef tag = tagOf(reference);
        try {
            tag.withDigest(digest);
        } catch (IllegalArgumentException e) {
            throw new HistoryException(
                    Reason.BAD_INPUT,
                    "cannot record that " + tag + " points at \"" + digest + "\": " + e.getMessage(),
                    e);
        }
        long at = nanos(observedAt, "the instant it was observed");
        return write("record that " + tag + " points at " + digest, connection -> {
            dialect.lock(connection, "tag/" + tag);
            Optional<TagRow> current = tagRow(connection, tag, "first_seen <= ? ORDER BY first_seen DESC, id DESC", at);
            if (current.isPresent() && current.get().digest.equals(digest)) {
                TagRow row = current.get();
                if (at > row.lastSeen) {
                    updateTag(connection, row.id, "last_seen", at);
                    row = new TagRow(row.id, row.digest, row.firstSeen, at, row.observedBy);
                }
                return row.toObservation(tag);
            }
            Optional<TagRow> next = tagRow(connection, tag, "first_seen > ? ORDER BY first_seen ASC, id ASC", at);
            if (next.isPresent() && next.get().digest.equals(digest)) {
                // Seen there before the first sighting the store had: the move happened earlier.
                TagRow row = next.get();
                updateTag(connection, row.id, "first_seen", at);
                return new TagRow(row.id, row.digest, at, row.lastSeen, row.observedBy).toObservation(tag);
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO tag_observations (name, tag,"
                    + " digest, first_seen, last_seen, observed_by) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, tag.name());
                insert.setString(2, tag.tag().orElseThrow());
                insert.setString(3, digest);
                insert.setLong(4, at);
                insert.setLong(5, at);
                insert.setString(6, text(observedBy));
                insert.executeUpdate();
            }
            return new TagObservation(tag, digest, observedAt, observedAt, observedBy);
        });
    }

    /** A tag's reference without a digest; a reference without a tag means {@code latest}, as for a pull. */
    private static ImageRef tagOf(ImageRef reference) {
        return new ImageRef(
                reference.registry(),
                reference.repository(),
                Optional.of(reference.tag().orElse("latest")),
                Optional.empty());
    }

    private record TagRow(long id, String digest, long firstSeen, long lastSeen, String observedBy) {
        TagObservation toObservation(ImageRef tag) {
            return new TagObservation(tag, digest, instant(firstSeen), instant(lastSeen), observedBy);
        }
    }

    private static Optional<TagRow> tagRow(Connection connection, ImageRef tag, String condition, long at)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id, digest, first_seen, last_seen,"
                + " observed_by FROM tag_observations WHERE name = ? AND tag = ? AND " + condition + " LIMIT 1")) {
            select.setString(1, tag.name());
            select.setString(2, tag.tag().orElseThrow());
            select.setLong(3, at);
            try (ResultSet row = select.executeQuery()) {
                return row.next()
                        ? Optional.of(new TagRow(
                                row.getLong(1), row.getString(2), row.getLong(3), row.getLong(4), row.getString(5)))
                        : Optional.empty();
            }
        }
    }

    private static void updateTag(Connection connection, long id, String column, long at) throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE tag_observations SET " + column + " = ? WHERE id = ?")) {
            update.setLong(1, at);
            update.setLong(2, id);
            update.executeUpdate();
        }
    }

    @Override
    public Optional<TagObservation> tag(ImageRef reference) {
        Objects.requireNonNull(reference, "reference");
        ImageRef tag = tagOf(reference);
        return read(
                "read the observations of " + tag,
                connection -> tagRow(
                                connection,
                                tag,
                                "first_seen <= ? ORDER BY first_seen DESC, last_seen DESC, id DESC",
                                Long.MAX_VALUE)
                        .map(row -> row.toObservation(tag)));
    }

    @Override
    public void recordVerdict(IssuedVerdict verdict) {
        Objects.requireNonNull(verdict, "verdict");
        String lineage = lineageName(verdict.image());
        long at = nanos(verdict.at(), "the instant it was issued at");
        Optional<Long> next = verdict.nextChange().map(n -> nanos(n, "its next change"));
        write("record the " + verdict.stage() + " verdict on " + verdict.image(), connection -> {
            long lineageId = lineageId(connection, lineage);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO verdicts (lineage_id, image_ref,"
                    + " stage, outcome, at, next_change, next_change_reason) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (image_ref, stage, at, outcome) DO NOTHING")) {
                insert.setLong(1, lineageId);
                insert.setString(2, verdict.image().toString());
                insert.setString(3, text(verdict.stage().toString()));
                insert.setString(4, verdict.outcome());
                insert.setLong(5, at);
                if (next.isPresent()) {
                    insert.setLong(6, next.get());
                } else {
                    insert.setNull(6, Types.BIGINT);
                }
                setText(insert, 7, verdict.nextChangeReason());
                insert.executeUpdate();
            }
            return null;
        });
    }

    // ---- reading ----

    @Override
    public Optional<ImageRecord> imageRecord(ImageRef image, Instant at) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(at, "at");
        long until = nanosClamped(at);
        String lineage = lineageName(image);
        return read("read the record of " + image, connection -> {
            List<Long> imageIds = Reads.imageIds(connection, image, until);
            if (imageIds.isEmpty()) {
                return Optional.empty();
            }
            List<ScanReport> reports = Reads.latestReports(connection, dialect, imageIds, until);
            if (reports.isEmpty()) {
                return Optional.empty();
            }
            Lineage history = Reads.lineage(connection, dialect, lineage, until);
            ImageRecord record = ImageRecord.builder()
                    .reports(reports)
                    .sameImage()
                    .lineage(history)
                    .build();
            if (record.image().ref().isEmpty()) {
                record = record.withImage(record.image().toBuilder().ref(image).build());
            }
            return Optional.of(record);
        });
    }

    @Override
    public Lineage lineage(String lineage, Instant at) {
        Objects.requireNonNull(lineage, "lineage");
        Objects.requireNonNull(at, "at");
        if (lineage.isBlank()) {
            throw new HistoryException(Reason.BAD_INPUT, "a lineage needs a name");
        }
        long until = nanosClamped(at);
        return read("read lineage " + lineage, connection -> Reads.lineage(connection, dialect, lineage, until));
    }

    @Override
    public String lineageOf(ImageRef image) {
        return lineageName(Objects.requireNonNull(image, "image"));
    }

    @Override
    public Optional<Timeline> timeline(String subject) {
        Objects.requireNonNull(subject, "subject");
        return read(
                "read the timeline of " + subject, connection -> Timelines.of(connection, dialect, lineages, subject));
    }

    @Override
    public List<ImageRef> images(String lineage) {
        Objects.requireNonNull(lineage, "lineage");
        return read("list the images of lineage " + lineage, connection -> Reads.images(connection, lineage));
    }

    @Override
    public Compaction compact(Retention retention, Instant now) {
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(now, "now");
        return Compactor.compact(this, retention, now);
    }

    @Override
    public void close() {
        pool.close();
    }

    // ---- transactions ----

    /** Work done in one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    <T> T write(String doing, Work<T> work) {
        return transaction(doing, true, work);
    }

    <T> T read(String doing, Work<T> work) {
        return transaction(doing, false, work);
    }

    Dialect dialect() {
        return dialect;
    }

    /** Work that must run outside a transaction (SQLite's VACUUM), on a connection of the store's. */
    <T> T outsideTransaction(String doing, Work<T> work) {
        Connection connection;
        try {
            connection = pool.borrow();
        } catch (SQLException e) {
            throw dialect.classify(e).toException(doing, dialect.describe(), e);
        }
        boolean broken = true;
        try {
            T result = work.run(connection);
            broken = false;
            return result;
        } catch (SQLException e) {
            Failure failure = dialect.classify(e);
            broken = failure.connectionBroken();
            throw failure.toException(doing, dialect.describe(), e);
        } finally {
            pool.release(connection, broken);
        }
    }

    private <T> T transaction(String doing, boolean write, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            Connection connection;
            try {
                connection = pool.borrow();
            } catch (SQLException e) {
                throw dialect.classify(e).toException(doing, dialect.describe(), e);
            }
            boolean broken = true;
            try {
                dialect.begin(connection, write);
                T result = work.run(connection);
                dialect.commit(connection);
                broken = false;
                return result;
            } catch (SQLException e) {
                Failure failure = dialect.classify(e);
                broken = failure.connectionBroken() || !rollback(connection);
                if (failure.transientFailure() && attempt < ATTEMPTS) {
                    pause(attempt, doing);
                    continue;
                }
                throw failure.toException(doing, dialect.describe(), e);
            } catch (CorruptRecordException e) {
                broken = !rollback(connection);
                Reason reason = e instanceof ReportCodec.UnknownFormatException ? Reason.NEWER_SCHEMA : Reason.FAILED;
                throw new HistoryException(
                        reason,
                        "cannot " + doing + " in " + dialect.describe() + ": a recorded report is "
                                + (reason == Reason.NEWER_SCHEMA ? "" : "damaged: ") + e.getMessage(),
                        e);
            } catch (RuntimeException | Error e) {
                broken = !rollback(connection);
                throw e;
            } finally {
                pool.release(connection, broken);
            }
        }
    }

    /** @return whether the connection is fit for use again */
    private boolean rollback(Connection connection) {
        try {
            dialect.rollback(connection);
            return true;
        } catch (SQLException e) {
            // SQLite's "no transaction is active" after a failed BEGIN; anything else: throw it away.
            return e.getMessage() != null && e.getMessage().contains("no transaction is active");
        }
    }

    private static void pause(int attempt, String doing) {
        try {
            Thread.sleep(Math.min(250, 5L * attempt * attempt) + (long) (Math.random() * 10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HistoryException(Reason.FAILED, "interrupted while waiting to " + doing, e);
        }
    }

    // ---- values ----

    /** Text the databases store alike: PostgreSQL refuses U+0000 in text, so both keep U+FFFD instead. */
    static String text(String value) {
        return value.indexOf('\0') < 0 ? value : value.replace('\0', '\uFFFD');
    }

    private static void setText(PreparedStatement statement, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            statement.setString(index, text(value.get()));
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    private static void setInstant(PreparedStatement statement, int index, Optional<Instant> value)
            throws SQLException {
        Optional<Long> nanos = value.flatMap(JdbcHistoryStore::nanosIfRepresentable);
        if (nanos.isPresent()) {
            statement.setLong(index, nanos.get());
        } else {
            statement.setNull(index, Types.BIGINT);
        }
    }

    /** A content hash as the store keeps it: the 32 bytes of {@code sha256:HEX}. */
    static byte[] hashBytes(String contentHash) {
        return HexFormat.of().parseHex(contentHash.substring("sha256:".length()));
    }

    /** A content hash as {@link Recorded#id()} and {@link RecordedScan#id()} give it. */
    static String hashText(byte[] contentHash) {
        return "sha256:" + HexFormat.of().formatHex(contentHash);
    }

    static String marks(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    /** An instant as the store keeps it: nanoseconds since the epoch, from 1677 to 2262. */
    static long nanos(Instant instant, String what) {
        return nanosIfRepresentable(instant)
                .orElseThrow(() -> new HistoryException(
                        Reason.BAD_INPUT,
                        what + " (" + instant + ") is outside the years the store can order (1678 to 2261)"));
    }

    private static Optional<Long> nanosIfRepresentable(Instant instant) {
        try {
            return Optional.of(
                    Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano()));
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** An instant to compare with, for views: those beyond the store's years mean "before everything" or "after everything". */
    static long nanosClamped(Instant instant) {
        return nanosIfRepresentable(instant).orElse(instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE);
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    static RecordedScan recordedScan(
            String id, String lineage, String image, String scanner, String scannerVersion, long made) {
        return new RecordedScan(
                id, lineage, image, new ScannerTool(scanner, Optional.ofNullable(scannerVersion)), instant(made));
    }
}
