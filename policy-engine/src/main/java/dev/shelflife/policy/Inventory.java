package dev.shelflife.policy;

import dev.shelflife.Component;
import dev.shelflife.Finding;
import dev.shelflife.ScanReport;
import dev.shelflife.policy.MergedFindings.PackageVersion;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The packages that one side of a baseline comparison is known to contain, with their versions:
 * the packages of its reports' findings and the components of its SBOMs that have a package URL.
 * A package that no finding names and no SBOM lists is not known to be there.
 */
final class Inventory {

    private final Map<PackageIdentity, Set<String>> versions;

    private Inventory(Map<PackageIdentity, Set<String>> versions) {
        this.versions = versions;
    }

    static Inventory of(List<ScanReport> reports) {
        Map<PackageIdentity, Set<String>> versions = new HashMap<>();
        for (ScanReport report : reports) {
            for (Finding finding : report.findings()) {
                PackageVersion pv = MergedFindings.packageVersion(finding);
                versions.computeIfAbsent(pv.identity(), k -> new LinkedHashSet<>())
                        .add(pv.version());
            }
            for (Component component : report.components()) {
                PackageIdentity.of(component)
                        .ifPresent(identity -> versions.computeIfAbsent(identity, k -> new LinkedHashSet<>())
                                .add(component.version().map(String::strip).orElse("")));
            }
        }
        return new Inventory(versions);
    }

    boolean contains(PackageVersion pv) {
        return versions.getOrDefault(pv.identity(), Set.of()).contains(pv.version());
    }

    /** The known versions of a package, in report order; {@code ""} stands for a version no report gave. */
    List<String> versions(PackageIdentity identity) {
        return List.copyOf(versions.getOrDefault(identity, Set.of()));
    }
}
