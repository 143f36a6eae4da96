package dev.shelflife.policy;

import dev.shelflife.Finding;
import dev.shelflife.Stage;
import dev.shelflife.VexStatement;
import dev.shelflife.Vulnerability;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Applies a policy's waivers and an image's VEX statements to its findings: what is left for the
 * rules, which waivers applied to what, which matched nothing, which expired, and when the
 * active ones expire.
 *
 * <p>A VEX statement whose state {@linkplain VexStatement.State#suppressesFinding() suppresses
 * findings} applies to a finding when its vulnerability id or one of its aliases names the
 * finding's vulnerability (ignoring case; when the statement names CVEs, the finding names no
 * other, see {@link VulnerabilityIdentity#reaches}) and it lists no products, or one of its products is a package URL
 * that names the finding's package (qualifiers and subpath ignored) and, if it has a version, the
 * same version.
 *
 * <p>A finding that names several CVEs (a distribution advisory that covers them) is taken out
 * by what names it (a waiver or statement for the advisory's id), or when every one of its CVEs
 * is: each by a waiver or statement that would take out a finding of that CVE alone in the same
 * package. A waiver for one of them alone leaves it in, since it stands for the others too.
 *
 * @param remaining the findings no waiver or statement took out
 * @param applied the waivers, then the statements, that took findings out
 * @param unmatched the active waivers covering the stage that matched nothing
 * @param expired the waivers covering the stage that have expired
 * @param active the active waivers covering the stage, whose expiries change the verdict
 */
record Exemptions(
        List<Finding> remaining,
        List<AppliedWaiver> applied,
        List<Waiver> unmatched,
        List<Waiver> expired,
        List<Waiver> active) {

    static Exemptions apply(
            List<Waiver> waivers, List<VexStatement> statements, Stage stage, Instant at, List<Finding> findings) {
        List<Waiver> covering = waivers.stream().filter(w -> w.covers(stage)).toList();
        List<Waiver> active = covering.stream().filter(w -> w.isActiveAt(at)).toList();
        List<Waiver> expired = covering.stream().filter(w -> !w.isActiveAt(at)).toList();
        List<VexStatement> suppressing =
                statements.stream().filter(s -> s.state().suppressesFinding()).toList();
        if (active.isEmpty() && suppressing.isEmpty()) {
            return new Exemptions(List.copyOf(findings), List.of(), List.of(), expired, List.of());
        }
        Map<Waiver, List<Finding>> byWaiver = new LinkedHashMap<>();
        active.forEach(w -> byWaiver.put(w, new ArrayList<>()));
        Map<Integer, List<Finding>> byStatement = new LinkedHashMap<>();
        List<Finding> remaining = new ArrayList<>();
        for (Finding finding : findings) {
            List<Waiver> waivedBy = new ArrayList<>();
            List<Integer> suppressedBy = new ArrayList<>();
            boolean waived = exempt(finding, active, suppressing, waivedBy, suppressedBy);
            if (!waived) {
                Set<String> cves = VulnerabilityIdentity.cves(finding.vulnerability());
                waived = cves.size() > 1
                        && cves.stream()
                                .allMatch(cve ->
                                        exempt(alone(finding, cve), active, suppressing, waivedBy, suppressedBy));
                if (!waived) {
                    waivedBy.clear();
                    suppressedBy.clear();
                }
            }
            waivedBy.forEach(waiver -> {
                List<Finding> matched = byWaiver.get(waiver);
                if (matched.isEmpty() || matched.get(matched.size() - 1) != finding) {
                    matched.add(finding);
                }
            });
            suppressedBy.stream()
                    .distinct()
                    .forEach(i -> byStatement
                            .computeIfAbsent(i, k -> new ArrayList<>())
                            .add(finding));
            if (!waived) {
                remaining.add(finding);
            }
        }
        List<AppliedWaiver> applied = new ArrayList<>();
        byWaiver.forEach((waiver, matched) -> {
            if (!matched.isEmpty()) {
                applied.add(new AppliedWaiver(
                        waiver.id(),
                        AppliedWaiver.Origin.POLICY,
                        Optional.of(waiver.owner()),
                        waiver.reason(),
                        Optional.of(waiver.expires()),
                        matched));
            }
        });
        byStatement.forEach((index, matched) -> {
            VexStatement statement = suppressing.get(index);
            applied.add(new AppliedWaiver(
                    "vex:" + statement.vulnerabilityId(),
                    AppliedWaiver.Origin.VEX,
                    Optional.empty(),
                    reason(statement),
                    Optional.empty(),
                    matched));
        });
        List<Waiver> unmatched =
                active.stream().filter(w -> byWaiver.get(w).isEmpty()).toList();
        return new Exemptions(List.copyOf(remaining), List.copyOf(applied), unmatched, expired, active);
    }

    /**
     * Whether waivers or statements take a finding out, adding those that do to the lists.
     *
     * @return {@code true} if any does
     */
    private static boolean exempt(
            Finding finding,
            List<Waiver> active,
            List<VexStatement> suppressing,
            List<Waiver> waivedBy,
            List<Integer> suppressedBy) {
        boolean waived = false;
        for (Waiver waiver : active) {
            if (waiver.matches(finding)) {
                waivedBy.add(waiver);
                waived = true;
            }
        }
        for (int i = 0; i < suppressing.size(); i++) {
            if (matches(suppressing.get(i), finding)) {
                suppressedBy.add(i);
                waived = true;
            }
        }
        return waived;
    }

    /** A finding of one CVE of an advisory, alone, in the advisory's package. */
    private static Finding alone(Finding advisory, String cve) {
        return new Finding(Vulnerability.builder(cve).build(), advisory.pkg(), advisory.fix(), advisory.target());
    }

    static boolean matches(VexStatement statement, Finding finding) {
        boolean sameVulnerability = VulnerabilityIdentity.reaches(
                Stream.concat(Stream.of(statement.vulnerabilityId()), statement.aliases().stream())
                        .toList(),
                finding.vulnerability());
        if (!sameVulnerability) {
            return false;
        }
        if (statement.products().isEmpty()) {
            return true;
        }
        Optional<Purl> installed = finding.pkg().purl().flatMap(Purl::parse);
        return installed.isPresent()
                && statement.products().stream()
                        .map(Purl::parse)
                        .flatMap(Optional::stream)
                        .anyMatch(product -> product.covers(installed.get()));
    }

    private static String reason(VexStatement statement) {
        StringBuilder text = new StringBuilder("VEX " + statement.state().name().toLowerCase(Locale.ROOT));
        statement.justification().ifPresent(j -> text.append(": ").append(j));
        statement.detail().ifPresent(d -> text.append(" (").append(d).append(')'));
        return text.toString();
    }
}
