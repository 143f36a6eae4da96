package dev.shelflife.policy;

import dev.shelflife.Finding;
import dev.shelflife.ScanReport;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An image's scan history indexed for the clocks that need it: when a finding was first seen,
 * and when it was first seen with a fix available. A finding is "the same" in another report
 * when it is about the same vulnerability (see {@link VulnerabilityIdentity}: the same CVE ids, or,
 * when neither names a CVE, a shared id or alias, ignoring case), in the same package as merging
 * compares packages (see {@link MergedFindings}: the package URL without version, or the name and
 * ecosystem), at any version; reports without a scan instant do not count. So a clock is never
 * borrowed from another CVE through an advisory id that both findings carry
 * ({@code ELSA-2022-9221} in Trivy's findings of each of its CVEs), nor from an advisory that
 * covers the CVE among others.
 */
final class FindingHistory {

    /** Both indexes are built once and only read after; neither leaves this class. */
    private final Map<Key, Instant> firstSeen;

    private final Map<Key, Instant> firstFixable;

    /**
     * One vulnerability in one package: its CVE ids (a set of upper-case ids) when it names any,
     * else one of its ids in upper case; a set never equals an id.
     */
    private record Key(Object vulnerability, PackageIdentity pkg) {}

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
                keys(finding, pkg).forEach(key -> note(key, scanned, fixed, seen, fixable));
            }
        }
        return new FindingHistory(seen, fixable, identities);
    }

    private static List<Key> keys(Finding finding, PackageIdentity pkg) {
        Set<String> cves = VulnerabilityIdentity.cves(finding.vulnerability());
        if (!cves.isEmpty()) {
            return List.of(new Key(cves, pkg));
        }
        return VulnerabilityIdentity.ids(finding.vulnerability())
                .map(id -> new Key(id, pkg))
                .toList();
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
        Instant earliest = null;
        for (Key key : keys(finding, identities.find(finding.pkg()))) {
            Instant seen = index.get(key);
            earliest = earliest == null ? seen : seen == null ? earliest : earlier(earliest, seen);
        }
        return Optional.ofNullable(earliest);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
