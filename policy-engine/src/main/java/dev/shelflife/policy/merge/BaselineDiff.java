package dev.shelflife.policy.merge;

import dev.shelflife.Finding;
import dev.shelflife.ScanReport;
import dev.shelflife.policy.internal.PackageIdentity;
import dev.shelflife.policy.internal.VulnerabilityIdentity;
import dev.shelflife.policy.merge.MergedFindings.PackageVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An image's findings compared with a baseline's (the mainline image it was built from): every
 * current {@link FindingGroup} is {@link Status#INTRODUCED}, {@link Status#NEWLY_DISCLOSED} or
 * {@link Status#EXISTING}, and every baseline group that is gone is {@link Status#FIXED}.
 *
 * <p>A finding's identity is its vulnerability (the same CVE ids, or, for findings that name no
 * CVE, a shared id or alias, ignoring case: an advisory id that two findings of different CVEs
 * both carry does not make them one), its package (see {@link FindingGroup#packageIdentity()})
 * and its installed version (a Go version with or without its {@code v}); the image's
 * tag and digest, the scanners' titles, descriptions, paths and scores do not count, so a finding
 * keeps its identity, and its triage, from one build to the next.
 *
 * <ul>
 * <li><b>existing</b>: the baseline has the same finding;</li>
 * <li><b>newly disclosed</b>: the baseline has the package at the same version but not the
 *     vulnerability: the vulnerability is new to the scanners' databases, not to the image;</li>
 * <li><b>introduced</b>: the baseline does not have the package at this version — the change
 *     added the package or moved it to another version ({@link Entry#otherVersions()} says from
 *     which). A version change that leaves a vulnerability in place counts as introduced: the
 *     change touched the package, and the fix was within its reach;</li>
 * <li><b>fixed</b>: a baseline finding whose vulnerability the image no longer has in that
 *     package at any version ({@link Entry#otherVersions()} gives the package's versions now,
 *     empty when it is gone).</li>
 * </ul>
 *
 * <p>Whether the baseline "has the package" is read from its <em>inventory</em>: the packages its
 * findings name, plus the components of any SBOM among its reports. Without an SBOM, a package in
 * which the baseline's scanners found nothing is not known to be there, so a vulnerability newly
 * disclosed against it reads as introduced: add an SBOM (CycloneDX) to both sides to tell the two
 * apart.
 *
 * <p>Why a class and not a record: it keeps an index from findings to their entries.
 *
 * @since 0.1
 */
public final class BaselineDiff {

    /**
     * How a finding compares with the baseline.
     *
     * @since 0.1
     */
    public enum Status {
        /** The change brought the package, or this version of it, into the image. */
        INTRODUCED,
        /** The package and version are the baseline's, the vulnerability is new to it. */
        NEWLY_DISCLOSED,
        /** The baseline has the same finding. */
        EXISTING,
        /** A baseline finding that the image no longer has. */
        FIXED
    }

    /**
     * One finding and how it compares.
     *
     * @param status how it compares
     * @param group the finding: the current image's group, or the baseline's for {@code FIXED}
     * @param otherVersions the package's versions on the other side, in report order: the
     *     baseline's for a current finding (the same version unless {@code INTRODUCED}; empty when
     *     the package is new), the current image's for a {@code FIXED} one (empty when it is gone);
     *     {@code ""} stands for a version no report gave
     * @since 0.1
     */
    public record Entry(Status status, FindingGroup group, List<String> otherVersions) {

        /** Validates the parts and copies the versions. */
        public Entry {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(group, "group");
            otherVersions = List.copyOf(otherVersions);
        }
    }

    private final MergedFindings baseline;
    private final MergedFindings current;
    private final List<Entry> entries;
    private final Map<Finding, Entry> byFinding;

    private BaselineDiff(MergedFindings baseline, MergedFindings current, List<Entry> entries) {
        this.baseline = baseline;
        this.current = current;
        this.entries = List.copyOf(entries);
        Map<Finding, Entry> index = new HashMap<>();
        for (Entry entry : entries) {
            if (entry.status() != Status.FIXED) {
                index.putIfAbsent(entry.group().finding(), entry);
                entry.group().sightings().forEach(s -> index.putIfAbsent(s.finding(), entry));
            }
        }
        this.byFinding = Map.copyOf(index);
    }

    /**
     * Compares an image's reports with a baseline's. Every report on each side is merged (see
     * {@link MergedFindings}); give one report per scanner, the same scanners on both sides.
     *
     * @param baselineReports the mainline image's reports
     * @param currentReports the image's reports
     * @param severityRule how merged groups get their severity
     * @return the comparison
     */
    public static BaselineDiff between(
            List<ScanReport> baselineReports, List<ScanReport> currentReports, SeverityRule severityRule) {
        return of(
                baselineReports,
                MergedFindings.of(baselineReports, severityRule),
                currentReports,
                MergedFindings.of(currentReports, severityRule));
    }

    static BaselineDiff of(
            List<ScanReport> baselineReports,
            MergedFindings baseline,
            List<ScanReport> currentReports,
            MergedFindings current) {
        Inventory baselineInventory = Inventory.of(baselineReports);
        Inventory currentInventory = Inventory.of(currentReports);
        Map<PackageVersion, List<FindingGroup>> baselineByVersion = byKey(baseline, pv -> pv);
        Map<PackageIdentity, List<FindingGroup>> currentByPackage = byKey(current, PackageVersion::identity);
        List<Entry> entries = new ArrayList<>();
        for (FindingGroup group : current.groups()) {
            PackageVersion pv = MergedFindings.packageVersion(group.finding());
            Status status = sameVulnerability(group, baselineByVersion.getOrDefault(pv, List.of()))
                    ? Status.EXISTING
                    : baselineInventory.contains(pv) ? Status.NEWLY_DISCLOSED : Status.INTRODUCED;
            entries.add(new Entry(status, group, baselineInventory.versions(pv.identity())));
        }
        for (FindingGroup group : baseline.groups()) {
            PackageIdentity identity =
                    MergedFindings.packageVersion(group.finding()).identity();
            if (!sameVulnerability(group, currentByPackage.getOrDefault(identity, List.of()))) {
                entries.add(new Entry(Status.FIXED, group, currentInventory.versions(identity)));
            }
        }
        return new BaselineDiff(baseline, current, entries);
    }

    private static <K> Map<K, List<FindingGroup>> byKey(MergedFindings merged, Function<PackageVersion, K> key) {
        Map<K, List<FindingGroup>> index = new HashMap<>();
        merged.groups()
                .forEach(g -> index.computeIfAbsent(
                                key.apply(MergedFindings.packageVersion(g.finding())), k -> new ArrayList<>())
                        .add(g));
        return index;
    }

    /** Whether a group is about the same vulnerability as one of the others (see {@link VulnerabilityIdentity}). */
    private static boolean sameVulnerability(FindingGroup group, List<FindingGroup> others) {
        return others.stream()
                .anyMatch(other -> VulnerabilityIdentity.same(
                        group.finding().vulnerability(), other.finding().vulnerability()));
    }

    /**
     * The baseline's findings, merged.
     *
     * @return the baseline side
     */
    public MergedFindings baseline() {
        return baseline;
    }

    /**
     * The image's findings, merged.
     *
     * @return the current side
     */
    public MergedFindings current() {
        return current;
    }

    /**
     * Every entry: the current groups in their order, then the fixed baseline groups in theirs.
     *
     * @return the entries
     */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * The entries of one status, in order.
     *
     * @param status the status
     * @return its entries
     */
    public List<Entry> entries(Status status) {
        return entries.stream().filter(e -> e.status() == status).toList();
    }

    /**
     * How a finding of the image compares with the baseline.
     *
     * @param finding a finding of the image's reports, or a current group's {@link FindingGroup#finding()}
     * @return its entry, or empty when it is neither
     */
    public Optional<Entry> find(Finding finding) {
        return Optional.ofNullable(byFinding.get(finding));
    }

    @Override
    public String toString() {
        return Stream.of(Status.values())
                .map(s -> entries(s).size() + " " + s.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
