package dev.shelflife.history.jdbc;

import dev.shelflife.Artifact;
import dev.shelflife.BaseImage;
import dev.shelflife.Component;
import dev.shelflife.Epss;
import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.IgnoreRule;
import dev.shelflife.Image;
import dev.shelflife.ImageRef;
import dev.shelflife.InstalledPackage;
import dev.shelflife.KnownExploited;
import dev.shelflife.Problem;
import dev.shelflife.Rating;
import dev.shelflife.ReportCounts;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportLocation;
import dev.shelflife.ReportSummary;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.VexStatement;
import dev.shelflife.Vulnerability;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The store's encoding of the report model: compact, deterministic, versioned, and exact — {@code
 * decode(encode(report)).equals(report)} for every report, because every part is written as the
 * model holds it and read back through the records' canonical constructors, never through builders
 * that would normalise.
 *
 * <p>A report is written as a <em>header</em> (everything but the findings) and its findings, each
 * encoded alone as its vulnerability and the rest (package, fix, target): the store keeps a
 * vulnerability once however many findings, images and lineages share it, the rest of a finding
 * once per lineage however many reports repeat it, and a report as its header and the ids of its
 * findings (an <em>envelope</em>). The <em>canonical
 * encoding</em> — the format version, the header, the number of findings and each finding in
 * report order — is what the content hash is computed over; it is never compressed, so the hash
 * does not depend on a compression library's version. Stored forms are deflated behind a version
 * byte and their inflated length.
 *
 * <p>Enums are written as codes fixed in this class, never as ordinals, so that reordering the
 * model's constants cannot change what stored bytes mean; a constant without a code cannot be
 * written ({@code ReportCodecTest} checks every constant has one). Maps are written sorted by key,
 * so that two equal reports encode alike whatever their maps' iteration order.
 */
final class ReportCodec {

    /** The format version written first in every encoding. */
    static final int VERSION = 1;

    /** The largest inflated record this codec reads: a guard against damaged lengths, far above any report. */
    private static final int MAX_INFLATED = 1 << 30;

    private static final Severity[] SEVERITIES = {
        Severity.UNKNOWN, Severity.NEGLIGIBLE, Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL
    };
    private static final FixState[] FIX_STATES = {
        FixState.FIXED,
        FixState.NOT_FIXED,
        FixState.WONT_FIX,
        FixState.NOT_AFFECTED,
        FixState.UNDER_INVESTIGATION,
        FixState.END_OF_LIFE,
        FixState.UNKNOWN
    };
    private static final EvidenceKind[] KINDS = {EvidenceKind.SCAN, EvidenceKind.INVENTORY, EvidenceKind.ASSESSMENT};
    private static final Artifact.Type[] ARTIFACT_TYPES = {
        Artifact.Type.CONTAINER_IMAGE,
        Artifact.Type.FILESYSTEM,
        Artifact.Type.REPOSITORY,
        Artifact.Type.CLUSTER,
        Artifact.Type.UNKNOWN
    };
    private static final Problem.Kind[] PROBLEM_KINDS = {
        Problem.Kind.SKIPPED_ENTRY,
        Problem.Kind.COERCED_VALUE,
        Problem.Kind.IGNORED_VALUE,
        Problem.Kind.IGNORED_BY_SCANNER,
        Problem.Kind.MISSING_VALUE
    };
    private static final VexStatement.State[] VEX_STATES = {
        VexStatement.State.RESOLVED,
        VexStatement.State.RESOLVED_WITH_PEDIGREE,
        VexStatement.State.EXPLOITABLE,
        VexStatement.State.IN_TRIAGE,
        VexStatement.State.FALSE_POSITIVE,
        VexStatement.State.NOT_AFFECTED,
        VexStatement.State.UNKNOWN
    };

    private ReportCodec() {}

    /**
     * A report split the way the store keeps it.
     *
     * @param header the header's encoding
     * @param vulnerabilities each finding's vulnerability's encoding, in report order
     * @param findings the rest of each finding (package, fix, target), in report order
     * @param contentHash {@code sha256:} and the hex SHA-256 of the canonical encoding
     */
    record Parts(byte[] header, List<byte[]> vulnerabilities, List<byte[]> findings, String contentHash) {}

    /**
     * The header and the ids of a report's findings, as an envelope holds them.
     *
     * @param header the header's encoding
     * @param findingIds the store's ids of the rest of each finding, in report order
     * @param vulnerabilityIds the store's ids of each finding's vulnerability, in report order
     */
    record Envelope(byte[] header, long[] findingIds, long[] vulnerabilityIds) {}

    static Parts split(ScanReport report) {
        BinaryWriter out = new BinaryWriter(1024);
        writeHeader(out, report);
        byte[] header = out.toByteArray();
        MessageDigest sha = sha256();
        sha.update((byte) VERSION);
        sha.update(header);
        out.reset();
        out.writeUnsigned(report.findings().size());
        sha.update(out.buffer(), 0, out.size());
        List<byte[]> vulnerabilities = new ArrayList<>(report.findings().size());
        List<byte[]> findings = new ArrayList<>(report.findings().size());
        for (Finding finding : report.findings()) {
            out.reset();
            writeVulnerability(out, finding.vulnerability());
            byte[] vulnerability = out.toByteArray();
            out.reset();
            writeRest(out, finding);
            byte[] rest = out.toByteArray();
            // The canonical encoding of a finding is its vulnerability's, then the rest.
            sha.update(vulnerability);
            sha.update(rest);
            vulnerabilities.add(vulnerability);
            findings.add(rest);
        }
        return new Parts(
                header, vulnerabilities, findings, "sha256:" + HexFormat.of().formatHex(sha.digest()));
    }

    /** The report, self-contained: version, inflated length, then the deflated header and findings. */
    static byte[] encode(ScanReport report) {
        BinaryWriter out = new BinaryWriter(4096);
        writeHeader(out, report);
        out.writeUnsigned(report.findings().size());
        for (Finding finding : report.findings()) {
            writeFinding(out, finding);
        }
        return deflate(out.buffer(), out.size());
    }

    static ScanReport decode(byte[] encoded) {
        byte[] raw = inflate(encoded);
        BinaryReader in = new BinaryReader(raw);
        ReportSummary header = readHeader(in);
        int count = in.readCount();
        List<Finding> findings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            findings.add(readFinding(in));
        }
        requireEnd(in);
        return report(header, findings);
    }

    static byte[] envelope(byte[] header, long[] findingIds, long[] vulnerabilityIds) {
        BinaryWriter out = new BinaryWriter(header.length + findingIds.length * 6 + 16);
        out.writeBytes(header, 0, header.length);
        out.writeUnsigned(findingIds.length);
        // Each id as the difference from the one before: a report's ids are close, and repeat across reports.
        long previous = 0;
        for (long id : findingIds) {
            out.writeSigned(id - previous);
            previous = id;
        }
        previous = 0;
        for (long id : vulnerabilityIds) {
            out.writeSigned(id - previous);
            previous = id;
        }
        return deflate(out.buffer(), out.size());
    }

    static Envelope openEnvelope(byte[] envelope) {
        byte[] raw = inflate(envelope);
        BinaryReader in = new BinaryReader(raw);
        readHeader(in);
        int headerEnd = in.position();
        int count = in.readCount();
        long[] findings = new long[count];
        long[] vulnerabilities = new long[count];
        long previous = 0;
        for (int i = 0; i < count; i++) {
            previous += in.readSigned();
            findings[i] = previous;
        }
        previous = 0;
        for (int i = 0; i < count; i++) {
            previous += in.readSigned();
            vulnerabilities[i] = previous;
        }
        requireEnd(in);
        byte[] header = new byte[headerEnd];
        System.arraycopy(raw, 0, header, 0, headerEnd);
        return new Envelope(header, findings, vulnerabilities);
    }

    static ScanReport assemble(byte[] header, List<Finding> findings) {
        BinaryReader in = new BinaryReader(header);
        ReportSummary summary = readHeader(in);
        requireEnd(in);
        return report(summary, findings);
    }

    static Vulnerability decodeVulnerability(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        Vulnerability vulnerability = readVulnerability(in);
        requireEnd(in);
        return vulnerability;
    }

    /** A finding from its vulnerability and the rest of its encoding (package, fix, target). */
    static Finding decodeFinding(Vulnerability vulnerability, byte[] rest) {
        BinaryReader in = new BinaryReader(rest);
        Finding finding = readRest(in, vulnerability);
        requireEnd(in);
        return finding;
    }

    /** The first 16 bytes of a SHA-256: the key of an encoding among its table's rows. */
    static byte[] hash(byte[] encoding) {
        return truncated(sha256().digest(encoding));
    }

    private static byte[] truncated(byte[] digest) {
        byte[] key = new byte[16];
        System.arraycopy(digest, 0, key, 0, 16);
        return key;
    }

    // ---- header ----

    private static void writeHeader(BinaryWriter out, ScanReport report) {
        out.writeByte(code(report.kind(), KINDS));
        ReportFormat format = report.format();
        out.writeString(format.adapterId());
        out.writeString(format.name());
        out.writeOptionalString(format.schemaVersion());
        writeScanner(out, report.scanner());
        out.writeString(report.artifact().name());
        out.writeByte(code(report.artifact().type(), ARTIFACT_TYPES));
        writeImage(out, report.image());
        out.writeOptionalInstant(report.scannedAt());
        out.writeOptionalInstant(report.databaseBuiltAt());
        out.writeUnsigned(report.components().size());
        for (Component component : report.components()) {
            out.writeString(component.name());
            out.writeOptionalString(component.version());
            out.writeOptionalString(component.purl());
            out.writeOptionalString(component.type());
            out.writeOptionalString(component.ref());
        }
        out.writeUnsigned(report.vexStatements().size());
        for (VexStatement statement : report.vexStatements()) {
            out.writeString(statement.vulnerabilityId());
            out.writeStrings(statement.aliases());
            out.writeStrings(statement.products());
            out.writeByte(code(statement.state(), VEX_STATES));
            out.writeOptionalString(statement.justification());
            out.writeStrings(statement.responses());
            out.writeOptionalString(statement.detail());
            out.writeOptionalInstant(statement.timestamp());
            // Sorted, as every map: equal statements encode alike whatever order their products came in.
            Map<String, List<String>> subcomponents = new TreeMap<>(statement.subcomponents());
            out.writeUnsigned(subcomponents.size());
            subcomponents.forEach((product, parts) -> {
                out.writeString(product);
                out.writeStrings(parts);
            });
        }
        out.writeUnsigned(report.problems().size());
        for (Problem problem : report.problems()) {
            out.writeByte(code(problem.kind(), PROBLEM_KINDS));
            out.writeString(problem.message());
            writeLocation(out, problem.location());
        }
        ReportCounts counts = report.counts();
        out.writeUnsigned(counts.entries());
        out.writeUnsigned(counts.findings());
        out.writeUnsigned(counts.statements());
        out.writeUnsigned(counts.rules());
        out.writeUnsigned(counts.duplicates());
        out.writeUnsigned(counts.skipped());
        out.writeUnsigned(report.ignoreRules().size());
        for (IgnoreRule rule : report.ignoreRules()) {
            out.writeString(rule.id());
            out.writeOptionalString(rule.vulnerability());
            out.writeOptionalString(rule.packageName());
            out.writeOptionalString(rule.packageVersion());
            out.writeOptionalString(rule.packageType());
            out.writeStrings(rule.packageUrls());
            out.writeStrings(rule.paths());
            out.writeBoolean(rule.fixState().isPresent());
            rule.fixState().ifPresent(state -> out.writeByte(code(state, FIX_STATES)));
            out.writeOptionalString(rule.vexStatus());
            out.writeOptionalString(rule.reason());
            out.writeOptionalInstant(rule.expires());
            out.writeOptionalString(rule.owner());
            writeLocation(out, rule.location());
        }
    }

    private static void writeLocation(BinaryWriter out, ReportLocation location) {
        out.writeString(location.source());
        out.writeUnsigned(location.line());
        out.writeUnsigned(location.column());
        out.writeString(location.path());
    }

    private static ReportLocation readLocation(BinaryReader in) {
        return new ReportLocation(in.readString(), in.readUnsigned(), in.readUnsigned(), in.readString());
    }

    private static void writeScanner(BinaryWriter out, ScannerTool scanner) {
        out.writeString(scanner.name());
        out.writeOptionalString(scanner.version());
    }

    private static void writeImage(BinaryWriter out, Image image) {
        out.writeBoolean(image.ref().isPresent());
        image.ref().ifPresent(ref -> {
            out.writeString(ref.registry());
            out.writeString(ref.repository());
            out.writeOptionalString(ref.tag());
            out.writeOptionalString(ref.digest());
        });
        out.writeOptionalString(image.manifestDigest());
        out.writeOptionalString(image.configDigest());
        out.writeStrings(image.repoDigests());
        out.writeOptionalInstant(image.createdAt());
        out.writeOptionalString(image.os());
        out.writeOptionalString(image.platform());
        Map<String, String> labels = new TreeMap<>(image.labels());
        out.writeUnsigned(labels.size());
        labels.forEach((key, value) -> {
            out.writeString(key);
            out.writeString(value);
        });
        out.writeBoolean(image.baseImage().isPresent());
        image.baseImage().ifPresent(base -> {
            out.writeString(base.name());
            out.writeOptionalString(base.digest());
            out.writeOptionalString(base.scannerAdvice());
        });
    }

    private static ScanReport report(ReportSummary summary, List<Finding> findings) {
        try {
            return new ScanReport(summary, findings);
        } catch (IllegalArgumentException e) {
            throw new CorruptRecordException("a report that does not hold together: " + e.getMessage(), e);
        }
    }

    private static ReportSummary readHeader(BinaryReader in) {
        try {
            EvidenceKind kind = constant(in.readByte(), KINDS);
            ReportFormat format = new ReportFormat(in.readString(), in.readString(), in.readOptionalString());
            ScannerTool scanner = readScanner(in);
            Artifact artifact = new Artifact(in.readString(), constant(in.readByte(), ARTIFACT_TYPES));
            Image image = readImage(in);
            var scannedAt = in.readOptionalInstant();
            var databaseBuiltAt = in.readOptionalInstant();
            int componentCount = in.readCount();
            List<Component> components = new ArrayList<>(componentCount);
            for (int i = 0; i < componentCount; i++) {
                components.add(new Component(
                        in.readString(),
                        in.readOptionalString(),
                        in.readOptionalString(),
                        in.readOptionalString(),
                        in.readOptionalString()));
            }
            int statementCount = in.readCount();
            List<VexStatement> statements = new ArrayList<>(statementCount);
            for (int i = 0; i < statementCount; i++) {
                String vulnerabilityId = in.readString();
                List<String> aliases = in.readStrings();
                List<String> products = in.readStrings();
                VexStatement.State state = constant(in.readByte(), VEX_STATES);
                Optional<String> justification = in.readOptionalString();
                List<String> responses = in.readStrings();
                Optional<String> detail = in.readOptionalString();
                Optional<Instant> timestamp = in.readOptionalInstant();
                int withParts = in.readCount();
                Map<String, List<String>> subcomponents = new LinkedHashMap<>();
                for (int j = 0; j < withParts; j++) {
                    subcomponents.put(in.readString(), in.readStrings());
                }
                statements.add(new VexStatement(
                        vulnerabilityId,
                        aliases,
                        products,
                        state,
                        justification,
                        responses,
                        detail,
                        timestamp,
                        subcomponents));
            }
            int problemCount = in.readCount();
            List<Problem> problems = new ArrayList<>(problemCount);
            for (int i = 0; i < problemCount; i++) {
                Problem.Kind problemKind = constant(in.readByte(), PROBLEM_KINDS);
                String message = in.readString();
                problems.add(new Problem(problemKind, message, readLocation(in)));
            }
            ReportCounts counts = new ReportCounts(
                    in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt());
            int ruleCount = in.readCount();
            List<IgnoreRule> rules = new ArrayList<>(ruleCount);
            for (int i = 0; i < ruleCount; i++) {
                rules.add(new IgnoreRule(
                        in.readString(),
                        in.readOptionalString(),
                        in.readOptionalString(),
                        in.readOptionalString(),
                        in.readOptionalString(),
                        in.readStrings(),
                        in.readStrings(),
                        in.readBoolean() ? Optional.of(constant(in.readByte(), FIX_STATES)) : Optional.empty(),
                        in.readOptionalString(),
                        in.readOptionalString(),
                        in.readOptionalInstant(),
                        in.readOptionalString(),
                        readLocation(in)));
            }
            return new ReportSummary(
                    kind,
                    format,
                    scanner,
                    artifact,
                    image,
                    scannedAt,
                    databaseBuiltAt,
                    components,
                    statements,
                    problems,
                    counts,
                    rules);
        } catch (IllegalArgumentException e) {
            throw new CorruptRecordException("a report header that does not hold together: " + e.getMessage(), e);
        }
    }

    private static ScannerTool readScanner(BinaryReader in) {
        return new ScannerTool(in.readString(), in.readOptionalString());
    }

    private static Image readImage(BinaryReader in) {
        Optional<ImageRef> ref = Optional.empty();
        if (in.readBoolean()) {
            ref = Optional.of(
                    new ImageRef(in.readString(), in.readString(), in.readOptionalString(), in.readOptionalString()));
        }
        Optional<String> manifestDigest = in.readOptionalString();
        Optional<String> configDigest = in.readOptionalString();
        List<String> repoDigests = in.readStrings();
        var createdAt = in.readOptionalInstant();
        Optional<String> os = in.readOptionalString();
        Optional<String> platform = in.readOptionalString();
        int labelCount = in.readCount();
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < labelCount; i++) {
            labels.put(in.readString(), in.readString());
        }
        Optional<BaseImage> base = Optional.empty();
        if (in.readBoolean()) {
            base = Optional.of(new BaseImage(in.readString(), in.readOptionalString(), in.readOptionalString()));
        }
        return new Image(ref, manifestDigest, configDigest, repoDigests, createdAt, os, platform, labels, base);
    }

    // ---- findings ----

    private static void writeFinding(BinaryWriter out, Finding finding) {
        writeVulnerability(out, finding.vulnerability());
        writeRest(out, finding);
    }

    private static void writeVulnerability(BinaryWriter out, Vulnerability v) {
        out.writeString(v.id());
        out.writeStrings(v.aliases());
        out.writeByte(code(v.severity(), SEVERITIES));
        out.writeOptionalString(v.severitySource());
        out.writeUnsigned(v.ratings().size());
        for (Rating rating : v.ratings()) {
            out.writeString(rating.source());
            out.writeByte(rating.severity().map(s -> code(s, SEVERITIES) + 1).orElse(0));
            out.writeBoolean(rating.score().isPresent());
            rating.score().ifPresent(out::writeDouble);
            out.writeOptionalString(rating.vector());
        }
        out.writeOptionalInstant(v.published());
        out.writeOptionalInstant(v.modified());
        out.writeBoolean(v.epss().isPresent());
        v.epss().ifPresent(epss -> {
            out.writeDouble(epss.score());
            out.writeDouble(epss.percentile());
            out.writeOptionalDate(epss.date());
        });
        out.writeBoolean(v.knownExploited().isPresent());
        v.knownExploited().ifPresent(kev -> {
            out.writeString(kev.catalog());
            out.writeOptionalDate(kev.dateAdded());
            out.writeOptionalDate(kev.dueDate());
            out.writeByte(kev.ransomware().map(r -> r ? 2 : 1).orElse(0));
        });
        out.writeOptionalString(v.title());
        out.writeStrings(v.cwes());
        out.writeOptionalString(v.primaryUrl());
    }

    private static void writeRest(BinaryWriter out, Finding finding) {
        InstalledPackage pkg = finding.pkg();
        out.writeString(pkg.name());
        out.writeOptionalString(pkg.version());
        out.writeOptionalString(pkg.purl());
        out.writeOptionalString(pkg.type());
        out.writeOptionalString(pkg.sourcePackage());
        out.writeOptionalString(pkg.path());
        out.writeOptionalString(pkg.layer());
        out.writeByte(code(finding.fix().state(), FIX_STATES));
        out.writeStrings(finding.fix().versions());
        out.writeString(finding.target());
    }

    private static Finding readFinding(BinaryReader in) {
        return readRest(in, readVulnerability(in));
    }

    private static Vulnerability readVulnerability(BinaryReader in) {
        try {
            String id = in.readString();
            List<String> aliases = in.readStrings();
            Severity severity = constant(in.readByte(), SEVERITIES);
            Optional<String> severitySource = in.readOptionalString();
            int ratingCount = in.readCount();
            List<Rating> ratings = new ArrayList<>(ratingCount);
            for (int i = 0; i < ratingCount; i++) {
                String source = in.readString();
                int severityCode = in.readByte();
                Optional<Severity> ratingSeverity =
                        severityCode == 0 ? Optional.empty() : Optional.of(constant(severityCode - 1, SEVERITIES));
                Optional<Double> score = in.readBoolean() ? Optional.of(in.readDouble()) : Optional.empty();
                ratings.add(new Rating(source, ratingSeverity, score, in.readOptionalString()));
            }
            var published = in.readOptionalInstant();
            var modified = in.readOptionalInstant();
            Optional<Epss> epss = Optional.empty();
            if (in.readBoolean()) {
                epss = Optional.of(new Epss(in.readDouble(), in.readDouble(), in.readOptionalDate()));
            }
            Optional<KnownExploited> kev = Optional.empty();
            if (in.readBoolean()) {
                String catalog = in.readString();
                var added = in.readOptionalDate();
                var due = in.readOptionalDate();
                int ransomware = in.readByte();
                if (ransomware > 2) {
                    throw new CorruptRecordException("a ransomware flag of " + ransomware);
                }
                kev = Optional.of(new KnownExploited(
                        catalog, added, due, ransomware == 0 ? Optional.empty() : Optional.of(ransomware == 2)));
            }
            Optional<String> title = in.readOptionalString();
            List<String> cwes = in.readStrings();
            Optional<String> primaryUrl = in.readOptionalString();
            return new Vulnerability(
                    id,
                    aliases,
                    severity,
                    severitySource,
                    ratings,
                    published,
                    modified,
                    epss,
                    kev,
                    title,
                    cwes,
                    primaryUrl);
        } catch (IllegalArgumentException e) {
            throw new CorruptRecordException("a vulnerability that does not hold together: " + e.getMessage(), e);
        }
    }

    private static Finding readRest(BinaryReader in, Vulnerability vulnerability) {
        try {
            InstalledPackage pkg = new InstalledPackage(
                    in.readString(),
                    in.readOptionalString(),
                    in.readOptionalString(),
                    in.readOptionalString(),
                    in.readOptionalString(),
                    in.readOptionalString(),
                    in.readOptionalString());
            Fix fix = new Fix(constant(in.readByte(), FIX_STATES), in.readStrings());
            return new Finding(vulnerability, pkg, fix, in.readString());
        } catch (IllegalArgumentException e) {
            throw new CorruptRecordException("a finding that does not hold together: " + e.getMessage(), e);
        }
    }

    // ---- plumbing ----

    static <E extends Enum<E>> int code(E value, E[] table) {
        for (int i = 0; i < table.length; i++) {
            if (table[i] == value) {
                return i;
            }
        }
        throw new IllegalStateException("the record codec has no code for "
                + value.getClass().getSimpleName() + "." + value + ": add one to ReportCodec");
    }

    private static <E extends Enum<E>> E constant(int code, E[] table) {
        if (code < 0 || code >= table.length) {
            throw new CorruptRecordException("an unknown code " + code + " for "
                    + table.getClass().getComponentType().getSimpleName());
        }
        return table[code];
    }

    /** The code tables, for the test that checks every constant of the model has a code. */
    static List<Enum<?>[]> codeTables() {
        return List.of(SEVERITIES, FIX_STATES, KINDS, ARTIFACT_TYPES, PROBLEM_KINDS, VEX_STATES);
    }

    private static void requireEnd(BinaryReader in) {
        if (!in.atEnd()) {
            throw new CorruptRecordException("bytes left over after the record");
        }
    }

    private static byte[] deflate(byte[] raw, int length) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(raw, 0, length);
            deflater.finish();
            BinaryWriter out = new BinaryWriter(length / 3 + 32);
            out.writeByte(VERSION);
            out.writeUnsigned(length);
            byte[] chunk = new byte[Math.min(64 * 1024, Math.max(64, length))];
            while (!deflater.finished()) {
                int n = deflater.deflate(chunk);
                out.writeBytes(chunk, 0, n);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] stored) {
        BinaryReader in = new BinaryReader(stored);
        int version = in.readByte();
        if (version != VERSION) {
            throw new UnknownFormatException(version);
        }
        long length = in.readUnsigned();
        if (length > MAX_INFLATED) {
            throw new CorruptRecordException("an inflated length of " + length);
        }
        int offset = in.position();
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(stored, offset, stored.length - offset);
            byte[] raw = new byte[(int) length];
            int filled = 0;
            while (filled < raw.length) {
                int n = inflater.inflate(raw, filled, raw.length - filled);
                if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                filled += n;
            }
            if (filled != raw.length) {
                throw new CorruptRecordException("inflates to " + filled + " bytes, not " + length);
            }
            return raw;
        } catch (DataFormatException e) {
            throw new CorruptRecordException("damaged compressed bytes: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Bytes written by a format version this codec does not read: a newer ShelfLife's. */
    static final class UnknownFormatException extends CorruptRecordException {

        private static final long serialVersionUID = 1L;

        private final int version;

        UnknownFormatException(int version) {
            super("written in record format " + version + ", and this ShelfLife reads format " + VERSION);
            this.version = version;
        }

        int version() {
            return version;
        }
    }
}
