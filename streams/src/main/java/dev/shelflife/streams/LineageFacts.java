package dev.shelflife.streams;

import dev.shelflife.Finding;
import dev.shelflife.InstalledPackage;
import dev.shelflife.Lineage;
import dev.shelflife.LineageFinding;
import dev.shelflife.RecordedScan;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * What a lineage's scans remember for the clocks, as the history store keeps it
 * ({@code lineage_findings}): per vulnerability and package, the first scan that reported it and the
 * first that offered a fix. Both are minima over the scans, ties broken by content hash, so the facts
 * after any set of scans are the same whatever order they came in, a scan that comes twice changes
 * nothing, and a late older scan moves a clock back as it should.
 */
final class LineageFacts {

    private static final int FORMAT = 1;

    /** A vulnerability in a package, the first sighting and the first fix. */
    record Fact(
            String vulnerabilityId,
            List<String> aliases,
            InstalledPackage pkg,
            RecordedScan first,
            Optional<RecordedScan> fix) {}

    private final TreeMap<String, Fact> facts;

    private LineageFacts(TreeMap<String, Fact> facts) {
        this.facts = facts;
    }

    static LineageFacts empty() {
        return new LineageFacts(new TreeMap<>());
    }

    int size() {
        return facts.size();
    }

    /**
     * Adds what a scan saw.
     *
     * @return whether a fact that was already known moved back (an earlier first sighting or fix),
     *     which may change the verdicts of the lineage's other images
     */
    boolean add(ScanReport scan, RecordedScan recorded) {
        boolean movedBack = false;
        Map<String, Boolean> fixable = new TreeMap<>();
        Map<String, Finding> firsts = new TreeMap<>();
        for (Finding finding : scan.findings()) {
            String key = key(finding);
            firsts.putIfAbsent(key, finding);
            fixable.merge(key, finding.fix().isAvailable(), Boolean::logicalOr);
        }
        for (Map.Entry<String, Finding> entry : firsts.entrySet()) {
            Finding finding = entry.getValue();
            Optional<RecordedScan> fix = fixable.get(entry.getKey()) ? Optional.of(recorded) : Optional.empty();
            Fact known = facts.get(entry.getKey());
            if (known == null) {
                facts.put(
                        entry.getKey(),
                        new Fact(
                                finding.vulnerability().id(),
                                finding.vulnerability().aliases(),
                                finding.pkg(),
                                recorded,
                                fix));
                continue;
            }
            Fact updated = known;
            if (before(recorded, known.first())) {
                updated = new Fact(
                        finding.vulnerability().id(),
                        finding.vulnerability().aliases(),
                        finding.pkg(),
                        recorded,
                        updated.fix());
            }
            if (fix.isPresent()
                    && (updated.fix().isEmpty()
                            || before(recorded, updated.fix().get()))) {
                updated = new Fact(updated.vulnerabilityId(), updated.aliases(), updated.pkg(), updated.first(), fix);
            }
            if (updated != known) {
                facts.put(entry.getKey(), updated);
                movedBack = true;
            }
        }
        return movedBack;
    }

    /** The lineage's history as of an instant: the facts whose first sighting was made by then. */
    Lineage at(String name, Instant at) {
        return at(name, at, null);
    }

    /**
     * The lineage's history as of an instant, of the vulnerabilities an image's findings can look
     * up: the facts whose id or one of whose aliases is among {@code ids}. The engine looks a
     * finding's clock up by the CVEs it names, or else by one of its ids, so a fact it can find
     * shares one of them with the finding: leaving out the others (a lineage's other images'
     * vulnerabilities) changes no verdict, and spares the engine, which reads every fact it is
     * given at every stage, most of the lineage's facts.
     *
     * @param ids the ids and aliases of the findings of the image's reports, in upper case; null for every fact
     */
    Lineage at(String name, Instant at, Set<String> ids) {
        List<LineageFinding> findings =
                new ArrayList<>(ids == null ? facts.size() : Math.min(facts.size(), ids.size()));
        for (Fact fact : facts.values()) {
            if (fact.first().scannedAt().isAfter(at)) {
                continue;
            }
            if (ids != null && !lookedUp(fact, ids)) {
                continue;
            }
            Optional<RecordedScan> fix = fact.fix().filter(f -> !f.scannedAt().isAfter(at));
            findings.add(new LineageFinding(
                    fact.vulnerabilityId(),
                    fact.aliases(),
                    fact.pkg(),
                    fact.first().scannedAt(),
                    fact.first(),
                    fix.map(RecordedScan::scannedAt),
                    fix));
        }
        return new Lineage(name, findings);
    }

    private static boolean lookedUp(Fact fact, Set<String> ids) {
        if (ids.contains(fact.vulnerabilityId().toUpperCase(Locale.ROOT))) {
            return true;
        }
        for (String alias : fact.aliases()) {
            if (ids.contains(alias.toUpperCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The ids and aliases of the findings of some reports, in upper case: what
     * {@link #at(String, Instant, Set)} keeps the facts of.
     */
    static Set<String> ids(List<ScanReport> reports) {
        Set<String> ids = new HashSet<>();
        for (ScanReport report : reports) {
            for (Finding finding : report.findings()) {
                ids.add(finding.vulnerability().id().toUpperCase(Locale.ROOT));
                for (String alias : finding.vulnerability().aliases()) {
                    ids.add(alias.toUpperCase(Locale.ROOT));
                }
            }
        }
        return ids;
    }

    private static boolean before(RecordedScan candidate, RecordedScan known) {
        int byTime = candidate.scannedAt().compareTo(known.scannedAt());
        return byTime < 0 || (byTime == 0 && candidate.id().compareTo(known.id()) < 0);
    }

    /**
     * The key of a fact, as the history store's: the vulnerability id in upper case, the package's
     * name, type, and package URL without version, qualifiers or subpath (see the store's
     * {@code PackageKey}), length-prefixed so that no name makes two keys collide.
     */
    static String key(Finding finding) {
        InstalledPackage pkg = finding.pkg();
        String id = finding.vulnerability().id().toUpperCase(Locale.ROOT);
        String name = pkg.name();
        String type = pkg.type().orElse("");
        String purl = pkg.purl().map(LineageFacts::withoutVersion).orElse("");
        return id.length() + ":" + id + " " + name.length() + ":" + name + " " + type.length() + ":" + type + " "
                + purl;
    }

    private static String withoutVersion(String purl) {
        String base = purl;
        int hash = base.indexOf('#');
        if (hash >= 0) {
            base = base.substring(0, hash);
        }
        int query = base.indexOf('?');
        if (query >= 0) {
            base = base.substring(0, query);
        }
        int slash = base.lastIndexOf('/');
        int at = base.indexOf('@', slash + 1);
        return at >= 0 ? base.substring(0, at) : base;
    }

    /**
     * The facts, deflated. The scans they name come first, each once (a lineage's facts name a
     * handful of scans, hundreds of times over); a fact names its scans by their place in that table.
     */
    byte[] encode() {
        Map<RecordedScan, Integer> scans = new LinkedHashMap<>();
        for (Fact fact : facts.values()) {
            scans.putIfAbsent(fact.first(), scans.size());
            fact.fix().ifPresent(f -> scans.putIfAbsent(f, scans.size()));
        }
        Encoding.Writer out = new Encoding.Writer(FORMAT);
        out.writeInt(scans.size());
        scans.keySet().forEach(scan -> scan(out, scan));
        out.writeInt(facts.size());
        for (Map.Entry<String, Fact> entry : facts.entrySet()) {
            Fact fact = entry.getValue();
            out.writeString(entry.getKey()).writeString(fact.vulnerabilityId());
            out.writeInt(fact.aliases().size());
            fact.aliases().forEach(out::writeString);
            InstalledPackage pkg = fact.pkg();
            out.writeString(pkg.name())
                    .writeOptional(pkg.version())
                    .writeOptional(pkg.purl())
                    .writeOptional(pkg.type())
                    .writeOptional(pkg.sourcePackage())
                    .writeOptional(pkg.path())
                    .writeOptional(pkg.layer());
            out.writeInt(scans.get(fact.first()));
            out.writeInt(fact.fix().map(scans::get).orElse(-1));
        }
        return deflate(out.toByteArray());
    }

    static LineageFacts decode(byte[] bytes) {
        Encoding.Reader in = new Encoding.Reader(inflate(bytes), FORMAT, "the facts of a lineage");
        int scanCount = in.readInt();
        List<RecordedScan> scans = new ArrayList<>(Math.max(0, Math.min(scanCount, 1024)));
        for (int i = 0; i < scanCount; i++) {
            scans.add(scan(in));
        }
        int count = in.readInt();
        TreeMap<String, Fact> facts = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            String key = in.readString();
            String id = in.readString();
            int aliasCount = in.readInt();
            List<String> aliases = new ArrayList<>(Math.max(0, Math.min(aliasCount, 16)));
            for (int a = 0; a < aliasCount; a++) {
                aliases.add(in.readString());
            }
            InstalledPackage pkg = new InstalledPackage(
                    in.readString(),
                    in.readOptional(),
                    in.readOptional(),
                    in.readOptional(),
                    in.readOptional(),
                    in.readOptional(),
                    in.readOptional());
            RecordedScan first = scanAt(scans, in.readInt());
            int fixAt = in.readInt();
            Optional<RecordedScan> fix = fixAt == -1 ? Optional.empty() : Optional.of(scanAt(scans, fixAt));
            facts.put(key, new Fact(id, aliases, pkg, first, fix));
        }
        return new LineageFacts(facts);
    }

    private static void scan(Encoding.Writer out, RecordedScan scan) {
        out.writeString(scan.id())
                .writeString(scan.lineage())
                .writeString(scan.image())
                .writeString(scan.scanner().name())
                .writeOptional(scan.scanner().version())
                .writeInstant(scan.scannedAt());
    }

    private static RecordedScan scan(Encoding.Reader in) {
        String id = in.readString();
        String lineage = in.readString();
        String image = in.readString();
        ScannerTool scanner = new ScannerTool(in.readString(), in.readOptional());
        return new RecordedScan(id, lineage, image, scanner, in.readInstant());
    }

    private static RecordedScan scanAt(List<RecordedScan> scans, int index) {
        if (index < 0 || index >= scans.size()) {
            throw new IllegalStateException("the facts of a lineage are damaged: no scan " + index);
        }
        return scans.get(index);
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 3 + 16);
            Encoding.Writer length = new Encoding.Writer(FORMAT).writeInt(raw.length);
            out.writeBytes(length.toByteArray());
            byte[] chunk = new byte[16 * 1024];
            while (!deflater.finished()) {
                int n = deflater.deflate(chunk);
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] stored) {
        if (stored.length < 5 || stored[0] != FORMAT) {
            throw new IllegalStateException("the facts of a lineage in an unknown format");
        }
        int length = ((stored[1] & 0xff) << 24)
                | ((stored[2] & 0xff) << 16)
                | ((stored[3] & 0xff) << 8)
                | (stored[4] & 0xff);
        if (length < 0 || length > (1 << 30)) {
            throw new IllegalStateException("the facts of a lineage are damaged: a length of " + length);
        }
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(stored, 5, stored.length - 5);
            byte[] raw = new byte[length];
            int filled = 0;
            while (filled < length) {
                int n = inflater.inflate(raw, filled, length - filled);
                if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                filled += n;
            }
            if (filled != length) {
                throw new IllegalStateException("the facts of a lineage are damaged: cut short");
            }
            return raw;
        } catch (DataFormatException e) {
            throw new IllegalStateException("the facts of a lineage are damaged: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
