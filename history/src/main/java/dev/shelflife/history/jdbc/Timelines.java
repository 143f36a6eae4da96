package dev.shelflife.history.jdbc;

import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.ImageRef;
import dev.shelflife.Stage;
import dev.shelflife.history.IssuedVerdict;
import dev.shelflife.history.LineageRule;
import dev.shelflife.history.TagObservation;
import dev.shelflife.history.Timeline;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The timeline of a lineage or of one image. The subject is a lineage when a lineage of that name
 * is recorded, or when it is a reference without tag or digest ({@code ghcr.io/acme/shop-api}); an
 * image when it has a tag or a digest, resolved as {@link dev.shelflife.history.HistoryStore#imageRecord}
 * resolves it (with no instant: as of now).
 *
 * <p>A lineage's finding spans come from its clock facts alone (first sighting, first fix, last
 * sighting); an image's from the reports of the image the store still holds whole, with the
 * lineage's first sighting and first fix, since those are what the clocks count from. A finding
 * is gone since the first later scan by the scanner of its last sighting (of the lineage, or of
 * the image) — after compaction, the first such scan the store still holds.
 */
final class Timelines {

    private Timelines() {}

    static Optional<Timeline> of(Connection connection, Dialect dialect, LineageRule rule, String subject)
            throws SQLException {
        Optional<Long> lineageId = lineageId(connection, subject);
        String lineage = subject;
        Set<Long> imageIds = null;
        if (lineageId.isEmpty()) {
            ImageRef ref;
            try {
                ref = ImageRef.parse(subject);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            if (ref.tag().isEmpty() && ref.digest().isEmpty()) {
                lineage = rule.lineageOf(ref);
                lineageId = lineageId(connection, lineage).or(() -> Optional.empty());
                if (lineageId.isEmpty()) {
                    lineage = ref.name();
                    lineageId = lineageId(connection, lineage);
                }
            } else {
                imageIds = new LinkedHashSet<>(Reads.imageIds(connection, ref, Long.MAX_VALUE));
                if (imageIds.isEmpty()) {
                    return Optional.empty();
                }
                long first = imageIds.iterator().next();
                lineageId = lineageOfImage(connection, first);
                lineage = lineageName(connection, lineageId.orElseThrow());
            }
        }
        if (lineageId.isEmpty()) {
            return Optional.empty();
        }
        long id = lineageId.get();
        List<ImageRow> images = images(connection, id, imageIds);
        List<ScanRow> scans = scans(connection, id, imageIds, lineage);
        if (images.isEmpty() && scans.isEmpty()) {
            return Optional.empty();
        }
        List<Timeline.FindingSpan> findings = imageIds == null
                ? lineageSpans(connection, dialect, id, scans)
                : imageSpans(connection, dialect, id, imageIds, scans);
        List<TagObservation> tags = tags(connection, images, scans);
        List<IssuedVerdict> verdicts = verdicts(connection, id, images, imageIds != null);
        return Optional.of(new Timeline(
                subject,
                lineage,
                images.stream().map(ImageRow::ref).toList(),
                scans.stream().map(ScanRow::scan).toList(),
                findings,
                tags,
                verdicts));
    }

    private static Optional<Long> lineageId(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM lineages WHERE name = ?")) {
            select.setString(1, JdbcHistoryStore.text(name));
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        }
    }

    private static Optional<Long> lineageOfImage(Connection connection, long imageId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT lineage_id FROM images WHERE id = ?")) {
            select.setLong(1, imageId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        }
    }

    private static String lineageName(Connection connection, long id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT name FROM lineages WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private record ImageRow(long id, ImageRef ref) {}

    private static List<ImageRow> images(Connection connection, long lineageId, Set<Long> only) throws SQLException {
        List<ImageRow> images = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, name, tag, digest FROM images WHERE lineage_id = ? ORDER BY first_made, id")) {
            select.setLong(1, lineageId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (only == null || only.contains(rows.getLong(1))) {
                        images.add(new ImageRow(
                                rows.getLong(1), Reads.ref(rows.getString(2), rows.getString(3), rows.getString(4))));
                    }
                }
            }
        }
        return images;
    }

    /** A recorded report as the timeline lists it, with what the spans need. */
    private record ScanRow(
            long id, long imageId, long made, String scanner, boolean whole, String baseImage, Timeline.Scan scan) {}

    private static List<ScanRow> scans(Connection connection, long lineageId, Set<Long> only, String lineage)
            throws SQLException {
        List<ScanRow> scans = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT r.id, r.image_id, r.content_hash,"
                + " r.kind, r.scanner, r.scanner_version, r.made_at, r.finding_count, r.envelope IS NOT NULL,"
                + " r.base_image, i.name, i.tag, i.digest FROM reports r JOIN images i ON i.id = r.image_id"
                + " WHERE r.lineage_id = ? ORDER BY r.made_at, r.id")) {
            select.setLong(1, lineageId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long imageId = rows.getLong(2);
                    if (only != null && !only.contains(imageId)) {
                        continue;
                    }
                    long made = rows.getLong(7);
                    Timeline.Scan scan = new Timeline.Scan(
                            JdbcHistoryStore.recordedScan(
                                    JdbcHistoryStore.hashText(rows.getBytes(3)),
                                    lineage,
                                    Reads.ref(rows.getString(11), rows.getString(12), rows.getString(13))
                                            .toString(),
                                    rows.getString(5),
                                    rows.getString(6),
                                    made),
                            EvidenceKind.valueOf(rows.getString(4).toUpperCase(Locale.ROOT)),
                            (int) rows.getLong(8));
                    scans.add(new ScanRow(
                            rows.getLong(1),
                            imageId,
                            made,
                            rows.getString(5),
                            rows.getBoolean(9),
                            rows.getString(10),
                            scan));
                }
            }
        }
        return scans;
    }

    private static List<Timeline.FindingSpan> lineageSpans(
            Connection connection, Dialect dialect, long lineageId, List<ScanRow> scans) throws SQLException {
        Map<Long, ScanRow> byId = new HashMap<>();
        scans.forEach(scan -> byId.put(scan.id(), scan));
        List<SpanRow> rows = new ArrayList<>();
        Set<Reads.Pair> bodies = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT first_seen, fix_seen, last_seen,"
                + " last_report, first_finding, first_vulnerability, last_finding, last_vulnerability"
                + " FROM lineage_findings WHERE lineage_id = ?")) {
            select.setLong(1, lineageId);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    long fix = result.getLong(2);
                    Optional<Long> fixSeen = result.wasNull() ? Optional.empty() : Optional.of(fix);
                    SpanRow row = new SpanRow(
                            result.getLong(1),
                            fixSeen,
                            result.getLong(3),
                            result.getLong(4),
                            new Reads.Pair(result.getLong(5), result.getLong(6)),
                            new Reads.Pair(result.getLong(7), result.getLong(8)));
                    rows.add(row);
                    bodies.add(row.firstFinding());
                    bodies.add(row.lastFinding());
                }
            }
        }
        Map<Reads.Pair, Finding> findings = Reads.findings(connection, dialect, bodies);
        List<Timeline.FindingSpan> spans = new ArrayList<>();
        for (SpanRow row : rows) {
            ScanRow last = byId.get(row.lastReport());
            Optional<Long> gone =
                    last == null ? Optional.empty() : goneSince(scans, last.scanner(), row.lastSeen(), null);
            spans.add(span(
                    findings.get(row.firstFinding()),
                    findings.get(row.lastFinding()),
                    row.firstSeen(),
                    row.fixSeen(),
                    row.lastSeen(),
                    gone));
        }
        spans.sort(SPAN_ORDER);
        return spans;
    }

    private record SpanRow(
            long firstSeen,
            Optional<Long> fixSeen,
            long lastSeen,
            long lastReport,
            Reads.Pair firstFinding,
            Reads.Pair lastFinding) {}

    private static final Comparator<Timeline.FindingSpan> SPAN_ORDER = Comparator.comparing(
                    Timeline.FindingSpan::firstSeen)
            .thenComparing(Timeline.FindingSpan::vulnerabilityId)
            .thenComparing(span -> span.pkg().name());

    private static Timeline.FindingSpan span(
            Finding first, Finding last, long firstSeen, Optional<Long> fixSeen, long lastSeen, Optional<Long> gone) {
        return new Timeline.FindingSpan(
                first.vulnerability().id(),
                last.pkg(),
                last.severity(),
                JdbcHistoryStore.instant(firstSeen),
                fixSeen.map(JdbcHistoryStore::instant),
                JdbcHistoryStore.instant(lastSeen),
                gone.map(JdbcHistoryStore::instant));
    }

    /** The first scan by the scanner after the instant, of the image rows given (or any). */
    private static Optional<Long> goneSince(List<ScanRow> scans, String scanner, long after, Set<Long> imageIds) {
        for (ScanRow scan : scans) {
            if (scan.made() > after
                    && scan.scan().kind() == EvidenceKind.SCAN
                    && scan.scanner().equals(scanner)
                    && (imageIds == null || imageIds.contains(scan.imageId()))) {
                return Optional.of(scan.made());
            }
        }
        return Optional.empty();
    }

    private static List<Timeline.FindingSpan> imageSpans(
            Connection connection, Dialect dialect, long lineageId, Set<Long> imageIds, List<ScanRow> scans)
            throws SQLException {
        // The image's scans the store holds whole, with their findings.
        List<ScanRow> whole = new ArrayList<>();
        List<byte[]> envelopes = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, envelope FROM reports"
                + " WHERE lineage_id = ? AND kind = 'scan' AND envelope IS NOT NULL ORDER BY made_at, id")) {
            select.setLong(1, lineageId);
            try (ResultSet rows = select.executeQuery()) {
                Map<Long, ScanRow> byId = new HashMap<>();
                scans.forEach(scan -> byId.put(scan.id(), scan));
                while (rows.next()) {
                    ScanRow scan = byId.get(rows.getLong(1));
                    if (scan != null) {
                        whole.add(scan);
                        envelopes.add(rows.getBytes(2));
                    }
                }
            }
        }
        List<dev.shelflife.ScanReport> reports = Reads.reports(connection, dialect, envelopes);
        Map<String, Finding> firstOf = new TreeMap<>();
        Map<String, Finding> lastOf = new HashMap<>();
        Map<String, Long> lastSeen = new HashMap<>();
        Map<String, String> lastScanner = new HashMap<>();
        for (int i = 0; i < whole.size(); i++) {
            ScanRow scan = whole.get(i);
            for (Finding finding : reports.get(i).findings()) {
                String key = key(finding);
                firstOf.putIfAbsent(key, finding);
                lastOf.put(key, finding);
                lastSeen.put(key, scan.made());
                lastScanner.put(key, scan.scanner());
            }
        }
        Map<String, long[]> facts = facts(connection, lineageId);
        List<Timeline.FindingSpan> spans = new ArrayList<>();
        for (Map.Entry<String, Finding> entry : firstOf.entrySet()) {
            String key = entry.getKey();
            long[] fact = facts.get(key);
            long seen = lastSeen.get(key);
            long firstSeen = fact != null ? fact[0] : seen;
            Optional<Long> fix = fact != null && fact[1] != Long.MIN_VALUE ? Optional.of(fact[1]) : Optional.empty();
            spans.add(span(
                    entry.getValue(),
                    lastOf.get(key),
                    firstSeen,
                    fix,
                    seen,
                    goneSince(scans, lastScanner.get(key), seen, imageIds)));
        }
        spans.sort(SPAN_ORDER);
        return spans;
    }

    private static String key(Finding finding) {
        return JdbcHistoryStore.text(
                        PackageKey.vulnerability(finding.vulnerability().id())) + "\n"
                + JdbcHistoryStore.text(PackageKey.of(finding.pkg()));
    }

    /** The lineage's first sighting and first fix per key; {@code Long.MIN_VALUE} for no fix. */
    private static Map<String, long[]> facts(Connection connection, long lineageId) throws SQLException {
        Map<String, long[]> facts = new HashMap<>();
        try (PreparedStatement select =
                connection.prepareStatement("SELECT vulnerability, package, first_seen, fix_seen"
                        + " FROM lineage_findings WHERE lineage_id = ?")) {
            select.setLong(1, lineageId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long first = rows.getLong(3);
                    long fix = rows.getLong(4);
                    facts.put(
                            rows.getString(1) + "\n" + rows.getString(2),
                            new long[] {first, rows.wasNull() ? Long.MIN_VALUE : fix});
                }
            }
        }
        return facts;
    }

    /** The observations of the images' tags and of their base images' tags, oldest first. */
    private static List<TagObservation> tags(Connection connection, List<ImageRow> images, List<ScanRow> scans)
            throws SQLException {
        Set<ImageRef> tags = new LinkedHashSet<>();
        for (ImageRow image : images) {
            if (image.ref().tag().isPresent()) {
                tags.add(tagOf(image.ref()));
            }
        }
        for (ScanRow scan : scans) {
            if (scan.baseImage() != null) {
                try {
                    ImageRef base = ImageRef.parse(scan.baseImage());
                    tags.add(tagOf(base));
                } catch (IllegalArgumentException e) {
                    // A base image name that is not a reference has no tag to follow.
                }
            }
        }
        List<TagObservation> observations = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT digest, first_seen, last_seen, observed_by"
                + " FROM tag_observations WHERE name = ? AND tag = ? ORDER BY first_seen, id")) {
            for (ImageRef tag : tags) {
                select.setString(1, tag.name());
                select.setString(2, tag.tag().orElseThrow());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        observations.add(new TagObservation(
                                tag,
                                rows.getString(1),
                                JdbcHistoryStore.instant(rows.getLong(2)),
                                JdbcHistoryStore.instant(rows.getLong(3)),
                                rows.getString(4)));
                    }
                }
            }
        }
        observations.sort(Comparator.comparing(TagObservation::firstSeen)
                .thenComparing(o -> o.reference().toString()));
        return observations;
    }

    private static ImageRef tagOf(ImageRef ref) {
        return new ImageRef(
                ref.registry(), ref.repository(), Optional.of(ref.tag().orElse("latest")), Optional.empty());
    }

    private static List<IssuedVerdict> verdicts(
            Connection connection, long lineageId, List<ImageRow> images, boolean imageOnly) throws SQLException {
        Set<String> digests = new HashSet<>();
        Set<String> tags = new HashSet<>();
        for (ImageRow image : images) {
            image.ref().digest().ifPresent(digests::add);
            image.ref().tag().ifPresent(tag -> tags.add(image.ref().name() + ":" + tag));
        }
        List<IssuedVerdict> verdicts = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT image_ref, stage, outcome, at, next_change,"
                + " next_change_reason FROM verdicts WHERE lineage_id = ? ORDER BY at, id")) {
            select.setLong(1, lineageId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ImageRef image = ImageRef.parse(rows.getString(1));
                    boolean ofImage = image.digest()
                            .map(digests::contains)
                            .orElseGet(() -> image.tag()
                                    .map(tag -> tags.contains(image.name() + ":" + tag))
                                    .orElse(false));
                    if (imageOnly && !ofImage) {
                        continue;
                    }
                    long next = rows.getLong(5);
                    Optional<Instant> nextChange =
                            rows.wasNull() ? Optional.empty() : Optional.of(JdbcHistoryStore.instant(next));
                    verdicts.add(new IssuedVerdict(
                            image,
                            Stage.of(rows.getString(2)),
                            rows.getString(3),
                            JdbcHistoryStore.instant(rows.getLong(4)),
                            nextChange,
                            Optional.ofNullable(rows.getString(6))));
                }
            }
        }
        return verdicts;
    }
}
