package dev.shelflife.policy;

import dev.shelflife.Finding;
import dev.shelflife.ScanReport;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An image's scan history indexed for the clocks that need it: when a finding was first seen,
 * and when it was first seen with a fix available. A finding is "the same" in another report
 * when one of its vulnerability ids or aliases (ignoring case) is among the other's, in the same
 * package as merging compares packages (see {@link MergedFindings}: the package URL without
 * version, or the name and ecosystem), at any version; reports without a scan instant do not
 * count.
 */
final class FindingHistory {

    /** Both indexes are built once and only read after; neither leaves this class. */
    private final Map<Key, Instant> firstSeen;

    private final Map<Key, Instant> firstFixable;

    /** One vulnerability id or alias, in upper case, in one package. */
    private record Key(String id, PackageIdentity pkg) {}

    private final PackageIdentities identities;

    private FindingHistory(Map<Key, Instant> firstSeen, Map<Key, Instant> firstFixable, PackageIdentities identities) {
        this.firstSeen = firstSeen;
        this.firstFixable = firstFixable;
        this.identities = identities;
    }

    /**
     * Indexes reports.
     *
     * @param reports the reports
     * @param identities the evaluation's package identities, to take from and add to
     * @return the history
     */
    static FindingHistory of(List<ScanReport> reports, PackageIdentities identities) {
        Map<Key, Instant> seen = new HashMap<>();
        Map<Key, Instant> fixable = new HashMap<>();
        for (ScanReport report : reports) {
            if (report.scannedAt().isEmpty()) {
                continue;
            }
            Instant scanned = report.scannedAt().get();
            for (Finding finding : report.findings()) {
                PackageIdentity pkg = identities.of(finding.pkg());
                boolean fixed = finding.fix().isAvailable();
                note(new Key(upper(finding.vulnerability().id()), pkg), scanned, fixed, seen, fixable);
                for (String alias : finding.vulnerability().aliases()) {
                    note(new Key(upper(alias), pkg), scanned, fixed, seen, fixable);
                }
            }
        }
        return new FindingHistory(seen, fixable, identities);
    }

    private static void note(
            Key key, Instant scanned, boolean fixed, Map<Key, Instant> seen, Map<Key, Instant> fixable) {
        seen.merge(key, scanned, FindingHistory::earlier);
        if (fixed) {
            fixable.merge(key, scanned, FindingHistory::earlier);
        }
    }

    Optional<Instant> firstSeen(Finding finding) {
        return earliest(firstSeen, finding);
    }

    Optional<Instant> fixAvailableSince(Finding finding) {
        return earliest(firstFixable, finding);
    }

    private Optional<Instant> earliest(Map<Key, Instant> index, Finding finding) {
        if (index.isEmpty()) {
            return Optional.empty();
        }
        PackageIdentity pkg = identities.find(finding.pkg());
        Instant earliest = index.get(new Key(upper(finding.vulnerability().id()), pkg));
        for (String alias : finding.vulnerability().aliases()) {
            Instant seen = index.get(new Key(upper(alias), pkg));
            earliest = earliest == null ? seen : seen == null ? earliest : earlier(earliest, seen);
        }
        return Optional.ofNullable(earliest);
    }

    private static String upper(String id) {
        return id.toUpperCase(Locale.ROOT);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
