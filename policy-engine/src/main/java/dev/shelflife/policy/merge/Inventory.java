package dev.shelflife.policy.merge;

import dev.shelflife.Component;
import dev.shelflife.Finding;
import dev.shelflife.ScanReport;
import dev.shelflife.policy.internal.PackageIdentity;
import dev.shelflife.policy.merge.MergedFindings.PackageVersion;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The packages that one side of a baseline comparison is known to contain, with their versions:
 * the packages of its reports' findings and the components of its SBOMs that have a package URL.
 * A package that no finding names and no SBOM lists is not known to be there.
 */
final class Inventory {

    /** By package: each version as merging compares it, with its first spelling. */
    private final Map<PackageIdentity, Map<String, String>> versions;

    private Inventory(Map<PackageIdentity, Map<String, String>> versions) {
        this.versions = versions;
    }

    static Inventory of(List<ScanReport> reports) {
        Map<PackageIdentity, Map<String, String>> versions = new HashMap<>();
        for (ScanReport report : reports) {
            for (Finding finding : report.findings()) {
                PackageVersion pv = MergedFindings.packageVersion(finding);
                versions.computeIfAbsent(pv.identity(), k -> new LinkedHashMap<>())
                        .putIfAbsent(
                                pv.version(),
                                finding.pkg().version().map(String::strip).orElse(""));
            }
            for (Component component : report.components()) {
                PackageIdentity.of(component).ifPresent(identity -> {
                    String version = component.version().map(String::strip).orElse("");
                    versions.computeIfAbsent(identity, k -> new LinkedHashMap<>())
                            .putIfAbsent(MergedFindings.versionKey(identity, version), version);
                });
            }
        }
        return new Inventory(versions);
    }

    boolean contains(PackageVersion pv) {
        return versions.getOrDefault(pv.identity(), Map.of()).containsKey(pv.version());
    }

    /**
     * The known versions of a package, in report order, each as first spelled; {@code ""} stands
     * for a version no report gave.
     */
    List<String> versions(PackageIdentity identity) {
        return List.copyOf(versions.getOrDefault(identity, Map.of()).values());
    }
}
