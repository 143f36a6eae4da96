package dev.shelflife.policy.merge;

import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.InstalledPackage;
import dev.shelflife.Rating;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.Vulnerability;
import dev.shelflife.policy.PolicyEngine;
import dev.shelflife.policy.internal.MergeAccess;
import dev.shelflife.policy.internal.PackageIdentities;
import dev.shelflife.policy.internal.PackageIdentity;
import dev.shelflife.policy.internal.VulnerabilityIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The findings of several reports of one image merged into one {@link FindingGroup} per
 * vulnerability and package version, with the scanners' {@link Disagreement}s.
 *
 * <p>Findings join a group when they name the same package (see {@link FindingGroup#packageIdentity()}:
 * the package URL without version, qualifiers and subpath, or else the name and ecosystem) at the
 * same installed version (as the scanners spell it, except that a Go version's {@code v} or
 * {@code go} prefix does not count: {@code v1.1.2} and {@code 1.1.2} are one version) and are the
 * same vulnerability: they name the same CVE ids (among their ids and aliases, ignoring case), or
 * neither names a CVE and they share an id, transitively. So a Trivy {@code CVE-2024-6345}, a Grype
 * {@code GHSA-cx63-2mw6-8hw5} whose related vulnerability is {@code CVE-2024-6345}, and a second
 * Grype match of the same advisory are one group; but a distribution advisory that lists several
 * CVEs (a Grype {@code ELSA-2022-9221} naming three gnutls CVEs) is a group of its own, and never
 * joins, nor joins together, the findings of those CVEs: merging never makes a vulnerability
 * disappear. Paths and targets do not count, so two copies of one jar at one version are one group.
 *
 * <p>Every {@linkplain ScanReport#isScan() scan} given is merged, in order; the {@link PolicyEngine}
 * gives the latest scan of each scanner. Inventories and assessments are not scans: neither their
 * findings nor their scanner count.
 *
 * <p>Why a class and not a record: it keeps an index from findings to their groups.
 *
 * @since 0.1
 */
public final class MergedFindings {

    static {
        MergeAccess.install(new MergeAccess() {
            @Override
            public MergedFindings merge(
                    List<ScanReport> reports, SeverityRule severityRule, PackageIdentities identities) {
                return of(reports, severityRule, identities);
            }

            @Override
            public BaselineDiff diff(
                    List<ScanReport> baselineReports,
                    MergedFindings baseline,
                    List<ScanReport> currentReports,
                    MergedFindings current) {
                return BaselineDiff.of(baselineReports, baseline, currentReports, current);
            }
        });
    }

    private final SeverityRule severityRule;
    private final List<ScannerTool> scanners;
    private final List<FindingGroup> groups;
    /** Every group's finding and sightings, by identity: hashing a finding hashes all it holds. */
    private final Map<Finding, FindingGroup> byIdentity;
    /** Worked out when first asked for: the engine never needs them. */
    private volatile List<Disagreement> disagreements;

    private MergedFindings(SeverityRule severityRule, List<ScannerTool> scanners, List<FindingGroup> groups) {
        this.severityRule = severityRule;
        this.scanners = List.copyOf(scanners);
        this.groups = List.copyOf(groups);
        Map<Finding, FindingGroup> index = new IdentityHashMap<>(groups.size() * 2);
        for (FindingGroup group : groups) {
            index.putIfAbsent(group.finding(), group);
            for (Sighting sighting : group.sightings()) {
                // A lone sighting's finding is, as a rule, the group's own: indexed just above.
                if (sighting.finding() != group.finding()) {
                    index.putIfAbsent(sighting.finding(), group);
                }
            }
        }
        this.byIdentity = index;
    }

    /**
     * Merges reports, choosing severities with {@link SeverityRule#HIGHEST}.
     *
     * @param reports the reports of one image, one per scanner as a rule
     * @return the merge
     */
    public static MergedFindings of(List<ScanReport> reports) {
        return of(reports, SeverityRule.HIGHEST);
    }

    /**
     * Merges reports.
     *
     * @param reports the reports of one image, one per scanner as a rule
     * @param severityRule how to choose a group's severity
     * @return the merge
     */
    public static MergedFindings of(List<ScanReport> reports, SeverityRule severityRule) {
        return of(reports, severityRule, new PackageIdentities());
    }

    /** Merges reports, taking package identities from, and adding them to, an evaluation's. */
    static MergedFindings of(List<ScanReport> reports, SeverityRule severityRule, PackageIdentities identities) {
        Objects.requireNonNull(severityRule, "severityRule");
        List<ScanReport> given = List.copyOf(reports);
        List<Sighting> sightings = new ArrayList<>(
                given.stream().mapToInt(r -> r.findings().size()).sum());
        Map<String, ScannerTool> scanners = new LinkedHashMap<>();
        for (ScanReport report : given) {
            if (report.isScan()) {
                scanners.putIfAbsent(report.scanner().name().toLowerCase(Locale.ROOT), report.scanner());
                report.findings().forEach(f -> sightings.add(new Sighting(report.scanner(), f)));
            }
        }
        List<FindingGroup> groups = new ArrayList<>();
        for (Cluster cluster : cluster(sightings, identities)) {
            groups.add(group(cluster, severityRule));
        }
        return new MergedFindings(severityRule, List.copyOf(scanners.values()), groups);
    }

    /**
     * The rule that chose the groups' severities.
     *
     * @return the rule
     */
    public SeverityRule severityRule() {
        return severityRule;
    }

    /**
     * The scanners merged, each once (by name, ignoring case), in report order: the first report
     * of each name gives the name and version.
     *
     * @return the scanners
     */
    public List<ScannerTool> scanners() {
        return scanners;
    }

    /**
     * The groups, in the order of their first finding in the reports.
     *
     * @return one group per vulnerability and package version
     */
    public List<FindingGroup> groups() {
        return groups;
    }

    /**
     * Where the scanners disagree, group by group and, within a group, in the order of
     * {@link Disagreement.Kind}; empty when fewer than two scanners were merged.
     *
     * @return the disagreements
     */
    public List<Disagreement> disagreements() {
        List<Disagreement> found = disagreements;
        if (found == null) {
            // Two threads may both work them out; both get equal lists.
            if (scanners.size() < 2) {
                found = List.of();
            } else {
                Map<PackageVersion, Map<String, Set<String>>> reported = cvesReported(groups);
                found = groups.stream()
                        .flatMap(g -> disagreements(g, scanners, reported).stream())
                        .toList();
            }
            disagreements = found;
        }
        return found;
    }

    /**
     * The group a finding belongs to or stands for.
     *
     * @param finding a finding of the merged reports, or a group's {@link FindingGroup#finding()}
     * @return its group, or empty when it is neither
     */
    public Optional<FindingGroup> group(Finding finding) {
        FindingGroup group = byIdentity.get(finding);
        if (group != null) {
            return Optional.of(group);
        }
        // An equal copy: equal findings name the same package version and ids, so only one group can hold them.
        return groups.stream()
                .filter(g -> g.finding().equals(finding)
                        || g.sightings().stream().anyMatch(s -> s.finding().equals(finding)))
                .findFirst();
    }

    @Override
    public String toString() {
        return groups.size() + " groups from "
                + scanners.stream().map(ScannerTool::toString).collect(Collectors.joining(", "));
    }

    /** The package and version a finding is about, as groups are keyed. */
    static PackageVersion packageVersion(Finding finding) {
        return PackageVersion.of(PackageIdentity.of(finding.pkg()), version(finding));
    }

    private static String version(Finding finding) {
        return finding.pkg().version().map(String::strip).orElse("");
    }

    /**
     * One package at one version.
     *
     * @param identity the package
     * @param version the installed version as {@link #versionKey(PackageIdentity, String)} spells
     *     it, {@code ""} when unknown
     */
    record PackageVersion(PackageIdentity identity, String version) {

        static PackageVersion of(PackageIdentity identity, String version) {
            return new PackageVersion(identity, versionKey(identity, version));
        }
    }

    /**
     * A version as merging compares it: as written, except a Go version (ecosystem
     * {@code golang}) without the {@code v} (or the standard library's {@code go}) before its first
     * digit, which Go's tools write and vulnerability databases often leave out. Nothing else is
     * normalised: a deb or rpm version's text is the version.
     */
    static String versionKey(PackageIdentity identity, String version) {
        if (!identity.ecosystem().equals("golang")) {
            return version;
        }
        int prefix = version.startsWith("v") ? 1 : version.startsWith("go") ? 2 : 0;
        return prefix > 0 && version.length() > prefix && Character.isDigit(version.charAt(prefix))
                ? version.substring(prefix)
                : version;
    }

    /** The sightings of one group, and the package version they share. */
    private record Cluster(PackageVersion packageVersion, List<Sighting> members) {}

    /**
     * What joins the findings of one package version: their CVE ids (a set of upper-case ids) when
     * they name any, else each of their ids (one upper-case id); a set never equals an id.
     */
    private record JoinKey(PackageVersion packageVersion, Object vulnerability) {}

    /**
     * Union-find over the findings of each package version: findings that name the same CVEs are
     * one, and findings that name none join through their ids and aliases.
     */
    private static List<Cluster> cluster(List<Sighting> sightings, PackageIdentities identities) {
        int size = sightings.size();
        int[] parent = new int[size];
        PackageVersion[] versions = new PackageVersion[size];
        Map<JoinKey, Integer> firstByKey = new HashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            parent[i] = i;
            Finding finding = sightings.get(i).finding();
            Vulnerability vulnerability = finding.vulnerability();
            versions[i] = PackageVersion.of(identities.of(finding.pkg()), version(finding));
            Set<String> cves = VulnerabilityIdentity.cves(vulnerability);
            if (!cves.isEmpty()) {
                join(firstByKey, new JoinKey(versions[i], cves), i, parent);
            } else {
                join(firstByKey, new JoinKey(versions[i], upper(vulnerability.id())), i, parent);
                for (String alias : vulnerability.aliases()) {
                    join(firstByKey, new JoinKey(versions[i], upper(alias)), i, parent);
                }
            }
        }
        // A root is the smallest index of its set, so clusters come in the order of their first findings.
        List<Cluster> clusters = new ArrayList<>(size);
        int[] clusterOfRoot = new int[size];
        for (int i = 0; i < size; i++) {
            int root = root(parent, i);
            if (root == i) {
                clusterOfRoot[i] = clusters.size();
                clusters.add(new Cluster(versions[i], new ArrayList<>(2)));
            }
            clusters.get(clusterOfRoot[root]).members().add(sightings.get(i));
        }
        return clusters;
    }

    private static String upper(String id) {
        return id.toUpperCase(Locale.ROOT);
    }

    private static void join(Map<JoinKey, Integer> firstByKey, JoinKey key, int i, int[] parent) {
        Integer first = firstByKey.putIfAbsent(key, i);
        if (first != null) {
            union(parent, first, i);
        }
    }

    private static int root(int[] parent, int i) {
        int root = i;
        while (parent[root] != root) {
            root = parent[root];
        }
        while (parent[i] != root) {
            int next = parent[i];
            parent[i] = root;
            i = next;
        }
        return root;
    }

    private static void union(int[] parent, int a, int b) {
        int rootA = root(parent, a);
        int rootB = root(parent, b);
        parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
    }

    private static FindingGroup group(Cluster cluster, SeverityRule rule) {
        List<Sighting> members = cluster.members();
        SeverityRule.Choice choice = rule.choose(members);
        Finding first = members.get(0).finding();
        String identity = cluster.packageVersion().identity().toString();
        if (members.size() == 1
                && keepsItsId(first.vulnerability())
                && choice.severity() == first.severity()
                && choice.source().equals(first.vulnerability().severitySource())) {
            return new FindingGroup(first, identity, List.of(members.get(0)), choice.scanner());
        }
        List<Finding> findings = new ArrayList<>(members.size());
        for (Sighting member : members) {
            findings.add(member.finding());
        }
        Map<String, String> ids = new LinkedHashMap<>();
        for (Finding finding : findings) {
            Vulnerability vulnerability = finding.vulnerability();
            ids.putIfAbsent(vulnerability.id().toUpperCase(Locale.ROOT), vulnerability.id());
            for (String alias : vulnerability.aliases()) {
                ids.putIfAbsent(alias.toUpperCase(Locale.ROOT), alias);
            }
        }
        // The group's findings name the same CVEs: its id is the CVE when there is one, else the
        // first finding's id (an advisory that covers several CVEs keeps its own name).
        String id = VulnerabilityIdentity.cves(first.vulnerability()).size() == 1
                ? firstCve(ids.values())
                : first.vulnerability().id();
        List<String> aliases = new ArrayList<>(ids.size());
        for (String alias : ids.values()) {
            if (!alias.equalsIgnoreCase(id)) {
                aliases.add(alias);
            }
        }
        String target = "";
        for (Finding finding : findings) {
            if (!finding.target().isEmpty()) {
                target = finding.target();
                break;
            }
        }
        Finding merged = new Finding(
                vulnerability(findings, id, aliases, choice),
                pkg(findings),
                fix(findings, cluster.packageVersion().identity()),
                target);
        return new FindingGroup(merged, identity, members, choice.scanner());
    }

    /** The first CVE id among ids; there is one. */
    private static String firstCve(Collection<String> ids) {
        for (String id : ids) {
            if (VulnerabilityIdentity.isCve(id)) {
                return id;
            }
        }
        throw new NoSuchElementException("No value present");
    }

    /**
     * Whether a lone finding's id stays the group's id: it is a CVE id, or the finding names no CVE,
     * or several (an advisory).
     */
    private static boolean keepsItsId(Vulnerability vulnerability) {
        return VulnerabilityIdentity.isCve(vulnerability.id())
                || VulnerabilityIdentity.cves(vulnerability).size() != 1;
    }

    private static Vulnerability vulnerability(
            List<Finding> findings, String id, List<String> aliases, SeverityRule.Choice choice) {
        Set<Rating> ratings = new LinkedHashSet<>();
        Set<String> cwes = new LinkedHashSet<>();
        Instant published = null;
        Instant modified = null;
        Vulnerability firstWithEpss = null;
        Vulnerability firstKnownExploited = null;
        Vulnerability firstWithTitle = null;
        Vulnerability firstWithUrl = null;
        for (Finding finding : findings) {
            Vulnerability v = finding.vulnerability();
            ratings.addAll(v.ratings());
            cwes.addAll(v.cwes());
            if (v.published().isPresent()
                    && (published == null || v.published().get().isBefore(published))) {
                published = v.published().get();
            }
            if (v.modified().isPresent()
                    && (modified == null || v.modified().get().isAfter(modified))) {
                modified = v.modified().get();
            }
            firstWithEpss = firstWithEpss == null && v.epss().isPresent() ? v : firstWithEpss;
            firstKnownExploited =
                    firstKnownExploited == null && v.knownExploited().isPresent() ? v : firstKnownExploited;
            firstWithTitle = firstWithTitle == null && v.title().isPresent() ? v : firstWithTitle;
            firstWithUrl = firstWithUrl == null && v.primaryUrl().isPresent() ? v : firstWithUrl;
        }
        return new Vulnerability(
                id,
                aliases,
                choice.severity(),
                choice.source(),
                List.copyOf(ratings),
                Optional.ofNullable(published),
                Optional.ofNullable(modified),
                firstWithEpss == null ? Optional.empty() : firstWithEpss.epss(),
                firstKnownExploited == null ? Optional.empty() : firstKnownExploited.knownExploited(),
                firstWithTitle == null ? Optional.empty() : firstWithTitle.title(),
                List.copyOf(cwes),
                firstWithUrl == null ? Optional.empty() : firstWithUrl.primaryUrl());
    }

    /** The first package with a package URL, which waivers and VEX statements can match, else the first. */
    private static InstalledPackage pkg(List<Finding> findings) {
        for (Finding finding : findings) {
            if (finding.pkg().purl().isPresent()) {
                return finding.pkg();
            }
        }
        return findings.get(0).pkg();
    }

    /**
     * {@code FIXED} with every fixed version offered when any finding has a fix; otherwise the
     * first known fix state, with the versions its findings list. Two spellings of one version
     * ({@link #versionKey}) are offered once, as first written.
     */
    static Fix fix(List<Finding> findings, PackageIdentity identity) {
        FixState state = null;
        FixState firstKnown = null;
        for (Finding finding : findings) {
            if (finding.fix().isAvailable()) {
                state = FixState.FIXED;
                break;
            }
            if (firstKnown == null && finding.fix().state() != FixState.UNKNOWN) {
                firstKnown = finding.fix().state();
            }
        }
        if (state == null) {
            state = firstKnown != null ? firstKnown : FixState.UNKNOWN;
        }
        Map<String, String> versions = new LinkedHashMap<>();
        for (Finding finding : findings) {
            if (finding.fix().state() == state) {
                for (String version : finding.fix().versions()) {
                    versions.putIfAbsent(versionKey(identity, version), version);
                }
            }
        }
        return new Fix(state, List.copyOf(versions.values()));
    }

    /**
     * What one scanner said of a group: its highest severity and where that came from, and its
     * findings' fix merged as {@link #fix(List, PackageIdentity)} does.
     */
    private record Answer(ScannerTool scanner, Severity severity, Optional<String> source, Fix fix) {

        String severityText() {
            return scanner.name() + " " + severity
                    + source.map(s -> " (" + s + ")").orElse("");
        }

        String fixText() {
            return scanner.name() + " " + fix.state()
                    + (fix.versions().isEmpty() ? "" : " " + String.join(", ", fix.versions()));
        }
    }

    private static List<Answer> answers(FindingGroup group, PackageIdentity identity) {
        Map<String, List<Sighting>> byScanner = new LinkedHashMap<>();
        group.sightings()
                .forEach(s -> byScanner
                        .computeIfAbsent(s.scanner().name().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(s));
        List<Answer> answers = new ArrayList<>();
        for (List<Sighting> sightings : byScanner.values()) {
            SeverityRule.Choice highest = SeverityRule.HIGHEST.choose(sightings);
            answers.add(new Answer(
                    sightings.get(0).scanner(),
                    highest.severity(),
                    highest.source(),
                    fix(sightings.stream().map(Sighting::finding).toList(), identity)));
        }
        return answers;
    }

    /**
     * The CVEs each scanner reported in each package version, whichever group they are in: an
     * advisory that covers several CVEs reports each of them.
     */
    private static Map<PackageVersion, Map<String, Set<String>>> cvesReported(List<FindingGroup> groups) {
        Map<PackageVersion, Map<String, Set<String>>> reported = new HashMap<>();
        for (FindingGroup group : groups) {
            Set<String> cves = VulnerabilityIdentity.cves(group.finding().vulnerability());
            if (cves.isEmpty()) {
                continue;
            }
            Map<String, Set<String>> byScanner =
                    reported.computeIfAbsent(packageVersion(group.finding()), k -> new HashMap<>());
            group.sightings()
                    .forEach(s -> byScanner
                            .computeIfAbsent(s.scanner().name().toLowerCase(Locale.ROOT), k -> new HashSet<>())
                            .addAll(cves));
        }
        return reported;
    }

    private static List<Disagreement> disagreements(
            FindingGroup group, List<ScannerTool> merged, Map<PackageVersion, Map<String, Set<String>>> reported) {
        PackageVersion pv = packageVersion(group.finding());
        List<Answer> answers = answers(group, pv.identity());
        Finding finding = group.finding();
        String subject = finding.vulnerability().id() + " in " + finding.pkg().name()
                + finding.pkg().version().map(v -> " " + v).orElse("") + ": ";
        List<Disagreement> found = new ArrayList<>();
        if (answers.size() == 1) {
            // A scanner that reported every CVE of the group in other groups of the package version
            // (an advisory covering them, or each CVE apart) reported it too.
            Set<String> cves = VulnerabilityIdentity.cves(finding.vulnerability());
            Map<String, Set<String>> byScanner = reported.getOrDefault(pv, Map.of());
            List<String> others = merged.stream()
                    .map(ScannerTool::name)
                    .filter(name ->
                            !name.equalsIgnoreCase(answers.get(0).scanner().name()))
                    .toList();
            boolean reportedByAnother = !cves.isEmpty()
                    && others.stream()
                            .anyMatch(name -> byScanner
                                    .getOrDefault(name.toLowerCase(Locale.ROOT), Set.of())
                                    .containsAll(cves));
            if (!reportedByAnother) {
                found.add(new Disagreement(
                        Disagreement.Kind.ONE_SCANNER_ONLY,
                        group,
                        subject + "reported by " + answers.get(0).scanner().name() + " only, not by "
                                + String.join(", ", others)));
            }
            return found;
        }
        if (answers.stream().map(Answer::severity).distinct().count() > 1) {
            found.add(new Disagreement(
                    Disagreement.Kind.SEVERITY,
                    group,
                    subject
                            + answers.stream().map(Answer::severityText).collect(Collectors.joining(", "))
                            + "; " + group.severity() + " retained (" + group.severityScanner() + ")"));
        }
        if (answers.stream().map(a -> a.fix().isAvailable()).distinct().count() > 1) {
            found.add(new Disagreement(
                    Disagreement.Kind.FIX_STATE,
                    group,
                    subject + answers.stream().map(Answer::fixText).collect(Collectors.joining(", "))));
        }
        List<Answer> fixedIn = answers.stream()
                .filter(a -> a.fix().isAvailable() && !a.fix().versions().isEmpty())
                .toList();
        if (fixedIn.stream()
                        .map(a -> a.fix().versions().stream()
                                .map(v -> versionKey(pv.identity(), v))
                                .collect(Collectors.toSet()))
                        .distinct()
                        .count()
                > 1) {
            found.add(new Disagreement(
                    Disagreement.Kind.FIXED_IN,
                    group,
                    subject
                            + fixedIn.stream()
                                    .map(a -> a.scanner().name() + " fixed in "
                                            + String.join(", ", a.fix().versions()))
                                    .collect(Collectors.joining("; "))));
        }
        return found;
    }
}
