package dev.shelflife.policy;

import dev.shelflife.Finding;
import dev.shelflife.ScanReport;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An image's scan history indexed for the clocks that need it: when a finding was first seen,
 * and when it was first seen with a fix available. A finding is "the same" in another report
 * when one of its vulnerability ids or aliases (ignoring case) is among the other's, in the same
 * package as merging compares packages (see {@link MergedFindings}: the package URL without
 * version, or the name and ecosystem), at any version; reports without a scan instant do not
 * count.
 */
final class FindingHistory {

    private final Map<String, Instant> firstSeen;
    private final Map<String, Instant> firstFixable;

    private FindingHistory(Map<String, Instant> firstSeen, Map<String, Instant> firstFixable) {
        this.firstSeen = firstSeen;
        this.firstFixable = firstFixable;
    }

    static FindingHistory of(List<ScanReport> reports) {
        Map<String, Instant> seen = new HashMap<>();
        Map<String, Instant> fixable = new HashMap<>();
        for (ScanReport report : reports) {
            if (report.scannedAt().isEmpty()) {
                continue;
            }
            Instant scanned = report.scannedAt().get();
            for (Finding finding : report.findings()) {
                keys(finding).forEach(key -> {
                    seen.merge(key, scanned, FindingHistory::earlier);
                    if (finding.fix().isAvailable()) {
                        fixable.merge(key, scanned, FindingHistory::earlier);
                    }
                });
            }
        }
        return new FindingHistory(Map.copyOf(seen), Map.copyOf(fixable));
    }

    Optional<Instant> firstSeen(Finding finding) {
        return earliest(firstSeen, finding);
    }

    Optional<Instant> fixAvailableSince(Finding finding) {
        return earliest(firstFixable, finding);
    }

    private static Optional<Instant> earliest(Map<String, Instant> index, Finding finding) {
        return keys(finding).map(index::get).filter(Objects::nonNull).min(Instant::compareTo);
    }

    private static Stream<String> keys(Finding finding) {
        return Stream.concat(Stream.of(finding.vulnerability().id()), finding.vulnerability().aliases().stream())
                .map(id -> id.toUpperCase(Locale.ROOT) + '\n' + PackageIdentity.of(finding.pkg()));
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
