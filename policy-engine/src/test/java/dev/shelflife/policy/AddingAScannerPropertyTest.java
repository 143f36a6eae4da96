package dev.shelflife.policy;

import static dev.shelflife.policy.Records.days;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.ImageRecord;
import dev.shelflife.InstalledPackage;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import dev.shelflife.Vulnerability;
import dev.shelflife.policy.internal.VulnerabilityIdentity;
import dev.shelflife.policy.merge.FindingGroup;
import dev.shelflife.policy.merge.MergedFindings;
import dev.shelflife.policy.merge.PackageVersions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Adding a scanner never hides a finding: for generated reports of one image and one more
 * scanner's report made to be awkward for merging (advisories that cover several of the
 * image's CVEs, GHSAs that alias one or two of them, the image's CVEs in another package, Go
 * versions with and without their {@code v}, ids that findings of different CVEs share), every
 * violation of the default policy about a vulnerability, at each stage and a fixed instant, is
 * still there with the extra report, wherever it stands in the record: same stage, rule, package
 * and version, about the same CVEs, under ids that include the ones it had. And a waiver for some CVEs takes out exactly the
 * violations whose CVEs it names, never one about another CVE.
 *
 * <p>Violations of the coverage rule are left out: an extra report that rates a finding whose
 * severity was {@code UNKNOWN} rightly ends the "unknown severity" warning about it.
 */
class AddingAScannerPropertyTest {

    private static final long SEED = 0xADD5_CA77L;
    private static final int EXAMPLES = 500;
    private static final Instant AT = days(60);
    private static final List<Stage> STAGES = List.of(Stage.BUILD, Stage.DEPLOY, Stage.RUN);

    private static final List<String> CVES =
            List.of("CVE-2024-1001", "CVE-2024-1002", "cve-2024-1003", "CVE-2024-1004", "CVE-2024-1005");
    private static final List<String> OTHER_IDS =
            List.of("GHSA-aaaa-bbbb-cccc", "ELSA-2024-0001", "DSA-5001-1", "TEMP-0001-A", "ghsa-aaaa-bbbb-cccc");
    private static final List<String> IDS =
            Stream.concat(CVES.stream(), OTHER_IDS.stream()).toList();

    /** One package at one version, as the two kinds of scanner spell it, and a fixed version of it. */
    private record Pkg(InstalledPackage trivy, InstalledPackage grype, String fixedTrivy, String fixedGrype) {

        InstalledPackage spelling(boolean first) {
            return first ? trivy : grype;
        }

        String fixed(boolean first) {
            return first ? fixedTrivy : fixedGrype;
        }
    }

    private static InstalledPackage pkg(String name, String type, String version, String purl) {
        return InstalledPackage.builder(name)
                .version(version)
                .type(type)
                .purl(purl)
                .build();
    }

    private static final List<Pkg> PACKAGES = List.of(
            new Pkg(
                    pkg("gnutls", "oracle", "3.6.16-4.el8", "pkg:rpm/oracle/gnutls@3.6.16-4.el8?arch=x86_64"),
                    pkg("gnutls", "rpm", "3.6.16-4.el8", "pkg:rpm/ol/gnutls@3.6.16-4.el8?arch=x86_64&distro=ol-8.6"),
                    "3.6.16-5.el8_6",
                    "3.6.16-5.el8_6"),
            new Pkg(
                    pkg("gnutls", "oracle", "3.6.16-5.el8", "pkg:rpm/oracle/gnutls@3.6.16-5.el8?arch=x86_64"),
                    pkg("gnutls", "rpm", "3.6.16-5.el8", "pkg:rpm/ol/gnutls@3.6.16-5.el8?arch=x86_64"),
                    "3.6.16-6.el8_7",
                    "3.6.16-6.el8_7"),
            new Pkg(
                    pkg("libc6", "debian", "2.36-9+deb12u4", "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64"),
                    pkg("libc6", "deb", "2.36-9+deb12u4", "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64"),
                    "2.36-9+deb12u7",
                    "2.36-9+deb12u7"),
            new Pkg(
                    pkg("libc-bin", "debian", "2.36-9+deb12u4", "pkg:deb/debian/libc-bin@2.36-9%2Bdeb12u4"),
                    pkg("libc-bin", "deb", "2.36-9+deb12u4", "pkg:deb/debian/libc-bin@2.36-9%2Bdeb12u4"),
                    "2.36-9+deb12u7",
                    "2.36-9+deb12u7"),
            new Pkg(
                    pkg("github.com/gin-gonic/gin", "gobinary", "1.9.0", "pkg:golang/github.com/gin-gonic/gin@1.9.0"),
                    pkg(
                            "github.com/gin-gonic/gin",
                            "go-module",
                            "v1.9.0",
                            "pkg:golang/github.com/gin-gonic/gin@v1.9.0"),
                    "1.9.1",
                    "v1.9.1"),
            new Pkg(
                    pkg("setuptools", "python-pkg", "69.0.3", "pkg:pypi/setuptools@69.0.3"),
                    pkg("setuptools", "python", "69.0.3", "pkg:pypi/setuptools@69.0.3"),
                    "70.0.0",
                    "70.0.0"));

    /** A finding's parts, from which it is made in either spelling of its package. */
    private record Spec(
            List<String> ids, int pkg, boolean firstSpelling, Severity severity, int fix, Optional<Integer> published) {

        Finding finding() {
            Pkg p = PACKAGES.get(pkg);
            Vulnerability.Builder vulnerability =
                    Vulnerability.builder(ids.get(0)).severity(severity);
            ids.subList(1, ids.size()).forEach(vulnerability::alias);
            published.ifPresent(day -> vulnerability.published(days(day)));
            Fix fixed = switch (fix) {
                case 0 -> Fix.fixed(p.fixed(firstSpelling));
                case 1 -> Fix.of(FixState.NOT_FIXED);
                case 2 -> Fix.of(FixState.WONT_FIX);
                default -> Fix.of(FixState.UNKNOWN);
            };
            return new Finding(vulnerability.build(), p.spelling(firstSpelling), fixed, "");
        }

        Spec withIds(List<String> newIds) {
            return new Spec(newIds, pkg, firstSpelling, severity, fix, published);
        }

        Spec inPackage(int newPkg, boolean spelling) {
            return new Spec(ids, newPkg, spelling, severity, fix, published);
        }

        Spec rated(Severity newSeverity, int newFix) {
            return new Spec(ids, pkg, firstSpelling, newSeverity, newFix, published);
        }
    }

    private record ReportSpec(String scanner, int day, List<Spec> findings) {

        ScanReport report() {
            return Records.report(
                    scanner, days(day), findings.stream().map(Spec::finding).toArray(Finding[]::new));
        }
    }

    /** The image's reports, and one more, added at a position in the record (merging must not care where). */
    private record Scenario(List<ReportSpec> reports, ReportSpec extra, int position) {

        List<ScanReport> before() {
            return reports.stream().map(ReportSpec::report).toList();
        }

        List<ScanReport> after() {
            List<ScanReport> all = new ArrayList<>(before());
            all.add(position, extra.report());
            return all;
        }

        @Override
        public String toString() {
            return reports + " + " + extra + " at " + position;
        }
    }

    private static Gen<Spec> specs() {
        Gen<List<String>> ids = Generate.pick(IDS)
                .zip(lists().of(Generate.pick(IDS)).ofSizeBetween(0, 3), (id, aliases) -> {
                    List<String> all = new ArrayList<>();
                    all.add(id);
                    all.addAll(aliases);
                    return List.copyOf(all);
                });
        Gen<Optional<Integer>> published = Generate.range(-200, 50).toOptionals(30);
        return ids.zip(
                Generate.range(0, PACKAGES.size() - 1),
                Generate.booleans(),
                Generate.enumValues(Severity.class).zip(Generate.range(0, 3), (s, f) -> new Object[] {s, f}),
                published,
                (i, p, spelling, rating, date) ->
                        new Spec(i, p, spelling, (Severity) rating[0], (int) rating[1], date));
    }

    private static Gen<ReportSpec> reports(Gen<String> scanners) {
        return scanners.zip(Generate.range(0, 50), lists().of(specs()).ofSizeBetween(0, 7), ReportSpec::new);
    }

    /**
     * Findings made from the image's to be awkward: an advisory over each set of two or more CVEs
     * of one package version, a GHSA of each CVE and of each pair, each finding in the other
     * spelling of its package and in every other package, a new CVE carrying a finding's other ids
     * (a vendor id it shares), and each of a finding's other ids alone.
     */
    private static List<Spec> awkward(List<ReportSpec> reports) {
        List<Spec> all = reports.stream().flatMap(r -> r.findings().stream()).toList();
        List<Spec> made = new ArrayList<>();
        int advisory = 0;
        for (int p = 0; p < PACKAGES.size(); p++) {
            int pkg = p;
            List<Spec> here = all.stream().filter(s -> s.pkg() == pkg).toList();
            Set<String> cves = here.stream()
                    .flatMap(s -> s.ids().stream())
                    .filter(VulnerabilityIdentity::isCve)
                    .map(VulnerabilityIdentity::upper)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (here.isEmpty()) {
                continue;
            }
            Spec template = here.get(0);
            List<String> list = List.copyOf(cves);
            for (int a = 0; a < list.size(); a++) {
                made.add(template.withIds(List.of("GHSA-one-" + a, list.get(a))));
                for (int b = a + 1; b < list.size(); b++) {
                    made.add(template.withIds(List.of("ELSA-2099-" + advisory++, list.get(a), list.get(b))));
                    made.add(template.withIds(List.of("GHSA-two-" + a + b, list.get(a), list.get(b))));
                }
            }
            if (list.size() > 2) {
                List<String> covering = new ArrayList<>();
                covering.add("RHSA-2099:" + advisory++);
                covering.addAll(list);
                made.add(template.withIds(covering));
            }
        }
        for (Spec spec : all) {
            made.add(spec.inPackage(spec.pkg(), !spec.firstSpelling()));
            for (int p = 0; p < PACKAGES.size(); p++) {
                if (p != spec.pkg()) {
                    made.add(spec.inPackage(p, spec.firstSpelling()));
                }
            }
            List<String> others = spec.ids().stream()
                    .filter(id -> !VulnerabilityIdentity.isCve(id))
                    .toList();
            if (!others.isEmpty()) {
                List<String> sharing = new ArrayList<>();
                sharing.add("CVE-2024-1009");
                sharing.addAll(others);
                made.add(spec.withIds(sharing));
                others.forEach(id -> made.add(spec.withIds(List.of(id))));
            }
        }
        return made;
    }

    private static Gen<Scenario> scenarios() {
        return lists().of(reports(Generate.pick(List.of("Trivy", "Grype"))))
                .ofSizeBetween(1, 3)
                .flatMap(base -> {
                    List<Spec> awkward = awkward(base);
                    Gen<Spec> made = awkward.isEmpty()
                            ? specs()
                            : Generate.frequency(
                                    Pair.of(
                                            4,
                                            Generate.pick(awkward)
                                                    .zip(
                                                            Generate.enumValues(Severity.class),
                                                            Generate.range(0, 3),
                                                            Spec::rated)),
                                    Pair.of(1, specs()));
                    return Generate.range(0, 50)
                            .zip(
                                    lists().of(made).ofSizeBetween(1, 8),
                                    Generate.range(0, base.size()),
                                    (day, findings, at) ->
                                            new Scenario(base, new ReportSpec("Snyk", day, findings), at));
                });
    }

    /** A violation about a vulnerability, as compared from one evaluation to the other. */
    private record Violated(
            Stage stage, String rule, String pkg, String version, Set<String> cves, Set<String> ids, String id) {}

    private static List<Violated> violated(Policy policy, List<ScanReport> reports) {
        PolicyEngine engine = PolicyEngine.of(policy);
        ImageRecord record = ImageRecord.of(reports);
        List<Violated> found = new ArrayList<>();
        for (Stage stage : STAGES) {
            for (Violation violation : engine.evaluate(record, stage, AT).violations()) {
                if (violation.ruleId().equals("coverage") || violation.group().isEmpty()) {
                    continue;
                }
                FindingGroup group = violation.group().get();
                Vulnerability vulnerability = group.finding().vulnerability();
                found.add(new Violated(
                        stage,
                        violation.ruleId(),
                        group.packageIdentity(),
                        PackageVersions.versionKey(group.finding()),
                        VulnerabilityIdentity.cves(vulnerability),
                        VulnerabilityIdentity.ids(vulnerability).collect(Collectors.toSet()),
                        group.id()));
            }
        }
        return found;
    }

    private static boolean stillThere(Violated before, List<Violated> after) {
        return after.stream()
                .anyMatch(v -> v.stage().equals(before.stage())
                        && v.rule().equals(before.rule())
                        && v.pkg().equals(before.pkg())
                        && v.version().equals(before.version())
                        && v.cves().equals(before.cves())
                        && v.ids().containsAll(before.ids()));
    }

    @Test
    void neverTakesAViolationAwayWhenAnotherScannersReportIsAdded() {
        AtomicInteger advisoriesBesideTheirCves = new AtomicInteger();
        AtomicInteger violationsKept = new AtomicInteger();
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(scenarios()).checkAssert(scenario -> {
            List<Violated> before = violated(Policies.defaults(), scenario.before());
            List<Violated> after = violated(Policies.defaults(), scenario.after());
            for (Violated violation : before) {
                assertThat(stillThere(violation, after))
                        .as("%s is gone after adding %s; after: %s", violation, scenario.extra(), after)
                        .isTrue();
            }
            violationsKept.addAndGet(before.size());
            MergedFindings merged = MergedFindings.of(PolicyEngine.latestPerScanner(scenario.after()));
            for (FindingGroup group : merged.groups()) {
                Set<String> cves = VulnerabilityIdentity.cves(group.finding().vulnerability());
                assertThat(group.sightings())
                        .as("group %s", group.id())
                        .allSatisfy(s -> assertThat(
                                        VulnerabilityIdentity.cves(s.finding().vulnerability()))
                                .isEqualTo(cves));
                if (cves.size() > 1
                        && merged.groups().stream()
                                .anyMatch(g -> g != group
                                        && g.packageIdentity().equals(group.packageIdentity())
                                        && cves.containsAll(VulnerabilityIdentity.cves(
                                                g.finding().vulnerability())))) {
                    advisoriesBesideTheirCves.incrementAndGet();
                }
            }
        });
        assertThat(violationsKept).as("violations checked").hasValueGreaterThan(EXAMPLES);
        assertThat(advisoriesBesideTheirCves)
                .as("advisories met beside a group of a CVE they cover")
                .hasValueGreaterThan(EXAMPLES / 5);
    }

    @Test
    void letsAWaiverForSomeCvesTakeOutExactlyTheViolationsWhoseCvesItNames() {
        Gen<List<String>> waived = lists().of(Generate.pick(CVES)).ofSizeBetween(1, 3);
        AtomicInteger kept = new AtomicInteger();
        AtomicInteger waivedAway = new AtomicInteger();
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(scenarios(), waived, Generate.booleans())
                .checkAssert((scenario, cves, onlyGnutls) -> {
                    List<Waiver> waivers = new ArrayList<>();
                    for (String cve : new LinkedHashSet<>(cves)) {
                        Waiver.Builder waiver = Waiver.builder("W-" + waivers.size())
                                .vulnerability(cve)
                                .owner("platform")
                                .reason("accepted")
                                .expires(days(365));
                        if (onlyGnutls) {
                            waiver.pkg("gnutls");
                        }
                        waivers.add(waiver.build());
                    }
                    Set<String> named =
                            cves.stream().map(VulnerabilityIdentity::upper).collect(Collectors.toSet());
                    Policy withWaivers = new Policy(Policies.defaults().stages(), waivers);
                    List<Violated> without = violated(Policies.defaults(), scenario.after());
                    List<Violated> with = violated(withWaivers, scenario.after());
                    for (Violated violation : without) {
                        boolean inScope = !onlyGnutls || violation.pkg().equals("rpm/gnutls");
                        boolean allNamed = !violation.cves().isEmpty() && named.containsAll(violation.cves());
                        if (inScope && allNamed) {
                            assertThat(with)
                                    .as("%s, waived by %s", violation, named)
                                    .doesNotContain(violation);
                            waivedAway.incrementAndGet();
                        } else {
                            assertThat(with)
                                    .as("%s, not waived by %s", violation, named)
                                    .contains(violation);
                            kept.incrementAndGet();
                        }
                    }
                });
        assertThat(waivedAway).as("violations waived").hasValueGreaterThan(EXAMPLES / 5);
        assertThat(kept).as("violations kept").hasValueGreaterThan(EXAMPLES / 5);
    }
}
