package dev.shelflife.policy;

import dev.shelflife.Finding;
import dev.shelflife.IgnoreRule;
import dev.shelflife.InstalledPackage;
import dev.shelflife.PackageUrl;
import dev.shelflife.VexStatement;
import dev.shelflife.Vulnerability;
import dev.shelflife.policy.internal.VulnerabilityIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Applies the rules of scanners' ignore files, imported as waivers, to the findings the policy's
 * waivers and the VEX statements left: what is left for the rules, which rules took what out, the
 * warnings about rules that never expire or lack what the policy requires, and the instants at
 * which the rules that matched expire.
 *
 * <p>A rule matches a finding when every condition it sets matches, as Trivy and Grype match
 * them:
 * <ul>
 * <li>{@code vulnerability}: the finding's id or one of its aliases, ignoring case, with the
 *     advisory rule of {@link VulnerabilityIdentity#reaches} (ShelfLife merges the findings of
 *     several scanners, and which of a vulnerability's names a merged finding carries as its id
 *     depends on which scanners saw it);</li>
 * <li>{@code packageName}: a regular expression the whole package name matches, as Grype's
 *     {@code package.name} is;</li>
 * <li>{@code packageVersion}: the installed version, exactly;</li>
 * <li>{@code packageType}: the package's type or the type of its package URL, ignoring case;</li>
 * <li>{@code packageUrls}: one of them names the finding's package URL: type, namespace and name,
 *     the version if it has one (a versionless URL matches every version), and each of its
 *     qualifiers; a finding without a package URL matches none;</li>
 * <li>{@code paths}: one of them matches the finding's package path or its target
 *     ({@link IgnoreRule#matchesPath});</li>
 * <li>{@code fixState}: the finding's fix state;</li>
 * <li>{@code vexStatus}: the VEX statement of the record that speaks last about the finding (see
 *     {@link Statements}) has that status
 *     ({@code not_affected}, {@code affected}, {@code fixed}, {@code under_investigation}).</li>
 * </ul>
 * A rule that sets no condition matches nothing. A rule applies while the evaluation instant is
 * before its expiry, as a waiver does; one that has expired is left out.
 */
final class ImportedRules {

    /** The rule id of the warnings imported rules add to a verdict. */
    static final String RULE_ID = ImportedWaivers.KEY;

    private static final Map<String, Set<VexStatement.State>> VEX_STATES = Map.of(
            "not_affected", Set.of(VexStatement.State.NOT_AFFECTED, VexStatement.State.FALSE_POSITIVE),
            "affected", Set.of(VexStatement.State.EXPLOITABLE),
            "fixed", Set.of(VexStatement.State.RESOLVED, VexStatement.State.RESOLVED_WITH_PEDIGREE),
            "under_investigation", Set.of(VexStatement.State.IN_TRIAGE));

    private final List<Finding> remaining;
    private final List<AppliedWaiver> applied;
    private final List<Violation> warnings;
    private final Map<String, Instant> expiries;

    private ImportedRules(
            List<Finding> remaining,
            List<AppliedWaiver> applied,
            List<Violation> warnings,
            Map<String, Instant> expiries) {
        this.remaining = remaining;
        this.applied = applied;
        this.warnings = warnings;
        this.expiries = expiries;
    }

    static ImportedRules apply(
            List<IgnoreRule> rules,
            ImportedWaivers settings,
            Statements statements,
            Instant at,
            List<Finding> findings) {
        List<IgnoreRule> active = rules.stream()
                .filter(IgnoreRule::hasConditions)
                .filter(r -> r.expires().map(at::isBefore).orElse(true))
                .toList();
        if (!settings.apply() || active.isEmpty() || findings.isEmpty()) {
            return new ImportedRules(List.copyOf(findings), List.of(), List.of(), Map.of());
        }
        Matcher matcher = new Matcher(statements);
        Map<IgnoreRule, List<Finding>> matched = new LinkedHashMap<>();
        active.forEach(r -> matched.put(r, new ArrayList<>()));
        List<IgnoreRule> applying = active.stream()
                .filter(r -> settings.lacks(r).stream().noneMatch(settings.require()::contains))
                .toList();
        List<Finding> remaining = new ArrayList<>();
        for (Finding finding : findings) {
            for (IgnoreRule rule : active) {
                if (matcher.matches(rule, finding)) {
                    matched.get(rule).add(finding);
                }
            }
            boolean waived = applying.stream().anyMatch(r -> matched.get(r).contains(finding));
            if (!waived) {
                Set<String> cves = VulnerabilityIdentity.cves(finding.vulnerability());
                List<IgnoreRule> covering = new ArrayList<>();
                waived = cves.size() > 1
                        && cves.stream().allMatch(cve -> {
                            Finding alone = alone(finding, cve);
                            List<IgnoreRule> rulesOfCve = applying.stream()
                                    .filter(r -> matcher.matches(r, alone))
                                    .toList();
                            covering.addAll(rulesOfCve);
                            return !rulesOfCve.isEmpty();
                        });
                if (waived) {
                    covering.stream().distinct().forEach(r -> matched.get(r).add(finding));
                }
            }
            if (!waived) {
                remaining.add(finding);
            }
        }
        List<AppliedWaiver> applied = new ArrayList<>();
        List<Violation> warnings = new ArrayList<>();
        Map<String, Instant> expiries = new LinkedHashMap<>();
        matched.forEach((rule, taken) -> {
            if (taken.isEmpty()) {
                return;
            }
            Set<ImportedWaivers.Part> lacks = settings.lacks(rule);
            rule.expires().ifPresent(e -> expiries.merge(rule.id(), e, (a, b) -> a.isBefore(b) ? a : b));
            Set<ImportedWaivers.Part> missing = lacks.stream()
                    .filter(settings.require()::contains)
                    .collect(Collectors.toCollection(() -> java.util.EnumSet.noneOf(ImportedWaivers.Part.class)));
            String what = describe(rule);
            if (!missing.isEmpty()) {
                warnings.add(Violation.builder(
                                RULE_ID,
                                what + " is not applied: it lacks " + parts(missing) + ", which the policy's "
                                        + ImportedWaivers.KEY + " require, so the " + count(taken)
                                        + " it matches stay judged")
                        .effect(Effect.WARN)
                        .build());
                return;
            }
            applied.add(new AppliedWaiver(
                    rule.id(),
                    AppliedWaiver.Origin.IMPORTED,
                    rule.owner(),
                    rule.reason().filter(r -> !r.isBlank()).orElse("no reason given (an ignore file's rule)"),
                    rule.expires(),
                    taken,
                    lacks));
            if (rule.expires().isEmpty()) {
                warnings.add(Violation.builder(
                                RULE_ID,
                                what + " never expires: it leaves " + count(taken)
                                        + " out for good; give it an expiry, or a waiver of the policy instead")
                        .effect(Effect.WARN)
                        .build());
            }
        });
        return new ImportedRules(List.copyOf(remaining), List.copyOf(applied), List.copyOf(warnings), expiries);
    }

    /** The findings no rule took out. */
    List<Finding> remaining() {
        return remaining;
    }

    /** The rules that took findings out, in the order of the evidence. */
    List<AppliedWaiver> applied() {
        return applied;
    }

    /** Warnings: rules that never expire, rules that lack what the policy requires. */
    List<Violation> warnings() {
        return warnings;
    }

    /** When each rule that matched a finding expires, by rule id: each a change of the verdict. */
    Map<String, Instant> expiries() {
        return expiries;
    }

    private static String describe(IgnoreRule rule) {
        return "ignore rule " + rule.id()
                + rule.vulnerability().map(v -> " (" + v + ")").orElse("");
    }

    private static String count(List<Finding> findings) {
        return findings.size() + (findings.size() == 1 ? " finding" : " findings");
    }

    private static String parts(Set<ImportedWaivers.Part> parts) {
        List<String> names = parts.stream().map(p -> "an " + p.key()).toList();
        return String.join(" and ", names).replace("an reason", "a reason");
    }

    /** A finding of one CVE of an advisory, alone, in the advisory's package. */
    private static Finding alone(Finding advisory, String cve) {
        return new Finding(Vulnerability.builder(cve).build(), advisory.pkg(), advisory.fix(), advisory.target());
    }

    /** Matches rules against findings, with the regular expressions of package names compiled once. */
    private static final class Matcher {
        private final Statements statements;
        private final Map<String, Optional<Pattern>> names = new HashMap<>();

        Matcher(Statements statements) {
            this.statements = statements;
        }

        boolean matches(IgnoreRule rule, Finding finding) {
            InstalledPackage pkg = finding.pkg();
            return rule.hasConditions()
                    && rule.vulnerability()
                            .map(v -> VulnerabilityIdentity.reaches(List.of(v), finding.vulnerability()))
                            .orElse(true)
                    && rule.packageName().map(n -> nameMatches(n, pkg.name())).orElse(true)
                    && rule.packageVersion()
                            .map(v -> pkg.version().filter(v::equals).isPresent())
                            .orElse(true)
                    && rule.packageType().map(t -> typeMatches(t, pkg)).orElse(true)
                    && (rule.packageUrls().isEmpty() || purlMatches(rule.packageUrls(), pkg))
                    && (rule.paths().isEmpty()
                            || pkg.path().filter(rule::matchesPath).isPresent()
                            || rule.matchesPath(finding.target()))
                    && rule.fixState().map(s -> finding.fix().state() == s).orElse(true)
                    && rule.vexStatus().map(s -> vexStatusIs(s, finding)).orElse(true);
        }

        private boolean nameMatches(String pattern, String name) {
            return names.computeIfAbsent(pattern, p -> {
                        try {
                            return Optional.of(Pattern.compile(p));
                        } catch (PatternSyntaxException e) {
                            return Optional.empty();
                        }
                    })
                    .map(p -> p.matcher(name).matches())
                    .orElse(false);
        }

        private static boolean typeMatches(String type, InstalledPackage pkg) {
            return pkg.type().filter(type::equalsIgnoreCase).isPresent()
                    || pkg.purl()
                            .flatMap(ImportedRules::purlType)
                            .filter(type::equalsIgnoreCase)
                            .isPresent();
        }

        private static boolean purlMatches(List<String> purls, InstalledPackage pkg) {
            Optional<PackageUrl> parsed = pkg.purl().flatMap(PackageUrl::parse);
            if (parsed.isEmpty()) {
                return false;
            }
            Set<Map.Entry<String, String>> qualifiers =
                    parsed.get().qualifiers().entrySet();
            return purls.stream()
                    .anyMatch(text -> PackageUrl.parse(text)
                            .filter(rule -> rule.covers(parsed.get()))
                            .filter(rule ->
                                    qualifiers.containsAll(rule.qualifiers().entrySet()))
                            .isPresent());
        }

        private boolean vexStatusIs(String status, Finding finding) {
            Set<VexStatement.State> states = VEX_STATES.getOrDefault(status.toLowerCase(Locale.ROOT), Set.of());
            int deciding = statements.deciding(finding);
            return deciding >= 0 && states.contains(statements.get(deciding).state());
        }
    }

    private static Optional<String> purlType(String purl) {
        return PackageUrl.parse(purl).map(PackageUrl::type);
    }
}
