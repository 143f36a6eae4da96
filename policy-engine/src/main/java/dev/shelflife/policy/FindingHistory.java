package dev.shelflife.policy;

import dev.shelflife.Finding;
import dev.shelflife.Lineage;
import dev.shelflife.LineageFinding;
import dev.shelflife.RecordedScan;
import dev.shelflife.ScanReport;
import dev.shelflife.Vulnerability;
import dev.shelflife.policy.internal.PackageIdentities;
import dev.shelflife.policy.internal.PackageIdentity;
import dev.shelflife.policy.internal.VulnerabilityIdentity;
import dev.shelflife.policy.merge.MergedFindings;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

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
 *
 * <p>When the record carries its {@link Lineage}'s history (a history store made it), what the
 * lineage remembers counts too, each instant with the recorded scan it came from: a finding first
 * seen in an earlier build of the image keeps its clock after a rebuild. Remembered instants after
 * the evaluation instant (and its clock skew) did not happen yet and are left out.
 */
final class FindingHistory {

    /** Both indexes are built once and only read after; neither leaves this class. */
    private final Map<Key, Seen> firstSeen;

    private final Map<Key, Seen> firstFixable;

    /**
     * One vulnerability in one package: its CVE ids (a set of upper-case ids) when it names any,
     * else one of its ids in upper case; a set never equals an id.
     */
    private record Key(Object vulnerability, PackageIdentity pkg) {}

    /**
     * An instant, and the recorded scan of the lineage it came from when it came from one.
     *
     * @param at when
     * @param source the lineage's recorded scan, or {@code null} for a scan of the record
     */
    record Seen(Instant at, @Nullable RecordedScan source) {

        Optional<RecordedScan> recordedScan() {
            return Optional.ofNullable(source);
        }
    }

    private final PackageIdentities identities;

    private FindingHistory(Map<Key, Seen> firstSeen, Map<Key, Seen> firstFixable, PackageIdentities identities) {
        this.firstSeen = firstSeen;
        this.firstFixable = firstFixable;
        this.identities = identities;
    }

    /**
     * Indexes the scans of a record and what its lineage remembers.
     *
     * @param reports the scans
     * @param lineage the lineage's history, if the record has one
     * @param latestAllowed the latest instant a remembered sighting may carry and still count
     * @param identities the evaluation's package identities, to take from and add to
     * @return the history
     */
    static FindingHistory of(
            List<ScanReport> reports, Optional<Lineage> lineage, Instant latestAllowed, PackageIdentities identities) {
        Map<Key, Seen> seen = new HashMap<>();
        Map<Key, Seen> fixable = new HashMap<>();
        for (ScanReport report : reports) {
            if (report.scannedAt().isEmpty()) {
                continue;
            }
            Seen scanned = new Seen(report.scannedAt().get(), null);
            for (Finding finding : report.findings()) {
                PackageIdentity pkg = identities.of(finding.pkg());
                Seen fix = finding.fix().isAvailable() ? scanned : null;
                for (Key key : keys(finding.vulnerability(), pkg)) {
                    note(key, scanned, fix, seen, fixable);
                }
            }
        }
        lineage.ifPresent(history -> {
            for (LineageFinding remembered : history.findings()) {
                if (remembered.firstSeen().isAfter(latestAllowed)) {
                    continue;
                }
                PackageIdentity pkg = identities.of(remembered.pkg());
                Seen first = new Seen(remembered.firstSeen(), remembered.firstSeenIn());
                Seen fix = remembered
                        .fixAvailableSince()
                        .filter(at -> !at.isAfter(latestAllowed))
                        .map(at -> new Seen(at, remembered.fixAvailableIn().orElseThrow()))
                        .orElse(null);
                Vulnerability.Builder vulnerability = Vulnerability.builder(remembered.vulnerabilityId());
                remembered.aliases().forEach(vulnerability::alias);
                for (Key key : keys(vulnerability.build(), pkg)) {
                    note(key, first, fix, seen, fixable);
                }
            }
        });
        return new FindingHistory(seen, fixable, identities);
    }

    private static List<Key> keys(Vulnerability vulnerability, PackageIdentity pkg) {
        Set<String> cves = VulnerabilityIdentity.cves(vulnerability);
        if (!cves.isEmpty()) {
            return List.of(new Key(cves, pkg));
        }
        return VulnerabilityIdentity.ids(vulnerability)
                .map(id -> new Key(id, pkg))
                .toList();
    }

    private static void note(Key key, Seen first, Seen fix, Map<Key, Seen> seen, Map<Key, Seen> fixable) {
        seen.merge(key, first, FindingHistory::earlier);
        if (fix != null) {
            fixable.merge(key, fix, FindingHistory::earlier);
        }
    }

    Optional<Seen> firstSeen(Finding finding) {
        return earliest(firstSeen, finding);
    }

    Optional<Seen> fixAvailableSince(Finding finding) {
        return earliest(firstFixable, finding);
    }

    private Optional<Seen> earliest(Map<Key, Seen> index, Finding finding) {
        if (index.isEmpty()) {
            return Optional.empty();
        }
        Seen earliest = null;
        for (Key key : keys(finding.vulnerability(), identities.find(finding.pkg()))) {
            Seen seen = index.get(key);
            earliest = earliest == null ? seen : seen == null ? earliest : earlier(earliest, seen);
        }
        return Optional.ofNullable(earliest);
    }

    /** The earlier of two sightings; at the same instant, the one with a recorded scan, which a verdict can name. */
    private static Seen earlier(Seen a, Seen b) {
        int order = a.at().compareTo(b.at());
        if (order != 0) {
            return order < 0 ? a : b;
        }
        return a.source() != null ? a : b;
    }
}
