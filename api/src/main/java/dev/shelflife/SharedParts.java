package dev.shelflife;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * Makes the findings of one report share their equal parts: one {@link Vulnerability} object for
 * every finding of the same vulnerability entry, one {@link InstalledPackage} for every finding of
 * the same package, one string for every repeated target, and below those one object for every
 * repeated rating, date, score, vector, severity source, package name and version.
 *
 * <p>A scanner writes a vulnerability's whole entry again for every package and target it is
 * found in, and a package's name, version, type and layer again for every vulnerability of it; a
 * parser hands over a new string for every copy. Kept as read, a Trivy finding retained about
 * 1,500 bytes in 50 objects (see {@code docs/performance.md}); a report of a million findings
 * took gigabytes. The parts are immutable and compared by value, so sharing them changes nothing
 * a caller can see but identity.
 *
 * <p>One instance per report builder, dropped with it: nothing is shared between reports, and
 * nothing outlives the read. Not thread-safe.
 */
final class SharedParts {

    /**
     * The distinct parts below a finding's vulnerability and package (ratings, optional values,
     * strings), each mapped to itself; parts of different types are never equal. Looked up only
     * for a vulnerability or package seen first, so its cost does not grow with the findings.
     */
    private final Map<Object, Object> canonical = new HashMap<>();

    /*
     * One table per part looked up for every finding, hashed by a few fields rather than by the
     * records' hashCode(), which hashes every string of a freshly read part (titles, URLs,
     * vectors) to find it. Equality is still the records' own, over every field.
     */
    private final Table<Vulnerability> vulnerabilities =
            new Table<>(v -> 31 * v.id().hashCode() + v.severity().ordinal());
    private final Table<InstalledPackage> packages = new Table<>(p ->
            (31 * p.name().hashCode() + p.version().hashCode()) * 31 + p.path().hashCode());
    private final Table<Fix> fixes =
            new Table<>(f -> 31 * f.state().ordinal() + f.versions().hashCode());
    private final Table<String> targets = new Table<>(String::hashCode);

    /**
     * A finding equal to the one given, made of the parts equal ones already handed out share;
     * the finding itself when none of its parts equals one handed out before.
     *
     * @param finding a finding as an adapter built it
     * @return an equal finding, the same one if its parts were all new
     */
    Finding share(Finding finding) {
        Vulnerability vulnerability = vulnerability(finding.vulnerability());
        InstalledPackage pkg = pkg(finding.pkg());
        Fix fix = fix(finding.fix());
        String target = targets.shared(finding.target());
        if (vulnerability == finding.vulnerability()
                && pkg == finding.pkg()
                && fix == finding.fix()
                && target == finding.target()) {
            return finding;
        }
        return new Finding(vulnerability, pkg, fix, target);
    }

    private Vulnerability vulnerability(Vulnerability read) {
        Vulnerability known = vulnerabilities.find(read);
        if (known != null) {
            return known;
        }
        // A vulnerability seen first: its own parts may still repeat other vulnerabilities' ones
        // (a rating's source and vector, a date, a CWE list). When none does, it is kept as it
        // is, so that a report of distinct findings holds the very objects its adapter built.
        String id = shared(read.id());
        Optional<String> severitySource = shared(read.severitySource());
        List<Rating> ratings = ratings(read.ratings());
        Optional<Instant> published = shared(read.published());
        Optional<Instant> modified = shared(read.modified());
        Optional<Epss> epss = shared(read.epss());
        Optional<KnownExploited> knownExploited = shared(read.knownExploited());
        Optional<String> title = shared(read.title());
        List<String> cwes = shared(read.cwes());
        Optional<String> primaryUrl = shared(read.primaryUrl());
        Vulnerability parts = id == read.id()
                        && severitySource == read.severitySource()
                        && ratings == read.ratings()
                        && published == read.published()
                        && modified == read.modified()
                        && epss == read.epss()
                        && knownExploited == read.knownExploited()
                        && title == read.title()
                        && cwes == read.cwes()
                        && primaryUrl == read.primaryUrl()
                ? read
                : new Vulnerability(
                        id,
                        read.aliases(),
                        read.severity(),
                        severitySource,
                        ratings,
                        published,
                        modified,
                        epss,
                        knownExploited,
                        title,
                        cwes,
                        primaryUrl);
        vulnerabilities.add(parts);
        return parts;
    }

    private List<Rating> ratings(List<Rating> read) {
        if (read.isEmpty()) {
            return read;
        }
        List<Rating> known = known(read);
        if (known != null) {
            return known;
        }
        List<Rating> ratings = new ArrayList<>(read.size());
        boolean same = true;
        for (Rating rating : read) {
            Rating knownRating = known(rating);
            if (knownRating == null) {
                String source = shared(rating.source());
                Optional<Double> score = shared(rating.score());
                Optional<String> vector = shared(rating.vector());
                knownRating = source == rating.source() && score == rating.score() && vector == rating.vector()
                        ? rating
                        : new Rating(source, rating.severity(), score, vector);
                canonical.put(knownRating, knownRating);
            }
            same &= knownRating == rating;
            ratings.add(knownRating);
        }
        List<Rating> shared = same ? read : List.copyOf(ratings);
        canonical.put(shared, shared);
        return shared;
    }

    private InstalledPackage pkg(InstalledPackage read) {
        InstalledPackage known = packages.find(read);
        if (known != null) {
            return known;
        }
        String name = shared(read.name());
        Optional<String> version = shared(read.version());
        Optional<String> purl = shared(read.purl());
        Optional<String> type = shared(read.type());
        Optional<String> sourcePackage = shared(read.sourcePackage());
        Optional<String> path = shared(read.path());
        Optional<String> layer = shared(read.layer());
        InstalledPackage parts = name == read.name()
                        && version == read.version()
                        && purl == read.purl()
                        && type == read.type()
                        && sourcePackage == read.sourcePackage()
                        && path == read.path()
                        && layer == read.layer()
                ? read
                : new InstalledPackage(name, version, purl, type, sourcePackage, path, layer);
        packages.add(parts);
        return parts;
    }

    private Fix fix(Fix read) {
        Fix known = fixes.find(read);
        if (known != null) {
            return known;
        }
        List<String> versions = shared(read.versions());
        Fix parts = versions == read.versions() ? read : new Fix(read.state(), versions);
        fixes.add(parts);
        return parts;
    }

    /** The equal part handed out before, or {@code null}. */
    @SuppressWarnings("unchecked")
    private <T> T known(T part) {
        return (T) canonical.get(part);
    }

    private String shared(String part) {
        return one(part);
    }

    private <T> List<T> shared(List<T> part) {
        return part.isEmpty() ? part : this.<List<T>>one(part);
    }

    /** The equal part handed out before, or this one, which later equal ones will share. */
    @SuppressWarnings("unchecked")
    private <T> T one(T part) {
        Object known = canonical.putIfAbsent(part, part);
        return known == null ? part : (T) known;
    }

    /** An optional value's shared holder (which holds the shared value); the empty one is a singleton already. */
    private <T> Optional<T> shared(Optional<T> part) {
        return part.isEmpty() ? part : this.<Optional<T>>one(part);
    }

    /**
     * A set of parts by equality, with a hash function of its own: open addressing over an array,
     * as {@code ScanReport.DistinctFindings} keeps findings.
     */
    private static final class Table<T> {
        private static final int MAX_PROBES = 32;
        private final ToIntFunction<T> hash;
        private Object[] parts = new Object[64];
        private int[] hashes = new int[64];
        private int size;

        Table(ToIntFunction<T> hash) {
            this.hash = hash;
        }

        /**
         * The part equal to this one, or {@code null}. Looks at {@link #MAX_PROBES} slots at most:
         * parts that agree in the hashed fields and differ in others (a hostile report's million
         * entries of one id with different titles) would otherwise make every look-up walk all of
         * them. Past that, a part is not shared, which costs memory, not correctness.
         */
        @SuppressWarnings("unchecked")
        T find(T part) {
            int h = hash.applyAsInt(part);
            int mask = parts.length - 1;
            int slot = home(h, mask);
            for (int probe = 0; probe < MAX_PROBES && parts[slot] != null; probe++, slot = (slot + 1) & mask) {
                if (hashes[slot] == h && (parts[slot] == part || parts[slot].equals(part))) {
                    return (T) parts[slot];
                }
            }
            return null;
        }

        /** Adds a part that {@link #find} did not find, unless its slots are crowded. */
        void add(T part) {
            int h = hash.applyAsInt(part);
            int mask = parts.length - 1;
            int slot = home(h, mask);
            for (int probe = 0; parts[slot] != null; probe++, slot = (slot + 1) & mask) {
                if (probe >= MAX_PROBES) {
                    return;
                }
            }
            parts[slot] = part;
            hashes[slot] = h;
            if (++size > parts.length / 2) {
                grow();
            }
        }

        /** The part equal to this one, or this one, added. */
        T shared(T part) {
            T known = find(part);
            if (known != null) {
                return known;
            }
            add(part);
            return part;
        }

        private void put(Object part, int h) {
            int mask = parts.length - 1;
            int slot = home(h, mask);
            while (parts[slot] != null) {
                slot = (slot + 1) & mask;
            }
            parts[slot] = part;
            hashes[slot] = h;
        }

        private void grow() {
            Object[] oldParts = parts;
            int[] oldHashes = hashes;
            parts = new Object[oldParts.length * 2];
            hashes = new int[oldParts.length * 2];
            for (int i = 0; i < oldParts.length; i++) {
                if (oldParts[i] != null) {
                    put(oldParts[i], oldHashes[i]);
                }
            }
        }

        private static int home(int h, int mask) {
            return (h * 0x9E3779B9 >>> 16 ^ h * 0x9E3779B9) & mask;
        }
    }
}
