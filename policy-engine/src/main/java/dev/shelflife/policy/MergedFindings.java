package dev.shelflife.policy;

import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.InstalledPackage;
import dev.shelflife.Rating;
import dev.shelflife.ScanReport;
import dev.shelflife.Scanner;
import dev.shelflife.Severity;
import dev.shelflife.Vulnerability;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The findings of several reports of one image merged into one {@link FindingGroup} per
 * vulnerability and package version, with the scanners' {@link Disagreement}s.
 *
 * <p>Findings join a group when they name the same package (see {@link FindingGroup#packageIdentity()}:
 * the package URL without version, qualifiers and subpath, or else the name and ecosystem) at the
 * same installed version, and share a vulnerability id or alias, ignoring case; joining is
 * transitive (alias closure), so a Trivy {@code CVE-2024-6345}, a Grype {@code GHSA-cx63-2mw6-8hw5}
 * whose related vulnerability is {@code CVE-2024-6345}, and a second Grype match of the same
 * advisory are one group. Aliases join findings of one package version only: an advisory that
 * covers two CVEs in one package does not merge them in another. Paths and targets do not count,
 * so two copies of one jar at one version are one group.
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

    private final SeverityRule severityRule;
    private final List<Scanner> scanners;
    private final List<FindingGroup> groups;
    /** Every group's finding and sightings, by identity: hashing a finding hashes all it holds. */
    private final Map<Finding, FindingGroup> byIdentity;
    /** Worked out when first asked for: the engine never needs them. */
    private volatile List<Disagreement> disagreements;

    private MergedFindings(SeverityRule severityRule, List<Scanner> scanners, List<FindingGroup> groups) {
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
        Map<String, Scanner> scanners = new LinkedHashMap<>();
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
    public List<Scanner> scanners() {
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
            found = scanners.size() < 2
                    ? List.of()
                    : groups.stream()
                            .flatMap(g -> disagreements(g, scanners).stream())
                            .toList();
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
                + scanners.stream().map(Scanner::toString).collect(Collectors.joining(", "));
    }

    /** The package and version a finding is about, as groups are keyed. */
    static PackageVersion packageVersion(Finding finding) {
        return new PackageVersion(PackageIdentity.of(finding.pkg()), version(finding));
    }

    private static String version(Finding finding) {
        return finding.pkg().version().map(String::strip).orElse("");
    }

    /**
     * One package at one version.
     *
     * @param identity the package
     * @param version the installed version, {@code ""} when unknown
     */
    record PackageVersion(PackageIdentity identity, String version) {}

    /** The sightings of one group, and the package version they share. */
    private record Cluster(PackageVersion packageVersion, List<Sighting> members) {}

    /** One id (in upper case) of one package version. */
    private record IdKey(PackageVersion packageVersion, String id) {}

    /** Union-find over the ids and aliases of the findings of each package version. */
    private static List<Cluster> cluster(List<Sighting> sightings, PackageIdentities identities) {
        int size = sightings.size();
        int[] parent = new int[size];
        PackageVersion[] versions = new PackageVersion[size];
        Map<IdKey, Integer> firstById = new HashMap<>(size * 4);
        for (int i = 0; i < size; i++) {
            parent[i] = i;
            Finding finding = sightings.get(i).finding();
            Vulnerability vulnerability = finding.vulnerability();
            versions[i] = new PackageVersion(identities.of(finding.pkg()), version(finding));
            join(firstById, new IdKey(versions[i], vulnerability.id().toUpperCase(Locale.ROOT)), i, parent);
            for (String alias : vulnerability.aliases()) {
                join(firstById, new IdKey(versions[i], alias.toUpperCase(Locale.ROOT)), i, parent);
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

    private static void join(Map<IdKey, Integer> firstById, IdKey key, int i, int[] parent) {
        Integer first = firstById.putIfAbsent(key, i);
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

    private static Stream<String> ids(Vulnerability vulnerability) {
        return Stream.concat(Stream.of(vulnerability.id()), vulnerability.aliases().stream());
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
        List<Finding> findings = members.stream().map(Sighting::finding).toList();
        Map<String, String> ids = new LinkedHashMap<>();
        findings.forEach(f -> ids(f.vulnerability()).forEach(id -> ids.putIfAbsent(id.toUpperCase(Locale.ROOT), id)));
        String id = ids.values().stream()
                .filter(MergedFindings::isCve)
                .findFirst()
                .orElse(first.vulnerability().id());
        List<String> aliases = ids.values().stream()
                .filter(alias -> !alias.equalsIgnoreCase(id))
                .toList();
        Finding merged = new Finding(
                vulnerability(findings, id, aliases, choice),
                pkg(findings),
                fix(findings),
                findings.stream()
                        .map(Finding::target)
                        .filter(t -> !t.isEmpty())
                        .findFirst()
                        .orElse(""));
        return new FindingGroup(merged, identity, members, choice.scanner());
    }

    /** Whether a lone finding's id stays the group's id: it is a CVE id, or no alias is. */
    private static boolean keepsItsId(Vulnerability vulnerability) {
        return isCve(vulnerability.id()) || vulnerability.aliases().stream().noneMatch(MergedFindings::isCve);
    }

    private static boolean isCve(String id) {
        return id.regionMatches(true, 0, "CVE-", 0, 4);
    }

    private static Vulnerability vulnerability(
            List<Finding> findings, String id, List<String> aliases, SeverityRule.Choice choice) {
        List<Vulnerability> all = findings.stream().map(Finding::vulnerability).toList();
        Set<Rating> ratings = new LinkedHashSet<>();
        Set<String> cwes = new LinkedHashSet<>();
        all.forEach(v -> {
            ratings.addAll(v.ratings());
            cwes.addAll(v.cwes());
        });
        return new Vulnerability(
                id,
                aliases,
                choice.severity(),
                choice.source(),
                List.copyOf(ratings),
                all.stream()
                        .map(Vulnerability::published)
                        .flatMap(Optional::stream)
                        .min(Comparator.naturalOrder()),
                all.stream()
                        .map(Vulnerability::modified)
                        .flatMap(Optional::stream)
                        .max(Comparator.<Instant>naturalOrder()),
                first(all, Vulnerability::epss),
                first(all, Vulnerability::knownExploited),
                first(all, Vulnerability::title),
                List.copyOf(cwes),
                first(all, Vulnerability::primaryUrl));
    }

    private static <T> Optional<T> first(List<Vulnerability> all, Function<Vulnerability, Optional<T>> part) {
        return all.stream().map(part).flatMap(Optional::stream).findFirst();
    }

    /** The first package with a package URL, which waivers and VEX statements can match, else the first. */
    private static InstalledPackage pkg(List<Finding> findings) {
        return findings.stream()
                .map(Finding::pkg)
                .filter(p -> p.purl().isPresent())
                .findFirst()
                .orElse(findings.get(0).pkg());
    }

    /**
     * {@code FIXED} with every fixed version offered when any finding has a fix; otherwise the
     * first known fix state, with the versions its findings list.
     */
    static Fix fix(List<Finding> findings) {
        FixState state = findings.stream().anyMatch(f -> f.fix().isAvailable())
                ? FixState.FIXED
                : findings.stream()
                        .map(f -> f.fix().state())
                        .filter(s -> s != FixState.UNKNOWN)
                        .findFirst()
                        .orElse(FixState.UNKNOWN);
        List<String> versions = findings.stream()
                .filter(f -> f.fix().state() == state)
                .flatMap(f -> f.fix().versions().stream())
                .distinct()
                .toList();
        return new Fix(state, versions);
    }

    /**
     * What one scanner said of a group: its highest severity and where that came from, and its
     * findings' fix merged as {@link #fix(List)} does.
     */
    private record Answer(Scanner scanner, Severity severity, Optional<String> source, Fix fix) {

        String severityText() {
            return scanner.name() + " " + severity
                    + source.map(s -> " (" + s + ")").orElse("");
        }

        String fixText() {
            return scanner.name() + " " + fix.state()
                    + (fix.versions().isEmpty() ? "" : " " + String.join(", ", fix.versions()));
        }
    }

    private static List<Answer> answers(FindingGroup group) {
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
                    fix(sightings.stream().map(Sighting::finding).toList())));
        }
        return answers;
    }

    private static List<Disagreement> disagreements(FindingGroup group, List<Scanner> merged) {
        List<Answer> answers = answers(group);
        Finding finding = group.finding();
        String subject = finding.vulnerability().id() + " in " + finding.pkg().name()
                + finding.pkg().version().map(v -> " " + v).orElse("") + ": ";
        List<Disagreement> found = new ArrayList<>();
        if (answers.size() == 1) {
            String others = merged.stream()
                    .map(Scanner::name)
                    .filter(name ->
                            !name.equalsIgnoreCase(answers.get(0).scanner().name()))
                    .collect(Collectors.joining(", "));
            found.add(new Disagreement(
                    Disagreement.Kind.ONE_SCANNER_ONLY,
                    group,
                    subject + "reported by " + answers.get(0).scanner().name() + " only, not by " + others));
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
        if (fixedIn.stream().map(a -> Set.copyOf(a.fix().versions())).distinct().count() > 1) {
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
